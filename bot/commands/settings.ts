import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { UI } from '../../present/labels.ts';
import { note } from '../interactions/reply.ts';
import { canManageSettings } from '../interactions/types.ts';
import { REPLY_MODES, replyMode, setReplyMode, type ReplyMode } from '../settings.ts';
import { localeLanguage, stringOption, type SlashCommand } from './types.ts';

const MODE_WORDS: Record<ReplyMode, { zh: string; en: string }> = {
  threads: { zh: '新建子区回答', en: 'answer in a new thread' },
  inline: { zh: '在频道中回复', en: 'reply in the channel' },
  off: { zh: '不回答 @提及（斜杠命令照常）', en: 'ignore mentions (slash commands still work)' },
};

export const settingsCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('settings')
    .setDescription('How @mentions are answered here (Manage Server / Manage Channels only)')
    .setDescriptionLocalizations({ 'zh-CN': '@提及的回答方式（需“管理服务器”或“管理频道”权限）' })
    .addStringOption((o) =>
      o
        .setName('replies')
        .setDescription('threads: a thread per question · inline: reply in the channel · off: ignore mentions')
        .setDescriptionLocalizations({ 'zh-CN': 'threads：每个问题一个子区 · inline：频道内回复 · off：不回答提及' })
        .addChoices(...REPLY_MODES.map((m) => ({ name: `${m} — ${MODE_WORDS[m].zh} / ${MODE_WORDS[m].en}`.slice(0, 100), value: m }))),
    )
    .addStringOption((o) =>
      o
        .setName('scope')
        .setDescription('This channel (default) or the whole server')
        .setDescriptionLocalizations({ 'zh-CN': '本频道（默认）或整个服务器' })
        .addChoices({ name: '本频道 / this channel', value: 'channel' }, { name: '整个服务器 / whole server', value: 'server' }),
    )
    // Servers only, and shown to members who may manage channels (server admins can widen that in Integrations).
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
    .toJSON(),
  async execute(input, responder, ctx) {
    const language = localeLanguage(input.locale);
    // Checked here, not only by Discord's default_member_permissions, which server admins can override.
    if (!input.guildId || !canManageSettings(input)) {
      await note(responder, UI[language].notAllowed);
      return;
    }
    const channelId = (input.isThread ? input.parentChannelId : input.channelId) ?? input.channelId ?? '';
    const scope = stringOption(input, 'scope') === 'server' ? 'server' : 'channel';
    const wanted = stringOption(input, 'replies');
    if (wanted && (REPLY_MODES as readonly string[]).includes(wanted)) {
      await setReplyMode(ctx.store, scope, scope === 'server' ? input.guildId : channelId, wanted as ReplyMode);
      // During a state outage the write was dropped: say so rather than confirm a setting that was not kept.
      if (ctx.store.status?.().state === 'degraded') {
        await note(responder, UI[language].settingsUnavailable);
        return;
      }
      ctx.logger.info('settings changed', { guildId: input.guildId, channelId, scope, replies: wanted, userId: input.userId });
    }
    const now = await replyMode(ctx.store, input.guildId, channelId);
    const from = { channel: language === 'zh' ? '本频道设置' : 'channel setting', server: language === 'zh' ? '服务器设置' : 'server setting', default: language === 'zh' ? '默认' : 'default' }[now.from];
    const text =
      language === 'zh'
        ? `本频道的 @提及回答方式：**${now.mode}**（${MODE_WORDS[now.mode].zh}；${from}）。`
        : `Mentions in this channel: **${now.mode}** (${MODE_WORDS[now.mode].en}; ${from}).`;
    await note(responder, text);
  },
};
