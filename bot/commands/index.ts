// Every slash command, by name. deploy-commands registers exactly this list; the router dispatches on it.
import { askCommand } from './ask.ts';
import { countCommand } from './count.ts';
import { deptCommand } from './dept.ts';
import { helpCommand } from './help.ts';
import { postponedCommand } from './postponed.ts';
import { rowCommand } from './row.ts';
import type { BotCommand } from './types.ts';

export type { BotCommand, CommandContext, Presentation } from './types.ts';

export const commandList: readonly BotCommand[] = [askCommand, deptCommand, postponedCommand, countCommand, rowCommand, helpCommand];

export const commands: ReadonlyMap<string, BotCommand> = new Map(commandList.map((c) => [c.data.name, c]));

export function commandPayloads() {
  return commandList.map((c) => c.data);
}
