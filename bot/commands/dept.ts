import { SlashCommandBuilder } from 'discord.js';
import { commandPlan } from '../../retrieval/plan.ts';
import { UI } from '../../present/labels.ts';
import { conversationOf, note, replyWithAnswer } from '../interactions/reply.ts';
import { autocompleteUnits, departmentOption, officeOption, readStatus, resolveCommandUnit, statusOption } from './options.ts';
import { localeLanguage, stringOption, typedLanguage, type SlashCommand } from './types.ts';

export const deptCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('dept')
    .setDescription('Outputs of a department or office')
    .setDescriptionLocalizations({ 'zh-CN': '某部门或办事处的产出' })
    .addStringOption(departmentOption(true))
    .addStringOption(statusOption)
    .addStringOption(officeOption)
    .toJSON(),
  async execute(input, responder, ctx) {
    const department = stringOption(input, 'department');
    const office = stringOption(input, 'office');
    const status = readStatus(stringOption(input, 'status'));
    const { unit, failed } = resolveCommandUnit(ctx.queries, department, office);
    // Resolved before deferring: a name that matches nothing gets an ephemeral answer, not a public guess.
    if (!unit) {
      await note(responder, UI[localeLanguage(input.locale)].unknownUnit(failed ?? department ?? ''));
      return;
    }
    await responder.defer();
    const plan = commandPlan({ language: typedLanguage(department, input.locale), unit, status: status ?? null, measure: 'rows' });
    const question = ['/dept', department, office, status].filter(Boolean).join(' ');
    const answer = await ctx.queries.run(plan, { conversation: conversationOf(input), question });
    await replyWithAnswer(input, responder, ctx, answer);
  },
  autocomplete: autocompleteUnits,
};
