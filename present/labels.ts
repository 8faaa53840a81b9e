// Every word the bot shows that is not the report's own: status words, field and UI labels, and the one-line
// "how it was understood". One place, both languages, shared by the terminal text (present/text.ts), Discord
// (present/discord/*) and the bot's buttons, so the same thing is never called two names.
import type { StatusFlag } from '../store/schema.ts';
import type { Answer, Language } from '../retrieval/types.ts';

export type { Language } from '../retrieval/types.ts';

/** Status words, lower case as they read inside a sentence; `icon` for compact Discord lines. */
export const STATUS_WORDS: Record<StatusFlag, { zh: string; en: string; icon: string }> = {
  completed: { zh: '已完成', en: 'completed', icon: '✅' },
  not_completed: { zh: '未完成', en: 'not completed', icon: '❌' },
  above_plan: { zh: '高于计划', en: 'above plan', icon: '⬆️' },
  below_plan: { zh: '低于计划', en: 'below plan', icon: '⬇️' },
  postponed: { zh: '推迟', en: 'postponed', icon: '⏸️' },
};

/** Display order of statuses in summaries and charts: done, over, under, not done, postponed. */
export const STATUS_ORDER: readonly StatusFlag[] = ['completed', 'above_plan', 'below_plan', 'not_completed', 'postponed'];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "推迟" / "postponed"; `title` capitalises the English ("Postponed") for headings, choices and legends. */
export function statusWord(flag: StatusFlag, language: Language, options: { title?: boolean } = {}): string {
  const w = STATUS_WORDS[flag][language];
  return options.title && language === 'en' ? capitalise(w) : w;
}

/** "推迟 / Postponed": for places read by both (slash-command choices). */
export function statusBilingual(flag: StatusFlag): string {
  return `${STATUS_WORDS[flag].zh} / ${capitalise(STATUS_WORDS[flag].en)}`;
}

export interface UiLabels {
  accomplishment: string;
  planned: string;
  actual: string;
  remarks: string;
  status: string;
  source: string;
  department: string;
  office: string;
  question: string;
  count: string;
  share: string;
  rank: string;
  total: string;
  none: string;
  lines: (from: number, to: number) => string;
  outputs: (n: number) => string;
  found: (n: number) => string;
  bestMatches: string;
  showing: (shown: number, total: number) => string;
  byDepartment: string;
  byOffice: string;
  byStatus: string;
  summaryTitle: string;
  rankTitle: (order: 'desc' | 'asc' | null) => string;
  shareTitle: (part: number, whole: number) => string;
  compareTitle: string;
  explainTitle: string;
  noMatch: string;
  /** "如何理解" line prefixes. */
  understood: string;
  followingUp: string;
  /** Joins parts of the understood line ("外勤支助部；推迟"). */
  separator: string;
  or: string;
  and: string;
  except: (what: string) => string;
  not: (what: string) => string;
  topic: (what: string) => string;
  wholeReport: string;
  // Buttons and short replies.
  previous: string;
  next: string;
  page: (page: number, pages: number) => string;
  exportCsv: string;
  sourceButton: string;
  sourcePlaceholder: string;
  helpful: string;
  notHelpful: string;
  feedbackTitle: string;
  feedbackLabel: string;
  feedbackPlaceholder: string;
  thanks: string;
  thanksNote: string;
  notOwner: string;
  expired: string;
  nothingToExport: string;
  csvParts: (n: number) => string;
  unknownUnit: (typed: string) => string;
  unknownRow: (id: string) => string;
  resetDone: string;
  chartAlt: string;
  notAllowed: string;
}

export const UI: Record<Language, UiLabels> = {
  zh: {
    accomplishment: '预期成绩',
    planned: '计划',
    actual: '实际',
    remarks: '说明',
    status: '状态',
    source: '来源',
    department: '部门',
    office: '办事处',
    question: '问题',
    count: '项数',
    share: '比例',
    rank: '名次',
    total: '合计',
    none: '无',
    lines: (a, b) => (a === b ? `第 ${a} 行` : `第 ${a}–${b} 行`),
    outputs: (n) => `共 ${n} 项产出`,
    found: (n) => `找到 ${n} 项产出`,
    bestMatches: '最相关的产出',
    showing: (s, t) => `显示其中 ${s} 项（共 ${t} 项）`,
    byDepartment: '按部门',
    byOffice: '按办事处',
    byStatus: '按状态',
    summaryTitle: '全报告概况：各部门 × 状态',
    rankTitle: (o) => (o === 'asc' ? '排名（从少到多）' : '排名（从多到少）'),
    shareTitle: (p, w) => `${p} / ${w} 项（${w ? ((100 * p) / w).toFixed(1) : '0.0'}%）`,
    compareTitle: '对比',
    explainTitle: '说明（原因）',
    noMatch: '没有找到匹配的产出。',
    understood: '理解为',
    followingUp: '接上文',
    separator: '；',
    or: '或',
    and: '且',
    except: (w) => `除${w}外`,
    not: (w) => `非${w}`,
    topic: (w) => `“${w}”`,
    wholeReport: '整份报告',
    previous: '上一页',
    next: '下一页',
    page: (p, n) => `第 ${p}/${n} 页`,
    exportCsv: '导出 CSV',
    sourceButton: '原文',
    sourcePlaceholder: '查看原文…',
    helpful: '有帮助',
    notHelpful: '没帮助',
    feedbackTitle: '反馈',
    feedbackLabel: '哪里不对？您期望的答案是什么？',
    feedbackPlaceholder: '例如：应该包括外勤支助部的两项产出',
    thanks: '谢谢反馈！',
    thanksNote: '谢谢，已记录您的说明。',
    notOwner: '只有提问的人可以翻页。',
    expired: '这些结果已过期，请重新提问。',
    nothingToExport: '这个对话里还没有可导出的答案。先提一个问题。',
    csvParts: (n) => `CSV 分为 ${n} 个文件。`,
    unknownUnit: (t) => `“${t}”不是报告中的部门或办事处。请从自动补全中选择，或输入部门名称/简称（如“外勤支助部”“监督厅”）。`,
    unknownRow: (id) => `没有编号为 \`${id}\` 的产出。编号形如 \`A-a-1.1-01\`，见每条结果的“来源”。`,
    resetDone: '已重新开始：后续问题不再接上文。',
    chartAlt: '条形图',
    notAllowed: '只有拥有“管理服务器”或“管理频道”权限的成员可以更改设置。',
  },
  en: {
    accomplishment: 'Expected accomplishment',
    planned: 'Planned',
    actual: 'Actual',
    remarks: 'Remarks',
    status: 'Status',
    source: 'Source',
    department: 'Department',
    office: 'Office',
    question: 'Question',
    count: 'Outputs',
    share: 'Share',
    rank: 'Rank',
    total: 'Total',
    none: 'none',
    lines: (a, b) => (a === b ? `line ${a}` : `lines ${a}–${b}`),
    outputs: (n) => `${n} output${n === 1 ? '' : 's'}`,
    found: (n) => `${n} matching output${n === 1 ? '' : 's'}`,
    bestMatches: 'Best matches',
    showing: (s, t) => `showing ${s} of ${t}`,
    byDepartment: 'By department',
    byOffice: 'By office',
    byStatus: 'By status',
    summaryTitle: 'Whole report: departments × status',
    rankTitle: (o) => (o === 'asc' ? 'Ranking (fewest first)' : 'Ranking (most first)'),
    shareTitle: (p, w) => `${p} of ${w} outputs (${w ? ((100 * p) / w).toFixed(1) : '0.0'}%)`,
    compareTitle: 'Comparison',
    explainTitle: 'Explanations',
    noMatch: 'No matching outputs.',
    understood: 'understood as',
    followingUp: 'following up',
    separator: '; ',
    or: ' or ',
    and: ' and ',
    except: (w) => `except ${w}`,
    not: (w) => `not ${w}`,
    topic: (w) => `“${w}”`,
    wholeReport: 'whole report',
    previous: 'Previous',
    next: 'Next',
    page: (p, n) => `page ${p}/${n}`,
    exportCsv: 'Export CSV',
    sourceButton: 'Source',
    sourcePlaceholder: 'Show the report text of…',
    helpful: 'Helpful',
    notHelpful: 'Not helpful',
    feedbackTitle: 'Feedback',
    feedbackLabel: 'What was wrong? What did you expect?',
    feedbackPlaceholder: 'e.g. it should include the two DFS outputs',
    thanks: 'Thanks for the feedback!',
    thanksNote: 'Thanks, your note is recorded.',
    notOwner: 'Only the person who asked can page through these results.',
    expired: 'These results have expired; please ask again.',
    nothingToExport: 'No answer to export in this conversation yet. Ask a question first.',
    csvParts: (n) => `The CSV is split into ${n} files.`,
    unknownUnit: (t) => `“${t}” is not a department or office of the report. Pick one from the autocomplete, or type its name or acronym (e.g. “DFS”, “OIOS”).`,
    unknownRow: (id) => `No output has the id \`${id}\`. Ids look like \`A-a-1.1-01\`; see "Source" on any result.`,
    resetDone: 'Started over: the next question is read on its own.',
    chartAlt: 'bar chart',
    notAllowed: 'Only members with Manage Server or Manage Channels can change settings.',
  },
};

/** Both languages, the given one first ("只有提问的人可以翻页。/ Only the person…"), for replies to people whose language is unknown. */
export function bilingual(pick: (l: UiLabels) => string, first: Language = 'zh'): string {
  const other: Language = first === 'zh' ? 'en' : 'zh';
  return `${pick(UI[first])} / ${pick(UI[other])}`;
}

/** "B. 外勤支助部" */
export const departmentLabel = (d: { code: string; name: string }): string => `${d.code}. ${d.name}`;
/** "(a) 副秘书长办公室" */
export const officeLabel = (o: { code: string; name: string }): string => `(${o.code}) ${o.name}`;

/** A unit as an answer names it: Chinese name, or the English name in English answers when known. */
export function unitName(unit: { department: { code: string; name: string }; office: { code: string; name: string } | null; englishName?: string | null }, language: Language): string {
  if (language === 'en' && unit.englishName) return unit.englishName;
  return unit.office ? `${unit.department.name} ${unit.office.name}` : unit.department.name;
}

/**
 * The filters of an answer as one short phrase: units, accomplishment, statuses, exclusions, topic
 * ("外勤支助部；推迟" / "Department of Field Support; postponed"). Empty for the whole report.
 */
export function filterPhrase(answer: Pick<Answer, 'filters' | 'units' | 'language'>): string {
  const L = UI[answer.language];
  const f = answer.filters;
  const parts: string[] = [];
  const named = answer.units.map((u) => unitName(u, answer.language));
  if (named.length) parts.push(named.join(answer.language === 'zh' ? '、' : ', '));
  else parts.push(...f.offices, ...(f.offices.length ? [] : f.departments));
  if (f.accomplishment) parts.push(`${L.accomplishment} ${f.accomplishment}`);
  if (f.status.length) parts.push(f.status.map((s) => statusWord(s, answer.language)).join(f.statusJoin === 'and' ? L.and : L.or));
  if (f.excludedUnits.length) parts.push(L.except(f.excludedUnits.join(answer.language === 'zh' ? '、' : ', ')));
  if (f.excludedStatus.length) parts.push(...f.excludedStatus.map((s) => L.not(statusWord(s, answer.language))));
  if (f.topic) parts.push(L.topic(f.topic));
  return parts.join(L.separator);
}

/**
 * One line saying how the question was read: "接上文：外勤支助部；推迟" when a follow-up took something from
 * the conversation (plan.carried non-empty), else "理解为：…". Null when there is nothing to say.
 */
export function understoodLine(answer: Pick<Answer, 'filters' | 'units' | 'language' | 'plan'>): string | null {
  const L = UI[answer.language];
  const phrase = filterPhrase(answer) || L.wholeReport;
  const carried = answer.plan.carried.length > 0;
  if (!carried && phrase === L.wholeReport) return null;
  const colon = answer.language === 'zh' ? '：' : ': ';
  return `${carried ? L.followingUp : L.understood}${colon}${phrase}`;
}
