// Status words as the question says them ("推迟", "fell short", "marked 否"): the patterns live with every other
// status word in store/status.ts; the report's own flags are derived at ingest (ingest/status.ts).
import { STATUS_QUESTION_PATTERNS } from '../../../store/status.ts';
import { matchAll, type Mention, type Recogniser } from '../mention.ts';

export const statusRecogniser: Recogniser = {
  name: 'status',
  extract(text: string): Mention[] {
    return STATUS_QUESTION_PATTERNS.flatMap((p) =>
      [p.zh, p.en].flatMap((re) => matchAll(text, re, `status.${p.flag}`, () => ({ kind: 'status', flag: p.flag, negated: false }))),
    );
  },
};
