import en from '../locales/en/editor.json' with { type: 'json' };
import es from '../locales/es/editor.json' with { type: 'json' };
import { createConsoleText, type ConsoleText } from '../shared/consoleText.js';

export type { TFunction } from '../shared/consoleText.js';

/** The editor console's labels (web-widget/locales/*\/editor.json), in the language chosen last. */
export function createEditorStrings(): Promise<EditorStrings> {
  return createConsoleText('editor', { en, es }, 'va-editor:locale');
}

export type EditorStrings = ConsoleText;
