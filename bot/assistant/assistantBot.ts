import { ActivityHandler, ActivityTypes, type TurnContext } from 'botbuilder';
import type { I18n } from '../i18n/i18n.js';
import { toProductLocale } from '../i18n/i18n.js';

/**
 * The assistant as the channels see it: one ActivityHandler that any adapter (Bot Framework,
 * the widget's Socket.IO channel) can run. For now it greets in the visitor's language.
 */
export class AssistantBot extends ActivityHandler {
  constructor(private readonly i18n: I18n) {
    super();
    this.onMessage(async (context, next) => {
      await this.greet(context);
      await next();
    });
  }

  private async greet(context: TurnContext): Promise<void> {
    const locale = toProductLocale(context.activity.locale);
    const t = this.i18n.getFixedT(locale);
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: t('greeting'),
      locale,
      channelData: { answer: null },
    });
  }
}
