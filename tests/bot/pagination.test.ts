import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Paginator, clampPage, decodeCustomId, encodeCustomId, pageButtons, pageLabel, pagePayload, type PageSession } from '../../bot/pagination.ts';
import type { Page } from '../../present/discord.ts';

const pages = (n: number): Page[] => Array.from({ length: n }, (_, i) => ({ content: `page ${i}`, embeds: [] }));

describe('page math and custom ids', () => {
  it('round-trips a custom id and rejects anything else', () => {
    const id = encodeCustomId('0123456789abcdef', 3, 'n');
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodeCustomId(id)).toEqual({ sessionId: '0123456789abcdef', page: 3 });
    for (const bad of ['', 'pg', 'pg:zz:1:n', 'pg:0123456789abcdef:x:n', 'other:0123456789abcdef:1:n', 'pg:0123456789abcdef:i', 'pg:0123456789abcdef:1:n:extra'])
      expect(decodeCustomId(bad)).toBeNull();
  });

  it('clamps pages into range', () => {
    expect(clampPage(-1, 5)).toBe(0);
    expect(clampPage(7, 5)).toBe(4);
    expect(clampPage(2, 5)).toBe(2);
    expect(clampPage(0, 0)).toBe(0);
  });

  it('labels pages 1-based and disables Previous/Next at the ends', () => {
    expect(pageLabel(0, 3, 'en')).toBe('page 1/3');
    expect(pageLabel(2, 3, 'zh')).toBe('第 3/3 页');
    const [first] = pageButtons('abcdef0123456789', 0, 3, 'en');
    expect(first?.components.map((b) => [b.label, b.disabled])).toEqual([
      ['◀ Previous', true],
      ['page 1/3', true],
      ['Next ▶', false],
    ]);
    const [last] = pageButtons('abcdef0123456789', 2, 3, 'en');
    expect(last?.components.map((b) => b.disabled)).toEqual([false, true, true]);
    expect(decodeCustomId(last?.components[0]?.custom_id ?? '')).toEqual({ sessionId: 'abcdef0123456789', page: 1 });
    const ids = pageButtons('abcdef0123456789', 1, 3, 'en')[0]?.components.map((b) => b.custom_id) ?? [];
    expect(new Set(ids).size).toBe(3);
    expect(pageButtons('abcdef0123456789', 0, 1, 'en')).toEqual([]);
    expect(pageButtons('abcdef0123456789', 1, 3, 'en', true)[0]?.components.every((b) => b.disabled)).toBe(true);
  });
});

describe('Paginator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lets only the asker page, and moves to the requested page', () => {
    const p = new Paginator();
    const s = p.create('alice', pages(3), 'en');
    const next = pagePayload(s, 0).components[0]?.components[2]?.custom_id ?? '';
    expect(p.turn(next, 'bob')).toEqual({ kind: 'not-owner', language: 'en' });
    const r = p.turn(next, 'alice');
    expect(r?.kind).toBe('ok');
    if (r?.kind !== 'ok') return;
    expect(r.payload.content).toBe('page 1');
    expect(r.payload.components[0]?.components[1]?.label).toBe('page 2/3');
    expect(s.page).toBe(1);
    // Forged ids beyond the ends are clamped, not trusted.
    const far = p.turn(encodeCustomId(s.id, 99, 'n'), 'alice');
    expect(far?.kind === 'ok' && far.payload.content).toBe('page 2');
    expect(p.turn('not-a-page-button', 'alice')).toBeNull();
  });

  it('keeps concurrent users apart', () => {
    const p = new Paginator();
    const a = p.create('alice', pages(3), 'en');
    const b = p.create('bob', [{ content: 'b0', embeds: [] }, { content: 'b1', embeds: [] }], 'zh');
    expect(a.id).not.toBe(b.id);
    const rb = p.turn(encodeCustomId(b.id, 1, 'n'), 'bob');
    expect(rb?.kind === 'ok' && rb.payload.content).toBe('b1');
    expect(a.page).toBe(0);
    expect(p.turn(encodeCustomId(a.id, 1, 'n'), 'bob')?.kind).toBe('not-owner');
  });

  it('expires idle sessions after the TTL, calls onExpire, and reports expired clicks', () => {
    const expired: [string, string][] = [];
    const p = new Paginator({ ttlMs: 60_000, onExpire: (s, reason) => expired.push([s.id, reason]) });
    const s = p.create('alice', pages(2), 'en');
    vi.advanceTimersByTime(59_000);
    expect(p.turn(encodeCustomId(s.id, 1, 'n'), 'alice')?.kind).toBe('ok');
    // The click extended the idle timeout.
    vi.advanceTimersByTime(59_000);
    expect(p.get(s.id)).toBeDefined();
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1_001);
    expect(expired).toEqual([[s.id, 'expired']]);
    expect(p.size).toBe(0);
    expect(p.turn(encodeCustomId(s.id, 0, 'p'), 'alice')).toEqual({ kind: 'expired' });
  });

  it('treats a session past its TTL as expired even before its timer runs', () => {
    let now = 1_000;
    const reasons: string[] = [];
    const p = new Paginator({ ttlMs: 10, now: () => now, onExpire: (_s, r) => reasons.push(r) });
    const s = p.create('alice', pages(2), 'en');
    now += 11;
    expect(p.get(s.id)).toBeUndefined();
    expect(reasons).toEqual(['expired']);
  });

  it('re-arms the expiry timer when it fires before the clock reaches the deadline', () => {
    let now = 0;
    const reasons: string[] = [];
    const p = new Paginator({ ttlMs: 1000, now: () => now, onExpire: (_s, r) => reasons.push(r) });
    p.create('alice', pages(2), 'en');
    now = 999; // the timer fires, but by this clock the session has 1 ms left
    vi.advanceTimersByTime(1000);
    expect(reasons).toEqual([]);
    now = 1000;
    vi.advanceTimersByTime(1);
    expect(reasons).toEqual(['expired']);
  });

  it('evicts the least recently used session beyond maxSessions', () => {
    const evicted: PageSession[] = [];
    const p = new Paginator({ maxSessions: 3, onExpire: (s, reason) => reason === 'evicted' && evicted.push(s) });
    const s1 = p.create('u1', pages(2), 'en');
    const s2 = p.create('u2', pages(2), 'en');
    const s3 = p.create('u3', pages(2), 'en');
    expect(p.get(s1.id)).toBeDefined(); // s1 is now the most recent; s2 the least
    const s4 = p.create('u4', pages(2), 'en');
    expect(p.size).toBe(3);
    expect(evicted.map((s) => s.id)).toEqual([s2.id]);
    expect(p.get(s2.id)).toBeUndefined();
    for (const s of [s1, s3, s4]) expect(p.get(s.id)).toBeDefined();
  });

  it('bounds the pages held, evicting the least recently used sessions but never the newest', () => {
    const p = new Paginator({ maxPages: 10 });
    const a = p.create('a', pages(4), 'en');
    const b = p.create('b', pages(4), 'en');
    const c = p.create('c', pages(4), 'en');
    expect(p.get(a.id)).toBeUndefined();
    expect(p.get(b.id)).toBeDefined();
    expect(p.pageCount).toBe(8);
    const huge = p.create('d', pages(30), 'en');
    expect(p.get(huge.id)).toBeDefined();
    expect(p.get(b.id) ?? p.get(c.id)).toBeUndefined();
    expect(p.pageCount).toBe(30);
  });

  it('stays bounded under many users', () => {
    const p = new Paginator({ maxSessions: 50 });
    for (let i = 0; i < 1000; i++) p.create(`u${i}`, pages(2), 'en');
    expect(p.size).toBe(50);
    p.clear();
    expect(p.size).toBe(0);
  });
});
