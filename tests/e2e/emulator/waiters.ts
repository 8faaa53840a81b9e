// Predicates are re-evaluated on every recorded state change rather than on a polling timer, so a
// waiter resolves in the same tick the matching request lands and leaves no interval behind.
interface Waiter {
  check(): void;
  fail(error: Error): void;
}

export class Waiters {
  private readonly pending = new Set<Waiter>();

  notify(): void {
    for (const waiter of [...this.pending]) waiter.check();
  }

  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        check: () => {
          let value: T | undefined | null | false;
          try {
            value = probe();
          } catch (error) {
            waiter.fail(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          if (value === undefined || value === null || value === false) return;
          this.pending.delete(waiter);
          if (timer) clearTimeout(timer);
          resolve(value);
        },
        fail: (error) => {
          this.pending.delete(waiter);
          if (timer) clearTimeout(timer);
          reject(error);
        },
      };
      this.pending.add(waiter);
      waiter.check();
      if (!this.pending.has(waiter)) return;
      timer = setTimeout(() => {
        waiter.fail(new Error(`Discord emulator: timed out after ${timeoutMs}ms waiting for ${describe()}`));
      }, timeoutMs);
    });
  }

  rejectAll(error: Error): void {
    for (const waiter of [...this.pending]) waiter.fail(error);
  }
}
