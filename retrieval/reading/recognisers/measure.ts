// Words that say what to measure (how many, which, the most, what share, compare, why …) and by what to group.
// They account for the words; the plan decides the measure once, from these and the question's structure.
import * as F from '../../lexicon/question-forms.ts';
import { matchAll, type MeasureWord, type Mention, type Recogniser } from '../mention.ts';
import type { GroupBy } from '../../plan.ts';

const COUNT = /(多少|几)(项|个|次|份|条|名|篇|场|期)?|有几|数量|数目|总数|一共|总共|共有|合计|计数|统计一下|统计|数一下|算一下|\bhow many\b|\bnumber of\b|\bcount(s|ed)?\b|\btotal\b|\bin total\b|\btally\b|\bhow much\b/gi;
const LIST = /哪些|哪几(项|个|条)?|列出(来)?|列一下|列个|列下|列举|清单|有哪|哪项|哪一项|都有什么|什么(产出|活动|工作)|\b(which|list|show( me)?|give me|display|pull up|bring up|what (are|were|was|is))\b/gi;
const OVERVIEW = /概况|概览|总体情况|整体情况|介绍一下|简介|\boverview\b|\bprofile\b/gi;
const BOTH = /\bboth\b|同时|既|并且|而且|\bas well as\b|\band also\b|\bat the same time\b/gi;

const words: Array<[RegExp, MeasureWord]> = [
  [COUNT, 'count'],
  [LIST, 'list'],
  [F.RANK_MOST, 'most'],
  [F.RANK_FEWEST, 'fewest'],
  [F.RANK_WORDS, 'rank'],
  [F.SHARE, 'share'],
  [F.COMPARE_CUT, 'compare'],
  [F.EACH, 'each'],
  [F.SUMMARY, 'summary'],
  [OVERVIEW, 'overview'],
  [F.EXPLAIN, 'explain'],
  [BOTH, 'both'],
  [F.ADD, 'add'],
  [F.COMBINE_WORDS, 'combine'],
  [F.WHOLE_REPORT, 'whole_report'],
];

const groups: Array<[RegExp, GroupBy]> = [
  [F.GROUP_STATUS, 'status'],
  [F.GROUP_OFFICE, 'office'],
  [F.GROUP_DEPARTMENT, 'department'],
  [/各部门|按部门|每个部门|各个部门|分部门|\bby department\b|\bper department\b|\beach department\b|\bbreak ?down\b/gi, 'department'],
  [/各厅|各司|各办公室|\bby office\b|\bper office\b|\beach office\b/gi, 'office'],
];

export const measureRecogniser: Recogniser = {
  name: 'measure',
  extract(text: string): Mention[] {
    return [
      ...words.flatMap(([re, word]) => matchAll(text, re, `measure.${word}`, () => ({ kind: 'measure', word }))),
      ...groups.flatMap(([re, level]) => matchAll(text, re, `group.${level}`, () => ({ kind: 'group', level }))),
    ];
  },
};
