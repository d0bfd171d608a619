import type { MarkdownRenderer } from './renderMarkdown.js';

/**
 * Small pieces the widget and the agent console draw the same way. Each one was written twice
 * before; a change to how a chat behaves (Enter sends, what counts as "at the bottom") is made here.
 */

/**
 * Fills a message bubble: Markdown (bot, agent and notices) through the shared sanitising
 * renderer, anything else (what a visitor typed) as text, never as HTML.
 */
export function fillBubble(
  bubble: HTMLElement,
  text: string,
  format: 'markdown' | 'plain',
  renderer: MarkdownRenderer,
): void {
  if (format === 'markdown') bubble.innerHTML = renderer.render(text);
  else bubble.textContent = text;
}

/** A composer sends on submit and on Enter; Shift+Enter (or an IME composition) makes a new line. */
export function sendOnEnter(form: HTMLFormElement, input: HTMLTextAreaElement, send: () => void): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
}

/** How close to the end a transcript must be scrolled to keep following new messages. */
const NEAR_BOTTOM_PX = 80;

/** The reader is at (or near) the end: a new message may scroll into view without losing their place. */
export function isNearBottom(scroller: HTMLElement): boolean {
  return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
}

/** The labels of an "Español / English" button: its text in the other language, with that `lang`. */
export interface LanguageToggleLabels {
  /** "Español" in English, "English" in Spanish. */
  text: string;
  /** The language the text is written in (`es` / `en`), so a screen reader pronounces it right. */
  lang: string;
  /** What pressing it does, in the other language too. */
  hint: string;
}

export function labelLanguageToggle(button: HTMLButtonElement, labels: LanguageToggleLabels): void {
  button.textContent = labels.text;
  button.lang = labels.lang;
  button.title = labels.hint;
}
