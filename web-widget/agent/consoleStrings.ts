import en from '../locales/en/agent.json' with { type: 'json' };
import es from '../locales/es/agent.json' with { type: 'json' };
import type { Locale } from '../../contracts/locale.js';
import { createConsoleText, type ConsoleText } from '../shared/consoleText.js';

export type { TFunction } from '../shared/consoleText.js';

/** A canned response, in the language of the visitor it is for. */
export interface CannedResponse {
  title: string;
  text: string;
}

export type ConsoleStrings = ConsoleText & {
  canned(visitorLocale: Locale, agentName: string): CannedResponse[];
};

/**
 * The console's labels in English and Spanish (web-widget/locales/*\/agent.json). The console's
 * own language and the visitor's are independent: canned responses come from the visitor's
 * language file, whatever language the console is shown in. It starts in the language chosen
 * last in this browser, else the browser's.
 */
export async function createConsoleStrings(): Promise<ConsoleStrings> {
  const text = await createConsoleText('agent', { en, es }, 'va-agent-locale');
  // Assigned onto `text`, not spread from it: its `t` and `locale` are getters that must stay live.
  return Object.assign(text, {
    canned(visitorLocale: Locale, agentName: string): CannedResponse[] {
      const list = text.resource(visitorLocale, 'canned');
      if (!Array.isArray(list)) return [];
      return list
        .filter(
          (item): item is CannedResponse => typeof item?.title === 'string' && typeof item?.text === 'string',
        )
        .map((item) => ({ title: item.title, text: item.text.replace('{{name}}', agentName) }));
    },
  });
}
