import type { Locale } from '../../contracts/locale.js';
import type { ChatMessage } from '../../contracts/visitorEvents.js';
import type { MarkdownRenderer } from '../shared/renderMarkdown.js';
import { localeTag } from '../shared/timeFormat.js';
import { senderName } from './messageView.js';
import type { Translate } from './widgetStrings.js';

/** Elements whose end starts a new line in the text version of a message. */
const BLOCKS = new Set([
  'P',
  'DIV',
  'LI',
  'H3',
  'H4',
  'H5',
  'H6',
  'PRE',
  'BLOCKQUOTE',
  'TR',
  'UL',
  'OL',
  'TABLE',
]);

/**
 * The conversation as plain text, for "Download the conversation": a heading, the note that
 * personal data is masked, then each message with its date, time and sender, in the widget's
 * language. `messages` are the stored ones (history), so personal data is masked as stored.
 * Markdown becomes text: links keep their address in brackets, list items their dash.
 */
export function transcriptText(
  messages: readonly ChatMessage[],
  context: { doc: Document; t: Translate; locale: Locale; renderer: MarkdownRenderer },
): string {
  const { t, locale } = context;
  const dateTime = new Intl.DateTimeFormat(localeTag(locale), { dateStyle: 'medium', timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(localeTag(locale), { dateStyle: 'long' });
  const first = messages[0] ? new Date(messages[0].at) : new Date();
  const lines = [t('download.title', { date: day.format(first) }), t('download.masked'), ''];
  for (const message of messages) {
    const text = message.textFormat === 'markdown' ? markdownToText(message.text, context) : message.text;
    if (text.trim() === '') continue; // A button's value or a "Was this helpful?" vote: nothing said.
    const at = new Date(message.at);
    const when = Number.isNaN(at.getTime()) ? '' : `[${dateTime.format(at)}] `;
    lines.push(`${when}${senderName(message, t)}:`, text.trim(), '');
  }
  return lines.join('\n');
}

function markdownToText(markdown: string, context: { doc: Document; renderer: MarkdownRenderer }): string {
  const container = context.doc.createElement('div');
  container.innerHTML = context.renderer.render(markdown);
  return textOf(container)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

function textOf(node: Node): string {
  if (node.nodeType === node.TEXT_NODE) return node.textContent ?? '';
  if (node.nodeType !== node.ELEMENT_NODE) return '';
  const element = node as Element;
  if (element.tagName === 'BR') return '\n';
  let inner = [...element.childNodes].map(textOf).join('');
  if (element.tagName === 'A') {
    const href = element.getAttribute('href');
    if (href && href !== inner && `mailto:${inner}` !== href) inner = `${inner} (${href})`;
  }
  if (element.tagName === 'LI') inner = `- ${inner.trim()}`;
  return BLOCKS.has(element.tagName) ? `${inner.replace(/\n+$/, '')}\n` : inner;
}
