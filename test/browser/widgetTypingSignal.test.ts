import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_IDLE_MS, TYPING_REPEAT_MS, TypingSignal } from '../../web-widget/widget/typingSignal.js';

describe('the widget typing signal', () => {
  let sent: boolean[];
  let signal: TypingSignal;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    signal = new TypingSignal((active) => sent.push(active));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('when the visitor types steadily, then "typing" is said once and again only every few seconds', () => {
    for (let keystroke = 0; keystroke < 40; keystroke += 1) {
      signal.input(true);
      vi.advanceTimersByTime(200); // 8 seconds of typing, five keystrokes a second
    }
    expect(sent).toEqual([true, true, true]);
    expect(TYPING_REPEAT_MS).toBeLessThan(TYPING_IDLE_MS);
  });

  it('when the visitor pauses, empties the box or sends, then "stopped" is said once', () => {
    signal.input(true);
    vi.advanceTimersByTime(TYPING_IDLE_MS - 1);
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([true, false]);

    signal.input(true);
    signal.input(false); // the box was emptied
    vi.advanceTimersByTime(TYPING_IDLE_MS * 2);
    expect(sent).toEqual([true, false, true, false]);

    signal.input(true);
    signal.stop(); // sent
    signal.stop();
    expect(sent).toEqual([true, false, true, false, true, false]);
  });

  it('when nothing was typed, then stopping says nothing', () => {
    signal.stop();
    signal.input(false);
    vi.advanceTimersByTime(TYPING_IDLE_MS * 2);
    expect(sent).toEqual([]);
  });
});
