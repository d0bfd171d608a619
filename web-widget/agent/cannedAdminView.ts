import type { Locale } from '../../contracts/locale.js';
import type { AgentAck, CannedReplyItem, CannedSavePayload } from '../../contracts/agentEvents.js';
import { h } from '../shared/dom.js';
import type { ConsoleContext } from './consoleContext.js';

const LOCALES: readonly Locale[] = ['en', 'es'];
/** As the server allows (bot/handoff/cannedReplies.ts): the boxes stop there too. */
const TITLE_MAX = 80;
const TEXT_MAX = 1000;

export interface CannedAdminActions {
  save(draft: CannedSavePayload): Promise<AgentAck<CannedReplyItem>>;
  remove(id: string): Promise<AgentAck<{ id: string }>>;
}

/**
 * For admins only (the coordinator shows it when the signed-in user is one; the server checks
 * again): the canned replies of each language, each with Edit and Delete, and a form to add one
 * or change the one being edited. What the server refuses is shown beside the form, in the
 * console's language; a change is announced, and every console gets the new list.
 */
export class CannedAdminView {
  readonly element: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly lists: Record<Locale, { heading: HTMLHeadingElement; list: HTMLUListElement }>;
  private readonly form: HTMLFormElement;
  private readonly formHeading: HTMLHeadingElement;
  private readonly localeLabel: HTMLLabelElement;
  private readonly localeSelect: HTMLSelectElement;
  private readonly titleLabel: HTMLLabelElement;
  private readonly titleInput: HTMLInputElement;
  private readonly textLabel: HTMLLabelElement;
  private readonly textInput: HTMLTextAreaElement;
  private readonly hint: HTMLParagraphElement;
  private readonly error: HTMLParagraphElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  /** The reply being edited; null while adding a new one. */
  private editing: CannedReplyItem | null = null;

  constructor(
    private readonly context: ConsoleContext,
    private readonly actions: CannedAdminActions,
  ) {
    const { doc } = context;
    this.heading = h(doc, 'h2', { id: 'canned-admin-heading' });
    this.lists = {
      en: { heading: h(doc, 'h3', { id: 'canned-admin-en' }), list: h(doc, 'ul', { class: 'canned-admin' }) },
      es: { heading: h(doc, 'h3', { id: 'canned-admin-es' }), list: h(doc, 'ul', { class: 'canned-admin' }) },
    };
    this.formHeading = h(doc, 'h3', { id: 'canned-form-heading' });
    this.localeLabel = h(doc, 'label', { for: 'canned-locale' });
    this.localeSelect = h(doc, 'select', { id: 'canned-locale' });
    this.titleLabel = h(doc, 'label', { for: 'canned-title' });
    this.titleInput = h(doc, 'input', { type: 'text', id: 'canned-title', maxlength: TITLE_MAX });
    this.textLabel = h(doc, 'label', { for: 'canned-text' });
    this.hint = h(doc, 'p', { id: 'canned-text-hint', class: 'hint' });
    this.textInput = h(doc, 'textarea', {
      id: 'canned-text',
      rows: 4,
      maxlength: TEXT_MAX,
      'aria-describedby': 'canned-text-hint',
    });
    this.error = h(doc, 'p', { class: 'error', role: 'alert' });
    this.saveButton = h(doc, 'button', { type: 'submit' });
    this.cancelButton = h(doc, 'button', { type: 'button', hidden: true });
    this.form = h(
      doc,
      'form',
      { class: 'canned-form', novalidate: true, 'aria-labelledby': 'canned-form-heading' },
      this.formHeading,
      this.localeLabel,
      this.localeSelect,
      this.titleLabel,
      this.titleInput,
      this.textLabel,
      this.textInput,
      this.hint,
      this.error,
      h(doc, 'div', { class: 'buttons' }, this.saveButton, this.cancelButton),
    );
    this.element = h(
      doc,
      'section',
      { 'aria-labelledby': 'canned-admin-heading', class: 'canned-admin-section', hidden: true },
      this.heading,
      ...LOCALES.flatMap((locale) => [this.lists[locale].heading, this.lists[locale].list]),
      this.form,
    );
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.cancelButton.addEventListener('click', () => this.startNew(true));
  }

  /** Shown to admins only; drawn from the console's list. */
  render(): void {
    this.element.hidden = !this.context.isAdmin;
    if (this.element.hidden) return;
    for (const locale of LOCALES) {
      const { list } = this.lists[locale];
      const replies = this.context.canned.filter((reply) => reply.locale === locale);
      list.replaceChildren(
        ...(replies.length === 0
          ? [h(this.context.doc, 'li', { class: 'empty' }, this.context.t('canned.admin.empty'))]
          : replies.map((reply) => this.itemNode(reply))),
      );
    }
    // The reply being edited was deleted meanwhile (by another admin): back to adding one.
    if (this.editing && !this.context.canned.some((reply) => reply.id === this.editing?.id))
      this.startNew(false);
  }

  applyStrings(): void {
    const { doc, t } = this.context;
    this.heading.textContent = t('canned.admin.heading');
    for (const locale of LOCALES) this.lists[locale].heading.textContent = this.context.languageName(locale);
    const chosen = this.localeSelect.value || this.context.locale;
    this.localeSelect.replaceChildren(
      ...LOCALES.map((locale) => h(doc, 'option', { value: locale }, this.context.languageName(locale))),
    );
    this.localeSelect.value = chosen;
    this.localeLabel.textContent = t('canned.admin.language');
    this.titleLabel.textContent = t('canned.admin.title', { max: TITLE_MAX });
    this.textLabel.textContent = t('canned.admin.text', { max: TEXT_MAX });
    // The placeholder itself is shown: given as its own value, it is not interpolated again.
    this.hint.textContent = t('canned.admin.hint', { name: '{{name}}' });
    this.cancelButton.textContent = t('canned.admin.cancel');
    this.renderFormMode();
    this.render();
  }

  private renderFormMode(): void {
    const { t } = this.context;
    this.formHeading.textContent = this.editing
      ? t('canned.admin.editHeading', { title: this.editing.title })
      : t('canned.admin.newHeading');
    this.saveButton.textContent = t(this.editing ? 'canned.admin.saveChange' : 'canned.admin.add');
    this.cancelButton.hidden = this.editing === null;
    // A reply keeps its language: a change cannot move it to the other list.
    this.localeSelect.disabled = this.editing !== null;
  }

  private itemNode(reply: CannedReplyItem): HTMLLIElement {
    const { doc, t } = this.context;
    // The visible word, and the title for screen readers, so each button says which reply it is.
    const named = (key: string) =>
      [t(key), h(doc, 'span', { class: 'sr-only' }, ` “${reply.title}”`)] as const;
    const edit = h(doc, 'button', { type: 'button' }, ...named('canned.admin.edit'));
    const remove = h(doc, 'button', { type: 'button', class: 'danger' }, ...named('canned.admin.delete'));
    edit.addEventListener('click', () => this.startEdit(reply));
    remove.addEventListener('click', () => void this.remove(reply));
    return h(
      doc,
      'li',
      {},
      h(doc, 'strong', { lang: reply.locale }, reply.title),
      h(doc, 'span', { lang: reply.locale }, reply.text),
      h(doc, 'div', { class: 'buttons' }, edit, remove),
    );
  }

  private startEdit(reply: CannedReplyItem): void {
    this.editing = reply;
    this.localeSelect.value = reply.locale;
    this.titleInput.value = reply.title;
    this.textInput.value = reply.text;
    this.clearError();
    this.renderFormMode();
    this.titleInput.focus();
  }

  private startNew(focus: boolean): void {
    this.editing = null;
    this.titleInput.value = '';
    this.textInput.value = '';
    this.clearError();
    this.renderFormMode();
    if (focus) this.titleInput.focus();
  }

  private clearError(): void {
    this.error.textContent = '';
    for (const input of [this.titleInput, this.textInput]) input.removeAttribute('aria-invalid');
  }

  private async submit(): Promise<void> {
    const { t } = this.context;
    // Said at once, in the console's language; the server checks again.
    const empty = [this.titleInput, this.textInput].find((input) => input.value.trim() === '');
    for (const input of [this.titleInput, this.textInput])
      input.setAttribute('aria-invalid', String(input === empty));
    if (empty) {
      this.error.textContent = t('canned.admin.incomplete');
      empty.focus();
      return;
    }
    const draft: CannedSavePayload = {
      ...(this.editing ? { id: this.editing.id } : {}),
      locale: this.localeSelect.value === 'es' ? 'es' : 'en',
      title: this.titleInput.value,
      text: this.textInput.value,
    };
    this.saveButton.disabled = true;
    const ack = await this.actions.save(draft);
    this.saveButton.disabled = false;
    if (!ack.ok) {
      this.error.textContent = ack.error.message || t('connection.reconnecting');
      return;
    }
    this.context.announce(
      t(this.editing ? 'canned.admin.saved' : 'canned.admin.added', { title: ack.data.title }),
    );
    this.startNew(true);
  }

  private async remove(reply: CannedReplyItem): Promise<void> {
    const { t, win } = this.context;
    if (!win.confirm(t('canned.admin.confirmDelete', { title: reply.title }))) return;
    const ack = await this.actions.remove(reply.id);
    if (!ack.ok) {
      this.error.textContent = ack.error.message || t('connection.reconnecting');
      return;
    }
    this.context.announce(t('canned.admin.deleted', { title: reply.title }));
    if (this.editing?.id === reply.id) this.startNew(false);
    // The deleted reply's buttons are gone with it: the cursor goes to the section's heading.
    this.heading.tabIndex = -1;
    this.heading.focus();
  }
}
