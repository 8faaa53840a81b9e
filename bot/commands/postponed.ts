import { SlashCommandBuilder } from 'discord.js';
import { commandPlan } from '../../retrieval/plan.ts';
import { UI } from '../../present/labels.ts';
import { conversationOf, note, replyWithAnswer } from '../interactions/reply.ts';
import { autocompleteUnits, departmentOption, resolveCommandUnit } from './options.ts';
import { localeLanguage, stringOption, typedLanguage, type SlashCommand } from './types.ts';

export const postponedCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('postponed')
    .setDescription('Postponed outputs, for the whole report or one department')
    .setDescriptionLocalizations({ 'zh-CN': '被推迟的产出（全部或某部门）' })
    .addStringOption(departmentOption(false, 'Department (optional)', '部门（可选）'))
    .toJSON(),
  async execute(input, responder, ctx) {
    const department = stringOption(input, 'department');
    const { unit, failed } = resolveCommandUnit(ctx.queries, department, undefined);
    if (failed) {
      await note(responder, UI[localeLanguage(input.locale)].unknownUnit(failed));
      return;
    }
    await responder.defer();
    const plan = commandPlan({ language: typedLanguage(department, input.locale), unit, status: 'postponed', measure: 'rows' });
    const answer = await ctx.queries.run(plan, { conversation: conversationOf(input), question: ['/postponed', department].filter(Boolean).join(' ') });
    await replyWithAnswer(input, responder, ctx, answer);
  },
  autocomplete: autocompleteUnits,
};
