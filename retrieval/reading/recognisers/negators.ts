// Negation and exclusion words. They mean nothing alone; the refiner attaches each to the status or unit it
// governs ("没有推迟", "not above plan", "除了管理部以外", "except DPKO and DFS").
import { matchAll, type Mention, type Recogniser } from '../mention.ts';

// "有没有被推迟", "是不是推迟了" ask whether; they negate nothing.
const NOT_ZH = /(?<![有是要能会])(没有被?|没被|未被?|并未|并没有|不是|并非|非|不)(说是?|说|标为|标明|显示为?|提到|写明|注明|被|是?因为|由于)?(?=\S)/g;
const NOT_EN = /\b(not|never|weren't|wasn't|aren't|isn't|haven't|hasn't|without being|no longer)\b/gi;
const EXCEPT = /除了|除去|除|不包括|不含|不算|排除|\b(except( for)?|excluding|other than|apart from|besides|leaving out|leave out|without|but not|outside( of)?|not counting|not including)\b/gi;
const EXCEPT_AFTER = /以外|之外|除外/g;

export const negatorRecogniser: Recogniser = {
  name: 'negator',
  extract(text: string): Mention[] {
    return [
      ...matchAll(text, NOT_ZH, 'negator.not', () => ({ kind: 'negator', scope: 'not' })),
      ...matchAll(text, NOT_EN, 'negator.not', () => ({ kind: 'negator', scope: 'not' })),
      ...matchAll(text, EXCEPT, 'negator.except', () => ({ kind: 'negator', scope: 'except' })),
      ...matchAll(text, EXCEPT_AFTER, 'negator.except', () => ({ kind: 'negator', scope: 'except_after' })),
    ];
  },
};
