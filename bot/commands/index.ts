// Every slash command, by name. deploy-commands registers exactly this list; the dispatcher routes on it.
import { askCommand } from './ask.ts';
import { countCommand } from './count.ts';
import { deptCommand } from './dept.ts';
import { exportCommand } from './export.ts';
import { helpCommand } from './help.ts';
import { postponedCommand } from './postponed.ts';
import { resetCommand } from './reset.ts';
import { rowCommand } from './row.ts';
import { settingsCommand } from './settings.ts';
import { sourceCommand } from './source.ts';
import type { SlashCommand } from './types.ts';

export type { SlashCommand } from './types.ts';

export const commandList: readonly SlashCommand[] = [
  askCommand,
  deptCommand,
  postponedCommand,
  countCommand,
  rowCommand,
  sourceCommand,
  exportCommand,
  resetCommand,
  settingsCommand,
  helpCommand,
];

export const commands: ReadonlyMap<string, SlashCommand> = new Map(commandList.map((c) => [c.data.name, c]));

export function commandPayloads() {
  return commandList.map((c) => c.data);
}
