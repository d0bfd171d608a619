import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { ReplyOutcome } from '../assistant/replyOutcome.js';
import { toProductLocale, type I18n } from '../i18n/i18n.js';
import { hideSocialSecurityNumbers } from '../privacy/personalData.js';

/**
 * Marks an inbound widget message whose Social Security number the channel hid before anyone saw
 * it (the widget's own echo included); see `hiddenPersonalData`.
 */
export const PERSONAL_DATA_HIDDEN = 'personalDataHidden';

const HIDDEN_BY_CHANNEL = Symbol('socialSecurityNumbersHiddenByChannel');

/**
 * Said by a channel that hid every Social Security number of the turn's inbound message itself,
 * before recording it (the widget's does, before its echo): the middleware does not look for them
 * again. Whether there was one is still the activity's own mark (`PERSONAL_DATA_HIDDEN`).
 */
export function rememberSocialSecurityNumbersHidden(context: TurnContext): void {
  context.turnState.set(HIDDEN_BY_CHANNEL, true);
}

/** Does this inbound activity say the channel hid a Social Security number in it? */
function markedHidden(context: TurnContext): boolean {
  const channelData: unknown = context.activity.channelData;
  return (
    typeof channelData === 'object' &&
    channelData !== null &&
    (channelData as Record<string, unknown>)[PERSONAL_DATA_HIDDEN] === true
  );
}

/**
 * A visitor who types a Social Security number is told not to (nobody here needs one), in their
 * language, before anything else happens in the turn; and the number is hidden from the turn:
 * the bot, the live agent and every record see it masked. The widget's channel hides it even
 * earlier, before its echo, so the visitor's own view shows it masked too; a Bot Framework client
 * shows what it sent, and only the warning reaches it.
 */
export function personalDataWarning(i18n: I18n): Middleware {
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      const { activity } = context;
      if (activity.type === ActivityTypes.Message) {
        const hidden =
          context.turnState.get(HIDDEN_BY_CHANNEL) === true
            ? { text: activity.text, found: false }
            : hideSocialSecurityNumbers(activity.text ?? '');
        if (hidden.found) activity.text = hidden.text;
        if (hidden.found || markedHidden(context)) {
          const locale = toProductLocale(activity.locale);
          await context.sendActivity({
            type: ActivityTypes.Message,
            text: i18n.t('privacy.ssnWarning', { lng: locale, ns: 'bot' }),
            textFormat: 'plain',
            locale,
            channelData: { answer: null, outcome: 'privacyWarning' satisfies ReplyOutcome },
          });
        }
      }
      await next();
    },
  };
}
