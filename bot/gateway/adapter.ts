// discord.js interaction → plain InteractionInput + Responder, so the handlers never see discord.js. The HTTP
// interactions endpoint has its own adapter over the raw payload; both send the same messages.
import {
  MessageFlags,
  type ApplicationCommandOptionChoiceData,
  type BaseMessageOptions,
  type CommandInteractionOption,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type ModalComponentData,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import type { BotMessage, InteractionInput, ModalJSON, OptionValue, Responder, ResponseState } from '../interactions/types.ts';
import { interactionInput } from '../interactions/types.ts';

/** Spread into every outgoing payload. A fresh object each time: discord.js may hold on to it. */
export const noMentions = (): { parse: [] } => ({ parse: [] });

/** A handler's message as discord.js message options; mentions are never allowed. */
export function toMessageOptions(message: BotMessage, forEdit = false): BaseMessageOptions & { flags?: number } {
  const out: BaseMessageOptions & { flags?: number } = { allowedMentions: noMentions() };
  if (message.content !== undefined) out.content = message.content;
  else if (forEdit) out.content = '';
  if (message.embeds !== undefined || forEdit) out.embeds = (message.embeds ?? []).map((e) => ({ ...e, ...(e.fields ? { fields: e.fields.map((f) => ({ ...f })) } : {}) }));
  if (message.components !== undefined || forEdit) out.components = (message.components ?? []) as unknown as NonNullable<BaseMessageOptions['components']>;
  if (message.files?.length) out.files = message.files.map((f) => ({ attachment: f.data, name: f.name, ...(f.description ? { description: f.description } : {}) }));
  if (message.ephemeral && !forEdit) out.flags = MessageFlags.Ephemeral;
  return out;
}

function flattenOptions(data: readonly CommandInteractionOption[]): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const o of data) {
    if (o.options?.length) Object.assign(out, flattenOptions(o.options));
    else if (o.value !== undefined && o.value !== null) out[o.name] = o.value;
  }
  return out;
}

/** The plain form of a discord.js interaction, or null for kinds the bot does not handle. */
export function toInteractionInput(interaction: Interaction): InteractionInput | null {
  const channel = interaction.channel;
  const isThread = channel?.isThread?.() ?? false;
  const base = {
    id: interaction.id,
    userId: interaction.user.id,
    channelId: interaction.channelId ?? null,
    guildId: interaction.guildId ?? null,
    isDM: !interaction.guildId,
    isThread,
    parentChannelId: isThread && channel && 'parentId' in channel ? (channel.parentId ?? null) : null,
    locale: interaction.locale ?? null,
    memberPermissions: interaction.memberPermissions?.bitfield.toString() ?? null,
    appPermissions: interaction.appPermissions?.bitfield.toString() ?? null,
  };
  if (interaction.isChatInputCommand()) {
    return interactionInput({ ...base, kind: 'command', name: interaction.commandName, options: flattenOptions(interaction.options.data) });
  }
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    return interactionInput({ ...base, kind: 'autocomplete', name: interaction.commandName, options: flattenOptions(interaction.options.data), focused: { name: focused.name, value: String(focused.value) } });
  }
  if (interaction.isButton()) {
    return interactionInput({ ...base, kind: 'button', customId: interaction.customId, componentType: 'button', messageId: interaction.message?.id ?? null });
  }
  if (interaction.isStringSelectMenu()) {
    return interactionInput({ ...base, kind: 'button', customId: interaction.customId, componentType: 'select', values: [...interaction.values], messageId: interaction.message?.id ?? null });
  }
  if (interaction.isModalSubmit()) {
    const fields: Record<string, string> = {};
    for (const [id, c] of interaction.fields.fields) if ('value' in c && typeof c.value === 'string') fields[id] = c.value;
    return interactionInput({ ...base, kind: 'modal', customId: interaction.customId, fields, messageId: interaction.message?.id ?? null });
  }
  return null;
}

type Repliable = Extract<Interaction, { reply: unknown }>;

/** The Responder over a discord.js interaction. */
export class GatewayResponder implements Responder {
  private current: ResponseState = 'none';

  constructor(private readonly interaction: Interaction) {}

  get state(): ResponseState {
    return this.current;
  }

  private repliable(): Repliable {
    if (!('reply' in this.interaction)) throw new Error('interaction cannot be replied to');
    return this.interaction as Repliable;
  }

  async defer(ephemeral = false): Promise<void> {
    await this.repliable().deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    this.current = 'deferred';
  }

  async deferUpdate(): Promise<void> {
    const i = this.interaction;
    if (!i.isMessageComponent() && !i.isModalSubmit()) throw new Error('deferUpdate needs a component interaction');
    await i.deferUpdate();
    this.current = 'deferred';
  }

  async reply(message: BotMessage): Promise<void> {
    await this.repliable().reply(toMessageOptions(message) as InteractionReplyOptions);
    this.current = 'replied';
  }

  async editReply(message: BotMessage): Promise<void> {
    await this.repliable().editReply(toMessageOptions(message, true) as InteractionEditReplyOptions);
  }

  async followUp(message: BotMessage): Promise<void> {
    await this.repliable().followUp(toMessageOptions(message) as InteractionReplyOptions);
  }

  async update(message: BotMessage): Promise<void> {
    const i = this.interaction;
    if (!i.isMessageComponent()) throw new Error('update needs a component interaction');
    await i.update(toMessageOptions(message, true) as InteractionUpdateOptions);
    this.current = 'replied';
  }

  async showModal(modal: ModalJSON): Promise<void> {
    const i = this.interaction;
    if (!i.isMessageComponent() && !i.isChatInputCommand()) throw new Error('showModal needs a command or component interaction');
    await i.showModal(modal as unknown as APIModalInteractionResponseCallbackData | ModalComponentData);
    this.current = 'replied';
  }

  async autocomplete(choices: { name: string; value: string }[]): Promise<void> {
    const i = this.interaction;
    if (!i.isAutocomplete()) throw new Error('autocomplete needs an autocomplete interaction');
    await i.respond(choices as ApplicationCommandOptionChoiceData[]);
    this.current = 'replied';
  }
}
