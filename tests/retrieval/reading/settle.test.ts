import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../retrieval/reading/mention.ts';
import { attachNegation, settleOverlaps, uncovered } from '../../../retrieval/reading/settle.ts';

const m = (start: number, end: number, meaning: Mention['meaning'], text = ''): Mention => ({ start, end, text, recogniser: 'test', meaning });

describe('overlap refiner', () => {
  it('longest wins, then the more specific kind', () => {
    const kept = settleOverlaps([m(0, 2, { kind: 'form', why: 'x' }), m(0, 4, { kind: 'status', flag: 'below_plan', negated: false }), m(4, 7, { kind: 'form', why: 'x' }), m(4, 7, { kind: 'unit', unit: { department: 'B', office: null }, excluded: false, qualifier: false })]);
    expect(kept.map((k) => k.meaning.kind)).toEqual(['status', 'unit']);
  });
  it('attaches an exclusion word to the names listed after it', () => {
    const text = 'except A and B';
    const out = attachNegation(text, [m(0, 6, { kind: 'negator', scope: 'except' }), m(7, 8, { kind: 'unit', unit: { department: 'A', office: null }, excluded: false, qualifier: false }), m(13, 14, { kind: 'unit', unit: { department: 'B', office: null }, excluded: false, qualifier: false })]);
    expect(out.filter((x) => x.meaning.kind === 'unit' && x.meaning.excluded)).toHaveLength(2);
  });
  it('returns the uncovered words as chunks with positions, split at punctuation', () => {
    expect(uncovered('监督厅的培训，和刊物', [m(0, 3, { kind: 'form', why: 'x' })])).toEqual([
      { start: 3, end: 6, text: '的培训' },
      { start: 7, end: 10, text: '和刊物' },
    ]);
  });
});
