// SHARDS=auto over 3,000 guilds: discord.js asks /gateway/bot (3 shards), each shard identifies [id, 3] and
// receives only its guilds, and every interaction or mention is answered through the shard that owns its
// guild — asserted both on the emulator's side (which connection carried it) and the bot's (its log line).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Events } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportQueries } from '../../app/open.ts';
import { createBot, type Bot } from '../../bot/gateway/discord-bot.ts';
import { shardingOptions } from '../../bot/gateway/fatal.ts';
import { createLogger } from '../../bot/logger.ts';
import { MemoryStateStore } from '../../state/memory.ts';
import { startDiscordEmulator, type DiscordEmulator } from './emulator/index.ts';
import { shardFor } from './emulator/shards.ts';

let emu: DiscordEmulator;
let bot: Bot;
let dataDir: string;
const logs: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sharding-e2e-'));
  const queries = await openReportQueries({ seedPath: resolve('seeds/a-69-653-budget-performance-2013-14.zh.txt'), dataDir, log: () => {}, env: { EMBEDDER: 'local' } });
  emu = await startDiscordEmulator({ heartbeatIntervalMs: 500, guildCount: 3_000 });
  const { intents: _i, partials: _p, ...pointing } = emu.clientOptions();
  const logger = createLogger({ level: 'info', write: (l) => logs.push(l) });
  bot = createBot({ queries, store: new MemoryStateStore({ log: () => {} }), config: { token: emu.token, paginationTimeoutMs: 60_000 }, logger, clientOptions: { ...pointing, ...shardingOptions('auto') } });
  const ready = new Promise<void>((r) => bot.client.once(Events.ClientReady, () => r()));
  await bot.start();
  await ready;
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await emu?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// The answer's log line ("command answered" / "interaction answered" / "message answered") for an id.
const logFor = (id: string) => logs.find((l) => / answered /.test(l) && (l.includes(`"interactionId":"${id}"`) || l.includes(`"messageId":"${id}"`))) ?? '';

describe('sharded gateway bot', () => {
  it('identifies 3 shards, each with only its own guilds', () => {
    expect(emu.recommendedShards).toBe(3);
    const identifies = emu.gateway.received.filter((f) => f.op === 2).map((f) => (f.d as { shard: [number, number] }).shard);
    expect(identifies.sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    for (let shard = 0; shard < 3; shard++) {
      const session = emu.gateway.shardSessions.get(shard);
      const readyGuilds = (session?.log.find((d) => d.t === 'READY')?.d as { guilds: { id: string }[] }).guilds;
      expect(readyGuilds.length).toBeGreaterThan(900);
      expect(readyGuilds.every((g) => shardFor(g.id, 3) === shard)).toBe(true);
      expect(session?.log.filter((d) => d.t === 'GUILD_CREATE').length).toBe(readyGuilds.length);
    }
    expect(bot.client.guilds.cache.size).toBe(3_000);
    expect(bot.client.ws.shards.size).toBe(3);
  });

  it('answers /count in guilds of every shard through the shard that owns the guild', async () => {
    for (let shard = 0; shard < 3; shard++) {
      const guilds = emu.guilds.filter((g) => shardFor(g.id, 3) === shard).slice(0, 2);
      for (const g of guilds) {
        const handle = emu.sendSlashCommand({ name: 'count', guildId: g.id, options: { status: 'postponed' } });
        expect(handle.shard).toBe(shard);
        const reply = await emu.waitForInteractionResponse(handle, { timeoutMs: 10_000 });
        expect(reply.embeds[0]?.title).toMatch(/\d+ (项产出|outputs)/);
        await emu.waitFor(() => logFor(handle.id) !== '', 5_000, 'the log line');
        expect(logFor(handle.id)).toContain(`"shardId":${shard}`);
      }
    }
  });

  it('answers a mention on the owning shard', async () => {
    const g = emu.guilds.find((x) => shardFor(x.id, 3) === 2);
    const sent = emu.sendMessage({ guildId: g?.id ?? '', content: `<@${emu.botUser.id}> 外勤支助部有多少产出被推迟？` });
    expect(sent.shard).toBe(2);
    const reply = await emu.waitForChannelMessage({ replyTo: sent.id, timeoutMs: 10_000 });
    expect(reply.channel_id).toBe(g?.channels[0]?.id);
    await emu.waitFor(() => logFor(sent.id) !== '', 5_000, 'the log line');
    expect(logFor(sent.id)).toContain('"shardId":2');
  });
});
