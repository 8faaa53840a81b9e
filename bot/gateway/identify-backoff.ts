// A bot that dies on a fatal gateway close (bad token, disallowed intents) is restarted by its supervisor at
// once, identifies, dies again: a crash loop that burns Discord's daily identify budget (1,000 sessions)
// and can get the token rate-limited. Each fatal close is recorded in data/; the next start waits
// base·2^(failures−1) (capped) since the last one before identifying. A session that reaches READY clears it.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const BACKOFF_FILE = 'gateway-failures.json';

const StateSchema = z.object({ failures: z.number().int().positive(), lastFailureAt: z.number(), lastCode: z.number().int() });
export type BackoffState = z.infer<typeof StateSchema>;

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 10 * 60_000 };

export function readBackoff(dataDir: string): BackoffState | null {
  try {
    const parsed = StateSchema.safeParse(JSON.parse(readFileSync(join(dataDir, BACKOFF_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    // Absent or unreadable: no known failure, start at once.
    return null;
  }
}

export function recordFatalClose(dataDir: string, code: number, now = Date.now()): BackoffState {
  const previous = readBackoff(dataDir);
  const state: BackoffState = { failures: (previous?.failures ?? 0) + 1, lastFailureAt: now, lastCode: code };
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, BACKOFF_FILE);
  // Written synchronously and atomically: the process exits right after.
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
  return state;
}

export function clearBackoff(dataDir: string): void {
  rmSync(join(dataDir, BACKOFF_FILE), { force: true });
}

/** How long to wait before identifying, given the recorded failures (0 when none or long enough ago). */
export function identifyDelayMs(state: BackoffState | null, now: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (!state) return 0;
  const wait = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, state.failures - 1));
  return Math.max(0, Math.min(wait, state.lastFailureAt + wait - now));
}
