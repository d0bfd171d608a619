import type { ChatNoteItem } from '../../contracts/agentEvents.js';
import { h } from '../shared/dom.js';
import { formatTime } from '../shared/timeFormat.js';
import type { ChatTranscript } from './chatTranscript.js';
import type { ConsoleContext } from './consoleContext.js';

/** Longest private note the form takes (the server's limit too). */
const MAX_NOTE_LENGTH = 2000;

/**
 * A chat's private notes, beside the conversation: the note that came with a transfer to this
 * agent (shown first, as it is for them), and the form to add one. The notes themselves are shown
 * in the transcript, where they were written. Nothing here is ever sent to the visitor.
 */
export class NotesView {
  readonly element: HTMLElement;
  private readonly transferNote: HTMLDivElement;
  private readonly heading: HTMLHeadingElement;
  private readonly label: HTMLLabelElement;
  private readonly input: HTMLTextAreaElement;
  private readonly add: HTMLButtonElement;
  private readonly error: HTMLParagraphElement;

  constructor(
    private readonly context: ConsoleContext,
    id: string,
    actions: {
      /** Null once added; otherwise why not. */
      addNote(text: string): Promise<string | null>;
    },
  ) {
    const { doc } = context;
    this.transferNote = h(doc, 'div', { class: 'transfer-note', hidden: true });
    this.heading = h(doc, 'h3', { id: `notes-heading-${id}` });
    this.label = h(doc, 'label', { for: `note-${id}` });
    this.input = h(doc, 'textarea', {
      id: `note-${id}`,
      rows: 2,
      maxlength: MAX_NOTE_LENGTH,
      'aria-describedby': `note-error-${id}`,
    });
    this.add = h(doc, 'button', { type: 'submit', class: 'secondary' });
    this.error = h(doc, 'p', { class: 'error', id: `note-error-${id}` });
    const form = h(
      doc,
      'form',
      { class: 'note-form', novalidate: true },
      this.label,
      this.input,
      this.add,
      this.error,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      this.add.disabled = true;
      this.error.textContent = '';
      void actions.addNote(text).then((failure) => {
        this.add.disabled = false;
        if (failure === null) {
          this.input.value = '';
          this.context.announce(this.context.t('notes.added'));
        } else {
          this.error.textContent = failure;
          this.input.focus();
        }
      });
    });
    this.element = h(
      doc,
      'section',
      { class: 'notes', 'aria-labelledby': `notes-heading-${id}` },
      this.heading,
      this.transferNote,
      form,
    );
  }

  /**
   * The note of the transfer that brought the chat to this agent, if any: the newest transfer
   * note addressed to them, written since the chat was assigned to them.
   */
  render(transcript: ChatTranscript): void {
    const note = this.transferNoteFor(transcript);
    this.transferNote.hidden = note === null;
    if (!note) {
      this.transferNote.replaceChildren();
      return;
    }
    const { doc, t, locale } = this.context;
    this.transferNote.replaceChildren(
      h(
        doc,
        'p',
        { class: 'transfer-note-heading', lang: locale },
        t('notes.transferHeading', { name: note.agentName }),
      ),
      h(doc, 'p', {}, note.text),
      h(
        doc,
        'p',
        { class: 'line-meta' },
        h(doc, 'time', { datetime: note.at }, formatTime(note.at, this.context.timeFormat)),
      ),
    );
  }

  transferNoteFor(transcript: ChatTranscript): ChatNoteItem | null {
    const me = this.context.me?.agentId;
    return (
      transcript.notes
        .filter(
          (note) =>
            note.kind === 'transfer' && note.toAgentId === me && note.at >= transcript.chat.assignedAt,
        )
        .at(-1) ?? null
    );
  }

  setDisabled(disabled: boolean): void {
    this.input.disabled = disabled;
    this.add.disabled = disabled;
  }

  applyStrings(): void {
    const { t, locale } = this.context;
    this.heading.textContent = t('notes.heading');
    this.heading.lang = locale;
    this.label.textContent = t('notes.label');
    this.label.lang = locale;
    this.add.textContent = t('notes.add');
    this.add.lang = locale;
    this.error.textContent = '';
  }
}
