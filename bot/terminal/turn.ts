// The text front ends' transport: a typed command or a picked next step becomes an InteractionInput for the one
// dispatcher the gateway and the HTTP endpoint use, and a Responder that captures what the handler sends — the
// messages, and the Answer itself, which the terminal and `npm run ask` word in their own way.
import { randomBytes } from 'node:crypto';
import type { Answer } from '../../retrieval/types.ts';
import { splitCsv } from '../../present/csv.ts';
import { namesFor } from '../../present/names.ts';
import { MemoryStateStore } from '../../state/memory.ts';
import { commands as defaultCommands, type SlashCommand } from '../commands/index.ts';
import { createContext, DEFAULT_ANSWER_TTL_SECONDS, type BotContext, type BotServices } from '../context.ts';
import { createLogger } from '../logger.ts';
import { parseTextLine } from './commands.ts';
import { parseCustomId } from '../interactions/custom-id.ts';
import { dispatchInteraction } from '../interactions/dispatch.ts';
import { interactionInput, type BotMessage, type ChoiceJSON, type InteractionInput, type ModalJSON, type OptionValue, type Responder, type ResponseState } from '../interactions/types.ts';

/** Everything a handler sent in one turn, in order. */
export interface TextReply {
  /** The answer, when the turn produced one (a question, /dept, /count, /postponed, a next step). */
  answer: Answer | null;
  /** Every message, the answer's included (its components carry the next steps' custom_ids). */
  messages: BotMessage[];
}

/** A Responder with nobody on the other end but a text stream: it keeps what it is given. */
export class TextResponder implements Responder {
  state: ResponseState = 'none';
  readonly captured: TextReply = { answer: null, messages: [] };

  private keep(message: BotMessage): void {
    this.captured.messages.push(message);
  }
  async defer(): Promise<void> {
    this.state = 'deferred';
  }
  async deferUpdate(): Promise<void> {
    this.state = 'deferred';
  }
  async reply(message: BotMessage): Promise<void> {
    this.keep(message);
    this.state = 'replied';
  }
  async editReply(message: BotMessage): Promise<void> {
    this.keep(message);
  }
  async followUp(message: BotMessage): Promise<void> {
    this.keep(message);
  }
  async update(message: BotMessage): Promise<void> {
    this.keep(message);
    this.state = 'replied';
  }
  async showModal(modal: ModalJSON): Promise<void> {
    // No form in a terminal: say what it would have asked.
    this.keep({ content: modal.title });
    this.state = 'replied';
  }
  async autocomplete(_choices: ChoiceJSON[]): Promise<void> {
    this.state = 'replied';
  }
  async showAnswer(answer: Answer, message: BotMessage): Promise<void> {
    this.captured.answer = answer;
    this.keep(message);
    this.state = 'replied';
  }
}

/** Who is typing and where: one text session is one user in one conversation (a DM, to the handlers). */
export interface TextPlace {
  conversation: string;
  userId: string;
  /** "zh-CN" / "en-US": the language of notes and refusals when the command has no words to tell it. */
  locale: string;
}

/** A CJK character in the line answers notes in Chinese, Latin words alone in English, else the session's. */
export function lineLocale(line: string, fallback: string): string {
  if (/[\u3400-\u9fff]/.test(line)) return 'zh-CN';
  if (/[A-Za-z]{2,}/.test(line.replace(/^\/\S+/, ''))) return 'en-US';
  return fallback;
}

const textId = (): string => `text-${randomBytes(6).toString('hex')}`;

function baseInput(place: TextPlace): Pick<InteractionInput, 'id' | 'userId' | 'channelId' | 'isDM' | 'locale'> {
  // A DM whose channel is the conversation: conversationOf() gives every turn of the session one conversation.
  return { id: textId(), userId: place.userId, channelId: place.conversation, isDM: true, locale: place.locale };
}

/** Runs a slash command typed as text through the dispatcher. */
export async function runTextCommand(ctx: BotContext, place: TextPlace, name: string, options: Record<string, OptionValue>): Promise<TextReply> {
  const responder = new TextResponder();
  await dispatchInteraction(interactionInput({ ...baseInput(place), kind: 'command', name, options }), responder, ctx);
  return responder.captured;
}

/** Presses a button of an earlier reply (a numbered next step) through the dispatcher. */
export async function pressTextButton(ctx: BotContext, place: TextPlace, customId: string): Promise<TextReply> {
  const responder = new TextResponder();
  await dispatchInteraction(interactionInput({ ...baseInput(place), kind: 'button', customId, componentType: 'button' }), responder, ctx);
  return responder.captured;
}

/** The next steps a reply offers, as (label, custom_id) in button order. */
export function nextStepButtons(reply: TextReply): Array<{ label: string; customId: string }> {
  const last = reply.messages.at(-1);
  return (last?.components ?? [])
    .flatMap((row) => row.components)
    .filter((c) => parseCustomId(c.custom_id)?.kind === 'next')
    .map((c) => ({ label: 'label' in c && c.label ? c.label : c.custom_id, customId: c.custom_id }));
}

/**
 * The bot's context for a text front end: the same services as Discord's, with what a terminal lacks filled in
 * (stored answers in memory, only errors logged, so stdout stays the answers).
 */
export function textContext(services: Pick<BotServices, 'queries'> & Partial<BotServices>): BotContext {
  return createContext({
    store: new MemoryStateStore(),
    logger: createLogger({ level: 'error' }),
    sourceLines: async () => undefined,
    renderChart: null,
    csvParts: (records, language, maxBytes) => splitCsv(records, language, maxBytes, { names: namesFor(services.queries) }),
    paginationTimeoutMs: 600_000,
    answerTtlSeconds: DEFAULT_ANSWER_TTL_SECONDS,
    now: Date.now,
    ...services,
  });
}

/**
 * One line as `npm run ask` takes it: a slash command ("/count 外勤部 below_plan", "/dept DFS", "/reset") runs
 * as that command, anything else is a question (/ask). A line the command refuses says why.
 */
export async function answerLine(ctx: BotContext, place: TextPlace, line: string, commands: ReadonlyMap<string, SlashCommand> = defaultCommands): Promise<TextReply | { error: string }> {
  const parsed = parseTextLine(line, commands);
  if (parsed.kind === 'error') return { error: parsed.message };
  if (parsed.kind === 'command') return runTextCommand(ctx, place, parsed.name, parsed.options);
  return runTextCommand(ctx, place, 'ask', { question: line.trim() });
}
