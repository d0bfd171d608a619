/**
 * Lets a long computation (an index rebuild) share the event loop: it runs for a few milliseconds,
 * then gives the loop a turn with `setImmediate`, so chat messages keep being answered meanwhile.
 */
export class TimeSlicer {
  private readonly budgetMs: number;
  private sliceStart = performance.now();

  constructor(budgetMs = 8) {
    this.budgetMs = budgetMs;
  }

  /** Whether the current slice has used its budget. Cheap: call it in inner loops. */
  due(): boolean {
    return performance.now() - this.sliceStart >= this.budgetMs;
  }

  /** Gives the event loop a turn and starts a new slice. */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }

  /** Pauses only when the slice is used up. */
  async maybePause(): Promise<void> {
    if (this.due()) await this.pause();
  }
}

/** A slicer that never pauses, for building an index synchronously in one go (scripts). */
export const NEVER_PAUSE: Pausable = { maybePause: async () => {} };

/** What a build step needs from a slicer. */
export type Pausable = Pick<TimeSlicer, 'maybePause'>;
