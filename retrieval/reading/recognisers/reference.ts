// Words that point at the conversation: narrowing (其中, of those, only the … ones), switching (那…呢, what
// about), pronouns, ordinals (the second one, 第二个) and starting over.
import * as F from '../../lexicon/question-forms.ts';
import { matchAll, type Mention, type Recogniser } from '../mention.ts';

const ORDINAL = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\s+(one|output|row|item)s?\b|\b(?:no\.?|number|#)\s*\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)\b|第\s*([一二两三四五六七八九十]|\d{1,2})\s*(个|项|条|行)?|最后一(个|项|条)/gi;
const PRONOUN_ZH = /其中|它们|他们|这些|那些|这个|那个|这项|那项|上述|以上|这里面|这中间|当中|该部门|该厅|本部门|本厅|该部|该司|刚才|刚刚|前面|之前|上一个|上一条|上一项/g;
const PRONOUN_EN = /\b(them|these|those|they|it|its|their|that|this one|that one|the ones|ones|one|previous|earlier|the last one|the one before|just now)\b/gi;
const SWITCH = /^(那么?|还有|再看看?|换成|改成|同样|一样)|呢(?=\s*[？?]?\s*$)|^\s*(and|what about|how about|same for|the same for|now|ok(ay)?|then)\b|\bwhat about\b|\bhow about\b/gi;
/** A turn that says it starts something new: it is read alone whatever it lacks. */
const NEW_TOPIC = /另外问一下|另外问下|换个问题|新问题|还有一个问题|还有个问题|不相关的问题|\b(separate|different|unrelated|new|another) question\b|\btotally different\b|\bsomething else\b|\bon another note\b/gi;
const NARROW = /只看|仅看|只要|只列|只算|仅限|\bonly\b/gi;

export const referenceRecogniser: Recogniser = {
  name: 'reference',
  extract(text: string): Mention[] {
    if (F.RESET.test(text)) return [{ start: 0, end: text.length, text, recogniser: 'reference.reset', meaning: { kind: 'reference', ref: 'reset' } }];
    return [
      ...matchAll(text, ORDINAL, 'reference.ordinal', () => ({ kind: 'reference', ref: 'ordinal' })),
      ...matchAll(text, PRONOUN_ZH, 'reference.pronoun', (m) => ({ kind: 'reference', ref: m[0] === '其中' || m[0] === '当中' ? 'narrow' : 'anaphora' })),
      ...matchAll(text, PRONOUN_EN, 'reference.pronoun', () => ({ kind: 'reference', ref: 'anaphora' })),
      ...matchAll(text, SWITCH, 'reference.switch', () => ({ kind: 'reference', ref: 'switch' })),
      ...matchAll(text, NARROW, 'reference.narrow', () => ({ kind: 'reference', ref: 'narrow' })),
      ...matchAll(text, NEW_TOPIC, 'reference.new', () => ({ kind: 'reference', ref: 'new' })),
    ];
  },
};
