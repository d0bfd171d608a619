import type { Locale } from '../../contracts/locale.js';
import type { AgentSelf, CannedReplyItem } from '../../contracts/agentEvents.js';
import { labelLanguageToggle } from '../shared/chatParts.js';
import { h } from '../shared/dom.js';
import type { MarkdownRenderer } from '../shared/renderMarkdown.js';
import { timeOfDayFormat } from '../shared/timeFormat.js';
import type { ConsoleStrings, TFunction } from './consoleStrings.js';

/**
 * What every view of the agent console is given by the coordinator (AgentConsole): the document,
 * the labels in the console's language, the Markdown renderer, the live region and the signed-in
 * agent. One instance is shared by all views; `t`, `locale` and `me` are read when a view draws,
 * so after a language switch a view's `applyStrings()` (or its next redraw) is in the new language.
 */
export class ConsoleContext {
  readonly doc: Document;
  /** The canned replies, both languages, as the server last sent them (state, canned:update). */
  canned: CannedReplyItem[] = [];

  constructor(
    readonly win: Window & typeof globalThis,
    readonly strings: ConsoleStrings,
    readonly renderer: MarkdownRenderer,
    /** Says something to screen readers through the console's polite live region. */
    readonly announce: (text: string) => void,
    /** The signed-in agent as the server last described them (null before the first state). */
    private readonly currentAgent: () => AgentSelf | null,
  ) {
    this.doc = win.document;
  }

  get t(): TFunction {
    return this.strings.t;
  }

  /** The language of the console's own labels now. */
  get locale(): Locale {
    return this.strings.locale;
  }

  get me(): AgentSelf | null {
    return this.currentAgent();
  }

  /** May the signed-in user manage the canned replies? (The server checks again.) */
  get isAdmin(): boolean {
    return this.me?.roles.includes('admin') ?? false;
  }

  /** "English" / "inglés": a language's name in the console's language. */
  languageName(locale: Locale): string {
    return this.t(`locale.${locale}`);
  }

  /** Times of day in the console's language. */
  get timeFormat(): Intl.DateTimeFormat {
    return timeOfDayFormat(this.locale);
  }

  /** Does the signed-in agent chat in `locale`? */
  speaks(locale: Locale): boolean {
    return this.me?.languages.includes(locale) ?? false;
  }

  /** The "Español / English" button of the sign-in page and of the header. */
  languageButton(onClick: () => void): HTMLButtonElement {
    const button = h(this.doc, 'button', { type: 'button', class: 'language' });
    this.labelLanguageButton(button);
    button.addEventListener('click', onClick);
    return button;
  }

  labelLanguageButton(button: HTMLButtonElement): void {
    labelLanguageToggle(button, {
      text: this.t('language.switch'),
      lang: this.t('language.switchCode'),
      hint: this.t('language.switchHint'),
    });
  }
}
