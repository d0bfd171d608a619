import type { Activity } from 'botbuilder';
import { LOCALES, type Locale } from '../../contracts/locale.js';
import type { AssistantText } from './assistantText.js';
import { textReply, valueAction } from './replyActivity.js';

/**
 * The bilingual welcome: who the assistant is (a virtual assistant, not a person), what it can
 * do, not to type SSNs or passwords, in the conversation's language; then one line in the other
 * language inviting the visitor to switch, and English / Español buttons.
 */
export class WelcomeMessage {
  constructor(private readonly text: AssistantText) {}

  build(locale: Locale): Partial<Activity> {
    const others = LOCALES.filter((other) => other !== locale).map((other) =>
      this.text.get(other, 'welcome.invite'),
    );
    const actions = [
      valueAction(this.text.get(locale, 'welcome.chooseEnglish'), { type: 'language', locale: 'en' }),
      valueAction(this.text.get(locale, 'welcome.chooseSpanish'), { type: 'language', locale: 'es' }),
    ];
    return textReply(locale, [this.text.get(locale, 'welcome.text'), ...others].join('\n\n'), {
      actions,
      outcome: 'welcome',
    });
  }
}
