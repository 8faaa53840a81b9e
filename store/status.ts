// Every word the bot shows for a status, in one place: the order flags are listed in, the zh/en labels (in a
// sentence, as a title, as a table header), the emoji, the chart colour and the slash-command choice names.
// present/ (text, Discord, charts, CSV) and bot/ (command choices) read them from here, and so does retrieval/ for
// how questions say each status (STATUS_QUESTION_PATTERNS); the flags themselves
// and the rule that sets them are store/schema.ts and ingest/status.ts.
import { STATUS_FLAGS, type StatusFlag } from './schema.ts';

export type StatusLanguage = 'zh' | 'en';

export interface StatusDisplay {
  /** Lower case, as the word reads inside a sentence. */
  zh: string;
  en: string;
  /** Table headers where space is short. */
  short: { zh: string; en: string };
  /** As the predicate of a sentence: "外勤支助部有 16 项产出低于计划" / "16 outputs … were below plan". */
  predicate: { zh: string; en: string };
  icon: string;
  /** Okabe–Ito palette: distinguishable with the common colour-vision deficiencies. */
  color: string;
}

/** The order statuses are listed in everywhere (tables, legends, CSV columns, command choices). */
export const STATUS_ORDER: readonly StatusFlag[] = STATUS_FLAGS;

export const STATUS_DISPLAY: Record<StatusFlag, StatusDisplay> = {
  completed: { zh: '已完成', en: 'completed', short: { zh: '完成', en: 'done' }, predicate: { zh: '已完成', en: 'completed' }, icon: '✅', color: '#009E73' },
  delivered: { zh: '已交付', en: 'delivered', short: { zh: '交付', en: 'deliv.' }, predicate: { zh: '已交付', en: 'delivered' }, icon: '📦', color: '#56B4E9' },
  not_completed: { zh: '未完成', en: 'not completed', short: { zh: '未完成', en: 'not done' }, predicate: { zh: '未完成', en: 'not completed' }, icon: '❌', color: '#D55E00' },
  above_plan: { zh: '高于计划', en: 'above plan', short: { zh: '高于', en: 'above' }, predicate: { zh: '高于计划', en: 'above plan' }, icon: '⬆️', color: '#0072B2' },
  below_plan: { zh: '低于计划', en: 'below plan', short: { zh: '低于', en: 'below' }, predicate: { zh: '低于计划', en: 'below plan' }, icon: '⬇️', color: '#E69F00' },
  postponed: { zh: '推迟', en: 'postponed', short: { zh: '推迟', en: 'postp.' }, predicate: { zh: '被推迟', en: 'postponed' }, icon: '⏸️', color: '#CC79A7' },
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "推迟" / "postponed"; `title` capitalises the English ("Postponed") for headings, choices and legends. */
export function statusLabel(flag: StatusFlag, language: StatusLanguage, options: { title?: boolean } = {}): string {
  const w = STATUS_DISPLAY[flag][language];
  return options.title && language === 'en' ? capitalise(w) : w;
}

/** "推迟 / Postponed": a slash-command choice name, read by people of either language. */
export function statusChoiceName(flag: StatusFlag): string {
  return `${STATUS_DISPLAY[flag].zh} / ${capitalise(STATUS_DISPLAY[flag].en)}`;
}

/** The slash-command choices for a status option, in the display order. */
export const STATUS_CHOICES: ReadonlyArray<{ name: string; value: StatusFlag }> = STATUS_ORDER.map((f) => ({ name: statusChoiceName(f), value: f }));

export interface StatusPattern {
  flag: StatusFlag;
  zh: RegExp;
  en: RegExp;
}

/** How questions say each status (read by retrieval's status recogniser), longest match wins there. */
export const STATUS_QUESTION_PATTERNS: readonly StatusPattern[] = [
  {
    flag: 'postponed',
    zh: /(推迟|延期|延迟|推延|延后|顺延|改期|拖延|搁置)((到|至)(以后|今后|后来|明年|下一?个?(期间|年度|阶段|财政期间|周期)))?/g,
    en: /\b(postpon\w*|defer\w*|delay\w*|put off|pushed (back|out)|rescheduled|moved|carried over|slipped)( (to|until|into|till) (a |the )?(later|next|future|following|subsequent) (period|date|time|year|biennium|cycle|session|fiscal (period|year)))?\b/gi,
  },
  {
    flag: 'not_completed',
    zh: /(标为|标的是|标记为|标注为|显示为|记为|为|是|写|填)?[“"「『'（(]否[”"」』'）)]|(标为|标记为|标注为|显示为|记为)否|(?<=^|[\s，,、。;；])否(?=$|[\s，,、。？?;；的])|未完成|没有完成|没完成|未能完成|没能完成|未实现|没有实现|未能实现|没能实现|没实现|未交付|没有交付|未能交付|未落实|未能落实|没有做完|没做完/g,
    en: /\b((not|never)( (been|yet|fully))? (completed|delivered|achieved|done|implemented|met|carried out|finished)|\w+n't( (been|yet|fully))? (completed|delivered|achieved|done|implemented|finished)|incomplete|undelivered|unfinished|uncompleted|failed)\b|\bmarked (as )?["'“‘]?(no|否)(?![a-z])["'”’]?/gi,
  },
  {
    flag: 'above_plan',
    zh: /高于了?计划|超出了?计划|超过了?计划|超计划|超额完成|超额|超出|多于计划|比计划(多|高)|高于预期|超过预期/g,
    en: /\b(above[- ](the )?(plan(ned)?|targets?)|(exceed\w*|surpass\w*|beat|overshot|outperform\w*)( (the|their|its) )?( ?(plan(ned)? (levels?|numbers?|targets?)|plan|targets?|expectations?))?|more than (was )?planned|higher than (was )?planned|over (the )?plan|overachiev\w*)\b/gi,
  },
  {
    flag: 'below_plan',
    zh: /低于了?计划|少于了?计划|未达到计划|没有达到计划|未能达到计划|没达到计划|没能达到计划|未达到|没有达到|没达到|没能达到|未能达到|少于计划|比计划(少|低)|低于预期|不及计划|未达标|不足计划/g,
    en: /\b(below[- ](the )?(plan(ned)?|targets?)|short of (the )?(plan|targets?)|(fell|falls?|fall(en|ing)?) short( of (the |their |its )?(plan|targets?|expectations?))?|missed (the |their |its )?(plan|targets?)|under (the |their |its )?(plan|targets?)|shortfalls?|fewer than (was )?planned|less than (was )?planned|under(achiev\w*| plan)|lower than (was )?planned|under-delivered)\b/gi,
  },
  {
    // A number delivered with no word on the plan (store/status.ts: "delivered"); asked as "as planned".
    flag: 'delivered',
    zh: /按计划(交付|完成)了?|如期(交付|完成)了?|按原计划(交付|完成)/g,
    en: /\b(delivered as planned|as planned|on plan|according to plan|on target)\b/gi,
  },
  {
    flag: 'completed',
    zh: /已经完成的|已完成的|完成了的|已全部完成|已交付|(标为|标记为|标注为|显示为|记为|写着|写的是|填的是)是(?=$|[\s，,。？?的吗呢])|(标为|标的是|标记为|标注为|显示为|记为|为|是|写|填)?[“"「『'（(]是[”"」』'）)]/g,
    en: /\b(were|was|been|are|is)( (marked|flagged|listed|shown|reported|recorded|rated))?( as)? (fully )?(completed|delivered|achieved|done)\b|\b(completed|finished|done) (ones|outputs|items|rows)\b|\bcompleted outputs\b|\bmarked (as )?["'“‘]?(yes|是|completed|done|delivered)(?![a-z])["'”’]?/gi,
  },
];

/** The canonical words of each status, for reading a mistyped one ("低于记划", "postpned", "bellow plan"). */
export const STATUS_TYPO_WORDS: Readonly<Record<StatusFlag, readonly string[]>> = {
  postponed: ['推迟', '延期', 'postponed', 'deferred', 'delayed'],
  not_completed: ['未完成', '没有完成', 'not completed', 'incomplete'],
  above_plan: ['高于计划', '超出计划', '超过计划', 'above plan', 'exceeded'],
  below_plan: ['低于计划', '未达到计划', '没有达到计划', 'below plan', 'fell short'],
  completed: ['已完成', 'completed'],
  delivered: ['按计划交付', 'as planned'],
};
