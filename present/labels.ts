// Every word the bot shows around the report's own text, in both languages, in one place: status names,
// headers, "how it was understood", reasons for no answer, and the Discord buttons' labels. Terminal and Discord
// renderers and the bot's buttons all use these.
import type { StatusFlag } from '../store/schema.ts';
import { STATUS_DISPLAY, STATUS_ORDER, statusChoiceName, statusLabel } from '../store/status.ts';
import type { Answer, Group, Language, NamedUnit } from '../retrieval/types.ts';
import { keyName, NO_NAMES, type NameBook } from './names.ts';

// The status words live in store/status.ts (one module for every status word); these names stay for the callers.
export { STATUS_ORDER };
export const STATUS_WORDS = STATUS_DISPLAY;
export const statusWord = (flag: StatusFlag, language: Language, options: { title?: boolean } = {}): string => statusLabel(flag, language, options);
export const statusBilingual = statusChoiceName;

export const WORDS = {
  zh: {
    planned: '计划', actual: '实际', remarks: '说明', status: '状态', source: '来源', accomplishment: '预期成绩',
    lines: (a: number, b: number) => (a === b ? `第 ${a} 行` : `第 ${a}–${b} 行`),
    found: (n: number) => `找到 ${n} 项产出`, total: (n: number) => `共 ${n} 项产出`, bestMatches: '最相关的产出：',
    byDepartment: '按部门：', byOffice: '按办公室：', byStatus: '按状态：', noValue: '（无）', more: (n: number) => `……另有 ${n} 项`,
    understood: '理解为', followingUp: '接上文', ignored: '忽略', wholeReport: '整个报告', and: '且', or: '或', except: '除', not: '非', topic: '主题',
    ranking: (most: boolean) => (most ? '排名（从多到少）：' : '排名（从少到多）：'), tie: '并列', byShare: '按比例',
    share: (p: number, w: number, pct: string) => `${p} / ${w} 项产出（${pct}）`,
    compare: '对比：', summary: (n: number) => `整个报告共 ${n} 项产出，按部门和状态：`, totalRow: '合计', unitCol: '部门',
    explain: '说明（报告原文）：', combined: '合计',
    none: '没有找到匹配的产出。',
    reasons: {
      not_in_report: '报告没有给出这类数字：它逐项列出各部门的计划产出、完成情况（数字、是或否）和说明，不含预算、支出、员额、空缺率、部队人数或其他年度的数据。',
      outside_report: '报告没有提到问题中的名称、年份或机构：它只涉及 2013/14 年度支助账户各部门的产出。',
      unknown_unit: '没有这个部门或办公室。可以用 /dept 自动补全查看名称。',
      no_context: '没有可以接续的上文：请先提一个问题，再追问“为什么？”。',
      reset: '已清除上下文，可以提新问题了。',
    },
    hint: '可以这样问：“哪些产出被推迟了？”“外勤支助部有多少产出低于计划？”“哪个部门超出计划的最多？”“维和部和外勤部比较一下低于计划的产出”，或用 /dept 法律事务厅 查看一个部门。',
  },
  en: {
    planned: 'Planned', actual: 'Actual', remarks: 'Remarks', status: 'Status', source: 'Source', accomplishment: 'Expected accomplishment',
    lines: (a: number, b: number) => (a === b ? `line ${a}` : `lines ${a}–${b}`),
    found: (n: number) => `${n} matching output${n === 1 ? '' : 's'}`, total: (n: number) => `${n} output${n === 1 ? '' : 's'} in total`, bestMatches: 'Best matching outputs:',
    byDepartment: 'By department:', byOffice: 'By office:', byStatus: 'By status:', noValue: '(none)', more: (n: number) => `…and ${n} more`,
    understood: 'understood as', followingUp: 'following up', ignored: 'ignored', wholeReport: 'whole report', and: 'and', or: 'or', except: 'except', not: 'not', topic: 'topic',
    ranking: (most: boolean) => (most ? 'Ranking (most first):' : 'Ranking (fewest first):'), tie: 'tie', byShare: 'by share',
    share: (p: number, w: number, pct: string) => `${p} of ${w} outputs (${pct})`,
    compare: 'Side by side:', summary: (n: number) => `The whole report: ${n} outputs, by department and status:`, totalRow: 'Total', unitCol: 'Department',
    explain: 'Remarks (the report’s words):', combined: 'combined',
    none: 'No matching outputs.',
    reasons: {
      not_in_report: 'The report does not give that: it lists each department’s planned outputs, what was delivered (a number, yes or no) and remarks — no budgets, expenditure, posts, vacancy rates, troop numbers or other years.',
      outside_report: 'The report does not mention that name, year or organisation: it covers the outputs of the support-account departments in 2013/14.',
      unknown_unit: 'No such department or office — /dept autocompletes the names.',
      no_context: 'There is nothing to follow up yet: ask a question first, then “why?”.',
      reset: 'Conversation cleared — ask a new question.',
    },
    hint: 'Try: "Which outputs were postponed?", "How many outputs of the Department of Field Support were below plan?", "Which department exceeded plan most often?", "Compare DPKO and DFS on outputs below plan", or /dept OLA.',
  },
} as const;

/** "A. 维持和平行动部 › (a) 联合国驻非洲联盟办事处", with the English name in English answers. */
export function unitName(u: Pick<NamedUnit, 'department' | 'office'> & { englishName?: string | null }, language: Language): string {
  const zh = u.office ? `${u.department.code}. ${u.department.name} › (${u.office.code}) ${u.office.name}` : `${u.department.code}. ${u.department.name}`;
  return language === 'en' && u.englishName ? `${u.englishName} (${zh})` : zh;
}

export const groupName = (g: Group, language: Language) => (g.status ? statusWord(g.status, language) : unitName(g, language));

export const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);

/** A topic that is only a pronoun or a leftover of the question ("其中", "these") names nothing: never shown. */
const EMPTY_TOPIC = /^(其中|这些|那些|它们|他们|其|此|该|these|those|them|they|it|this|that)$/i;

type Understood = Pick<Answer, 'filters' | 'units' | 'language' | 'plan'> & Partial<Pick<Answer, 'ignored' | 'corrections' | 'unknown'>>;

/** The parts of "how it was understood": units, accomplishment, statuses, exclusions, topic (empty: the whole report). */
export function understoodParts(answer: Understood, names: NameBook = NO_NAMES): string[] {
  const L = WORDS[answer.language];
  const f = answer.filters;
  const zh = answer.language === 'zh';
  const sep = zh ? '；' : '; ';
  const parts: string[] = [];
  const named = answer.units.map((u) => (!zh && u.englishName ? u.englishName : u.office ? `${u.department.name} › ${u.office.name}` : u.department.name));
  if (named.length) parts.push(named.join(answer.plan.compare ? ' / ' : zh ? '、' : ', '));
  if (f.accomplishment) parts.push(`${L.accomplishment} ${f.accomplishment}`);
  if (f.status.length) parts.push(f.status.map((s) => statusWord(s, answer.language)).join(zh ? (f.statusJoin === 'and' ? L.and : L.or) : ` ${f.statusJoin === 'and' ? L.and : L.or} `));
  if (f.excludedStatus.length) parts.push(f.excludedStatus.map((s) => `${L.not}${zh ? '' : ' '}${statusWord(s, answer.language)}`).join(sep));
  if (f.excludedUnits.length) parts.push(`${L.except}${zh ? '' : ' '}${f.excludedUnits.map((k) => keyName(k, answer.language, names)).join(zh ? '、' : ', ')}`);
  if (f.topic && !EMPTY_TOPIC.test(f.topic.trim())) parts.push(`${L.topic}${zh ? '：' : ': '}${f.topic}`);
  if (answer.plan.carried.includes('combined')) parts.push(L.combined);
  return parts;
}

/** "按“外勤支助部”理解“外勤支助布”" / "read 'Suport' as 'Support'". */
export function correctionText(c: { from: string; to: string }, language: Language): string {
  return language === 'zh' ? `按“${c.to}”理解“${c.from}”` : `read “${c.from}” as “${c.to}”`;
}

/** "接上文：外勤支助部；推迟；忽略：一下" / "understood as: DFS; postponed; ignored: please": how the question was read. */
export function understoodLine(answer: Understood, names: NameBook = NO_NAMES): string {
  const L = WORDS[answer.language];
  const zh = answer.language === 'zh';
  const sep = zh ? '；' : '; ';
  const parts = understoodParts(answer, names);
  // A question naming what the report lacks was not read over the whole report: say what it named instead.
  const unknown = (answer.unknown ?? []).map((u) => (zh ? `“${u.text}”` : `"${u.text}"`));
  if (parts.length === 0 && unknown.length === 0) parts.push(L.wholeReport);
  if (unknown.length) parts.push(`${zh ? '报告中没有' : 'not in the report'}${zh ? '：' : ': '}${unknown.join(zh ? '、' : ', ')}`);
  for (const c of answer.corrections ?? []) parts.push(correctionText(c, answer.language));
  const ignored = (answer.ignored ?? []).filter((w) => w.trim());
  if (ignored.length) parts.push(`${L.ignored}${zh ? '：' : ': '}${ignored.map((w) => (zh ? `“${w}”` : `"${w}"`)).join(zh ? '、' : ', ')}`);
  const colon = zh ? '：' : ': ';
  return `${answer.plan.carried.length ? L.followingUp : L.understood}${colon}${parts.join(sep)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Discord labels: buttons, menus, modals and short replies

/** Words only the Discord side needs; the shared ones (field names, reasons, hint) are in WORDS. */
export interface UiLabels {
  department: string;
  office: string;
  question: string;
  count: string;
  share: string;
  rank: string;
  outputs: (n: number) => string;
  /** Heading of a lookup answer (no colon: an embed title). */
  bestTitle: string;
  showing: (shown: number, total: number) => string;
  summaryTitle: string;
  rankTitle: (order: 'desc' | 'asc' | null) => string;
  shareTitle: (part: number, whole: number) => string;
  compareTitle: string;
  explainTitle: string;
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
  /** Said once per state-store outage in a conversation: why this answer has no context and no pages. */
  stateUnavailable: (pages: number) => string;
  /** A vote that could not be stored (the state store is down). */
  feedbackUnavailable: string;
  /** /settings could not be saved (the state store is down). */
  settingsUnavailable: string;
  /** A vote past the per-user cap (STATE_MAX_FEEDBACK_PER_USER). */
  feedbackLimit: string;
}

export const UI: Record<Language, UiLabels> = {
  zh: {
    department: '部门',
    office: '办公室',
    question: '问题',
    count: '项数',
    share: '比例',
    rank: '名次',
    outputs: (n) => `共 ${n} 项产出`,
    bestTitle: '最相关的产出',
    showing: (s, t) => `显示其中 ${s} 项（共 ${t} 项）`,
    summaryTitle: '全报告概况：各部门 × 状态',
    rankTitle: (o) => (o === 'asc' ? '排名（从少到多）' : '排名（从多到少）'),
    shareTitle: (p, w) => `${p} / ${w} 项（${w ? ((100 * p) / w).toFixed(1) : '0.0'}%）`,
    compareTitle: '对比',
    explainTitle: '说明（原因）',
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
    stateUnavailable: (n) => `⚠️ 机器人的状态存储暂时不可用：本回答未接上文${n > 1 ? `，也不能翻页（仅显示第 1 页，共 ${n} 页）` : ''}。恢复后自动复原。`,
    feedbackUnavailable: '暂时无法记录反馈（状态存储不可用），请稍后再试。',
    feedbackLimit: '您的反馈已达上限，这次没有记录。谢谢！',
    settingsUnavailable: '暂时无法保存设置（状态存储不可用），请稍后再试。',
  },
  en: {
    department: 'Department',
    office: 'Office',
    question: 'Question',
    count: 'Outputs',
    share: 'Share',
    rank: 'Rank',
    outputs: (n) => `${n} output${n === 1 ? '' : 's'}`,
    bestTitle: 'Best matches',
    showing: (s, t) => `showing ${s} of ${t}`,
    summaryTitle: 'Whole report: departments × status',
    rankTitle: (o) => (o === 'asc' ? 'Ranking (fewest first)' : 'Ranking (most first)'),
    shareTitle: (p, w) => `${p} of ${w} outputs (${w ? ((100 * p) / w).toFixed(1) : '0.0'}%)`,
    compareTitle: 'Comparison',
    explainTitle: 'Explanations',
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
    stateUnavailable: (n) =>
      `⚠️ The bot's state store is unavailable for now: this answer does not follow on from earlier questions${n > 1 ? ` and cannot be paged (page 1 of ${n} shown)` : ''}. It recovers by itself.`,
    feedbackUnavailable: 'Your vote could not be recorded (the state store is unavailable); please try again later.',
    feedbackLimit: 'You have reached the feedback limit, so this vote was not recorded. Thank you!',
    settingsUnavailable: 'The setting could not be saved (the state store is unavailable); please try again later.',
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
