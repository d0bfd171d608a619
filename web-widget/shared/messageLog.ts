/** What a line of a transcript needs here: its id, and its seq once the server has taken it. */
interface Line {
  id: string;
  seq: number | null;
  at: string;
}

/**
 * One conversation as a client holds it, shared by the widget and the agent console: messages
 * keyed by id (a live event, a history page, a replay and an ack of the same message merge into
 * one), in seq order, with the client's own unacknowledged messages after them in the order they
 * were written. `contiguousSeq` is the highest seq n such that 1..n are all held: what a history
 * request asks from after a reconnection.
 */
export class MessageLog<L extends Line> {
  private readonly byId = new Map<string, L>();
  private readonly seqs = new Set<number>();
  private contiguous = 0;
  /** The unacknowledged messages' ids, oldest first. */
  private pendingOrder: string[] = [];

  /** The highest seq n such that 1..n are all here. */
  get contiguousSeq(): number {
    return this.contiguous;
  }

  /** The highest seq held, gaps or not. */
  get highestSeq(): number {
    let highest = 0;
    for (const seq of this.seqs) highest = Math.max(highest, seq);
    return highest;
  }

  get(id: string): L | undefined {
    return this.byId.get(id);
  }

  /** In display order: by seq, then unacknowledged messages in the order they were written. */
  entries(): L[] {
    const acknowledged = [...this.byId.values()]
      .filter((line) => line.seq !== null)
      .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    return [...acknowledged, ...this.pending()];
  }

  /** The unacknowledged messages, oldest first. */
  pending(): L[] {
    return this.pendingOrder.map((id) => this.byId.get(id)).filter((line) => line !== undefined);
  }

  /** Forgets everything (a new conversation started). Unacknowledged messages are kept: they still go out. */
  reset(): void {
    const pending = this.pending();
    this.byId.clear();
    this.seqs.clear();
    this.contiguous = 0;
    for (const line of pending) this.byId.set(line.id, line);
  }

  /** Stores a line from the server (with its seq) in place of any line of the same id. */
  protected putSent(line: L & { seq: number }): void {
    this.byId.set(line.id, line);
    this.pendingOrder = this.pendingOrder.filter((id) => id !== line.id);
    this.addSeq(line.seq);
  }

  /** Stores one of the client's own messages, on its way (its seq null). */
  protected putPending(line: L): void {
    if (!this.byId.has(line.id)) this.pendingOrder.push(line.id);
    this.byId.set(line.id, line);
  }

  /** The server took one of the client's messages: it gets its seq and time, once. */
  protected markSent(id: string, seq: number, at: string): L | undefined {
    const line = this.byId.get(id);
    if (!line || line.seq !== null) return line;
    line.seq = seq;
    line.at = at;
    this.pendingOrder = this.pendingOrder.filter((item) => item !== id);
    this.addSeq(seq);
    return line;
  }

  private addSeq(seq: number): void {
    this.seqs.add(seq);
    while (this.seqs.has(this.contiguous + 1)) this.contiguous += 1;
  }
}
