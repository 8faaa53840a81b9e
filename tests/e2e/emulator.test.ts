// Self-test of the Discord emulator against a bare discord.js Client (no product code). Every
// assertion is on what the real client sent or received, so a broken emulator fails here.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonInteraction,
  ButtonStyle,
  ChannelType,
  ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  HTTPError,
  PermissionFlagsBits,
  type Interaction,
  type Message,
} from 'discord.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startDiscordEmulator, type DiscordEmulator, type EmulatorOptions, type ClientOptionsInput } from './emulator/index.ts';

interface Harness {
  emu: DiscordEmulator;
  client: Client;
  /** Errors thrown inside client event handlers (a handler must never throw silently). */
  handlerErrors: unknown[];
  /** Tests that deliberately call unknown routes opt out of the "no unexpected requests" check. */
  allowUnexpected?: boolean;
}

const running: Harness[] = [];

async function boot(opts: EmulatorOptions = {}, clientOpts: ClientOptionsInput = {}): Promise<Harness> {
  const emu = await startDiscordEmulator({ heartbeatIntervalMs: 250, ...opts });
  const client = new Client(emu.clientOptions(clientOpts));
  const harness: Harness = { emu, client, handlerErrors: [] };
  running.push(harness);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(emu.token);
  await ready;
  return harness;
}

/** Wraps an async handler so failures are recorded instead of becoming unhandled rejections. */
function on<T extends unknown[]>(h: Harness, fn: (...args: T) => Promise<void>): (...args: T) => void {
  return (...args: T) => {
    fn(...args).catch((e: unknown) => h.handlerErrors.push(e));
  };
}

afterEach(async () => {
  const unexpected: string[] = [];
  for (const h of running.splice(0)) {
    await h.client.destroy();
    await h.emu.close();
    if (!h.allowUnexpected) unexpected.push(...h.emu.unexpectedRequests.map((r) => `${r.method} ${r.path}`));
  }
  // discord.js must only ever call routes the emulator models.
  expect(unexpected).toEqual([]);
});

afterAll(async () => {
  // No listening server or client socket may outlive the suite. Socket handles disappear a tick
  // after close() resolves (libuv close callbacks), hence the short settle loop.
  const tcp = () => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP'));
  for (let i = 0; i < 20 && tcp().length > 0; i++) await sleep(25);
  expect(tcp()).toEqual([]);
});

/** The canonical "answer" handler: defer, then edit in an embed with a button. */
function answerWithEmbed(h: Harness): void {
  h.client.on(
    Events.InteractionCreate,
    on(h, async (i: Interaction) => {
      if (!i.isChatInputCommand() || i.commandName !== 'ask') return;
      await i.deferReply();
      const q = i.options.getString('question', true);
      await i.editReply({
        content: `Answer to: ${q}`,
        embeds: [new EmbedBuilder().setTitle('Budget performance').setDescription(`About ${q}`).addFields({ name: 'Source', value: 'A/79/123 §12' })],
        components: [new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('sources').setLabel('Show sources').setStyle(ButtonStyle.Secondary))],
      });
    }),
  );
}

describe('Discord emulator with a real discord.js client', () => {
  it('logs in over 127.0.0.1 with READY + GUILD_CREATE and no compression', async () => {
    const { emu, client } = await boot();
    expect(client.user?.id).toBe(emu.botUser.id);
    expect(client.application?.id).toBe(emu.applicationId);
    const guild = client.guilds.cache.get(emu.guild?.id ?? '');
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(emu.textChannelId)?.type).toBe(ChannelType.GuildText);

    const gatewayBot = emu.requestsTo('GET', '/gateway/bot');
    expect(gatewayBot).toHaveLength(1);
    expect(gatewayBot[0]?.authorization).toBe(`Bot ${emu.token}`);
    const conn = emu.gateway.connections[0];
    expect(conn?.path).toBe('/gateway');
    expect(conn?.query).toEqual({ v: '10', encoding: 'json' });
    expect(conn?.acceptedExtensions).toBe('');
    const identify = emu.gateway.received.find((f) => f.op === 2)?.d as { token: string; intents: number; compress: boolean };
    expect(identify.token).toBe(emu.token);
    expect(identify.compress).toBe(false);
    expect(identify.intents & GatewayIntentBits.GuildMessages).toBeTruthy();
    // READY is s=1, GUILD_CREATE s=2.
    const dispatches = emu.gateway.sent.flatMap((f) => (typeof f.payload === 'object' && f.payload.op === 0 ? [[f.payload.t, f.payload.s]] : []));
    expect(dispatches.slice(0, 2)).toEqual([
      ['READY', 1],
      ['GUILD_CREATE', 2],
    ]);
    await emu.waitFor(() => emu.gateway.received.some((f) => f.op === 1), 2_000, 'a heartbeat');
    expect(emu.gateway.sent.some((f) => typeof f.payload === 'object' && f.payload.op === 11)).toBe(true);
    expect(emu.unexpectedRequests).toEqual([]);
  });

  it('slash command: deferReply then editReply with an embed and a button', async () => {
    const h = await boot();
    const { emu, client } = h;
    answerWithEmbed(h);
    const seen: Interaction[] = [];
    client.on(Events.InteractionCreate, (i) => seen.push(i));

    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'UNMISS fuel costs' } });
    const reply = await emu.waitForInteractionResponse(handle);

    expect(seen[0]).toBeInstanceOf(ChatInputCommandInteraction);
    expect(reply.callbackType).toBe(5);
    expect(reply.deferred).toBe(true);
    expect(reply.content).toBe('Answer to: UNMISS fuel costs');
    expect(reply.embeds[0]?.title).toBe('Budget performance');
    expect(reply.embeds[0]?.fields?.[0]?.value).toBe('A/79/123 §12');
    expect(reply.components).toMatchObject([{ type: 1, components: [{ type: 2, custom_id: 'sources', label: 'Show sources' }] }]);
    expect(reply.flags & (1 << 7)).toBe(0); // LOADING cleared by the edit

    const callback = emu.requestsTo('POST', '/interactions/:id/:token/callback')[0];
    expect(callback?.query.with_response).toBe('false');
    expect(callback?.body).toEqual({ type: 5, data: { flags: 0 } });
    // Interaction routes are token-authenticated: discord.js must not send the bot token there.
    expect(emu.requests.filter((r) => r.path.startsWith('/interactions') || r.path.startsWith('/webhooks')).map((r) => r.authorization)).toEqual([null, null]);
    expect(h.handlerErrors).toEqual([]);
  });

  it('button click arrives as a ButtonInteraction and update() edits the message', async () => {
    const h = await boot();
    const { emu, client } = h;
    answerWithEmbed(h);
    const clicks: ButtonInteraction[] = [];
    client.on(
      Events.InteractionCreate,
      on(h, async (i) => {
        if (!i.isButton()) return;
        clicks.push(i);
        await i.update({ content: `Sources for ${i.message.id}`, components: [] });
      }),
    );
    const first = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'ask', options: { question: 'q' } }));
    const click = emu.clickButton({ customId: 'sources', messageId: first.message.id });
    const updated = await emu.waitForInteractionResponse(click);

    expect(clicks[0]).toBeInstanceOf(ButtonInteraction);
    expect(clicks[0]?.customId).toBe('sources');
    expect(clicks[0]?.message.embeds[0]?.title).toBe('Budget performance');
    expect(updated.callbackType).toBe(7);
    expect(updated.message.id).toBe(first.message.id);
    expect(updated.content).toBe(`Sources for ${first.message.id}`);
    expect(updated.components).toEqual([]);
    expect(updated.embeds[0]?.title).toBe('Budget performance'); // untouched fields survive an update
    expect(h.handlerErrors).toEqual([]);
  });

  it('autocomplete is answered with choices; reply({ withResponse }) gets the callback resource', async () => {
    const h = await boot();
    const { emu, client } = h;
    const callbackResponses: unknown[] = [];
    client.on(
      Events.InteractionCreate,
      on(h, async (i) => {
        if (i.isAutocomplete()) {
          const typed = i.options.getFocused();
          await i.respond(['Budget', 'Fuel', 'Staffing'].filter((c) => c.toLowerCase().startsWith(typed)).map((c) => ({ name: c, value: c.toLowerCase() })));
        } else if (i.isChatInputCommand()) {
          const res = await i.reply({ content: 'ok', withResponse: true });
          callbackResponses.push(res.resource?.message?.id);
        }
      }),
    );
    const ac = emu.sendAutocomplete({ name: 'ask', focusedOption: 'question', value: 'bu' });
    expect(await emu.waitForAutocomplete(ac)).toEqual([{ name: 'Budget', value: 'budget' }]);

    const cmd = emu.sendSlashCommand({ name: 'ask' });
    const reply = await emu.waitForInteractionResponse(cmd);
    expect(reply.callbackType).toBe(4);
    await emu.waitFor(() => callbackResponses.length > 0);
    expect(callbackResponses[0]).toBe(reply.message.id);
    // respond() sends no query at all; reply() always sends with_response.
    expect(emu.requestsTo('POST', '/interactions/:id/:token/callback').map((r) => r.query.with_response)).toEqual([undefined, 'true']);
    expect(h.handlerErrors).toEqual([]);
  });

  it('MESSAGE_CREATE mentioning the bot reaches messageCreate and message.reply is recorded', async () => {
    const h = await boot();
    const { emu, client } = h;
    const received: Message[] = [];
    client.on(
      Events.MessageCreate,
      on(h, async (m) => {
        if (m.author.bot) return;
        received.push(m);
        if (m.mentions.has(client.user!)) await m.reply(`You asked: ${m.content.replace(/<@!?\d+>\s*/, '')}`);
      }),
    );
    const sent = emu.sendMessage({ content: `<@${emu.botUser.id}> what was the budget?` });
    const reply = await emu.waitForChannelMessage({ replyTo: sent.id });

    expect(received[0]?.guildId).toBe(emu.guild?.id);
    expect(reply.content).toBe('You asked: what was the budget?');
    expect(reply.type).toBe(19);
    const post = emu.requestsTo('POST', `/channels/${emu.textChannelId}/messages`)[0];
    expect(post?.authorization).toBe(`Bot ${emu.token}`);
    expect(post?.body).toMatchObject({ content: 'You asked: what was the budget?', message_reference: { message_id: sent.id } });
    // Discord echoes the bot's own message back over the gateway; the handler above ignores it.
    await emu.waitFor(() => emu.gateway.sent.some((f) => typeof f.payload === 'object' && f.payload.t === 'MESSAGE_CREATE' && (f.payload.d as { id: string }).id === reply.id));
    expect(h.handlerErrors).toEqual([]);
  });

  it('DMs reach the client with Partials.Channel (and are silently dropped by discord.js without it)', async () => {
    const h = await boot();
    const { emu, client } = h;
    const dms: Message[] = [];
    client.on(
      Events.MessageCreate,
      on(h, async (m) => {
        if (m.author.bot) return;
        dms.push(m);
        await m.reply('Hi from DM');
      }),
    );
    const sent = emu.sendMessage({ content: 'hello', dm: true });
    const reply = await emu.waitForChannelMessage({ replyTo: sent.id });
    expect(dms[0]?.channel.type).toBe(ChannelType.DM);
    expect(dms[0]?.guildId).toBeNull();
    expect(reply.channel_id).toBe(sent.channelId);

    // A slash command used in the DM: `user` instead of `member`, no guild.
    const dmCommands: Interaction[] = [];
    client.on(
      Events.InteractionCreate,
      on(h, async (i) => {
        if (!i.isChatInputCommand()) return;
        dmCommands.push(i);
        await i.reply('dm answer');
      }),
    );
    const dmReply = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'ask', dm: true }));
    expect(dmReply.content).toBe('dm answer');
    expect(dmCommands[0]?.guildId).toBeNull();
    expect(dmCommands[0]?.channel?.type).toBe(ChannelType.DM);
    expect(dmCommands[0]?.user.id).toBe(emu.defaultUser.id);

    // Same DM without the Channel partial: the dispatch is sent, discord.js drops it (no cached DM channel).
    const bare = await boot({}, { partials: [] });
    const bareSeen: Message[] = [];
    bare.client.on(Events.MessageCreate, (m) => bareSeen.push(m));
    const lost = bare.emu.sendMessage({ content: 'anyone?', dm: true });
    expect(lost.delivered).toBe(true);
    await sleep(200);
    expect(bareSeen).toEqual([]);
    expect(h.handlerErrors).toEqual([]);
  });

  it('application.commands.set(..., guildId) is recorded and echoed with ids used by later interactions', async () => {
    const h = await boot();
    const { emu, client } = h;
    const guildId = emu.guild!.id;
    const set = await client.application!.commands.set(
      [{ name: 'ask', description: 'Ask about the report', options: [{ type: 3, name: 'question', description: 'Your question', required: true, autocomplete: true }] }],
      guildId,
    );
    const put = emu.requestsTo('PUT', `/applications/${emu.applicationId}/guilds/${guildId}/commands`);
    expect(put).toHaveLength(1);
    expect(put[0]?.body).toMatchObject([{ name: 'ask', options: [{ name: 'question', autocomplete: true }] }]);
    const registered = set.first();
    expect(registered?.guildId).toBe(guildId);

    let commandId: string | undefined;
    client.on(
      Events.InteractionCreate,
      on(h, async (i) => {
        if (!i.isChatInputCommand()) return;
        commandId = i.commandId;
        await i.reply({ content: 'ok', flags: 64 });
      }),
    );
    const reply = await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'ask', options: { question: 'x' } }));
    expect(reply.ephemeral).toBe(true);
    expect(commandId).toBe(registered?.id);

    // Invalid definitions are rejected like Discord does.
    await expect(client.application!.commands.set([{ name: 'Bad Name', description: 'x' }], guildId)).rejects.toBeInstanceOf(DiscordAPIError);
    expect(h.handlerErrors).toEqual([]);
  });

  it('resumes after dropConnection (replaying missed dispatches) and re-identifies after a session invalidation', async () => {
    const h = await boot();
    const { emu, client } = h;
    client.on(
      Events.InteractionCreate,
      on(h, async (i) => {
        if (i.isChatInputCommand()) await i.reply(`pong ${i.options.getString('n')}`);
      }),
    );
    const resumes: number[] = [];
    client.on(Events.ShardResume, (_id, replayed) => resumes.push(replayed));

    const firstConn = emu.gateway.liveConnection!.id;
    await emu.dropConnection(); // 4000 → resumable
    // Sent while the socket is down: buffered, then replayed on RESUME with its original sequence number.
    const missed = emu.sendSlashCommand({ name: 'ping', options: { n: 'missed' } });
    const resumed = await emu.waitForGatewayReady({ afterConnection: firstConn });
    expect(resumed.kind).toBe('resume');
    expect(emu.gateway.liveConnection?.path).toBe('/gateway/resume');
    expect((await emu.waitForInteractionResponse(missed)).content).toBe('pong missed');
    const replayed = emu.gateway.sent.find((f) => f.connectionId === resumed.connectionId && typeof f.payload === 'object' && f.payload.t === 'INTERACTION_CREATE');
    expect(typeof replayed?.payload === 'object' && replayed.payload.s).toBe(missed.s);
    await emu.waitFor(() => resumes.length > 0);

    expect((await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'ping', options: { n: 'after-resume' } }))).content).toBe('pong after-resume');

    // Abrupt TCP loss also resumes.
    await emu.dropConnection({ abrupt: true });
    const afterAbrupt = await emu.waitForGatewayReady({ afterConnection: resumed.connectionId });
    expect(afterAbrupt.kind).toBe('resume');
    // discord.js handles frames concurrently: an op 9 landing before it has processed RESUMED makes
    // its RESUMED handler throw (sessionInfo already null), so let the client finish resuming first.
    await emu.waitFor(() => resumes.length >= 2);

    // Non-resumable invalid session → fresh IDENTIFY and a new READY.
    emu.invalidateSession({ resumable: false });
    const reidentified = await emu.waitForGatewayReady({ afterConnection: afterAbrupt.connectionId });
    expect(reidentified.kind).toBe('identify');
    expect((await emu.waitForInteractionResponse(emu.sendSlashCommand({ name: 'ping', options: { n: 'fresh' } }))).content).toBe('pong fresh');
    expect(client.isReady()).toBe(true);
    expect(h.handlerErrors).toEqual([]);
  });

  it('resumes after an op 7 Reconnect and after missed heartbeat ACKs (zombie connection)', async () => {
    const { emu, client } = await boot();
    const resumed = () => new Promise((resolve) => client.once(Events.ShardResume, resolve));

    const first = emu.gateway.liveConnection!.id;
    let resume = resumed();
    emu.requestReconnect();
    const afterOp7 = await emu.waitForGatewayReady({ afterConnection: first });
    expect(afterOp7.kind).toBe('resume');
    expect(emu.gateway.connections.find((c) => c.id === first)?.closeCode).toBe(4200);
    await resume;

    resume = resumed();
    emu.setHeartbeatAcks(false);
    await emu.waitFor(() => emu.gateway.connections.find((c) => c.id === afterOp7.connectionId)?.state === 'closed', 3_000);
    emu.setHeartbeatAcks(true);
    expect((await emu.waitForGatewayReady({ afterConnection: afterOp7.connectionId })).kind).toBe('resume');
    await resume;
    expect(client.isReady()).toBe(true);
  });

  it('a 429 on the callback, the edit and the follow-up is waited out and retried', async () => {
    const h = await boot();
    const { emu, client } = h;
    client.on(
      Events.InteractionCreate,
      on(h, async (i) => {
        if (!i.isChatInputCommand()) return;
        await i.deferReply();
        await i.editReply('edited');
        await i.followUp('more');
      }),
    );
    const rateLimited: number[] = [];
    client.rest.on('rateLimited', (info) => rateLimited.push(info.timeToReset));
    emu.failNext({ method: 'PATCH', pathPattern: '/webhooks/:id/:token/messages/@original', status: 429, retryAfter: 0.2 });
    emu.failNext({ method: 'POST', pathPattern: '/webhooks/:id/:token', status: 429, retryAfter: 0.1 });
    // Interaction callbacks use @discordjs/rest's BurstHandler, which only honours Retry-After.
    emu.failNext({ method: 'POST', pathPattern: '/interactions/:id/:token/callback', status: 429, retryAfter: 0.15 });

    const handle = emu.sendSlashCommand({ name: 'ask' });
    const reply = await emu.waitForInteractionResponse(handle);
    const followUp = await emu.waitForFollowUp(handle);
    expect(reply.content).toBe('edited');
    expect(followUp.content).toBe('more');

    const patches = emu.requestsTo('PATCH', '/webhooks/:id/:token/messages/@original');
    expect(patches.map((r) => [r.status, r.injected])).toEqual([
      [429, true],
      [200, false],
    ]);
    expect(patches[1]!.at - patches[0]!.at).toBeGreaterThanOrEqual(190);
    const callbacks = emu.requestsTo('POST', '/interactions/:id/:token/callback');
    expect(callbacks.map((r) => r.status)).toEqual([429, 204]);
    expect(callbacks[1]!.at - callbacks[0]!.at).toBeGreaterThanOrEqual(140);
    const posts = emu.requestsTo('POST', '/webhooks/:id/:token');
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(rateLimited.length).toBeGreaterThan(0);
    expect(h.handlerErrors).toEqual([]);
  });

  it('a 500 on a follow-up rejects the discord.js call and the client keeps working', async () => {
    const h = await boot({}, { restRetries: 1 });
    const { emu, client } = h;
    const followUpErrors: unknown[] = [];
    client.on(
      Events.InteractionCreate,
      on(h, async (i) => {
        if (!i.isChatInputCommand()) return;
        await i.reply('first');
        try {
          await i.followUp('second');
        } catch (e) {
          followUpErrors.push(e);
        }
      }),
    );
    // restRetries: 1 → discord.js tries twice; fail both.
    emu.failNext({ method: 'POST', pathPattern: '/webhooks/:id/:token', status: 500, times: 2 });
    const handle = emu.sendSlashCommand({ name: 'ask' });
    await emu.waitForInteractionResponse(handle);
    await emu.waitFor(() => followUpErrors.length > 0);
    expect(followUpErrors[0]).toBeInstanceOf(HTTPError);
    expect((followUpErrors[0] as HTTPError).status).toBe(500);
    expect(emu.requestsTo('POST', '/webhooks/:id/:token').map((r) => r.status)).toEqual([500, 500]);
    expect(emu.interaction(handle).followUps).toEqual([]);

    const next = emu.sendSlashCommand({ name: 'ask' });
    expect((await emu.waitForInteractionResponse(next)).content).toBe('first');
    expect((await emu.waitForFollowUp(next)).content).toBe('second');
    expect(h.handlerErrors).toEqual([]);
  });

  it('malformed gateway frames do not crash the client', async () => {
    const h = await boot();
    const { emu, client } = h;
    client.on(
      Events.InteractionCreate,
      on(h, async (i) => {
        if (i.isChatInputCommand()) await i.reply('still alive');
      }),
    );
    const first = emu.sendSlashCommand({ name: 'probe' });
    await emu.waitForInteractionResponse(first);
    const base = first.payload;
    emu.sendRaw('{not json');
    emu.sendRaw({ op: 0, t: 'INTERACTION_CREATE', s: null, d: { ...base, id: '1', type: 99 } });
    emu.sendRaw({ op: 0, t: 'INTERACTION_CREATE', s: null, d: { ...base, id: '2', type: 3, data: { custom_id: 'x', component_type: 99 } } });
    emu.sendRaw({ op: 0, t: 'NOT_A_REAL_EVENT', s: null, d: {} });
    emu.sendRaw({ op: 42, d: null });
    const next = emu.sendSlashCommand({ name: 'probe' });
    expect((await emu.waitForInteractionResponse(next)).content).toBe('still alive');
    expect(client.isReady()).toBe(true);
    expect(h.handlerErrors).toEqual([]);
  });

  it('enforces Discord rules: 3s ack deadline, payload limits, intents and MESSAGE_CONTENT', async () => {
    const h = await boot({ interactionAckDeadlineMs: 150 }, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages] });
    const { emu, client } = h;
    const errors: unknown[] = [];
    client.on(
      Events.InteractionCreate,
      on(h, async (i) => {
        if (!i.isChatInputCommand()) return;
        if (i.commandName === 'slow') await sleep(300);
        try {
          await i.reply(i.commandName === 'long' ? 'x'.repeat(2001) : 'ok');
        } catch (e) {
          errors.push(e);
        }
      }),
    );
    emu.sendSlashCommand({ name: 'slow' });
    await emu.waitFor(() => errors.length === 1, 2_000);
    expect((errors[0] as DiscordAPIError).code).toBe(10062);

    emu.sendSlashCommand({ name: 'long' });
    await emu.waitFor(() => errors.length === 2, 2_000);
    expect((errors[1] as DiscordAPIError).code).toBe(50035);
    expect(((errors[1] as DiscordAPIError).rawError as { errors: unknown }).errors).toMatchObject({
      data: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } },
    });

    // No GUILD_MESSAGES intent: Discord would not deliver guild messages at all.
    const handle = emu.sendMessage({ content: `<@${emu.botUser.id}> hi` });
    expect(handle.delivered).toBe(false);
    expect(emu.droppedDispatches.at(-1)?.reason).toMatch(/GUILD_MESSAGES/);
    expect(h.handlerErrors).toEqual([]);

    // GUILD_MESSAGES without MESSAGE_CONTENT: content only for mentions of the bot.
    const other = await boot();
    const contents: string[] = [];
    other.client.on(Events.MessageCreate, (m) => {
      if (!m.author.bot) contents.push(m.content);
    });
    other.emu.sendMessage({ content: 'not for the bot' });
    other.emu.sendMessage({ content: `<@${other.emu.botUser.id}> for the bot` });
    await other.emu.waitFor(() => contents.length === 2);
    expect(contents).toEqual(['', `<@${other.emu.botUser.id}> for the bot`]);
  });

  it('serves the rest of the REST surface bots use: fetches, DMs, fetchReply/deleteReply', async () => {
    const h = await boot();
    const { emu, client } = h;
    const app = await client.application!.fetch();
    expect(app.id).toBe(emu.applicationId);
    const me = (await client.rest.get('/users/@me')) as { id: string; bot: boolean };
    expect(me).toMatchObject({ id: emu.botUser.id, bot: true });
    const channel = await client.channels.fetch(emu.textChannelId, { force: true });
    expect(channel?.type).toBe(ChannelType.GuildText);

    const user = await client.users.fetch(emu.defaultUser.id);
    const dm = await user.send('proactive hello');
    const [opened] = emu.requestsTo('POST', '/users/@me/channels');
    expect(opened?.body).toEqual({ recipient_id: emu.defaultUser.id });
    expect(emu.channelMessages(dm.channelId).map((m) => m.content)).toEqual(['proactive hello']);

    const fetched: string[] = [];
    client.on(
      Events.InteractionCreate,
      on(h, async (i) => {
        if (!i.isChatInputCommand()) return;
        await i.reply('temporary');
        fetched.push((await i.fetchReply()).content);
        await i.deleteReply();
      }),
    );
    const handle = emu.sendSlashCommand({ name: 'ask' });
    await emu.waitFor(() => emu.interaction(handle).originalDeleted);
    expect(fetched).toEqual(['temporary']);
    await expect(emu.waitForInteractionResponse(handle, { timeoutMs: 200 })).rejects.toThrow(/deleted/);
    expect(h.handlerErrors).toEqual([]);
  });

  it('answers unknown routes with a recorded 404 and rejects a wrong token', async () => {
    const h = await boot();
    h.allowUnexpected = true;
    const { emu, client } = h;
    await expect(client.rest.get('/guilds/123456789012345678/bans')).rejects.toMatchObject({ status: 404 });
    expect(emu.unexpectedRequests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /guilds/123456789012345678/bans']);

    const intruder = new Client(emu.clientOptions());
    await expect(intruder.login('wrong-token')).rejects.toThrow();
    await intruder.destroy();
  });

  it('threads: a thread on a message is a channel discord.js knows (also after a reconnect), messages in it carry its type', async () => {
    const h = await boot({}, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] });
    const { emu, client } = h;
    const seen: { channelId: string; isThread: boolean; ownerId: string | null; parentId: string | null }[] = [];
    client.on(
      Events.MessageCreate,
      on(h, async (m) => {
        if (m.author.bot) return;
        if (!m.channel.isThread()) {
          const thread = await m.startThread({ name: 'about ' + m.content });
          await thread.send('in the thread');
          return;
        }
        seen.push({ channelId: m.channelId, isThread: true, ownerId: m.channel.ownerId, parentId: m.channel.parentId });
      }),
    );
    const first = emu.sendMessage({ content: 'hello' });
    const inThread = await emu.waitForChannelMessage({ channelId: first.id });
    expect(inThread.content).toBe('in the thread');
    const [thread] = emu.threads(emu.textChannelId);
    expect(thread).toMatchObject({ id: first.id, name: 'about hello', parentId: emu.textChannelId, ownerId: emu.botUser.id });
    expect(() => emu.sendMessage({ content: 'x', channelId: first.id })).not.toThrow();
    await emu.waitFor(() => seen.length === 1);
    expect(seen[0]).toEqual({ channelId: first.id, isThread: true, ownerId: emu.botUser.id, parentId: emu.textChannelId });
    expect(h.handlerErrors).toEqual([]);
    // A new client (a restarted bot) learns the thread from GUILD_CREATE.
    await client.destroy();
    const again = new Client(emu.clientOptions());
    const ready = new Promise<void>((resolve) => again.once(Events.ClientReady, () => resolve()));
    await again.login(emu.token);
    await ready;
    try {
      const known = again.channels.cache.get(first.id);
      expect(known?.isThread() && known.parentId).toBe(emu.textChannelId);
    } finally {
      await again.destroy();
    }
  });

  it('permission overwrites: discord.js sees them, and embeds without Embed Links get 403 50013', async () => {
    const embedLinks = (1n << 14n).toString();
    const h = await boot({ guild: { channels: [{ name: 'general' }, { name: 'plain', permissionOverwrites: [{ id: '@everyone', type: 0, allow: '0', deny: embedLinks }] }] } });
    const { emu, client } = h;
    const plain = emu.guild?.channels[1]?.id ?? '';
    const channel = await client.channels.fetch(plain);
    const me = client.guilds.cache.get(emu.guild?.id ?? '')?.members.me;
    expect(channel && 'permissionsFor' in channel && me ? channel.permissionsFor(me)?.has(PermissionFlagsBits.EmbedLinks) : null).toBe(false);
    expect(channel && 'permissionsFor' in channel && me ? channel.permissionsFor(me)?.has(PermissionFlagsBits.SendMessages) : null).toBe(true);
    await expect(client.rest.post(`/channels/${plain}/messages`, { body: { embeds: [{ title: 't' }] } })).rejects.toMatchObject({ status: 403, code: 50013 });
    await expect(client.rest.post(`/channels/${plain}/messages`, { body: { content: 'text is fine' } })).resolves.toBeDefined();
    await expect(client.rest.post(`/channels/${emu.textChannelId}/messages`, { body: { embeds: [{ title: 't' }] } })).resolves.toBeDefined();
  });

  it('one permission model: denyChannelPermissions adds to the overwrites, CHANNEL_UPDATE tells discord.js, app_permissions and threads follow', async () => {
    const embedLinks = (1n << 14n).toString();
    const h = await boot({ guild: { channels: [{ name: 'general' }, { name: 'plain', permissionOverwrites: [{ id: '@everyone', type: 0, allow: '0', deny: embedLinks }] }] } });
    const { emu, client } = h;
    const plain = emu.guild?.channels[1]?.id ?? '';
    emu.denyChannelPermissions(plain, ['AttachFiles']);
    const me = () => client.guilds.cache.get(emu.guild?.id ?? '')?.members.me ?? null;
    const perms = () => {
      const c = client.channels.cache.get(plain);
      const m = me();
      return c && 'permissionsFor' in c && m ? c.permissionsFor(m) : null;
    };
    await emu.waitFor(() => perms()?.has(PermissionFlagsBits.AttachFiles) === false, 2_000, 'the CHANNEL_UPDATE');
    expect(perms()?.has(PermissionFlagsBits.EmbedLinks)).toBe(false);
    expect(perms()?.has(PermissionFlagsBits.SendMessages)).toBe(true);
    const bits = BigInt(emu.appPermissions(plain));
    expect(bits & PermissionFlagsBits.AttachFiles).toBe(0n);
    expect(bits & PermissionFlagsBits.EmbedLinks).toBe(0n);
    expect(bits & PermissionFlagsBits.SendMessages).toBe(PermissionFlagsBits.SendMessages);
    // A thread a user starts inherits the parent's permissions and is listed with the bot's threads.
    emu.denyChannelPermissions(plain, ['SendMessagesInThreads'], { announce: false });
    const thread = emu.createThread(plain, 'user thread');
    await emu.waitFor(() => client.channels.cache.get(thread)?.isThread() === true, 2_000, 'the THREAD_CREATE');
    expect(emu.threads(plain).map((t) => t.id)).toEqual([thread]);
    await expect(client.rest.post(`/channels/${thread}/messages`, { body: { content: 'x' } })).rejects.toMatchObject({ status: 403, code: 50013 });
    await expect(client.rest.post(`/channels/${plain}/messages`, { body: { content: 'text is fine' } })).resolves.toBeDefined();
    expect(() => emu.denyChannelPermissions(thread, ['SendMessages'])).toThrow(/parent/);
  });
});
