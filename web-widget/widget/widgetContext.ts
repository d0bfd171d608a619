import type { Locale } from '../../contracts/locale.js';
import type { MarkdownRenderer } from '../shared/renderMarkdown.js';
import { timeOfDayFormat } from '../shared/timeFormat.js';
import { createWidgetStrings, type Translate } from './widgetStrings.js';

/**
 * What every view of the widget is given by the coordinator (ChatWidget): the document, the
 * Markdown renderer, the live region, and the language of the widget's labels. One instance is
 * shared by all views; `locale`, `t` and `timeFormat` are read when a view draws, so after
 * `setLocale` a view's `applyStrings()` (or its next redraw) is in the new language.
 */
export class WidgetContext {
  private readonly strings = createWidgetStrings();
  private current: Locale;
  private translate: Translate;
  private times: Intl.DateTimeFormat;

  constructor(
    readonly doc: Document,
    readonly renderer: MarkdownRenderer,
    /** Says something to screen readers through the widget's polite live region. */
    readonly announce: (text: string) => void,
    locale: Locale,
  ) {
    this.current = locale;
    this.translate = this.strings.t(locale);
    this.times = timeOfDayFormat(locale);
  }

  /** The language of the widget's own labels now. */
  get locale(): Locale {
    return this.current;
  }

  get t(): Translate {
    return this.translate;
  }

  /** Times of day in the widget's language. */
  get timeFormat(): Intl.DateTimeFormat {
    return this.times;
  }

  setLocale(locale: Locale): void {
    this.current = locale;
    this.translate = this.strings.t(locale);
    this.times = timeOfDayFormat(locale);
  }
}
