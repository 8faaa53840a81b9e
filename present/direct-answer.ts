// The one sentence that answers the question as asked, in the asker's language, before any evidence: a count
// ("外勤支助部有 16 项产出低于计划。"), a lookup's value against its plan ("101 次媒体访谈（计划 100 次）"), a
// ranking's winner with ties, a share with n / N and %, a comparison's difference, a list's size, or what the
// report lacks. Text, Discord and the CSV note all lead with it.
import type { StatusFlag } from '../store/schema.ts';
import { STATUS_DISPLAY } from '../store/status.ts';
import { statusesOf, unitsOf } from '../retrieval/plan.ts';
import type { Answer, Group, Language, UnknownName } from '../retrieval/types.ts';
import { departmentName, keyName, unitBareName, unitKey, withUnits, type NameBook, NO_NAMES } from './names.ts';
import { valuesAgainstPlan } from './lookup-value.ts';
import { WORDS } from './labels.ts';

const pct = (part: number, whole: number) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "维持和平行动部" / "the Department of Peacekeeping Operations"; an office with its department in Chinese. */
function unitPhrase(u: Pick<Group, 'department' | 'office'>, language: Language, names: NameBook): string {
  if (language === 'zh' && u.office) return `${u.department.name}${u.office.name}`;
  const name = unitBareName(u, language, names);
  return language === 'en' && /^(Department|Office|Secretariat|Executive)/.test(name) ? `the ${name}` : name;
}

function keyPhrase(key: string, language: Language, names: NameBook): string {
  const [d, o] = key.split('-');
  const name = keyName(key, language, names);
  if (language === 'zh' && o) return `${names.chinese(d!) ?? d}${name}`;
  return language === 'en' && /^(Department|Office|Secretariat|Executive)/.test(name) ? `the ${name}` : name;
}

/** The units the answer is about (the plan's where), as a phrase; '' for the whole report. */
function scopePhrase(answer: Answer, names: NameBook): string {
  const keys = unitsOf(answer.plan.where).map((u) => unitKey(u.department, u.office));
  const phrases = [...new Set(keys)].map((k) => keyPhrase(k, answer.language, names));
  return phrases.join(answer.language === 'zh' ? '、' : ' and ');
}

/** "低于计划" / "below plan"; statuses joined as the question joined them. */
function statusPredicate(flags: readonly StatusFlag[], join: 'and' | 'or', language: Language): string {
  const words = flags.map((f) => STATUS_DISPLAY[f].predicate[language]);
  const sep = language === 'zh' ? (join === 'and' ? '且' : '或') : join === 'and' ? ' and ' : ' or ';
  return words.join(sep);
}

/** "（不含推迟）" / " (not postponed)", and "除管理事务部外" / "apart from …" for what the question left out. */
function exclusions(answer: Answer, names: NameBook): { before: string; after: string } {
  const f = answer.filters;
  const zh = answer.language === 'zh';
  const units = f.excludedUnits.map((k) => keyPhrase(k, answer.language, names));
  const statuses = f.excludedStatus.map((s) => STATUS_DISPLAY[s][answer.language]);
  return {
    before: units.length ? (zh ? `除${units.join('、')}外，` : `Apart from ${units.join(' and ')}, `) : '',
    after: statuses.length ? (zh ? `（不含${statuses.join('、')}）` : ` (not ${statuses.join(' or ')})`) : '',
  };
}

function accomplishment(answer: Answer): string {
  const code = answer.filters.accomplishment;
  if (!code) return '';
  return answer.language === 'zh' ? `预期成绩 ${code} 下` : ` under expected accomplishment ${code}`;
}

/** "外勤支助部有 16 项产出低于计划。" / "16 outputs of the Department of Field Support were below plan." */
export function countSentence(answer: Answer, n: number, names: NameBook = NO_NAMES): string {
  const f = answer.filters;
  const scope = scopePhrase(answer, names);
  const ex = exclusions(answer, names);
  const acc = accomplishment(answer);
  if (answer.language === 'zh') {
    const where = `${scope}${acc}` || '报告中';
    const pred = f.status.length ? statusPredicate(f.status, f.statusJoin, 'zh') : '';
    return pred ? `${ex.before}${where}有 ${n} 项产出${pred}${ex.after}。` : `${ex.before}${where}共有 ${n} 项产出${ex.after}。`;
  }
  const ofScope = scope ? ` of ${scope}` : '';
  if (f.status.length) {
    const sentence = `${plural(n, 'output')}${ofScope}${acc} ${n === 1 ? 'was' : 'were'} ${statusPredicate(f.status, f.statusJoin, 'en')}${ex.after}.`;
    return ex.before ? `${ex.before}${sentence}` : sentence.charAt(0).toUpperCase() + sentence.slice(1);
  }
  const head = scope ? `${scope.charAt(0).toUpperCase()}${scope.slice(1)} has` : 'The report lists';
  return `${ex.before}${ex.before ? head.charAt(0).toLowerCase() + head.slice(1) : head} ${plural(n, 'output')}${acc}${ex.after}.`;
}

function rankSentence(answer: Answer, names: NameBook): string {
  const zh = answer.language === 'zh';
  const top = answer.groups.filter((g) => g.rank === (answer.groups[0]?.rank ?? 1));
  if (top.length === 0) return countSentence(answer, answer.total, names);
  const who = top.map((g) => (g.status ? STATUS_DISPLAY[g.status][answer.language] : unitPhrase(g, answer.language, names)));
  const most = answer.plan.order !== 'asc';
  const f = answer.filters;
  const pred = f.status.length ? statusPredicate(f.status, f.statusJoin, answer.language) : '';
  const g = top[0]!;
  if (answer.plan.rankBy === 'share') {
    const value = `${pct(g.count, g.whole)}（${g.count}/${g.whole}）`;
    if (zh) return `${who.join('、')}${top.length > 1 ? '并列' : ''}${pred ? `${pred}的` : ''}比例${most ? '最高' : '最低'}：${top.length > 1 ? '各 ' : ''}${value}。`;
    return `${cap(who.join(' and '))} ${top.length > 1 ? 'tie for' : 'has'} the ${most ? 'highest' : 'lowest'} share${pred ? ` ${pred}` : ''}: ${pct(g.count, g.whole)} (${g.count} of ${g.whole})${top.length > 1 ? ' each' : ''}.`;
  }
  if (zh) return `${who.join('、')}${top.length > 1 ? '并列' : ''}${most ? '最多' : '最少'}：${top.length > 1 ? '各 ' : ''}${g.count} 项${pred ? `产出${pred}` : '产出'}。`;
  const outputs = pred ? `outputs ${pred}` : 'outputs';
  return `${cap(who.join(' and '))} ${top.length > 1 ? 'tie for' : 'has'} the ${most ? 'most' : 'fewest'} ${outputs}: ${g.count}${top.length > 1 ? ' each' : ''}.`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const clipText = (s: string, max: number) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return [...t].length > max ? `${[...t].slice(0, max - 1).join('')}…` : t;
};

function shareSentence(answer: Answer, names: NameBook): string {
  const r = answer.ratio ?? { part: answer.total, whole: answer.total };
  const flags = answer.plan.part ? statusesOf(answer.plan.part) : answer.filters.status;
  const pred = flags.length ? statusPredicate(flags, answer.filters.statusJoin, answer.language) : '';
  const scope = scopePhrase(answer, names);
  if (answer.language === 'zh') return `${scope || '报告'}的 ${r.whole} 项产出中有 ${r.part} 项${pred || '符合条件'}（${pct(r.part, r.whole)}）。`;
  return `${r.part} of the ${r.whole} outputs${scope ? ` of ${scope}` : ''} (${pct(r.part, r.whole)}) ${r.part === 1 ? 'was' : 'were'} ${pred || 'a match'}.`;
}

function compareSentence(answer: Answer, names: NameBook): string {
  const zh = answer.language === 'zh';
  const gs = answer.groups;
  const parts = gs.map((g) => `${unitPhrase(g, answer.language, names)} ${g.count}${zh ? ' 项' : ''}`);
  const f = answer.filters;
  const pred = f.status.length ? statusPredicate(f.status, f.statusJoin, answer.language) : '';
  const head = zh ? `${pred ? `${pred}的产出：` : ''}${parts.join('，')}` : `${pred ? `Outputs ${pred}: ` : ''}${parts.join(', ')}`;
  if (gs.length < 2) return `${head}${zh ? '。' : '.'}`;
  const sorted = [...gs].sort((a, b) => b.count - a.count);
  const [hi, next] = [sorted[0]!, sorted[1]!];
  const d = hi.count - next.count;
  if (d === 0 && gs.length === 2) return zh ? `${head}：两者相同。` : `${head}: the same.`;
  const hiName = unitPhrase(hi, answer.language, names);
  if (gs.length === 2) return zh ? `${head}：${hiName}多 ${d} 项。` : `${head}: ${hiName} has ${d} more.`;
  return zh ? `${head}：${hiName}最多，比第二多 ${d} 项。` : `${head}: ${hiName} has the most, ${d} more than the next.`;
}

function lookupSentence(answer: Answer): string {
  const row = answer.rows[0];
  if (!row) return WORDS[answer.language].none;
  const zh = answer.language === 'zh';
  const values = valuesAgainstPlan(row, answer.question).slice(0, 3);
  const said = values.map(({ value, planned, unit }) => {
    const plan = clipText(row.planned, 40);
    if (value.number === null) return zh ? `完成栏为“${value.value}”：${plan}` : `delivered: ${value.value === '是' ? 'yes' : value.value === '否' ? 'no' : value.value} — ${plan}`;
    const label = value.label ?? '';
    if (zh) return `${value.value} ${unit}${label}（${planned ? `计划 ${planned} ${unit}`.trimEnd() : '计划未给出数字'}）`;
    return `${value.value}${label ? ` (${label})` : ''} delivered against ${planned ? `${planned} planned` : 'a plan with no number'}`;
  });
  return zh ? `${said.join('；')}——${row.id}。` : `${cap(said.join('; '))} — ${row.id}.`;
}

function summarySentence(answer: Answer, names: NameBook): string {
  const departments = new Set(answer.groups.map((g) => g.department.code)).size;
  const top = [...answer.groups].sort((a, b) => (b.whole || b.count) - (a.whole || a.count))[0];
  const n = (g: Group) => g.whole || g.count;
  if (answer.language === 'zh') return `整个报告共 ${answer.total} 项产出，分属 ${departments} 个部门${top ? `；${departmentName(top.department, 'zh', names)}最多（${n(top)} 项）` : ''}。`;
  return `The report lists ${plural(answer.total, 'output')} in ${plural(departments, 'department')}${top ? `; ${unitPhrase({ department: top.department, office: null }, 'en', names)} has the most (${n(top)})` : ''}.`;
}

function explainSentence(answer: Answer): string {
  const zh = answer.language === 'zh';
  const [first] = answer.rows;
  if (answer.rows.length === 1 && first) {
    const why = first.remarks.replace(/\s+/g, ' ').trim();
    if (!why) return zh ? `报告没有给出 ${first.id} 的说明。` : `The report gives no remarks for ${first.id}.`;
    return zh ? `报告对 ${first.id} 的说明：${why.length > 140 ? `${why.slice(0, 139)}…` : why}` : `The report’s remarks on ${first.id} (in Chinese): ${why.length > 140 ? `${why.slice(0, 139)}…` : why}`;
  }
  return zh ? `报告对这 ${answer.rows.length} 项产出的说明如下。` : `The report’s remarks on these ${answer.rows.length} outputs follow.`;
}

/** "报告中没有名为“政治事务部”的部门。" / "UNDP is not in this report." */
export function unknownSentence(u: UnknownName, language: Language): string {
  if (language === 'zh') {
    if (u.kind === 'unit') return `报告中没有名为“${u.text}”的${/部$/.test(u.text) ? '部门' : '部门或办公室'}。`;
    if (u.kind === 'year') return `报告不涉及 ${u.text}：它只有 2013/14 年度的产出。`;
    return `报告中没有提到“${u.text}”。`;
  }
  if (u.kind === 'unit') return `The report has no ${/department/i.test(u.text) ? 'department' : 'department or office'} called “${u.text}”.`;
  if (u.kind === 'year') return `The report does not cover ${u.text}: it has the outputs of 2013/14 only.`;
  return `${u.text} is not in this report.`;
}

/** The direct answer: one sentence (or, for names the report lacks, one per name) in the answer's language. */
export function directAnswer(answer: Answer, book: NameBook = NO_NAMES): string {
  const L = WORDS[answer.language];
  const names = withUnits(book, answer.units);
  const unknown = answer.unknown.map((u) => unknownSentence(u, answer.language)).join(' ');
  if (answer.intent === 'none') {
    if (unknown) return unknown;
    return answer.reason && answer.reason !== 'reset' ? `${L.none} ${L.reasons[answer.reason]}` : answer.reason ? L.reasons[answer.reason] : L.none;
  }
  const sentence = (() => {
    switch (answer.intent) {
      case 'rank':
        return rankSentence(answer, names);
      case 'share':
        return shareSentence(answer, names);
      case 'compare':
        return compareSentence(answer, names);
      case 'summary':
        return summarySentence(answer, names);
      case 'lookup':
        return lookupSentence(answer);
      case 'explain':
        return explainSentence(answer);
      default:
        return answer.total === 0 && answer.rows.length === 0 && answer.intent !== 'count' ? L.none : countSentence(answer, answer.total, names);
    }
  })();
  return unknown ? `${unknown} ${sentence}` : sentence;
}
