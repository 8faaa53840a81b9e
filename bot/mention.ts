// Turning a chat message into a question: pure, so the rules about when the bot speaks are testable.

export interface MessageInput {
  content: string;
  /** The bot's own user id. */
  botId: string;
  /** Direct messages need no mention. */
  isDM: boolean;
  /**
   * The bot's managed role(s) in this guild. Discord's @-picker often inserts the integration role
   * (<@&role>) instead of the bot user, and users mean the bot either way.
   */
  botRoleIds?: readonly string[];
}

/**
 * The question in a message, or null when the bot was not addressed. In guild channels only an explicit
 * <@bot> / <@!bot> mention counts (a reply to the bot pings it without naming it; answering every reply
 * in a busy channel would be noise). An empty string means "addressed but nothing asked".
 */
export function extractQuestion(input: MessageInput): string | null {
  if (!/^\d+$/.test(input.botId)) return null;
  const roles = (input.botRoleIds ?? []).filter((id) => /^\d+$/.test(id));
  const alternatives = [`<@!?${input.botId}>`, ...roles.map((id) => `<@&${id}>`)];
  const mention = new RegExp(alternatives.join('|'), 'g');
  const addressed = mention.test(input.content);
  if (!addressed && !input.isDM) return null;
  return input.content.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}
