// Discord's interaction JSON (as POSTed to the endpoint) → the plain InteractionInput the handlers take.
// Only fields the handlers read are picked, each checked for its type: the body is signed by Discord, but a
// shape we did not expect must become "no value", never an exception in the middle of a request.
import type { InteractionInput, InteractionKind, OptionValue } from '../interactions/types.ts';

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const KIND_BY_TYPE: Record<number, InteractionKind> = { 2: 'command', 3: 'button', 4: 'autocomplete', 5: 'modal' };
// Thread channel types: announcement thread, public thread, private thread.
const THREAD_TYPES = new Set([10, 11, 12]);

/** Options of a chat-input command, flattened through subcommands (the bot defines none, Discord allows them). */
function flattenOptions(options: unknown, out: Record<string, OptionValue>, focused: { name: string; value: string } | null): { name: string; value: string } | null {
  if (!Array.isArray(options)) return focused;
  for (const o of options) {
    if (!isObj(o) || typeof o.name !== 'string') continue;
    if (Array.isArray(o.options)) focused = flattenOptions(o.options, out, focused);
    const v = o.value;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[o.name] = v;
    if (o.focused === true) focused = { name: o.name, value: typeof v === 'string' ? v : String(v ?? '') };
  }
  return focused;
}

function modalFields(components: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const c of list) {
      if (!isObj(c)) continue;
      if (typeof c.custom_id === 'string' && typeof c.value === 'string') out[c.custom_id] = c.value;
      walk(c.components);
      // Components V2 modals wrap each input in a label component.
      if (isObj(c.component)) walk([c.component]);
    }
  };
  walk(components);
  return out;
}

/** null when the body is not an interaction kind the bot serves (PING is answered before this). */
export function toInteractionInput(body: Json): InteractionInput | null {
  const kind = typeof body.type === 'number' ? KIND_BY_TYPE[body.type] : undefined;
  if (!kind) return null;
  const data = isObj(body.data) ? body.data : {};
  const member = isObj(body.member) ? body.member : null;
  const user = isObj(member?.user) ? member.user : isObj(body.user) ? body.user : {};
  const channel = isObj(body.channel) ? body.channel : {};
  const guildId = str(body.guild_id);
  const options: Record<string, OptionValue> = {};
  const focused = kind === 'command' || kind === 'autocomplete' ? flattenOptions(data.options, options, null) : null;
  const componentType = kind === 'button' ? (data.component_type === 2 ? 'button' : 'select') : null;
  const isThread = typeof channel.type === 'number' && THREAD_TYPES.has(channel.type);
  const message = isObj(body.message) ? body.message : null;
  return {
    kind,
    id: str(body.id) ?? '0',
    name: kind === 'command' || kind === 'autocomplete' ? str(data.name) : null,
    options,
    focused: kind === 'autocomplete' ? focused : null,
    customId: kind === 'button' || kind === 'modal' ? str(data.custom_id) : null,
    componentType,
    values: Array.isArray(data.values) ? data.values.filter((v): v is string => typeof v === 'string') : [],
    fields: kind === 'modal' ? modalFields(data.components) : {},
    messageId: message ? str(message.id) : null,
    userId: str(user.id) ?? '0',
    channelId: str(body.channel_id) ?? str(channel.id),
    guildId,
    isDM: guildId === null,
    isThread,
    parentChannelId: isThread ? str(channel.parent_id) : null,
    locale: str(body.locale),
    memberPermissions: member ? str(member.permissions) : null,
    appPermissions: str(body.app_permissions),
  };
}
