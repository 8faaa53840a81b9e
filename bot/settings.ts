// Per-server and per-channel settings (state namespace 'settings'). One for now: how @mentions are answered —
// 'threads' (a new thread per question, follow-ups in it), 'inline' (a reply in the channel) or 'off'
// (mentions ignored; slash commands still work). A channel's own setting wins over its server's.
import { z } from 'zod';
import type { StateStore } from './state.ts';

export const REPLY_MODES = ['threads', 'inline', 'off'] as const;
export type ReplyMode = (typeof REPLY_MODES)[number];
export const DEFAULT_REPLY_MODE: ReplyMode = 'inline';

const SettingsSchema = z.object({ v: z.literal(1), replies: z.enum(REPLY_MODES).optional() });
type Settings = z.infer<typeof SettingsSchema>;

const key = (scope: 'server' | 'channel', id: string) => `${scope === 'server' ? 'guild' : 'channel'}:${id}`;

async function read(store: StateStore, scope: 'server' | 'channel', id: string): Promise<Settings | undefined> {
  const parsed = SettingsSchema.safeParse(await store.get('settings', key(scope, id)));
  return parsed.success ? parsed.data : undefined;
}

export interface EffectiveReplyMode {
  mode: ReplyMode;
  /** Where it comes from: the channel's setting, the server's, or the default. */
  from: 'channel' | 'server' | 'default';
}

/** The mode for a channel (for a thread: its parent channel). */
export async function replyMode(store: StateStore, guildId: string | null, channelId: string | null): Promise<EffectiveReplyMode> {
  if (!guildId) return { mode: 'inline', from: 'default' };
  const channel = channelId ? await read(store, 'channel', channelId) : undefined;
  if (channel?.replies) return { mode: channel.replies, from: 'channel' };
  const server = await read(store, 'server', guildId);
  if (server?.replies) return { mode: server.replies, from: 'server' };
  return { mode: DEFAULT_REPLY_MODE, from: 'default' };
}

export async function setReplyMode(store: StateStore, scope: 'server' | 'channel', id: string, mode: ReplyMode): Promise<void> {
  const current = (await read(store, scope, id)) ?? { v: 1 as const };
  await store.set('settings', key(scope, id), { ...current, replies: mode });
}
