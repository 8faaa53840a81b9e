// Turning a chat message into a question: pure, so the rules about when the bot speaks are testable.

export interface MessageInput {
  content: string;
  /** The bot's own user id. */
  botId: string;
  /** Direct messages need no mention. */
  isDM: boolean;
}

/**
 * The question in a message, or null when the bot was not addressed. In guild channels only an explicit
 * <@bot> / <@!bot> mention counts (a reply to the bot pings it without naming it; answering every reply
 * in a busy channel would be noise). An empty string means "addressed but nothing asked".
 */
export function extractQuestion(input: MessageInput): string | null {
  if (!/^\d+$/.test(input.botId)) return null;
  const mention = new RegExp(`<@!?${input.botId}>`, 'g');
  const addressed = mention.test(input.content);
  if (!addressed && !input.isDM) return null;
  return input.content.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}
