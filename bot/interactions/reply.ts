// Small helpers every handler uses: the conversation an interaction belongs to, replying with an answer, and
// short ephemeral notes that work whatever the interaction's acknowledgement state.
import type { Answer } from '../../retrieval/types.ts';
import type { AnswerOrigin } from '../answers/store.ts';
import type { BotContext } from '../context.ts';
import { conversationId } from '../conversation.ts';
import { presentAnswer } from '../answers/present.ts';
import type { BotMessage, InteractionInput, Responder } from './types.ts';

export function conversationOf(input: InteractionInput): string {
  return conversationId({ userId: input.userId, channelId: input.channelId, isDM: input.isDM, isThread: input.isThread });
}

export interface ReplyOptions {
  mode?: 'auto' | 'count';
  /** Answered only to the asker (/ask private); its next steps answer privately too. */
  private?: boolean;
  /** The conversation the answer belongs to, when not the interaction's own (a next step of another's answer). */
  conversation?: string;
}

export function originOf(input: InteractionInput, options: ReplyOptions = {}): AnswerOrigin {
  return {
    ownerId: input.userId,
    conversation: options.conversation ?? conversationOf(input),
    guildId: input.guildId,
    channelId: input.channelId,
    mode: options.mode ?? 'auto',
    private: options.private ?? false,
  };
}

/** Sends the answer as the interaction's response (editReply when deferred) and arms its page timeout. */
export async function replyWithAnswer(input: InteractionInput, responder: Responder, ctx: BotContext, answer: Answer, options: ReplyOptions = {}): Promise<void> {
  const presented = await presentAnswer(ctx, answer, originOf(input, options));
  // A text front end words the answer itself; it has no message to edit when the pages expire.
  if (responder.showAnswer) return responder.showAnswer(answer, presented.message);
  if (responder.state === 'deferred') await responder.editReply(presented.message);
  else if (responder.state === 'replied') await responder.followUp(presented.message);
  else await responder.reply(presented.message);
  presented.armPaging((m) => responder.editReply(m));
}

/** Any message, as the response if none was sent yet, else as an edit of the deferral or a follow-up. */
export async function respond(responder: Responder, message: BotMessage): Promise<void> {
  if (responder.state === 'none') await responder.reply(message);
  else if (responder.state === 'deferred') await responder.editReply(message);
  else await responder.followUp(message);
}

/** A short note only the user sees (errors, refusals, confirmations). */
export async function note(responder: Responder, content: string): Promise<void> {
  if (responder.state === 'deferred') await responder.editReply({ content, embeds: [], components: [] });
  else if (responder.state === 'replied') await responder.followUp({ content, ephemeral: true });
  else await responder.reply({ content, ephemeral: true });
}
