// The Responder for the HTTP transport. The first answer (reply, defer, update, modal, choices) becomes the
// body of the HTTP response; everything later goes through Discord's webhook routes with the interaction
// token (@discordjs/rest, no bot token needed). If a handler has not answered when the budget runs out, the
// adapter defers for it (type 5, type 6 for components), so Discord's 3-second deadline holds whatever the
// engine does; the handler's later reply then edits that deferred message.
import type { REST, RawFile } from '@discordjs/rest';
import type { Logger } from '../logger.ts';
import { toApiBody, type BotMessage, type ChoiceJSON, type InteractionInput, type InteractionKind, type ModalJSON, type Responder, type ResponseState } from '../interactions/types.ts';
import { toInteractionInput } from './input.ts';
import type { HandledInteraction, InitialResponse, InteractionHandler } from './server.ts';

/** Well inside Discord's 3 s: leaves room for the response to travel and for a slow event loop. */
export const DEFAULT_DEFER_AFTER_MS = 2_000;

type Route = `/${string}`;

const files = (m: BotMessage): RawFile[] | undefined => (m.files?.length ? m.files.map((f, i) => ({ key: `files[${i}]`, name: f.name, data: f.data })) : undefined);

export class HttpResponder implements Responder {
  state: ResponseState = 'none';
  readonly initial: Promise<InitialResponse>;
  private settle!: (r: InitialResponse) => void;
  private answered = false;
  private sentResolve!: () => void;
  /** Resolves once the HTTP response is written: a webhook call before that could reach Discord first. */
  private readonly sent = new Promise<void>((r) => (this.sentResolve = r));

  constructor(
    private readonly rest: REST,
    private readonly applicationId: string,
    private readonly token: string,
    readonly kind: InteractionKind,
  ) {
    this.initial = new Promise((r) => (this.settle = r));
  }

  get hasAnswered(): boolean {
    return this.answered;
  }

  /** Called by the server once the response has been written to the socket. */
  markSent(): void {
    this.sentResolve();
  }

  private answer(r: InitialResponse, state: ResponseState): Promise<void> {
    if (this.answered) throw new Error(`interaction already acknowledged (callback type ${r.type} refused)`);
    this.answered = true;
    this.state = state;
    this.settle(r);
    return this.sent;
  }

  private get original(): Route {
    return `/webhooks/${this.applicationId}/${this.token}/messages/@original`;
  }

  async defer(ephemeral?: boolean): Promise<void> {
    if (this.answered) return;
    await this.answer({ type: 5, ...(ephemeral ? { data: { flags: 64 } } : {}) }, 'deferred');
  }

  async deferUpdate(): Promise<void> {
    if (this.answered) return;
    await this.answer({ type: 6 }, 'deferred');
  }

  async reply(message: BotMessage): Promise<void> {
    // Files cannot ride in a JSON response body: acknowledge, then send them with the edit.
    if (!this.answered && !message.files?.length) return this.answer({ type: 4, data: toApiBody(message) }, 'replied');
    if (!this.answered) await this.defer(message.ephemeral);
    await this.editReply(message);
    this.state = 'replied';
  }

  async update(message: BotMessage): Promise<void> {
    if (!this.answered && !message.files?.length) return this.answer({ type: 7, data: toApiBody(message, { forEdit: true }) }, 'replied');
    if (!this.answered) await this.deferUpdate();
    await this.editReply(message);
    this.state = 'replied';
  }

  async editReply(message: BotMessage): Promise<void> {
    await this.sent;
    const f = files(message);
    await this.rest.patch(this.original, { body: toApiBody(message, { forEdit: true }), auth: false, ...(f ? { files: f } : {}) });
  }

  async followUp(message: BotMessage): Promise<void> {
    await this.sent;
    const f = files(message);
    await this.rest.post(`/webhooks/${this.applicationId}/${this.token}`, { body: toApiBody(message), auth: false, ...(f ? { files: f } : {}) });
  }

  async showModal(modal: ModalJSON): Promise<void> {
    await this.answer({ type: 9, data: modal }, 'replied');
  }

  async autocomplete(choices: ChoiceJSON[]): Promise<void> {
    await this.answer({ type: 8, data: { choices } }, 'replied');
  }

  /** The budget ran out (or the handler returned without answering): acknowledge in the least visible way. */
  fallback(reason: 'budget' | 'unanswered'): void {
    if (this.answered) return;
    if (this.kind === 'autocomplete') void this.autocomplete([]);
    else if (this.kind === 'button') void this.deferUpdate();
    else if (reason === 'budget') void this.defer();
    // A command that ended without a word: an ephemeral line beats Discord's "The application did not respond".
    else void this.reply({ content: '出错了，请稍后再试。/ Something went wrong, please try again.', ephemeral: true });
  }
}

export type Dispatch = (input: InteractionInput, responder: Responder) => Promise<void>;

export interface HttpHandlerOptions {
  rest: REST;
  applicationId: string;
  dispatch: Dispatch;
  logger: Logger;
  deferAfterMs?: number;
}

export function createHttpInteractionHandler(options: HttpHandlerOptions): InteractionHandler & { handle(body: Record<string, unknown>): HandledInteraction & { markSent(): void } } {
  const { rest, applicationId, dispatch, logger } = options;
  const budget = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  return {
    handle(body) {
      const input = toInteractionInput(body);
      const token = typeof body.token === 'string' ? body.token : '';
      if (!input || token === '') {
        logger.debug('ignored interaction', { type: body.type, interactionId: body.id });
        // An unknown kind still needs a valid answer; a deferred update is the one every kind accepts but autocomplete.
        return { initial: Promise.resolve(body.type === 4 ? { type: 8, data: { choices: [] } } : { type: 5 }), done: Promise.resolve(), markSent: () => {} };
      }
      const responder = new HttpResponder(rest, applicationId, token, input.kind);
      const timer = setTimeout(() => responder.fallback('budget'), budget);
      const log = logger.child({ transport: 'http', kind: input.kind, interactionId: input.id, ...(input.name ? { command: input.name } : {}) });
      const done = (async () => {
        const started = Date.now();
        try {
          await dispatch(input, responder);
          log.debug('interaction handled', { ms: Date.now() - started, state: responder.state });
        } catch (error) {
          log.error('interaction handler failed', { error, ms: Date.now() - started });
        } finally {
          clearTimeout(timer);
          responder.fallback('unanswered');
        }
      })();
      return { initial: responder.initial, done, markSent: () => responder.markSent() };
    },
  };
}
