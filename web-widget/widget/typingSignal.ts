/** While the visitor keeps typing, "typing" is said again this often (an agent tab opened meanwhile learns it). */
export const TYPING_REPEAT_MS = 3_000;
/** No keystroke for this long and the visitor has stopped typing. */
export const TYPING_IDLE_MS = 4_000;

/**
 * Turns keystrokes into the few `typing:set` signals the protocol asks for: `true` when the visitor
 * starts and again at most every TYPING_REPEAT_MS while they go on, `false` once, when the box is
 * emptied, the message is sent, or after TYPING_IDLE_MS without a keystroke.
 */
export class TypingSignal {
  private active = false;
  private sentAt = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (active: boolean) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The text in the box changed; `hasText`: whether anything but spaces is left in it. */
  input(hasText: boolean): void {
    if (!hasText) {
      this.stop();
      return;
    }
    const now = this.now();
    if (!this.active || now - this.sentAt >= TYPING_REPEAT_MS) {
      this.active = true;
      this.sentAt = now;
      this.send(true);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  /** The visitor stopped (sent the message, emptied the box, went idle) or the live chat ended. */
  stop(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (!this.active) return;
    this.active = false;
    this.send(false);
  }
}
