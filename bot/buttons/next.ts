// A next step under an answer — another reading of the question, or a suggested follow-up (list these rows, by
// office, compare, why) — as a button in Discord and a numbered choice in the text front ends. Choosing one is a
// turn of the same conversation: its plan, stored with the answer, runs as if the user had asked it.
import { PlanSchema } from '../../retrieval/plan.ts';
import { UI } from '../../present/labels.ts';
import { loadAnswer, nextSteps } from '../answers/store.ts';
import { localeLanguage } from '../commands/types.ts';
import type { BotContext } from '../context.ts';
import { conversationOf, note, replyWithAnswer } from '../interactions/reply.ts';
import type { InteractionInput, Responder } from '../interactions/types.ts';

export async function handleNextButton(input: InteractionInput, responder: Responder, ctx: BotContext, answerId: string, index: number): Promise<void> {
  const loaded = await loadAnswer(ctx.store, ctx.queries, answerId);
  const step = loaded ? nextSteps(loaded.answer)[index] : undefined;
  // The stored plan is read back through the schema: an entry another version wrote must not run half-understood.
  const plan = step ? PlanSchema.safeParse(step.plan) : undefined;
  if (!loaded || !step || !plan?.success) {
    await note(responder, UI[loaded?.answer.language ?? localeLanguage(input.locale)].expired);
    return;
  }
  // The asker continues their conversation (a thread's, when the answer opened one); anyone else clicking in
  // the channel starts from theirs, so a bystander never moves the asker's context.
  const conversation = input.userId === loaded.stored.ownerId ? loaded.stored.conversation : conversationOf(input);
  const isPrivate = loaded.stored.private;
  await responder.defer(isPrivate);
  const answer = await ctx.queries.run(plan.data, { conversation, question: step.description });
  await replyWithAnswer(input, responder, ctx, answer, { conversation, private: isPrivate });
}
