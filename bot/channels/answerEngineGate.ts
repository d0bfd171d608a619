import type { Middleware, TurnContext } from 'botbuilder';

/**
 * Holds the assistant's turns until the answer engine's first index is built. The service listens
 * while the engine trains (readiness says "not ready" meanwhile, so a load balancer sends nobody
 * yet); a visitor who comes anyway waits for a real answer instead of getting "none" from an empty
 * index. Registered last on every adapter: what goes to a live agent never waits. Once the engine
 * is ready, a turn pays one property read.
 */
export class AnswerEngineGate implements Middleware {
  private open = false;
  private readonly built: Promise<void>;

  /** `built` resolves when the engine can answer (it may reject: the turn then fails as any would). */
  constructor(built: Promise<void>) {
    this.built = built.then(() => {
      this.open = true;
    });
    // A failed build is reported by whoever started it; here it only fails the turns that waited.
    this.built.catch(() => undefined);
  }

  async onTurn(_context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (!this.open) await this.built;
    await next();
  }
}
