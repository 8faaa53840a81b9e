// 预期成绩 x.y / expected accomplishment x.y — with the gloss people add in brackets after it
// ("预期成绩 2.1（迅速部署和建立维和行动）"): the gloss repeats the accomplishment, it is not a topic.
import { matchAll, type Mention, type Recogniser } from '../mention.ts';

const EA = /(?:预期成绩|预期成果|expected accomplishments?|accomplishments?|\bEA)\s*(?:no\.?\s*)?(\d+\.\d+)(?:\s*[（(][^）)]{1,60}[）)])?/gi;

export const accomplishmentRecogniser: Recogniser = {
  name: 'accomplishment',
  extract: (text: string): Mention[] => matchAll(text, EA, 'accomplishment', (m) => ({ kind: 'accomplishment', code: m[1]! })),
};
