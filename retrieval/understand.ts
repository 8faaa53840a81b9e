// Query understanding: what a question asks for (intent), where (department/office, 预期成绩), which
// status, and what remains as its topic. Pure functions over the question text; names of units and the
// English->Chinese term mapping are passed in, so the rules are testable alone.
import type { StatusFlag } from '../store/schema.ts';
import type { UnitRef } from './plan.ts';
import type { Intent, Language } from './types.ts';
import { readQuestionText, settleUnevidenced, type QuestionReading, type ReadingDeps, type ReadOptions } from './reading/read.ts';

export interface Translation {
  zh: string[];
  /** The English text the term matched. */
  text: string;
}

/** A unit as a question names it: the plan's UnitRef plus the words that named it (cut from the topic). */
export interface UnitMention extends UnitRef {
  /** The text of the question that named it (removed from the topic). */
  matchedText: string;
}

export interface UnderstandDeps {
  findUnits(question: string): UnitMention[];
  /** Alternatives of a Chinese chunk in the report's own words ("出兵出警国" -> "部队和警察派遣国"). */
  zhAlternatives?(chunk: string): string[];
  /** Names of a unit (Chinese and English), so topic words that merely repeat them can be dropped. */
  unitNames?(unit: UnitMention): string[];
  /** For each English term of a question, the Chinese terms the report uses for it (alternatives) and the text it matched. */
  translate(question: string): Translation[];
  /** How well the rows support a concept (0–1); without it every concept counts as supported. */
  evidence?(concept: readonly string[]): number;
  /** Typo correction of unit and status words. */
  typos?: ReadingDeps['typos'];
  /** Whether the report prints this exact text. */
  printed?(text: string): boolean;
  /** A Chinese chunk split at the seams the report never prints. */
  words?(chunk: string): string[];
}

export interface Understanding {
  language: Language;
  intent: Intent;
  units: UnitMention[];
  accomplishment: string | null;
  status: StatusFlag[];
  /** The question's topic words, Chinese (original or translated), filters and question words removed. */
  topic: string;
  /** The topic as concepts, each a set of alternative phrasings (a translated term's synonyms). */
  concepts: string[][];
  /** Capitalised English words that are not sentence-initial (names: UNICEF, Afghanistan), lower-cased. */
  names: string[];
  /** Numbers of three or more digits in the question (years, resolution numbers, counts). */
  numbers: string[];
  /** All-capital words of three or more letters that no unit or glossary term explains (OCHA, NATO), lower-cased. */
  unexplainedAcronyms: string[];
  /** Asked "by department / 各部门": counts broken down. */
  wantsBreakdown: boolean;
  /** The mentions, what was ignored and unknown, corrections and the trace. */
  reading: QuestionReading;
}

const COUNT_ZH = /产出(的)?(数量|数目|总数)|(数量|数目|总数)是?多少|多少[^？?。，]{1,10}产出|(多少|几)(项|个|条|份)?(产出|计划产出)|产出[^？?。]{0,12}(多少|几)(项|个|条)|(一共|总共|共)有?(多少|几)(项|个|条)?|(多少|几)项/;
const COUNT_EN = /\btotal (number of )?outputs?\b|\boutputs?\b[^?]{0,40}\bin total\b|\b(how many|number of|count of|count)\b[^?]{0,40}\b(outputs?|items?|rows?|deliverables?)\b|\bhow many (of (them|these|its|their) )?(outputs? )?(were|are|was|have been|got)\b/i;
const HOW_MANY = /多少|几项|几个|\bhow many\b|\bnumber of\b/i;
const LIST_ZH = /哪些|哪几|列出|列举|清单|什么产出|哪项产出|所有产出|全部产出|都有什么|有哪/;
const LIST_EN = /\b(which|list|show( me)?|what (are|were) (the|all)?|what outputs|all (the )?outputs|outputs? (of|for|in|by|from)|any(thing)?|is there|are there|give me)\b/i;
const BREAKDOWN = /各部门|按部门|每个部门|各个部门|分部门|各厅|各司|\bby department\b|\bper department\b|\beach department\b|\bbreak ?down\b|\bby office\b/i;
const OVERVIEW = /概况|概览|总体情况|介绍一下|简介|\boverview\b|\bsummary of\b|\bsummari[sz]e\b|\bprofile\b/i;
const ACCOMPLISHMENT_REF = /(?:预期成绩|expected accomplishment|accomplishment|EA)\s*(\d+\.\d+)/i;

const EN_STOPWORDS = new Set(
  [
    // Ordinary English function words.
    'a an the of for in on at to by with from and or nor but if then than so as per via into onto out over under up down off about above below',
    'is are was were be been being am do did does done has have had having will would shall should can could may might must',
    'i me my we us our you your he him his she her they them their its it this that these those there here',
    'how many much what which who whom whose why when where whether any anything some something each every all both either neither',
    'not no yes please tell give show list let know want need find see get got just also only very really still yet ever',
    'side part parts kind sort way ways thing things lot lots among quickly fast soon often how long target targets against actual actually figure figures',
    // The report's own frame: every row is a planned output of a department in this report.
    'total overall whole entire altogether in-total across throughout anywhere number count numbers counts',
    'outputs output items item rows row planned plan plans deliver delivered department departments office offices',
    'division divisions section sections unit units entity entities year years period periods fiscal biennium',
  ]
    .join(' ')
    .split(/\s+/),
);

/** Ordinary English words (function words and verbs of asking): never corrected as typos. */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set([...EN_STOPWORDS, ...'reported listed recorded marked flagged shown classified rated labelled labeled noted described came comes coming happen happened provide provided produce produced issue issued conduct conducted organize organized organise organised receive received undertake undertaken finished completed complete achieved delivered status expected supposed planned scheduled which where there their these those other about above below under after before while where whose'.split(' ')]);

/** Measure words that make a question a count, list, ranking, share or comparison, never a lookup of one output. */
const MEASURING = new Set(['most', 'fewest', 'rank', 'top', 'share', 'compare', 'each', 'summary', 'breakdown', 'combine']);

const ASKS_FOR_A_PERSON = /^\s*(who|whom|whose)\s+(is|was|are|were|won|wins|will|has|had|became|becomes)\b|是谁|谁是|谁赢|谁获得|哪位/i;

const COMPLETION_WORD = /^(已?完成|实现|complete[ds]?|deliver(ed|s)?|achieved?|accomplish(ed)?|do|did|done)$/i;

/** Verbs that carry the question's form in English, not its topic. */
const EN_GENERIC_VERBS = new Set('reported listed recorded marked flagged shown classified rated categorized categorised labelled labeled noted described came come comes coming fell fall falls went go goes ended end turned make made makes give gave given get got happen happened happens take took taken held hold provide provided produce produced issue issued carry carried conduct conducted organize organized organise organised receive received undertake undertaken happen did done finished completed complete achieved delivered status expected expect supposed planned scheduled'.split(' '));

/** Capitalised words past the first word of a sentence: names of things, people, places. */
export function namesIn(question: string): string[] {
  const out: string[] = [];
  for (const sentence of question.split(/[.?!]\s+/)) {
    const words = sentence.match(/[A-Za-z][A-Za-z']*/g) ?? [];
    words.slice(1).forEach((w) => {
      if (/^[A-Z]/.test(w)) out.push(w.replace(/'s$/, '').toLowerCase());
    });
  }
  return out;
}

/** Chinese unless Latin words outnumber the Han characters ("What share … are marked 否?" is English). */
export function detectLanguage(question: string): Language {
  const han = (question.match(/[\u3400-\u9fff]/g) ?? []).length;
  const words = (question.match(/[A-Za-z]{2,}/g) ?? []).length;
  return han > 0 && han >= words ? 'zh' : 'en';
}

export function detectIntent(question: string, hasFilters: boolean, topic: string): Intent {
  const q = question;
  const wantsCount = COUNT_ZH.test(q) || COUNT_EN.test(q) || (HOW_MANY.test(q) && hasFilters && topic.trim() === '');
  if (wantsCount) return BREAKDOWN.test(q) ? 'breakdown' : 'count';
  if (BREAKDOWN.test(q)) return 'breakdown';
  if (LIST_ZH.test(q) || LIST_EN.test(q)) return 'list';
  if (OVERVIEW.test(q) && hasFilters) return 'overview';
  // A bare unit name ("法律事务厅", "OIOS") asks for that unit's overview.
  if (hasFilters && topic.trim() === '') return 'overview';
  return 'lookup';
}

/**
 * The topic as concepts: Chinese chunks left after question words are removed (single characters say too
 * little to match on), or for English the Chinese terms of each recognised term plus Latin words, which
 * the report uses for system names (Umoja, Inspira, EarthMed).
 */
export function conceptsOf(
  rest: string,
  language: Language,
  translate: (q: string) => Translation[],
  zhAlternatives: (chunk: string) => string[] = () => [],
): string[][] {
  if (language === 'en') {
    // "in the report" frames the question; a report as an output ("audit reports") is a topic.
    const text = rest.replace(/\b((in|of|across|throughout|from|within|for) )?((the|this) (whole |entire |full )?|(whole|entire|full) )report\b|\breport(s|ed|ing)? on\b/gi, ' ');
    const words = text.toLowerCase().match(/[a-z][a-z']*/g) ?? [];
    // Translate the whole text so multi-word terms ("training of trainers") match, but drop a translation
    // of a lone frame word ("outputs", "plan").
    const found = translate(text).filter((t) => t.zh.length > 0 && !t.text.toLowerCase().split(/[\s-]+/).every((w) => EN_STOPWORDS.has(w) || EN_GENERIC_VERBS.has(w)));
    const covered = new Set(found.flatMap((t) => t.text.toLowerCase().split(/[\s-]+/)));
    // Words the glossary does not know stay as themselves: a system name the report prints (Umoja, Inspira)
    // matches, and a word it never uses ("coffee") counts against the question's coverage.
    const leftover = words.filter((w) => !EN_STOPWORDS.has(w) && !EN_GENERIC_VERBS.has(w) && w.length > 3 && !covered.has(w));
    return [...found.map((t) => t.zh), ...leftover.map((w) => [w])];
  }
  // "哪项活动", "什么工作": generic nouns standing for "output" after a question word are phrasing.
  let t = rest.replace(/(哪些|哪项|哪几项|什么|何种|哪一项)(活动|工作|事项|项目|任务|东西)/g, ' ');
  // "只交了两份", "开了几次": a count and its measure word ask about the number, they are not the topic.
  t = t.replace(/(只|仅|才)?[一两二三四五六七八九十百千几]+[份次个项名篇起场期届件]/g, ' ').replace(/(?:^|\s)(只|仅|才)(?=[\u4e00-\u9fff])/g, ' ');
  // "2013/14 年度", "2015 年": a time frame, not a topic (an unknown year is caught by the engine).
  t = t.replace(/\d{4}\s*([\/-]\s*\d{2,4})?\s*(财政年度|财政期间|年度|年|期间)/g, ' ');
  // Document symbols (A/69/653) name the report itself, not a topic in it.
  t = t.replace(/\b[A-Z]\/\d+(\/[\w.]+)*/g, ' ').replace(/[？?！!。，,、；;：:“”"'（）()《》\/\s]+/g, ' ');
  // Conjunctions at a chunk's edge join it to a status or reason ("因为资源不足而低于计划"): not part of the topic.
  t = t.replace(/(^|\s)(而|并|且|从而|因而|因此|所以)(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(而|并且|从而|因而)(?=\s|$)/g, ' ');
  // Digits alone say little about a topic ("2014" is everywhere) and are not matched.
  const chunks = t.replace(/\d+/g, ' ').split(/\s+/).filter((c) => (c.length > 1 && /[\u3400-\u9fff]/.test(c)) || /[a-z]{2,}/i.test(c));
  return chunks.map((c) => [c, ...zhAlternatives(c)]);
}

export const topicText = (concepts: readonly string[][]) => concepts.map((c) => c.join('/')).join(' ');

export function understand(question: string, deps: UnderstandDeps, options: ReadOptions = {}): Understanding {
  const language = detectLanguage(question);
  const read = readQuestionText(question, language, readingDeps(deps), options);
  // The measure decides what words without evidence are: weighed by a lookup, ignored or unknown elsewhere. It is
  // judged on the words with evidence, so a filler word cannot turn "有多少…低于计划" into a lookup.
  const filtered = read.units.length + read.status.length > 0 || !!read.accomplishment;
  const withoutUnevidenced = detectIntent(read.text, filtered, topicText(read.concepts));
  const withUnevidenced = detectIntent(read.text, filtered, topicText([...read.concepts, ...read.unevidenced]));
  // A question that states no measure of its own and says more than a unit asks about a specific output.
  const measured = [...read.measures].some((m) => MEASURING.has(m));
  const asLookup = !ASKS_FOR_A_PERSON.test(question) && !measured && withUnevidenced === 'lookup' && (withoutUnevidenced === 'lookup' || withoutUnevidenced === 'overview');
  const reading = settleUnevidenced(read, asLookup);
  const units: UnitMention[] = reading.units.map((u) => ({ ...u, matchedText: reading.mentions.find((m) => m.meaning.kind === 'unit' && m.meaning.unit.department === u.department && m.meaning.unit.office === u.office)?.text ?? '' }));
  const status = [...reading.status];
  const concepts = reading.concepts.map((c) => [...c]);
  const ea = reading.accomplishment ? [reading.accomplishment, reading.accomplishment] : null;
  // Numbers are read from the question without its status words and document symbols.
  const withoutStatus = reading.mentions.filter((m) => m.meaning.kind === 'status').reduce((t, m) => t.slice(0, m.start) + ' '.repeat(m.end - m.start) + t.slice(m.end), reading.text);
  const hasFilters = units.length > 0 || status.length > 0 || ea !== null;
  // The report names no people and no winners: "who is / who won …" cannot be answered from its rows.
  let intent: Intent = ASKS_FOR_A_PERSON.test(question) ? 'none' : detectIntent(reading.text, hasFilters, topicText(concepts));
  // "完成了多少产出" / "how many outputs did X complete": in a count or list, completion is a filter
  // (the report's 是), while in a lookup "完成了吗" asks about one output.
  if ((intent === 'count' || intent === 'list' || intent === 'breakdown') && status.length === 0) {
    const completion = concepts.findIndex((c) => c.some((alt) => /^(已?完成|实现|complete[ds]?|deliver(ed|s)?|achieved?)$/i.test(alt)));
    if (completion >= 0) {
      status.push('completed');
      concepts.splice(completion, 1);
      if (language === 'en') {
        for (let i = concepts.length - 1; i >= 0; i--) if (/^(complete[ds]?|deliver(ed|s)?|achieved?)$/i.test(concepts[i]![0]!)) concepts.splice(i, 1);
      }
      intent = detectIntent(reading.text, true, topicText(concepts));
    }
  }
  // A measure word the intent patterns missed ("统计一下", "pull up") still says what a bare unit or status asks for.
  if (intent === 'overview' && reading.measures.has('count')) intent = 'count';
  else if (intent === 'overview' && reading.measures.has('list')) intent = 'list';
  // A specific number ("resolutions 1820 and 1888") identifies an output well, but only a lookup is about one.
  if (intent === 'lookup') for (const n of new Set(withoutStatus.match(/\d{3,}/g) ?? [])) concepts.push([n]);
  // "军事厅完成了什么？" / "What did OMA deliver?": with nothing else asked, the unit's overview answers it.
  if (intent === 'lookup' && units.length > 0) {
    const rest2 = concepts.filter((c) => !c.some((alt) => COMPLETION_WORD.test(alt) || /^(什么|做了|做了什么|成果|完成情况|情况)$/.test(alt)));
    if (rest2.length === 0) {
      concepts.length = 0;
      intent = 'overview';
    }
  }
  return {
    language,
    intent,
    units,
    accomplishment: ea?.[1] ?? null,
    status,
    topic: topicText(concepts),
    concepts,
    names: language === 'en' ? namesIn(question) : [],
    unexplainedAcronyms: [...new Set((withoutStatus.match(/\b[A-Z]{3,}\b/g) ?? []).map((a) => a.toLowerCase()))].filter((a) =>
      concepts.some((c) => c.length === 1 && c[0] === a),
    ),
    numbers: [...new Set(withoutStatus.replace(/\b[A-Z]\/\d+(\/[\w.]+)*/g, ' ').match(/\d{3,}/g) ?? [])],
    wantsBreakdown: BREAKDOWN.test(question),
    reading,
  };
}

/** The reading's view of the engine's dependencies. */
function readingDeps(deps: UnderstandDeps): ReadingDeps {
  return {
    findUnits: deps.findUnits,
    translate: deps.translate,
    ...(deps.unitNames ? { unitNames: (u: UnitRef) => deps.unitNames!({ ...u, matchedText: '' }) } : {}),
    evidence: deps.evidence ?? (() => 1),
    ...(deps.typos ? { typos: deps.typos } : {}),
    ...(deps.printed ? { printed: deps.printed } : {}),
    ...(deps.words ? { words: deps.words } : {}),
    conceptsOf: (chunk, language) => conceptsOf(chunk, language, deps.translate, deps.zhAlternatives),
  };
}
