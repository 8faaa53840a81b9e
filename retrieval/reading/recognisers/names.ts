// Name-shaped spans in Latin script: capitalised words past the first of a sentence ("Department of Political
// Affairs", "Afghanistan"), acronyms anywhere ("UNDP"). They are candidates: the rows (through the glossary)
// decide whether the report has the name; a unit the resolver knows has already won the span.
import { EN_UNIT_HEAD } from '../../lexicon/names.ts';
import type { Mention, Recogniser } from '../mention.ts';

const NAME = /\b[A-Z][\w'’-]*(?:\s+(?:of|for|on|and|the|de|du|des)\s+[A-Z][\w'’-]*|\s+[A-Z][\w'’-]*)*/g;
const ACRONYM = /^[A-Z]{2,}s?$/;
/** The words a question starts with, capitalised only for being first. */
const QUESTION_WORD = /^(what|which|how|who|whom|whose|where|when|why|is|are|was|were|do|does|did|has|have|had|will|shall|should|may|might|must|can|could|would|please|show|list|give|tell|compare|rank|count|summari[sz]e|and|but|so|then|also|only|just|any|all|the|a|an|in|of|for|on|at|by|from|with)\b/i;

export const nameRecogniser: Recogniser = {
  name: 'name',
  extract(text: string): Mention[] {
    const out: Mention[] = [];
    for (const m of text.matchAll(NAME)) {
      const start = m.index!;
      let name = m[0];
      let from = start;
      // A sentence's first word is capitalised anyway: it is a name only as an acronym or with more name after it.
      const before = text.slice(0, start).trimEnd();
      const sentenceStart = before === '' || /[.?!:;。？！：；]$/.test(before);
      // A name of several capitalised words keeps its first word ("Office of Counter-Terrorism: …", "Board of Auditors …").
      const severalWords = name.split(/\s+/).filter((w) => /^[A-Z]/.test(w)).length >= 2 && !QUESTION_WORD.test(name);
      if (sentenceStart && !ACRONYM.test(name.split(/\s+/)[0]!) && !severalWords) {
        const rest = /^\S+\s+/.exec(name);
        if (!rest) continue;
        name = name.slice(rest[0].length);
        from += rest[0].length;
        if (!/^[A-Z]/.test(name)) continue;
      }
      const kind = ACRONYM.test(name) ? 'organisation' : EN_UNIT_HEAD.test(name) ? 'unit' : 'name';
      out.push({ start: from, end: from + name.length, text: name, recogniser: 'name', meaning: { kind: 'name', nameKind: kind } });
    }
    return out;
  },
};
