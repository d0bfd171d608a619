import type { Locale } from '../../contracts/locale.js';
import type { CannedReplyItem } from '../../contracts/agentEvents.js';

/** Lower case without accents: "Próxima" is found by "proxima", as agents type fast. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * The canned replies of one language that match what the agent typed: every word of `query`
 * appears in the title or the text (any order, accents and case ignored); titles that match come
 * first. An empty query keeps them all, in their order (by title).
 */
export function searchCanned(
  replies: readonly CannedReplyItem[],
  locale: Locale,
  query: string,
): CannedReplyItem[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const ofLocale = replies.filter((reply) => reply.locale === locale);
  if (words.length === 0) return ofLocale;
  const matches = ofLocale.filter((reply) => {
    const haystack = fold(`${reply.title} ${reply.text}`);
    return words.every((word) => haystack.includes(word));
  });
  const inTitle = (reply: CannedReplyItem) => words.every((word) => fold(reply.title).includes(word));
  return [...matches.filter(inTitle), ...matches.filter((reply) => !inTitle(reply))];
}

/** A reply's text as sent: `{{name}}` becomes the agent's name. */
export function cannedText(reply: CannedReplyItem, agentName: string): string {
  return reply.text.replaceAll('{{name}}', agentName);
}
