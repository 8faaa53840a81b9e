// Paged answers. A session (state namespace 'paging', keyed by the answer id) says who may page and until
// when; the pages themselves are rendered again from the stored answer on every click, so nothing but ids
// travels in the buttons and a restarted bot pages on. Timers that grey out the buttons on expiry are the
// only in-process part: after a restart a late click is still refused, it is just not greyed out first.
import { z } from 'zod';
import type { StateStore } from '../state.ts';

export const PagingSessionSchema = z.object({
  v: z.literal(1),
  answerId: z.string(),
  ownerId: z.string(),
  /** The page the message shows now (for greying out the buttons on that page). */
  page: z.number().int().nonnegative(),
  pageCount: z.number().int().positive(),
  /** Epoch ms after which the buttons no longer page. */
  expiresAt: z.number(),
});
export type PagingSession = z.infer<typeof PagingSessionSchema>;

const storeTtl = (timeoutMs: number) => Math.ceil(timeoutMs / 1000) + 60;

export async function openSession(store: StateStore, s: Omit<PagingSession, 'v'>, timeoutMs: number): Promise<PagingSession> {
  const session: PagingSession = { v: 1, ...s };
  await store.set('paging', s.answerId, session, storeTtl(timeoutMs));
  return session;
}

export async function getSession(store: StateStore, answerId: string): Promise<PagingSession | undefined> {
  const parsed = PagingSessionSchema.safeParse(await store.get('paging', answerId));
  return parsed.success ? parsed.data : undefined;
}

export type TurnResult = { kind: 'expired' } | { kind: 'not-owner' } | { kind: 'ok'; session: PagingSession };

/** A click on Previous/Next: checks the session and the clicker, moves to `target` and extends the timeout. */
export async function turnPage(store: StateStore, answerId: string, target: number, userId: string, now: number, timeoutMs: number): Promise<TurnResult> {
  const session = await getSession(store, answerId);
  if (!session || session.expiresAt <= now) return { kind: 'expired' };
  if (session.ownerId !== userId) return { kind: 'not-owner' };
  const page = Math.min(Math.max(0, Math.trunc(target)), session.pageCount - 1);
  const next = await openSession(store, { ...session, page, expiresAt: now + timeoutMs }, timeoutMs);
  return { kind: 'ok', session: next };
}

type Edit = (page: number) => Promise<unknown>;

interface Armed {
  timer: ReturnType<typeof setTimeout>;
  edit: Edit;
}

/**
 * One timer per live paging session in this process. When it fires and the stored session has really expired
 * (another click may have extended it), `edit(page)` greys out the buttons through the newest handle (the last
 * click's interaction token, or the bot's own message). Bounded: the oldest timers are dropped beyond `max`.
 */
export class PagingTimers {
  private readonly armed = new Map<string, Armed>();

  constructor(
    private readonly store: StateStore,
    private readonly now: () => number,
    private readonly onError: (error: unknown, answerId: string) => void,
    private readonly max = 1000,
  ) {}

  get size(): number {
    return this.armed.size;
  }

  arm(answerId: string, expiresAt: number, edit: Edit): void {
    this.disarm(answerId);
    const timer = setTimeout(() => void this.fire(answerId), Math.max(1, expiresAt - this.now()));
    // Pending timeouts must not keep a stopping process alive.
    timer.unref?.();
    this.armed.set(answerId, { timer, edit });
    while (this.armed.size > this.max) {
      const oldest = this.armed.keys().next().value;
      if (oldest === undefined) break;
      this.disarm(oldest);
    }
  }

  disarm(answerId: string): void {
    const a = this.armed.get(answerId);
    if (a) clearTimeout(a.timer);
    this.armed.delete(answerId);
  }

  clear(): void {
    for (const a of this.armed.values()) clearTimeout(a.timer);
    this.armed.clear();
  }

  private async fire(answerId: string): Promise<void> {
    const a = this.armed.get(answerId);
    if (!a) return;
    try {
      const session = await getSession(this.store, answerId);
      // Timers may fire a millisecond early, and a click elsewhere may have extended the session: re-arm.
      if (session && session.expiresAt > this.now()) {
        this.arm(answerId, session.expiresAt, a.edit);
        return;
      }
      this.armed.delete(answerId);
      if (session) await this.store.delete('paging', answerId);
      await a.edit(session?.page ?? 0);
    } catch (error) {
      this.armed.delete(answerId);
      this.onError(error, answerId);
    }
  }
}
