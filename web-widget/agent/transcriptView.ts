import { fillBubble, isNearBottom } from '../shared/chatParts.js';
import { h } from '../shared/dom.js';
import { formatTime } from '../shared/timeFormat.js';
import type { ChatNoteItem } from '../../contracts/agentEvents.js';
import type { ChatTranscript, TranscriptLine } from './chatTranscript.js';
import type { ConsoleContext } from './consoleContext.js';

/**
 * One chat's messages (a focusable, labelled list that follows new messages while the agent reads
 * at the end) and the "visitor is typing" line under it. Each line's node is kept while the line
 * is unchanged: a new message draws one line, not all. Visitor text is plain text; the bot's, the
 * agent's and notices are Markdown through the shared sanitising renderer. Private notes sit among
 * the messages where they were written, marked as never sent to the visitor, as plain text.
 */
export class TranscriptView {
  readonly list: HTMLOListElement;
  readonly typing: HTMLParagraphElement;
  private readonly lines = new Map<string, { key: string; node: HTMLLIElement }>();

  constructor(
    private readonly context: ConsoleContext,
    private readonly number: number,
    actions: { retry(): void },
  ) {
    const { doc } = context;
    this.list = h(doc, 'ol', { class: 'log', tabindex: 0 });
    this.typing = h(doc, 'p', { class: 'typing', hidden: true });
    this.list.addEventListener('click', (event) => {
      if ((event.target as Element | null)?.closest('button[data-act="retry"]')) actions.retry();
    });
  }

  render(transcript: ChatTranscript): void {
    const nearBottom = isNearBottom(this.list);
    const nodes = this.nodesOf(transcript);
    const drawn = this.list.children;
    if (nodes.length !== drawn.length || nodes.some((node, index) => drawn[index] !== node))
      this.list.replaceChildren(...nodes);
    if (nearBottom) this.list.scrollTop = this.list.scrollHeight;
    this.renderTyping(transcript);
  }

  renderTyping(transcript: ChatTranscript): void {
    this.typing.hidden = !transcript.visitorTyping || transcript.closedReason !== null;
  }

  /** Labels in the console's language; every line is drawn again (senders and times are in it too). */
  applyStrings(): void {
    const { t, locale } = this.context;
    this.list.setAttribute('aria-label', t('chats.transcript', { number: this.number }));
    this.typing.textContent = t('chats.visitorTyping');
    this.typing.lang = locale;
    this.lines.clear();
  }

  /** The messages in order, each note after the message it was written after. */
  private nodesOf(transcript: ChatTranscript): HTMLLIElement[] {
    const notes = [...transcript.notes].sort((a, b) => a.afterSeq - b.afterSeq);
    const nodes: HTMLLIElement[] = [];
    let next = 0;
    for (const line of transcript.entries()) {
      while (line.seq !== null && next < notes.length && (notes[next]?.afterSeq ?? 0) < line.seq)
        nodes.push(this.noteNode(notes[next++] as ChatNoteItem));
      nodes.push(this.lineNode(line));
    }
    for (const note of notes.slice(next)) nodes.push(this.noteNode(note));
    return nodes;
  }

  private noteNode(note: ChatNoteItem): HTMLLIElement {
    const key = `note|${note.id}`;
    const drawn = this.lines.get(key);
    if (drawn) return drawn.node;
    const { doc, t, locale } = this.context;
    const mine = note.agentId === this.context.me?.agentId;
    const sender =
      note.kind === 'transfer'
        ? t('notes.transferSender', { name: note.agentName })
        : mine
          ? t('notes.senderYou')
          : t('notes.sender', { name: note.agentName });
    const node = h(
      doc,
      'li',
      { class: 'line note' },
      h(doc, 'div', { class: 'sender', lang: locale }, sender, ' · ', t('notes.notSent')),
      h(doc, 'div', { class: 'bubble' }, note.text),
      h(
        doc,
        'div',
        { class: 'line-meta' },
        h(doc, 'time', { datetime: note.at }, formatTime(note.at, this.context.timeFormat)),
      ),
    );
    this.lines.set(key, { key, node });
    return node;
  }

  /** A line's node: drawn again only once it is acknowledged or its delivery changes. */
  private lineNode(line: TranscriptLine): HTMLLIElement {
    const key = `${line.seq}|${line.delivery}`;
    const drawn = this.lines.get(line.id);
    if (drawn?.key === key) return drawn.node;
    const node = this.renderLine(line);
    this.lines.set(line.id, { key, node });
    return node;
  }

  private renderLine(line: TranscriptLine): HTMLLIElement {
    const { doc, t } = this.context;
    const mine = line.role === 'agent' && line.agentName === this.context.me?.displayName;
    const sender =
      line.role === 'agent'
        ? mine
          ? t('sender.you')
          : t('sender.agent', { name: line.agentName ?? '' })
        : t(`sender.${line.role}`);
    const bubble = h(doc, 'div', { class: 'bubble', lang: line.locale ?? undefined });
    fillBubble(bubble, line.text, line.role === 'visitor' ? 'plain' : line.textFormat, this.context.renderer);
    const meta = h(
      doc,
      'div',
      { class: 'line-meta' },
      h(doc, 'time', { datetime: line.at }, formatTime(line.at, this.context.timeFormat)),
      line.delivery
        ? h(doc, 'span', { class: `delivery ${line.delivery}` }, t(`delivery.${line.delivery}`))
        : null,
      line.delivery === 'failed'
        ? h(doc, 'button', { type: 'button', 'data-act': 'retry' }, t('delivery.retry'))
        : null,
    );
    return h(
      doc,
      'li',
      { class: `line ${line.role}${mine ? ' mine' : ''}` },
      h(doc, 'div', { class: 'sender' }, sender),
      bubble,
      meta,
    );
  }
}
