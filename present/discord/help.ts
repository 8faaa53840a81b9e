// The help text: the same commands and examples for Discord (/help embed) and the terminal chat.
import { COLORS, fitToDiscordLimits, type EmbedField, type Page } from './limits.ts';

export const HELP_EXAMPLES = {
  zh: ['维和部有哪些产出被推迟？', '外勤支助部有多少项产出低于计划？', '哪个部门推迟的产出最多？', '其中有多少是外勤支助部的？', '/dept 法律事务厅'],
  en: [
    'Which outputs of DPKO were postponed?',
    'How many outputs were below plan in the Department of Field Support?',
    'What share of the outputs of OIOS were completed?',
    'Compare DPKO and DFS on postponed outputs',
  ],
} as const;

const HELP_COMMANDS: [string, string, string][] = [
  ['/ask question', '用中文或英文提问（可以接着上文追问）', 'ask anything, in Chinese or English (follow-ups continue the conversation)'],
  ['/dept department [status] [office]', '某部门（或办事处）的产出', 'outputs of a department or office'],
  ['/postponed [department]', '被推迟的产出', 'postponed outputs'],
  ['/count [department] [status]', '计数和按部门分列', 'count with a per-department breakdown'],
  ['/row id', '按编号查看一项产出的全部内容', 'one output in full, by id'],
  ['/source id', '一项产出在报告中的原文', 'the report text of one output, verbatim'],
  ['/export', '把上一个答案的产出导出为 CSV', 'the last answer’s outputs as CSV'],
  ['/reset', '重新开始（不再接上文）', 'start over (forget the conversation)'],
  ['/settings [replies] [scope]', '@提及的回答方式：thread / inline / off（管理员）', 'how mentions are answered: threads / inline / off (admins)'],
  ['/help', '本帮助', 'this help'],
];

const TERMINAL_COMMANDS: [string, string, string][] = [
  ['/export file.csv', '把上一个答案的产出写入 CSV 文件', 'write the last answer’s outputs to a CSV file'],
  ['/chart file.png', '把上一个答案的条形图写入 PNG 文件', 'write the last answer’s bar chart to a PNG file'],
  ['/quit', '退出', 'exit'],
  ['more / Enter', '长答案的下一页', 'next screen of a long answer'],
];

export function helpText(options: { terminal?: boolean } = {}): string {
  const lines = [
    '本机器人回答关于 2013/14 年度维和支助账户预算执行情况报告产出表（补充资料；绩效指标见 A/69/653）的问题。',
    'Ask, in Chinese or English, about the output tables (supplementary information) of the 2013/14 peacekeeping support-account performance report; its indicators are in A/69/653.',
    '',
  ];
  const commands = options.terminal ? [...HELP_COMMANDS.filter(([c]) => !c.startsWith('/settings') && c !== '/export'), ...TERMINAL_COMMANDS] : HELP_COMMANDS;
  for (const [cmd, zh, en] of commands) lines.push(`${cmd} — ${zh} / ${en}`);
  lines.push('', '例子 / Examples:', ...HELP_EXAMPLES.zh.map((e) => `  ${e}`), ...HELP_EXAMPLES.en.map((e) => `  ${e}`));
  if (!options.terminal) lines.push('', '也可以 @提及本机器人或私信提问。 / You can also @mention the bot or DM it.');
  return lines.join('\n');
}

export function renderHelp(): Page[] {
  const fields: EmbedField[] = HELP_COMMANDS.map(([cmd, zh, en]) => ({ name: cmd, value: `${zh}\n${en}` }));
  fields.push({ name: '例子（中文）', value: HELP_EXAMPLES.zh.map((e) => `• ${e}`).join('\n') });
  fields.push({ name: 'Examples (English)', value: HELP_EXAMPLES.en.map((e) => `• ${e}`).join('\n') });
  fields.push({
    name: '@提及 / @mention · 私信 / DM',
    value: '@提及本机器人或私信它，等同于 /ask；“重新开始”开始新话题。\n@mention the bot or DM it: same as /ask; “new question” starts over.',
  });
  return fitToDiscordLimits([
    {
      embeds: [
        {
          title: '维和预算执行报告问答 / Peacekeeping budget-performance Q&A',
          description:
            '回答关于 2013/14 年度维和支助账户预算执行情况报告产出表（补充资料，绩效指标见 A/69/653）中各部门产出的问题。\n' +
            'Answers questions about the outputs in the output tables of the 2013/14 support-account performance report (supplementary information to A/69/653).',
          color: COLORS.header,
          fields,
        },
      ],
    },
  ]);
}
