// The retrieval stage's entry: question -> normalised -> read -> merged with the conversation -> plan ->
// executed. Conversations live in a ContextStore the caller provides (memory, SQLite, Redis), so a restart
// or another replica continues them.
import { followUp, type ConversationContext } from './follow-up.ts';
import * as F from './lexicon/question-forms.ts';
import { normalizeQuestion } from './normalize.ts';
import { commandPlan, leaves, statusesOf, unitsOf, type Plan } from './plan.ts';
import { planOf, readQuestion, statedParts, type Frame, type Reading, type Shape } from './planner.ts';
import { detectLanguage } from './understand.ts';
import { nextSteps, otherReadings } from './suggest.ts';
import type { ReportEngine } from './engine.ts';
import type { Alternative, Answer, OrgUnit, ReportQueries, TurnOptions, UnitRef } from './types.ts';

export interface ContextStore {
  get(id: string): Promise<ConversationContext | undefined>;
  set(id: string, value: ConversationContext, ttlSeconds: number): Promise<void>;
  delete(id: string): Promise<void>;
}

/** The default store: in memory, with the same expiry rule as the persistent ones. */
export class MemoryContextStore implements ContextStore {
  private readonly entries = new Map<string, { value: ConversationContext; expires: number }>();
  constructor(private readonly now: () => number = Date.now) {}
  async get(id: string) {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return structuredClone(e.value);
  }
  async set(id: string, value: ConversationContext, ttlSeconds: number) {
    this.entries.set(id, { value: structuredClone(value), expires: this.now() + ttlSeconds * 1000 });
  }
  async delete(id: string) {
    this.entries.delete(id);
  }
}

export interface ChatOptions {
  contexts?: ContextStore;
  /** Idle time after which a conversation starts afresh (default 15 minutes). */
  contextTtlSeconds?: number;
}

/** Rows remembered for "为什么？"/"the second one": as many as a user can see. */
const SHOWN_ROWS = 50;
const HISTORY = 4;

export class ChatEngine implements ReportQueries {
  private readonly contexts: ContextStore;
  private readonly ttl: number;

  constructor(readonly engine: ReportEngine, options: ChatOptions = {}) {
    this.contexts = options.contexts ?? new MemoryContextStore();
    this.ttl = options.contextTtlSeconds ?? 15 * 60;
  }

  /** A question read alone, with the checks that put it outside the report. */
  read(question: string): Reading {
    const reading = readQuestion(question, this.engine.understandDeps);
    const u = reading.understanding;
    // A year, number or acronym the report never prints ("2016/17", "OCHA") puts the question outside it;
    // a lookup may name a number the report prints ("resolutions 1820 and 1888").
    const unknownYear = u.numbers.some((n) => /^(19|20)\d{2}$/.test(n) && this.engine.isUnknownTerm(n));
    const unknownNumber = reading.shape.kind !== 'lookup' && u.numbers.some((n) => this.engine.isUnknownTerm(n));
    const unknownAcronym = u.unexplainedAcronyms.some((a) => this.engine.isUnknownTerm(a));
    if ((unknownYear || unknownNumber || unknownAcronym) && reading.shape.kind !== 'none') {
      return { ...reading, shape: { ...reading.shape, kind: 'none', reason: 'outside_report' } };
    }
    return reading;
  }

  async ask(raw: string, options: TurnOptions = {}): Promise<Answer> {
    const question = normalizeQuestion(raw);
    const id = options.conversation;
    if (F.RESET.test(question)) {
      if (id) await this.contexts.delete(id);
      return this.engine.execute({ ...planOf(emptyFrame(), noneShape('reset'), languageOf(question)) }, question);
    }
    const reading = this.read(question);
    const ctx = id ? await this.contexts.get(id) : undefined;
    const merged = followUp(question, reading, ctx);
    let frame: Frame = reading.frame;
    let shape: Shape = reading.shape;
    let carried: Plan['carried'] = [];
    if (merged.kind === 'merged') ({ frame, shape, carried } = merged);
    if (merged.kind === 'no_context') shape = noneShape('no_context');
    const plan = planOf(frame, shape, reading.language, carried, statedParts(reading));
    const r = reading.understanding.reading;
    const executed = await this.engine.execute(plan, question);
    // An unknown name answers nothing; the plan without it (status, measure) is what "outputs that mention it" keeps.
    const withoutUnknown = planOf(frame, { ...reading.shape, kind: reading.shape.kind === 'none' ? 'rows' : reading.shape.kind, reason: null }, reading.language);
    // A turn read as a follow-up only because it names no subject of its own could also be a new question: the
    // reading on its own is offered (a turn with 其中/those/那…呢 points back for sure and offers nothing).
    const pointsBack = r.mentions.some((m) => m.meaning.kind === 'reference');
    const alone: Alternative[] =
      merged.kind === 'merged' && !pointsBack && reading.shape.kind !== 'none' && carried.some((c) => c === 'unit' || c === 'status' || c === 'topic')
        ? [{ description: reading.language === 'zh' ? '作为新问题（不接上文）' : 'As a new question (not following on)', plan: planOf(reading.frame, reading.shape, reading.language, [], statedParts(reading)) }]
        : [];
    const answer: Answer = {
      ...executed,
      ignored: r.ignored, unknown: r.unknown, corrections: r.corrections, trace: r.trace,
      alternatives: [...otherReadings(r, withoutUnknown), ...alone],
      suggestions: nextSteps(executed),
    };
    if (id) await this.remember(id, plan, answer, ctx);
    return answer;
  }

  async run(plan: Plan, options: TurnOptions & { question?: string } = {}): Promise<Answer> {
    const executed = await this.engine.execute(plan, options.question ?? '');
    const answer: Answer = { ...executed, suggestions: nextSteps(executed) };
    if (options.conversation) {
      const ctx = await this.contexts.get(options.conversation);
      await this.remember(options.conversation, plan, answer, ctx);
    }
    return answer;
  }

  private async remember(id: string, plan: Plan, answer: Answer, prev: ConversationContext | undefined): Promise<void> {
    // An unanswerable question leaves the conversation where it was, so the user can rephrase; one that was
    // understood but matched nothing ("DFS ICT outputs marked 否?") is still what a follow-up builds on.
    if (answer.intent === 'none' && (answer.reason !== null || plan.kind === 'none')) return;
    const history = prev ? [...prev.history, prev.plan].slice(-HISTORY) : [];
    const shownUnits = answer.groups.filter((g) => g.status === null).slice(0, 10).map((g) => ({ department: g.department.code, office: g.office?.code ?? null }));
    await this.contexts.set(id, { plan, shownRowIds: answer.rows.slice(0, SHOWN_ROWS).map((r) => r.id), history, shownUnits, language: answer.language }, this.ttl);
  }

  async reset(conversation: string): Promise<void> {
    await this.contexts.delete(conversation);
  }

  async lastAnswer(conversation: string): Promise<Answer | undefined> {
    const ctx = await this.contexts.get(conversation);
    return ctx ? this.engine.execute(ctx.plan, '') : undefined;
  }

  // Typed unit names (slash options, autocomplete, the terminal's /dept) are read like questions: ＯＩＯＳ,
  // 監督廳 and ｄｆｓ name what OIOS, 监督厅 and DFS name. /dept, /count and /postponed come through here too.
  resolveUnit(typed: string, office?: string): UnitRef | null {
    return this.engine.resolver.resolveUnit(normalizeQuestion(typed), office === undefined ? undefined : normalizeQuestion(office));
  }

  row(id: string) {
    return this.engine.row(id);
  }

  units(): OrgUnit[] {
    return this.engine.units();
  }

  suggestUnits(typed: string, limit: number): OrgUnit[] {
    return this.engine.matcher.suggest(normalizeQuestion(typed), limit);
  }
}

const languageOf = (q: string): Plan['language'] => detectLanguage(q);

function emptyFrame(): Frame {
  return { units: [], excludedUnits: [], status: [], statusJoin: 'or', excludedStatus: [], topic: null, accomplishment: null, rowIds: null };
}

function noneShape(reason: 'reset' | 'no_context'): Shape {
  return { kind: 'none', groupBy: null, order: null, rankBy: 'count', limit: null, reason };
}
