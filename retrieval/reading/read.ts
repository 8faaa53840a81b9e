// Reading a question: every recogniser runs over the text, one refiner settles overlaps and attaches negation,
// and the words no mention covers are classified — a topic only where the rows have evidence for it, a name the
// report does not have as unknown, and phrasing as ignored. Nothing left over silently becomes a filter.
import type { StatusFlag } from '../../store/schema.ts';
import { PLACES, ZH_ORG_GENERIC, ZH_ORG_SUFFIX } from '../lexicon/names.ts';
import { sameUnit, type UnitRef } from '../plan.ts';
import type { Correction, Language, TraceEntry, UnknownName } from '../types.ts';
import type { Translation, UnitMention } from '../understand.ts';
import { describeMeaning, type Chunk, type MeasureWord, type Mention, type Recogniser } from './mention.ts';
import { accomplishmentRecogniser } from './recognisers/accomplishment.ts';
import { formRecogniser } from './recognisers/form.ts';
import { measureRecogniser } from './recognisers/measure.ts';
import { nameRecogniser } from './recognisers/names.ts';
import { negatorRecogniser } from './recognisers/negators.ts';
import { periodRecogniser } from './recognisers/period.ts';
import { referenceRecogniser } from './recognisers/reference.ts';
import { statusRecogniser } from './recognisers/status.ts';
import { unitRecogniser } from './recognisers/units.ts';
import { attachNegation, settleOverlaps, uncovered } from './settle.ts';
import { correctTypos, type TypoVocabulary } from './typos.ts';

export interface ReadingDeps {
  findUnits(text: string): UnitMention[];
  translate(text: string): Translation[];
  zhAlternatives?(chunk: string): string[];
  /** Names of a unit (both languages), so topic words that only repeat them are dropped. */
  unitNames?(unit: UnitRef): string[];
  /** How well the rows support a concept (0–1: the best row's coverage of its words). */
  evidence(concept: readonly string[]): number;
  /** Typo correction: the vocabulary and whether a word is real (printed in the report or known to the lexicon). */
  typos?: { vocabulary: TypoVocabulary; known(word: string): boolean };
  /** A Chinese chunk split at the seams the report never prints (words the report has), for long chunks. */
  words?(chunk: string): string[];
  /** Whether the report prints this exact text (names are checked exactly, topics by evidence). */
  printed?(text: string): boolean;
  /** Turns a chunk of uncovered text into concepts (alternatives each), phrasing removed. */
  conceptsOf(chunk: string, language: Language): string[][];
}

export interface QuestionReading {
  /** The text read (typos corrected). */
  text: string;
  language: Language;
  mentions: Mention[];
  units: UnitRef[];
  excludedUnits: UnitRef[];
  status: StatusFlag[];
  negatedStatus: StatusFlag[];
  accomplishment: string | null;
  measures: Set<MeasureWord>;
  /** The topic: concepts with evidence in the rows. */
  concepts: string[][];
  /** Concepts the rows have no evidence for (a lookup still weighs them; elsewhere they are ignored or unknown). */
  unevidenced: string[][];
  /** Per unevidenced concept: stated as the topic ("关于火星探测的", "about Mars exploration"), so never phrasing. */
  foreign: boolean[];
  ignored: string[];
  unknown: UnknownName[];
  corrections: Correction[];
  trace: TraceEntry[];
  /** Periods named: any outside the report's 2013/14. */
  otherPeriod: boolean;
  /** Unknown unit names that rows mention (as a partner): the other reading is "rows that mention it". */
  mentionedBy: string[];
}

/** A concept counts as a topic of the report when some row covers at least this much of its words. */
export const EVIDENCE_MIN = 0.6;
/** Words that state a topic: what follows them is the subject asked about, never phrasing. */
const TOPIC_MARKER = /(关于|有关|涉及|相关|针对|就)\s*$|\b(about|regarding|concerning|related to|on the topic of|dealing with)\s*$/i;

export interface ReadOptions {
  /** Measure words to leave to the topic ("the share of women among candidates" is about one output). */
  keep?: MeasureWord[];
}

export function readQuestionText(question: string, language: Language, deps: ReadingDeps, options: ReadOptions = {}): QuestionReading {
  const recognisers: Recogniser[] = [
    unitRecogniser(deps.findUnits), statusRecogniser, negatorRecogniser, accomplishmentRecogniser, periodRecogniser,
    measureRecogniser, referenceRecogniser, nameRecogniser, formRecogniser,
  ];
  const run = (text: string) => {
    const all = recognisers.flatMap((r) => r.extract(text)).filter((m) => !(m.meaning.kind === 'measure' && options.keep?.includes(m.meaning.word)));
    // A name-shaped span over a unit, status or 预期成绩 is that, not a name ("UN DPKO", "Expected Accomplishment").
    const strong = all.filter((m) => m.meaning.kind === 'unit' || m.meaning.kind === 'status' || m.meaning.kind === 'accomplishment');
    const candidates = all.filter((m) => m.meaning.kind !== 'name' || !strong.some((s) => m.start < s.end && s.start < m.end));
    const attached = attachNegation(text, settleOverlaps(candidates));
    // A negator that governs nothing is not phrasing to cut ("资源不足" keeps its 不).
    const mentions = attached.filter((m) => m.meaning.kind !== 'negator' || governs(m, attached, text));
    return { mentions, chunks: uncovered(text, mentions) };
  };
  let text = question;
  let { mentions, chunks } = run(text);
  let corrections: Correction[] = [];
  if (deps.typos && (chunks.length > 0 || mentions.some((m) => m.meaning.kind === 'name'))) {
    const fixed = correctTypos(text, deps.typos.vocabulary, deps.typos.known);
    if (fixed.corrections.length) {
      text = fixed.text;
      corrections = fixed.corrections;
      ({ mentions, chunks } = run(text));
    }
  }
  return classify(text, language, mentions, chunks, corrections, deps);
}

function governs(neg: Mention, mentions: readonly Mention[], text: string): boolean {
  if (neg.meaning.kind !== 'negator') return false;
  const i = mentions.indexOf(neg);
  const next = neg.meaning.scope === 'except_after' ? mentions[i - 1] : mentions[i + 1];
  if (!next) return false;
  const gap = neg.meaning.scope === 'except_after' ? text.slice(next.end, neg.start) : text.slice(neg.end, next.start);
  if (!/^[\s的被了,，、]*$|^\s*(been|being|the|any|those|ones)\s*$/i.test(gap)) return false;
  return (next.meaning.kind === 'status' && next.meaning.negated) || (next.meaning.kind === 'unit' && next.meaning.excluded);
}

function classify(text: string, language: Language, allMentions: Mention[], allChunks: Chunk[], corrections: Correction[], deps: ReadingDeps): QuestionReading {
  const printed = (name: string) => (deps.printed ? deps.printed(name) : deps.evidence([name]) >= EVIDENCE_MIN);
  const { mentions, chunks, longer } = longerNames(allMentions, allChunks, printed);
  const trace: TraceEntry[] = mentions.map((m) => ({ recogniser: m.recogniser, text: m.text, start: m.start, end: m.end, meaning: describeMeaning(m.meaning) }));
  const unitMentions = mentions.flatMap((m) => (m.meaning.kind === 'unit' ? [m.meaning] : []));
  const dedupe = (list: UnitRef[]) => list.filter((u, i) => list.findIndex((x) => sameUnit(x, u)) === i);
  const units = dedupe(unitMentions.filter((u) => !u.excluded && !u.qualifier).map((u) => u.unit));
  const excludedUnits = dedupe(unitMentions.filter((u) => u.excluded).map((u) => u.unit));
  const statusMentions = mentions.flatMap((m) => (m.meaning.kind === 'status' ? [m.meaning] : []));
  const negatedStatus = [...new Set(statusMentions.filter((s) => s.negated).map((s) => s.flag))];
  let status = [...new Set(statusMentions.filter((s) => !s.negated).map((s) => s.flag))].filter((f) => !negatedStatus.includes(f));
  // "not completed" mentions "completed": the negative wins.
  if (status.includes('not_completed')) status = status.filter((s) => s !== 'completed');
  const accomplishment = mentions.find((m) => m.meaning.kind === 'accomplishment')?.meaning;
  const measures = new Set(mentions.flatMap((m) => (m.meaning.kind === 'measure' ? [m.meaning.word] : [])));

  const unknown: UnknownName[] = longer.map((name) => ({ text: name.text, kind: 'unit' as const }));
  for (const name of longer) trace.push({ recogniser: 'names.zh', text: name.text, start: name.start, end: name.end, meaning: 'unknown unit (a longer name ending in a short one)' });
  const ignored: string[] = [];
  const concepts: string[][] = [];
  const unevidenced: Array<{ text: string; start: number; alts: string[]; foreign: boolean }> = [];
  const mentionedBy: string[] = [];
  const ownNames = units.flatMap((u) => deps.unitNames?.(u) ?? []).map((n) => n.toLowerCase());
  const useConcept = (alts: string[], at: number, by: string) => {
    // Topic words that only repeat the unit's own name ("ICTD (field support side)") are not a topic.
    if (alts.some((a) => a.length > 1 && ownNames.some((n) => n.includes(a.toLowerCase())))) {
      trace.push({ recogniser: by, text: alts[0]!, start: at, end: at + alts[0]!.length, meaning: 'repeats the unit name' });
      return;
    }
    const evidence = deps.evidence(alts);
    // A long phrase the rows do not have as a whole may still hold words they have ("那张新海报发下去"): its parts
    // between seams are read one by one.
    const parts = evidence < EVIDENCE_MIN && alts.length === 1 && /^[\u4e00-\u9fff]{5,}$/.test(alts[0]!) ? (deps.words?.(alts[0]!) ?? []) : [];
    // Only when the report has most of it, in several words: "联合国大学" is a name, not 联合国 plus something.
    const covered = parts.reduce((n, p) => n + p.length, 0) / alts[0]!.length;
    if (parts.length > 1 && covered > 0.6) {
      for (const part of parts) useConcept([part], at + alts[0]!.indexOf(part), by);
      return;
    }
    if (evidence >= EVIDENCE_MIN) {
      concepts.push(alts);
      trace.push({ recogniser: by, text: alts[0]!, start: at, end: at + alts[0]!.length, meaning: 'topic (the rows have it)' });
    } else unevidenced.push({ text: alts[0]!, start: at, alts, foreign: statedTopic });
  };

  // Latin names: the report has one if the rows (through the glossary) do.
  for (const m of mentions) {
    if (m.meaning.kind !== 'name') continue;
    // A name of several words is the report's only if the glossary knows the whole name ("UN Women" is not "women").
    const whole = deps.translate(m.text).filter((t) => t.text.toLowerCase() === m.text.toLowerCase() || !/\s/.test(m.text));
    const alts = [...whole.flatMap((t) => t.zh), m.text.toLowerCase()];
    if (deps.evidence(alts) >= EVIDENCE_MIN) {
      concepts.push(alts);
      trace.push({ recogniser: 'name', text: m.text, start: m.start, end: m.end, meaning: 'topic (the rows have it)' });
    } else {
      unknown.push({ text: m.text, kind: m.meaning.nameKind });
      trace.push({ recogniser: 'name', text: m.text, start: m.start, end: m.end, meaning: `unknown ${m.meaning.nameKind}` });
    }
  }
  const otherPeriod = mentions.some((m) => m.meaning.kind === 'period' && !m.meaning.inReport);
  for (const m of mentions) if (m.meaning.kind === 'period' && !m.meaning.inReport) unknown.push({ text: m.text.trim(), kind: 'year' });

  let statedTopic = false;
  for (const chunk of chunks) {
    let rest = chunk.text;
    statedTopic = TOPIC_MARKER.test(text.slice(Math.max(0, chunk.start - 8), chunk.start)) || /^(about|regarding|concerning)\b/i.test(rest);
    if (language === 'zh' || /[\u4e00-\u9fff]/.test(rest)) {
      // "政治事务部": shaped like a unit the report does not have.
      const org = orgName(rest);
      // A unit-shaped name is the report's only if printed exactly; another organisation name if the rows have it.
      const inRows = org !== null && (/(部|厅|署|司|办公室|办事处)$/.test(org) ? printed(org) : deps.evidence([org]) >= EVIDENCE_MIN);
      // A unit-shaped name the report has no unit of is unknown as a unit, even where a row mentions it as a
      // partner; the rows that mention it are offered as the other reading.
      if (org && (!inRows || (/(部|厅|司|办公室|办事处)$/.test(org) && units.length === 0))) {
        unknown.push({ text: org, kind: /(部|厅|署|司|办公室|办事处)$/.test(org) ? 'unit' : 'organisation' });
        if (inRows) mentionedBy.push(org);
        trace.push({ recogniser: 'names.zh', text: org, start: chunk.start + rest.indexOf(org), end: chunk.start + rest.indexOf(org) + org.length, meaning: 'unknown unit' });
        rest = rest.replace(org, ' ');
      }
    }
    const place = PLACES.find((p) => rest.toLowerCase().includes(p));
    if (place && deps.evidence([place]) < EVIDENCE_MIN) {
      unknown.push({ text: place, kind: 'place' });
      trace.push({ recogniser: 'names.place', text: place, start: chunk.start, end: chunk.end, meaning: 'unknown place' });
      rest = rest.replace(new RegExp(place.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), ' ');
    }
    for (const alts of deps.conceptsOf(rest, language)) useConcept(alts, chunk.start + Math.max(0, chunk.text.indexOf(alts[0]!)), 'topic');
  }

  const reading: QuestionReading = {
    text, language, mentions, units, excludedUnits, status, negatedStatus,
    accomplishment: accomplishment?.kind === 'accomplishment' ? accomplishment.code : null,
    measures, concepts, unevidenced: unevidenced.map((u) => u.alts), foreign: unevidenced.map((u) => u.foreign), ignored, unknown, corrections, trace: trace.sort((a, b) => a.start - b.start), otherPeriod, mentionedBy,
  };
  return reading;
}

/**
 * Words the rows have no evidence for, once the measure is known. A lookup weighs them itself (a row must still
 * cover most of what was asked); elsewhere they are phrasing when the question says enough otherwise, and
 * otherwise the question is about something the report does not have.
 */
export function settleUnevidenced(r: QuestionReading, isLookup: boolean): QuestionReading {
  if (r.unevidenced.length === 0) return r;
  if (isLookup) {
    const weighed = r.unevidenced.map((alts) => {
      const at = Math.max(0, r.text.indexOf(alts[0]!));
      return { recogniser: 'coverage', text: alts[0]!, start: at, end: at + alts[0]!.length, meaning: 'weighed by the lookup (no evidence in the rows)' };
    });
    return { ...r, concepts: [...r.concepts, ...r.unevidenced], unevidenced: [], foreign: [], trace: [...r.trace, ...weighed].sort((a, b) => a.start - b.start) };
  }
  // A ranking or summary over units, or a turn that points back, has its subject already: the units, or the
  // conversation's rows. A count or list with nothing else needs its subject in these words.
  const structural =
    ['most', 'fewest', 'rank', 'top', 'summary'].some((m) => r.measures.has(m as MeasureWord)) ||
    r.mentions.some((m) => m.meaning.kind === 'group' || (m.meaning.kind === 'reference' && m.meaning.ref !== 'reset' && m.meaning.ref !== 'new'));
  const hasContent = r.units.length + r.excludedUnits.length + r.status.length + r.negatedStatus.length + r.concepts.length > 0 || !!r.accomplishment || r.unknown.length > 0 || structural;
  const ignored = [...r.ignored];
  const unknown = [...r.unknown];
  const trace = [...r.trace];
  r.unevidenced.forEach((alts, i) => {
    const at = Math.max(0, r.text.indexOf(alts[0]!));
    // A Latin word in a Chinese question is a name typed as it is written ("unicef 高于计划…"), never phrasing.
    const latinName = r.language === 'zh' && /^[a-z][a-z0-9.-]+$/i.test(alts[0]!);
    const phrasing = hasContent && !r.foreign[i] && !latinName;
    if (phrasing) ignored.push(alts[0]!);
    else unknown.push({ text: alts[0]!, kind: latinName ? 'organisation' : 'name' });
    trace.push({ recogniser: 'coverage', text: alts[0]!, start: at, end: at + alts[0]!.length, meaning: phrasing ? 'ignored (no evidence in the rows)' : 'not in the report' });
  });
  return { ...r, ignored, unknown, unevidenced: [], foreign: [], trace: trace.sort((a, b) => a.start - b.start) };
}


/** Words that may stand before a unit's short name without making another name ("联合国外勤部"). */
const QUALIFIERS = /^(联合国|秘书处|总部|本组织)$/;

/**
 * A short unit name (外勤部, 管理部) that ends a longer name the report does not have ("大会和会议管理部"): the
 * longer name is a unit the report lacks, not the short one.
 */
function longerNames(mentions: Mention[], chunks: Chunk[], inReport: (name: string) => boolean): { mentions: Mention[]; chunks: Chunk[]; longer: Chunk[] } {
  const longer: Chunk[] = [];
  const used = new Set<Chunk>();
  const kept = mentions.filter((m) => {
    if (m.meaning.kind !== 'unit' || !/^[\u4e00-\u9fff]{2,3}$/.test(m.text)) return true;
    const before = chunks.find((c) => c.end === m.start && /[\u4e00-\u9fff]{2}$/.test(c.text));
    if (before && QUALIFIERS.test(before.text)) used.add(before);
    // A longer name the report prints ("恩德培区域监察员") is the unit with a qualifier the rows support.
    if (!before || QUALIFIERS.test(before.text) || WORD_END.test(before.text.slice(-1)) || inReport(before.text + m.text)) return true;
    longer.push({ start: before.start, end: m.end, text: before.text + m.text });
    used.add(before);
    return false;
  });
  return { mentions: kept, chunks: chunks.filter((c) => !used.has(c)), longer };
}

/** Characters that may follow a name (particles, verbs of asking), not continue it. */
const WORD_END = /[有的在是和与及等里中下了被对为也都所共呢吗啊吧，。？！、]/;

/** A Chinese chunk's part shaped like a unit or organisation name ("政治事务部"), unless a generic word. */
export function orgName(chunk: string): string | null {
  for (const run of chunk.match(/[\u4e00-\u9fff]+/g) ?? []) {
    for (let start = 0; start < run.length - 1; start++) {
      const tail = run.slice(start);
      for (let end = tail.length; end >= 2; end--) {
        const candidate = tail.slice(0, end);
        const next = tail[end] ?? '';
        // The suffix must end the word: 部分, 部队, 部署, 司令, 中心城市 are other words.
        if (ZH_ORG_SUFFIX.test(candidate) && !ZH_ORG_GENERIC.test(candidate) && candidate.length >= 3 && (next === '' || WORD_END.test(next))) return candidate;
      }
    }
  }
  return null;
}
