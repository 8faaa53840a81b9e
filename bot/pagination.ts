// Paged answers: an in-memory session per multi-page reply, found again from the button's custom_id.
// Sessions are bounded twice (LRU size and idle TTL) so a busy channel cannot grow memory without limit,
// and each has its own id so many users paging at once never see each other's pages.
import { randomBytes } from 'node:crypto';
import type { Page } from '../present/discord.ts';
import type { Language } from '../retrieval/types.ts';

export const PAGE_PREFIX = 'pg';

export interface PageSession {
  readonly id: string;
  readonly ownerId: string;
  readonly pages: readonly Page[];
  readonly language: Language;
  page: number;
  expiresAt: number;
  /**
   * Edits the message the buttons live on. Replaced on every click: the newest interaction's token is
   * the one that stays valid longest (a token lives 15 minutes).
   */
  edit: ((payload: PagePayload) => Promise<unknown>) | undefined;
}

/** A button row as Discord's API JSON (type 1 action row of type 2 buttons). */
export interface ButtonRow {
  type: 1;
  components: { type: 2; style: 1 | 2; label: string; custom_id: string; disabled: boolean }[];
}

export interface PagePayload extends Page {
  components: ButtonRow[];
}

export interface PageRef {
  sessionId: string;
  page: number;
}

/** "pg:<session>:<target page>:<p|n>" — the p/n keeps Previous and Next distinct at the ends. */
export function encodeCustomId(sessionId: string, page: number, which: 'p' | 'n'): string {
  return `${PAGE_PREFIX}:${sessionId}:${page}:${which}`;
}

/** Null for anything that is not a well-formed page button id (other buttons, tampered payloads). */
export function decodeCustomId(customId: string): PageRef | null {
  const m = /^pg:([0-9a-f]{8,32}):(-?\d{1,6}):[pn]$/.exec(customId);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  return { sessionId: m[1], page: Number(m[2]) };
}

export function clampPage(page: number, pageCount: number): number {
  if (pageCount <= 0) return 0;
  return Math.min(Math.max(0, Math.trunc(page)), pageCount - 1);
}

export function pageLabel(page: number, pageCount: number, language: Language): string {
  return language === 'zh' ? `第 ${page + 1}/${pageCount} 页` : `page ${page + 1}/${pageCount}`;
}

/** Previous · "page i/n" · Next; none for a single page. */
export function pageButtons(sessionId: string, page: number, pageCount: number, language: Language, disabled = false): ButtonRow[] {
  if (pageCount <= 1) return [];
  const prev = language === 'zh' ? '◀ 上一页' : '◀ Previous';
  const next = language === 'zh' ? '下一页 ▶' : 'Next ▶';
  return [
    {
      type: 1,
      components: [
        { type: 2, style: 2, label: prev, custom_id: encodeCustomId(sessionId, page - 1, 'p'), disabled: disabled || page <= 0 },
        // The indicator is a disabled button so the page count never eats into the content limits.
        { type: 2, style: 2, label: pageLabel(page, pageCount, language), custom_id: `${PAGE_PREFIX}:${sessionId}:i`, disabled: true },
        { type: 2, style: 1, label: next, custom_id: encodeCustomId(sessionId, page + 1, 'n'), disabled: disabled || page >= pageCount - 1 },
      ],
    },
  ];
}

export function pagePayload(session: Pick<PageSession, 'id' | 'pages' | 'language'>, page: number, disabled = false): PagePayload {
  const p = clampPage(page, session.pages.length);
  const content = session.pages[p] ?? { embeds: [] };
  return { ...content, components: pageButtons(session.id, p, session.pages.length, session.language, disabled) };
}

export interface PaginatorOptions {
  ttlMs?: number;
  maxSessions?: number;
  /**
   * Pages kept over all sessions. A page is up to ~6 KB of text, and one "list everything" answer
   * can be ninety pages, so a session count alone does not bound memory.
   */
  maxPages?: number;
  now?: () => number;
  /** Called when a session leaves the store (expired or evicted); the bot disables its buttons here. */
  onExpire?: (session: PageSession, reason: 'expired' | 'evicted') => void;
}

export type TurnResult =
  | { kind: 'ok'; payload: PagePayload; session: PageSession }
  | { kind: 'expired' }
  | { kind: 'not-owner'; language: Language };

export class Paginator {
  readonly ttlMs: number;
  readonly maxSessions: number;
  readonly maxPages: number;
  private storedPages = 0;
  private readonly now: () => number;
  private readonly onExpire: PaginatorOptions['onExpire'];
  // Map iteration order is insertion order; re-inserting on use makes the first key the least recently used.
  private readonly sessions = new Map<string, PageSession>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(options: PaginatorOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxSessions = options.maxSessions ?? 500;
    this.maxPages = options.maxPages ?? 5_000;
    this.now = options.now ?? Date.now;
    this.onExpire = options.onExpire;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Pages held over all live sessions. */
  get pageCount(): number {
    return this.storedPages;
  }

  /** Registers a multi-page answer and returns its session (callers only need one for 2+ pages). */
  create(ownerId: string, pages: readonly Page[], language: Language): PageSession {
    const session: PageSession = {
      id: randomBytes(8).toString('hex'),
      ownerId,
      pages,
      language,
      page: 0,
      expiresAt: this.now() + this.ttlMs,
      edit: undefined,
    };
    this.sessions.set(session.id, session);
    this.storedPages += pages.length;
    this.schedule(session);
    // The newest session always stays, even if it alone exceeds the page budget.
    while (this.sessions.size > 1 && (this.sessions.size > this.maxSessions || this.storedPages > this.maxPages)) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined || oldest === session.id) break;
      this.remove(oldest, 'evicted');
    }
    return session;
  }

  /** Live session by id (refreshing its LRU position), or undefined if unknown or expired. */
  get(id: string): PageSession | undefined {
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (this.now() >= s.expiresAt) {
      this.remove(id, 'expired');
      return undefined;
    }
    this.sessions.delete(id);
    this.sessions.set(id, s);
    return s;
  }

  /** A click on a page button: checks owner and expiry, moves the page and extends the idle timeout. */
  turn(customId: string, userId: string): TurnResult | null {
    const ref = decodeCustomId(customId);
    if (!ref) return null;
    const session = this.get(ref.sessionId);
    if (!session) return { kind: 'expired' };
    if (session.ownerId !== userId) return { kind: 'not-owner', language: session.language };
    session.page = clampPage(ref.page, session.pages.length);
    session.expiresAt = this.now() + this.ttlMs;
    this.schedule(session);
    return { kind: 'ok', payload: pagePayload(session, session.page), session };
  }

  /** Drops every session without editing messages (shutdown). */
  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.sessions.clear();
    this.storedPages = 0;
  }

  private schedule(session: PageSession): void {
    const old = this.timers.get(session.id);
    if (old) clearTimeout(old);
    const t = setTimeout(() => {
      const s = this.sessions.get(session.id);
      if (!s) return;
      // Timers run on a monotonic clock and may fire a millisecond before Date.now() reaches the
      // deadline; re-arm rather than leave the session (and its live buttons) without a timer.
      if (this.now() >= s.expiresAt) this.remove(session.id, 'expired');
      else this.schedule(s);
    }, Math.max(1, session.expiresAt - this.now()));
    // Pending timeouts must not keep a stopping process alive.
    t.unref?.();
    this.timers.set(session.id, t);
  }

  private remove(id: string, reason: 'expired' | 'evicted'): void {
    const s = this.sessions.get(id);
    const t = this.timers.get(id);
    if (t) clearTimeout(t);
    this.timers.delete(id);
    this.sessions.delete(id);
    if (s) {
      this.storedPages -= s.pages.length;
      this.onExpire?.(s, reason);
    }
  }
}
