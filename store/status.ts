// Every word the bot shows for a status, in one place: the order flags are listed in, the zh/en labels (in a
// sentence, as a title, as a table header), the emoji, the chart colour and the slash-command choice names.
// present/ (text, Discord, charts, CSV) and bot/ (command choices) read them from here; the flags themselves
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
