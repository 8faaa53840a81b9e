import { SlashCommandBuilder } from 'discord.js';
import { commandPlan } from '../../retrieval/plan.ts';
import { UI } from '../../present/labels.ts';
import { conversationOf, note, replyWithAnswer } from '../interactions/reply.ts';
import { autocompleteUnits, departmentOption, readStatus, resolveCommandUnit, statusOption } from './options.ts';
import { localeLanguage, stringOption, typedLanguage, type SlashCommand } from './types.ts';

export const countCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('count')
    .setDescription('How many outputs, with a per-department breakdown')
    .setDescriptionLocalizations({ 'zh-CN': '产出数量及按部门分列' })
    .addStringOption(departmentOption(false, 'Department (optional; whole report if empty)', '部门（可选；留空为整份报告）'))
    .addStringOption(statusOption)
    .toJSON(),
  async execute(input, responder, ctx) {
    const department = stringOption(input, 'department');
    const status = readStatus(stringOption(input, 'status'));
    const { unit, failed } = resolveCommandUnit(ctx.queries, department, undefined);
    if (failed) {
      await note(responder, UI[localeLanguage(input.locale)].unknownUnit(failed));
      return;
    }
    await responder.defer();
    // One department is broken down by office, the whole report by department.
    const plan = commandPlan({ language: typedLanguage(department, input.locale), unit, status: status ?? null, measure: 'count', groupBy: unit ? 'office' : 'department' });
    const question = ['/count', department, status].filter(Boolean).join(' ');
    const answer = await ctx.queries.run(plan, { conversation: conversationOf(input), question });
    // Compact on purpose: a count is posted in team channels, the rows are one /dept (or Export CSV) away.
    await replyWithAnswer(input, responder, ctx, answer, { mode: 'count' });
  },
  autocomplete: autocompleteUnits,
};
