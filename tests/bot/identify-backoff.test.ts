import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fatalCloseLine, isFatalCloseCode, shardingOptions } from '../../bot/gateway/fatal.ts';
import { BACKOFF_FILE, clearBackoff, identifyDelayMs, readBackoff, recordFatalClose } from '../../bot/gateway/identify-backoff.ts';

const policy = { baseMs: 5_000, maxMs: 60_000 };

describe('identify backoff after fatal gateway closes', () => {
  it('doubles per consecutive failure, counts from the failure, and is capped', () => {
    expect(identifyDelayMs(null, 0, policy)).toBe(0);
    expect(identifyDelayMs({ failures: 1, lastFailureAt: 1_000, lastCode: 4004 }, 1_000, policy)).toBe(5_000);
    expect(identifyDelayMs({ failures: 3, lastFailureAt: 1_000, lastCode: 4004 }, 1_000, policy)).toBe(20_000);
    expect(identifyDelayMs({ failures: 3, lastFailureAt: 1_000, lastCode: 4004 }, 16_000, policy)).toBe(5_000);
    expect(identifyDelayMs({ failures: 3, lastFailureAt: 1_000, lastCode: 4004 }, 60_000, policy)).toBe(0);
    expect(identifyDelayMs({ failures: 40, lastFailureAt: 0, lastCode: 4014 }, 0, policy)).toBe(60_000);
  });

  it('persists failures in the data folder and ignores a corrupt record', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backoff-'));
    try {
      expect(readBackoff(dir)).toBeNull();
      recordFatalClose(dir, 4014, 10);
      expect(recordFatalClose(dir, 4004, 20)).toEqual({ failures: 2, lastFailureAt: 20, lastCode: 4004 });
      clearBackoff(dir);
      expect(readBackoff(dir)).toBeNull();
      writeFileSync(join(dir, BACKOFF_FILE), '{"failures":"x"');
      expect(readBackoff(dir)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the fix for each fatal close code and maps SHARDS to client options', () => {
    for (const code of [4004, 4010, 4011, 4012, 4013, 4014]) expect(isFatalCloseCode(code)).toBe(true);
    for (const code of [1000, 4000, 4009, 4200]) expect(isFatalCloseCode(code)).toBe(false);
    expect(fatalCloseLine(4014)).toMatch(/^Discord closed the gateway: 4014 disallowed intents — enable the Message Content intent/);
    expect(shardingOptions(undefined)).toEqual({});
    expect(shardingOptions('auto')).toEqual({ shards: 'auto' });
    expect(shardingOptions(3)).toEqual({ shards: [0, 1, 2], shardCount: 3 });
  });
});
