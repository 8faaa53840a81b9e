// `npm run deploy-commands`: registers the slash commands. Guild registration (DISCORD_GUILD_ID) takes
// effect at once and suits development; global registration can take up to an hour to reach clients.
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { commandPayloads } from '../commands/index.ts';
import { loadConfigOrExit, loadDotEnv } from './config.ts';
import { createLogger, type Logger } from '../logger.ts';

export interface DeployOptions {
  token: string;
  clientId: string;
  guildId?: string | undefined;
  /** REST base URL without version (default Discord's); tests point it at the emulator. */
  api?: string;
  logger?: Logger;
}

export interface DeployResult {
  scope: 'guild' | 'global';
  names: string[];
}

export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const rest = new REST({ version: '10', ...(options.api ? { api: options.api } : {}) }).setToken(options.token);
  const body = commandPayloads();
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.clientId, options.guildId)
    : Routes.applicationCommands(options.clientId);
  // PUT replaces the whole set, so commands removed from the code disappear from Discord too.
  const result = (await rest.put(route, { body })) as { name: string }[];
  const names = Array.isArray(result) ? result.map((c) => c.name) : body.map((c) => c.name);
  const scope = options.guildId ? 'guild' : 'global';
  options.logger?.info('registered slash commands', { scope, guildId: options.guildId, commands: names });
  return { scope, names };
}

async function main(): Promise<void> {
  loadDotEnv('.env', (line) => process.stderr.write(line + '\n'));
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
  if (!config.token || !config.clientId) {
    process.stderr.write('Invalid configuration: DISCORD_TOKEN is required to register commands\n');
    process.exit(1);
  }
  const apiFlag = process.argv.indexOf('--api');
  const api = apiFlag >= 0 ? process.argv[apiFlag + 1] : undefined;
  try {
    const { scope, names } = await deployCommands({
      token: config.token,
      clientId: config.clientId,
      guildId: config.guildId,
      ...(api ? { api } : {}),
      logger,
    });
    process.stdout.write(`Registered ${names.length} commands (${scope}${config.guildId ? ` ${config.guildId}` : ''}): ${names.join(', ')}\n`);
  } catch (error) {
    logger.error('command registration failed', { error });
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
