/**
 * Runs the turns of one conversation one at a time, in arrival order, while turns of different
 * conversations run concurrently. Two messages of one visitor arriving together must not race on
 * the same dialog state; two visitors must not wait for each other.
 */
export class ConversationTurnQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Number of conversations with a turn running or waiting. */
  get size(): number {
    return this.tails.size;
  }

  run<T>(conversationId: string, turn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const result = previous.then(turn, turn);
    // The chain continues whether this turn succeeds or fails; the caller still sees its own outcome.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(conversationId, tail);
    void tail.then(() => {
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId);
    });
    return result;
  }
}
