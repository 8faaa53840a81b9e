// Previous / Next on a paged answer: only the asker pages; the page is rendered again from the stored answer.
import { UI, bilingual } from '../../present/labels.ts';
import { loadAnswer } from '../answers/store.ts';
import type { BotContext } from '../context.ts';
import { note } from '../interactions/reply.ts';
import type { InteractionInput, Responder } from '../interactions/types.ts';
import { turnPage } from '../answers/paging.ts';
import { renderView, viewMessage } from '../answers/present.ts';
import { namesFor } from '../../present/names.ts';

export async function handlePageButton(input: InteractionInput, responder: Responder, ctx: BotContext, answerId: string, target: number): Promise<void> {
  const result = await turnPage(ctx.store, answerId, target, input.userId, ctx.now(), ctx.paginationTimeoutMs);
  if (result.kind === 'expired') {
    await note(responder, bilingual((l) => l.expired));
    return;
  }
  const loaded = await loadAnswer(ctx.store, ctx.queries, answerId);
  if (result.kind === 'not-owner') {
    await note(responder, bilingual((l) => l.notOwner, loaded?.answer.language ?? 'zh'));
    return;
  }
  if (!loaded) {
    await note(responder, UI.zh.expired + ' / ' + UI.en.expired);
    return;
  }
  const view = renderView(loaded.stored, loaded.answer, namesFor(ctx.queries));
  await responder.update(viewMessage(view, result.session.page));
  // The newest click's token stays valid longest: it is the one that greys the buttons out later.
  ctx.timers.arm(answerId, result.session.expiresAt, (page) => responder.editReply(viewMessage(view, page, { pagingDisabled: true })));
}
