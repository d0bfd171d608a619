/**
 * Counts turns in flight (a turn is one inbound activity being processed, on any channel), so a
 * graceful shutdown can stop accepting new work and still let every started turn finish writing.
 */
export class TurnTracker {
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  get active(): number {
    return this.inFlight;
  }

  /** True once `close()` was called: channels refuse new turns. */
  get isClosed(): boolean {
    return this.closed;
  }

  async run<T>(turn: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await turn();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.releaseWaiters();
    }
  }

  /** Refuses new turns from now on and resolves when the ones in flight are done (or at the timeout). */
  async close(timeoutMs: number): Promise<{ drained: boolean }> {
    this.closed = true;
    if (this.inFlight === 0) return { drained: true };
    let timer: NodeJS.Timeout | undefined;
    const drained = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const result = await Promise.race([drained, timedOut]);
    clearTimeout(timer);
    return { drained: result };
  }

  private releaseWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
