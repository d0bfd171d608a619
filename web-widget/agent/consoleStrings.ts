import en from '../locales/en/agent.json' with { type: 'json' };
import es from '../locales/es/agent.json' with { type: 'json' };
import { createConsoleText, type ConsoleText } from '../shared/consoleText.js';

export type { TFunction } from '../shared/consoleText.js';

export type ConsoleStrings = ConsoleText;

/**
 * The console's labels in English and Spanish (web-widget/locales/*\/agent.json). It starts in the
 * language chosen last in this browser, else the browser's. (Canned replies are not labels: they
 * are stored, managed by admins, and come with the state.)
 */
export async function createConsoleStrings(): Promise<ConsoleStrings> {
  return createConsoleText('agent', { en, es }, 'va-agent-locale');
}
