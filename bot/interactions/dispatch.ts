// The one entry point both transports call: routes an interaction to its command, button, select or modal
// handler, and turns any failure into a short ephemeral error (or an edit of the deferral) plus a log line.
import { handleCsvButton } from '../buttons/export.ts';
import { handleNextButton } from '../buttons/next.ts';
import { handlePageButton } from '../buttons/page.ts';
import { handleSourceButton, handleSourceSelect } from '../buttons/source.ts';
import { handleFeedbackModal, handleVoteButton } from '../buttons/vote.ts';
import { commands as defaultCommands, type SlashCommand } from '../commands/index.ts';
import type { BotContext } from '../context.ts';
import { parseCustomId } from './custom-id.ts';
import type { InteractionInput, Responder } from './types.ts';

export const TEXT = {
  error: (ref: string) => `出错了，请稍后再试。/ Something went wrong, please try again. (ref ${ref})`,
  unknownCommand: '未知命令。/ Unknown command — the command list may be out of date.',
} as const;

export interface DispatchOptions {
  commands?: ReadonlyMap<string, SlashCommand>;
}

async function route(input: InteractionInput, responder: Responder, ctx: BotContext, commands: ReadonlyMap<string, SlashCommand>): Promise<'handled' | 'ignored'> {
  switch (input.kind) {
    case 'command': {
      const command = input.name ? commands.get(input.name) : undefined;
      if (!command) {
        ctx.logger.warn('unknown command', { command: input.name });
        await responder.reply({ content: TEXT.unknownCommand, ephemeral: true });
        return 'handled';
      }
      await command.execute(input, responder, ctx);
      return 'handled';
    }
    case 'autocomplete': {
      const command = input.name ? commands.get(input.name) : undefined;
      if (command?.autocomplete) await command.autocomplete(input, responder, ctx);
      else await responder.autocomplete([]);
      return 'handled';
    }
    case 'button': {
      const ref = parseCustomId(input.customId);
      if (!ref) return 'ignored';
      if (ref.kind === 'page') await handlePageButton(input, responder, ctx, ref.answerId, ref.page);
      else if (ref.kind === 'csv') await handleCsvButton(input, responder, ctx, ref.answerId);
      else if (ref.kind === 'vote') await handleVoteButton(input, responder, ctx, ref.answerId, ref.vote);
      else if (ref.kind === 'source') await handleSourceButton(input, responder, ctx, ref.rowId);
      else if (ref.kind === 'source-select') await handleSourceSelect(input, responder, ctx);
      else if (ref.kind === 'next') await handleNextButton(input, responder, ctx, ref.answerId, ref.index);
      else return 'ignored';
      return 'handled';
    }
    case 'modal': {
      const ref = parseCustomId(input.customId);
      if (ref?.kind !== 'feedback-modal') return 'ignored';
      await handleFeedbackModal(input, responder, ctx, ref.answerId);
      return 'handled';
    }
  }
}

export async function dispatchInteraction(input: InteractionInput, responder: Responder, ctx: BotContext, options: DispatchOptions = {}): Promise<void> {
  const log = ctx.logger.child({
    ...(input.name ? { command: input.name } : {}),
    ...(input.customId ? { customId: input.customId } : {}),
    kind: input.kind,
    userId: input.userId,
    interactionId: input.id,
  });
  const started = ctx.now();
  try {
    const result = await route(input, responder, { ...ctx, logger: log }, options.commands ?? defaultCommands);
    if (result === 'ignored') log.debug('ignored interaction');
    else if (input.kind !== 'autocomplete') log.info(input.kind === 'command' ? 'command answered' : `${input.kind} answered`, { ms: ctx.now() - started });
  } catch (error) {
    log.error(input.kind === 'command' ? 'command failed' : `${input.kind} failed`, { error, ms: ctx.now() - started });
    if (input.kind === 'autocomplete') {
      if (responder.state === 'none') await responder.autocomplete([]).catch(() => {});
      return;
    }
    const content = TEXT.error(input.id);
    try {
      if (responder.state === 'deferred') await responder.editReply({ content, embeds: [], components: [] });
      else if (responder.state === 'replied') await responder.followUp({ content, ephemeral: true });
      else await responder.reply({ content, ephemeral: true });
    } catch (e) {
      log.error('could not send the error reply', { error: e });
    }
  }
}
