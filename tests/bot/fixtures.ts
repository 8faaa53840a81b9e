// Test double for the bot's tests only: a handful of hand-written records (shaped after the seed report)
// behind a naive in-memory ReportQueries (plans over a predicate tree, conversations, follow-ups that carry a
// unit). It is not a retrieval engine and ships with nothing.
import { STATUS_FLAGS, type OutputRecord, type StatusFlag } from '../../store/schema.ts';
import { basePlan, commandPlan, statusesOf, unitsOf, type Predicate } from '../../retrieval/plan.ts';
import type { Answer, BreakdownEntry, Group, Intent, Language, NamedUnit, OrgUnit, Plan, QueryFilters, ReportQueries, StatusCounts, UnitRef } from '../../retrieval/types.ts';

const DPKO = { code: 'A', name: '维持和平行动部' };
const DFS = { code: 'B', name: '外勤支助部' };
const OLA = { code: 'H', name: '法律事务厅' };
const UNOAU = { code: 'a', name: '联合国驻非洲联盟办事处' };
const USG = { code: 'b', name: '副秘书长办公室' };
const DFS_USG = { code: 'a', name: '副秘书长办公室' };

const ACC_11 = { code: '1.1', text: '向安全理事会、大会、其他政府间机构和部队派遣国提交报告的工作得到改进' };
const ACC_21 = { code: '2.1', text: '根据安全理事会的授权迅速部署和建立维持和平行动' };

export const FIXTURE_RECORDS: OutputRecord[] = [
  {
    id: 'A-a-1.1-01',
    line: 75,
    lineEnd: 78,
    department: DPKO,
    office: UNOAU,
    accomplishment: ACC_11,
    planned: '秘书长和常务副秘书长分别参加 1 次非洲联盟首脑会议',
    actual: [{ value: '2', number: 2, label: '首脑会议' }],
    remarks: '',
    status: ['completed', 'above_plan'],
  },
  {
    id: 'A-a-1.1-02',
    line: 90,
    lineEnd: 96,
    department: DPKO,
    office: UNOAU,
    accomplishment: ACC_11,
    planned: '向非洲联盟和平与安全理事会作 12 次关于维和问题的介绍',
    actual: [{ value: '19', number: 19, label: '介绍' }],
    remarks: '产出高于计划，是非洲联盟和平与安全理事会确定的各项要求和议程所致',
    status: ['completed', 'above_plan'],
  },
  {
    id: 'A-a-1.1-03',
    line: 150,
    lineEnd: 156,
    department: DPKO,
    office: UNOAU,
    accomplishment: ACC_11,
    planned: '出版 2 份新闻刊物，向大众介绍该办事处为支持非洲联盟而开展的活动',
    actual: [{ value: '否', number: null, label: null }],
    remarks: '被推迟，归因于须根据 2013 年战略审查对联非办进行内部改组 @everyone',
    status: ['postponed'],
  },
  {
    id: 'A-b-1.1-01',
    line: 290,
    lineEnd: 296,
    department: DPKO,
    office: USG,
    accomplishment: ACC_11,
    planned: '就维持和平的所有方面问题举行 260 次与会员国、区域组织和之友小组/联络小组之间的会议/向其所作情况通报',
    actual: [{ value: '293', number: 293, label: '情况通报' }],
    remarks: '产出高于计划，原因是会员国提出了更多请求',
    status: ['completed', 'above_plan'],
  },
  {
    id: 'B-a-2.1-01',
    line: 1870,
    lineEnd: 1875,
    department: DFS,
    office: DFS_USG,
    accomplishment: ACC_21,
    planned: '参加非洲联盟/区域经济共同体/区域机制/非洲待命部队的 10 次培训需要/能力评估',
    actual: [{ value: '6', number: 6, label: '培训需要/能力评估' }],
    remarks: '产出低于计划，归因于非洲待命部队战略审查和由此导致的培训需要评估',
    status: ['not_completed', 'below_plan'],
  },
  {
    id: 'H-1.1-01',
    line: 5215,
    lineEnd: 5219,
    department: OLA,
    office: null,
    accomplishment: ACC_11,
    planned: '为维和行动编写 4 份关于法律问题的指导材料',
    actual: [{ value: '否', number: null, label: null }],
    remarks: '被推迟至 2014/15 年期间',
    status: ['postponed'],
  },
  {
    id: 'H-1.1-02',
    line: 5220,
    lineEnd: 5222,
    department: OLA,
    office: null,
    accomplishment: ACC_11,
    planned: '就维和行动的法律问题提供 150 份法律意见',
    actual: [{ value: '163', number: 163, label: '法律意见' }],
    remarks: '',
    status: ['completed', 'above_plan'],
  },
];

const ENGLISH: Record<string, string> = {
  A: 'Department of Peacekeeping Operations',
  B: 'Department of Field Support',
  H: 'Office of Legal Affairs',
  'A-a': 'United Nations Office to the African Union',
  'A-b': 'Office of the Under-Secretary-General',
  'B-a': 'Office of the Under-Secretary-General',
};
const ALIASES: Record<string, string[]> = { A: ['DPKO', '维和部'], B: ['DFS', '外勤部'], H: ['OLA'], 'A-a': ['UNOAU', '联非办'] };

export function languageOf(text: string): Language {
  return /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en';
}

export function breakdownOf(rows: readonly OutputRecord[]): BreakdownEntry[] {
  const map = new Map<string, BreakdownEntry>();
  for (const r of rows) {
    const key = `${r.department.code}-${r.office?.code ?? ''}`;
    const e = map.get(key);
    if (e) e.count += 1;
    else map.set(key, { department: r.department, office: r.office, count: 1 });
  }
  return [...map.values()];
}

/** Counts per status flag over rows. */
export function statusCounts(rows: readonly OutputRecord[]): StatusCounts {
  const c = Object.fromEntries(STATUS_FLAGS.map((f) => [f, 0])) as StatusCounts;
  for (const r of rows) for (const f of r.status) c[f] += 1;
  return c;
}

/** Groups of rows per department (or office), with counts, shares and per-status counts, report order. */
export function groupsOf(rows: readonly OutputRecord[], by: 'department' | 'office', whole: readonly OutputRecord[] = rows): Group[] {
  const keyOf = (r: OutputRecord) => (by === 'office' ? `${r.department.code}-${r.office?.code ?? ''}` : r.department.code);
  const map = new Map<string, Group>();
  for (const r of rows) {
    const key = keyOf(r);
    const g = map.get(key) ?? { department: r.department, office: by === 'office' ? r.office : null, count: 0, whole: 0, share: null, byStatus: statusCounts([]), status: null, rank: null };
    g.count += 1;
    for (const f of r.status) g.byStatus[f] += 1;
    map.set(key, g);
  }
  for (const [key, g] of map) {
    g.whole = whole.filter((r) => keyOf(r) === key).length;
    g.share = g.whole ? g.count / g.whole : null;
  }
  return [...map.values()];
}

/** Builds an Answer the way the engine promises to: plan, rows in report order, groups, breakdown. */
export function makeAnswer(params: {
  rows: OutputRecord[];
  intent?: Intent;
  language?: Language;
  question?: string;
  filters?: Partial<QueryFilters>;
  plan?: Partial<Plan>;
  units?: NamedUnit[];
  groups?: Group[];
  ratio?: Answer['ratio'];
  reason?: Answer['reason'];
  total?: number;
  alternatives?: Answer['alternatives'];
  suggestions?: Answer['suggestions'];
}): Answer {
  const language = params.language ?? 'zh';
  const rows = params.rows;
  const intent = params.intent ?? (rows.length ? 'list' : 'none');
  const measure: Plan['measure'] =
    intent === 'none' ? 'none' : ['count', 'breakdown', 'rank', 'compare'].includes(intent) ? 'count' : intent === 'share' || intent === 'summary' || intent === 'explain' || intent === 'lookup' ? intent : 'rows';
  return {
    intent,
    language,
    question: params.question ?? '',
    plan: { ...basePlan(language), measure, ...params.plan },
    filters: { departments: [], offices: [], accomplishment: null, status: [], statusJoin: 'or', excludedUnits: [], excludedStatus: [], topic: null, ...params.filters },
    units: params.units ?? [],
    total: params.total ?? rows.length,
    rows,
    groups: params.groups ?? [],
    ratio: params.ratio ?? null,
    breakdown: breakdownOf(rows),
    reason: params.reason ?? null,
    ignored: [],
    unknown: [],
    corrections: [],
    alternatives: params.alternatives ?? [],
    suggestions: params.suggestions ?? [],
    trace: [],
  };
}

export function fixtureUnits(records: readonly OutputRecord[] = FIXTURE_RECORDS): OrgUnit[] {
  const units: OrgUnit[] = [];
  for (const r of records) {
    const dKey = r.department.code;
    let d = units.find((u) => u.kind === 'department' && u.department.code === dKey);
    if (!d) {
      d = { kind: 'department', department: r.department, office: null, englishName: ENGLISH[dKey] ?? null, aliases: ALIASES[dKey] ?? [], rowCount: 0 };
      units.push(d);
    }
    d.rowCount += 1;
    if (r.office) {
      const oKey = `${dKey}-${r.office.code}`;
      let o = units.find((u) => u.kind === 'office' && u.department.code === dKey && u.office?.code === r.office?.code);
      if (!o) {
        o = { kind: 'office', department: r.department, office: r.office, englishName: ENGLISH[oKey] ?? null, aliases: ALIASES[oKey] ?? [], rowCount: 0 };
        units.push(o);
      }
      o.rowCount += 1;
    }
  }
  return units;
}

function unitNames(u: OrgUnit): string[] {
  const names = [u.department.code, u.department.name];
  if (u.office) names.push(u.office.name, `${u.department.code}-${u.office.code}`);
  if (u.englishName) names.push(u.englishName);
  return [...names, ...u.aliases].map((n) => n.toLowerCase());
}

export interface FixtureQueries extends ReportQueries {
  calls: { method: string; args: unknown }[];
  /** Conversation id → last answer (what lastAnswer returns). */
  conversations: Map<string, Answer>;
}

/** Rows a predicate selects (topics are ignored: the double has no text matching). */
export function matches(p: Predicate, r: OutputRecord): boolean {
  switch (p.op) {
    case 'all':
    case 'topic':
      return true;
    case 'unit':
      return r.department.code === p.unit.department && (p.unit.office === null || r.office?.code === p.unit.office);
    case 'status':
      return r.status.includes(p.flag);
    case 'accomplishment':
      return r.accomplishment.code === p.code;
    case 'ids':
      return p.ids.includes(r.id);
    case 'and':
      return p.args.every((a) => matches(a, r));
    case 'or':
      return p.args.some((a) => matches(a, r));
    case 'not':
      return !matches(p.arg, r);
  }
}

/**
 * The double. `records` lets a test swap in synthetic rows; `delayMs` simulates a slow engine. Questions:
 * a unit name and 推迟/低于/postponed/below select rows; 多少/how many counts (by department: a breakdown);
 * 最多/most ranks departments; a question starting with 那/其中/and/what about follows up on the
 * conversation's last answer, keeping its unit (plan.carried = ['unit']).
 */
export function createFixtureQueries(options: { records?: OutputRecord[]; delayMs?: number; failOn?: string } = {}): FixtureQueries {
  const records = options.records ?? FIXTURE_RECORDS;
  const units = fixtureUnits(records);
  const calls: { method: string; args: unknown }[] = [];
  const conversations = new Map<string, Answer>();
  const pause = () => (options.delayMs ? new Promise((r) => setTimeout(r, options.delayMs)) : Promise.resolve());
  const failIf = (text: string) => {
    if (options.failOn && text.includes(options.failOn)) throw new Error(`fixture engine failure for "${text}"`);
  };

  const findUnit = (name: string): OrgUnit | undefined => {
    const n = name.trim().toLowerCase();
    return units.find((u) => unitNames(u).includes(n)) ?? units.find((u) => unitNames(u).some((x) => x.length > 1 && (x.includes(n) || n.includes(x))));
  };
  const refOf = (u: OrgUnit): UnitRef => ({ department: u.department.code, office: u.office?.code ?? null });
  const named = (ref: UnitRef): NamedUnit[] => {
    const u = units.find((x) => x.department.code === ref.department && (x.office?.code ?? null) === ref.office);
    return u ? [{ department: u.department, office: u.office, englishName: u.englishName }] : [];
  };

  const execute = (plan: Plan, question: string): Answer => {
    const rows = records.filter((r) => matches(plan.where, r));
    const language = plan.language;
    const unitsNamed = unitsOf(plan.where).flatMap(named);
    const statuses = statusesOf(plan.where);
    const filters = { departments: unitsNamed.map((u) => u.department.name), status: statuses };
    if (plan.measure === 'none') return makeAnswer({ rows: [], language, question, intent: 'none', plan, reason: plan.reason });
    if (rows.length === 0) return makeAnswer({ rows: [], language, question, intent: 'none', plan, filters, units: unitsNamed });
    if (plan.measure === 'count') {
      const by = plan.groupBy === 'office' ? 'office' : 'department';
      let groups = plan.groupBy || plan.order ? groupsOf(rows, by, records) : [];
      if (plan.order) {
        groups = [...groups].sort((a, b) => (plan.order === 'asc' ? a.count - b.count : b.count - a.count));
        groups.forEach((g, i) => (g.rank = i > 0 && groups[i - 1]!.count === g.count ? groups[i - 1]!.rank : i + 1));
      }
      const intent: Intent = plan.order ? 'rank' : plan.groupBy ? 'breakdown' : 'count';
      return makeAnswer({ rows, language, question, intent, plan, filters, units: unitsNamed, groups });
    }
    return makeAnswer({ rows, language, question, intent: plan.groupBy ? 'overview' : 'list', plan, filters, units: unitsNamed });
  };

  const turn = (answer: Answer, conversation: string | undefined): Answer => {
    if (conversation && answer.intent !== 'none') conversations.set(conversation, answer);
    return answer;
  };

  return {
    calls,
    conversations,
    async ask(question, turnOptions = {}) {
      calls.push({ method: 'ask', args: turnOptions.conversation ? { question, conversation: turnOptions.conversation } : question });
      failIf(question);
      await pause();
      const language = languageOf(question);
      const q = question.toLowerCase();
      if (/^(重新开始|new question)/.test(q)) {
        if (turnOptions.conversation) conversations.delete(turnOptions.conversation);
        return makeAnswer({ rows: [], language, question, intent: 'none', reason: 'reset' });
      }
      const last = turnOptions.conversation ? conversations.get(turnOptions.conversation) : undefined;
      const followUp = last && /^(那|其中|and |what about)/.test(q);
      const unit = [...units].sort((a, b) => (b.kind === 'office' ? 1 : 0) - (a.kind === 'office' ? 1 : 0)).find((u) => unitNames(u).some((n) => n.length > 1 && q.includes(n)));
      const carriedUnit = !unit && followUp ? unitsOf(last.plan.where)[0] : undefined;
      const status: StatusFlag | null = /推迟|postpone/.test(q) ? 'postponed' : /低于|below/.test(q) ? 'below_plan' : null;
      const ref = unit ? refOf(unit) : (carriedUnit ?? null);
      const ranking = /最多|most/.test(q);
      if (!ref && !status && !ranking) return makeAnswer({ rows: [], language, question, intent: 'none' });
      const counting = /多少|how many|count/.test(q);
      const plan: Plan = {
        ...commandPlan({ language, unit: ref, status, measure: counting || ranking ? 'count' : 'rows', groupBy: ranking || /按部门|by department/.test(q) ? 'department' : null }),
        order: ranking ? 'desc' : null,
        carried: carriedUnit ? ['unit'] : [],
      };
      return turn(execute(plan, question), turnOptions.conversation);
    },
    async run(plan, turnOptions = {}) {
      calls.push({ method: 'run', args: turnOptions.conversation ? { plan, conversation: turnOptions.conversation } : { plan } });
      await pause();
      return turn(execute(plan, turnOptions.question ?? ''), turnOptions.conversation);
    },
    async reset(conversation) {
      calls.push({ method: 'reset', args: conversation });
      conversations.delete(conversation);
    },
    async lastAnswer(conversation) {
      return conversations.get(conversation);
    },
    resolveUnit(typed: string, office?: string) {
      calls.push({ method: 'resolveUnit', args: office ? { typed, office } : { typed } });
      const u = findUnit(typed);
      if (!u) return null;
      if (office) {
        const o = units.find((x) => x.kind === 'office' && x.department.code === u.department.code && (x.office?.name === office || x.office?.code === office));
        return o ? refOf(o) : null;
      }
      return refOf(u);
    },
    row(id) {
      calls.push({ method: 'row', args: id });
      return records.find((r) => r.id === id);
    },
    units() {
      return units;
    },
    suggestUnits(typed, limit) {
      const t = typed.trim().toLowerCase();
      return units.filter((u) => unitNames(u).some((n) => n.includes(t))).slice(0, limit);
    },
  };
}

/** A long synthetic record for limit tests: `n` distinct ids, long text in every cell. */
export function syntheticRecord(n: number, overrides: Partial<OutputRecord> = {}): OutputRecord {
  const dept = n % 3 === 0 ? DPKO : n % 3 === 1 ? DFS : OLA;
  return {
    id: `${dept.code}-${1 + (n % 7)}.${1 + (n % 4)}-${String(n).padStart(3, '0')}`,
    line: 100 + n * 10,
    lineEnd: 105 + n * 10,
    department: dept,
    office: n % 2 === 0 ? UNOAU : null,
    accomplishment: { code: `${1 + (n % 7)}.${1 + (n % 4)}`, text: '维持和平行动的效率和成效得以提高，'.repeat(6) },
    planned: `第 ${n} 项计划产出：` + '向会员国提供关于维和行动的情况通报和分析报告，'.repeat(12),
    actual: [
      { value: String(n), number: n, label: '情况通报' },
      { value: '是', number: null, label: '分析报告已经按期提交给有关的政府间机构' },
    ],
    remarks: '产出低于计划，原因是特派团的需求发生变化，有关会议推迟举行。'.repeat(8),
    status: ['below_plan', 'postponed'],
    ...overrides,
  };
}
