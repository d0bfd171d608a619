import en from '../locales/en/editor.json' with { type: 'json' };
import es from '../locales/es/editor.json' with { type: 'json' };
import type { Locale } from '../protocol/events.js';
import { createConsoleText, type ConsoleText } from '../shared/consoleText.js';

export type { TFunction } from '../shared/consoleText.js';

/** The editor console's labels (web-widget/locales/*\/editor.json). */
export function createEditorStrings(locale: Locale): Promise<EditorStrings> {
  return createConsoleText('editor', { en, es }, locale);
}

export type EditorStrings = ConsoleText;
