// Interaction tokens are credentials (15 minutes of acting as the bot on that interaction). They reach logs
// inside REST error URLs; the logger must strip them by pattern, since no list of them exists up front.
import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger.ts';

const TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldC10b2tlbi12YWx1ZQ';
const APP = '123456789012345678';
const ID = '987654321098765432';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'debug', secrets: ['the-bot-token'], write: (l) => lines.push(l) }) };
}

describe('logger redaction of interaction tokens', () => {
  it('strips the token from a failed callback and webhook URL in an error', () => {
    const { lines, logger } = capture();
    const callback = new DiscordAPIError({ message: 'Unknown interaction', code: 10062 }, 10062, 404, 'POST', `https://discord.com/api/v10/interactions/${ID}/${TOKEN}/callback?with_response=false`, {});
    const webhook = new DiscordAPIError({ message: 'Unknown Webhook', code: 10015 }, 10015, 404, 'PATCH', `https://discord.com/api/v10/webhooks/${APP}/${TOKEN}/messages/%40original`, {});
    logger.error('command failed', { error: callback });
    logger.error('edit failed', { error: webhook, note: `PATCH /webhooks/${APP}/${TOKEN}/messages/@original` });
    const all = lines.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).toContain(`/interactions/${ID}/[REDACTED]/callback`);
    expect(all).toContain(`/webhooks/${APP}/[REDACTED]/messages`);
  });

  it('strips a token field of a logged payload and still redacts the bot token', () => {
    const { lines, logger } = capture();
    logger.debug('payload', { body: { id: ID, token: TOKEN, type: 2 }, auth: 'Bot the-bot-token' });
    expect(lines[0]).not.toContain(TOKEN);
    expect(lines[0]).not.toContain('the-bot-token');
    expect(lines[0]).toContain('"id":"987654321098765432"');
  });
});
