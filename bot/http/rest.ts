// The REST client the HTTP endpoint answers through (follow-ups on interaction webhooks).
import { REST } from '@discordjs/rest';
import type { Logger } from '../logger.ts';
import type { HttpConfig } from './config.ts';

export function webhookRest(config: Pick<HttpConfig, 'token' | 'apiUrl'>, logger: Logger): REST {
  // This client only calls interaction webhook routes, which Discord exempts from the bot's global limit
  // (50/s); @discordjs/rest applies that limit client-side to every route, which capped a replica at 50
  // follow-ups a second under load. Per-route buckets (one per interaction token) still apply.
  const rest = new REST({ version: '10', globalRequestsPerSecond: 1_000_000, ...(config.apiUrl ? { api: config.apiUrl } : {}) }).setToken(config.token);
  rest.on('rateLimited', (info) => logger.warn('REST rate limited', { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }));
  return rest;
}
