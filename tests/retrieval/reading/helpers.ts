// One-line readings for recogniser tests: the real recognisers and refiners over a tiny fake report
// (units 外勤支助部/DFS = B, 管理事务部/DM = C, 监督厅/OIOS = E), no ingest.
import { expect } from 'vitest';
import { readQuestionText, settleUnevidenced, type QuestionReading, type ReadingDeps } from '../../../retrieval/reading/read.ts';
import { typoVocabulary } from '../../../retrieval/reading/typos.ts';
import { conceptsOf, detectLanguage, type UnitMention } from '../../../retrieval/understand.ts';

const UNITS: Array<[string, string, string | null]> = [
  ['外勤支助部', 'B', null], ['外勤部', 'B', null], ['DFS', 'B', null], ['Department of Field Support', 'B', null],
  ['管理事务部', 'C', null], ['管理部', 'C', null], ['Department of Management', 'C', null],
  ['监督厅', 'E', null], ['OIOS', 'E', null], ['外勤人事司', 'B', 'c'],
];
/** Words the fake report prints. */
const REPORT = ['培训', '培训班', '刊物', '资源', '现有资源', 'umoja', '安全局势', '部队派遣国'];

export const fakeDeps: ReadingDeps = {
  findUnits(text: string): UnitMention[] {
    const found: UnitMention[] = [];
    for (const [name, department, office] of [...UNITS].sort((a, b) => b[0].length - a[0].length)) {
      if (text.toLowerCase().includes(name.toLowerCase()) && !found.some((f) => f.matchedText.includes(name))) found.push({ department, office, matchedText: name });
    }
    return found;
  },
  translate: (text) => (/\btraining\b/i.test(text) ? [{ zh: ['培训'], text: 'training' }] : []),
  evidence: (concept) => (concept.some((a) => REPORT.some((w) => a.toLowerCase().includes(w) || w.includes(a.toLowerCase()))) ? 1 : 0),
  typos: { vocabulary: typoVocabulary([...UNITS.map((u) => u[0]), '低于计划', '高于计划', 'postponed', 'below plan']), known: (w) => REPORT.includes(w) || ['which', 'outputs', 'below', 'plan'].includes(w) },
  conceptsOf: (chunk, language) => conceptsOf(chunk, language, (t) => fakeDeps.translate(t)),
};

export function read(text: string, isLookup = false): QuestionReading {
  return settleUnevidenced(readQuestionText(text, detectLanguage(text), fakeDeps), isLookup);
}

/** The reading of `text` has (at least) these parts. */
export function expectReading(text: string, parts: Partial<Record<keyof QuestionReading, unknown>>): void {
  const r = read(text);
  const view = { ...r, measures: [...r.measures] };
  expect(view, JSON.stringify({ ...view, mentions: undefined, trace: r.trace.map((t) => `${t.text}=${t.meaning}`) })).toMatchObject(parts);
}

/** The meanings of the mentions of one kind. */
export const mentionsOf = (text: string, kind: string): Array<Record<string, unknown> & { text: string }> =>
  read(text).mentions.filter((m) => m.meaning.kind === kind).map((m) => ({ text: m.text, ...m.meaning }));
