import type { Locale } from '../../contracts/locale.js';
import type { CannedReplyItem } from '../../contracts/agentEvents.js';
import { h } from '../shared/dom.js';
import { cannedText, searchCanned } from './cannedSearch.js';
import type { ConsoleContext } from './consoleContext.js';

/** The shortcut that opens the canned replies from anywhere in a chat (⌘/ on a Mac). */
export function isCannedShortcut(event: KeyboardEvent): boolean {
  return event.key === '/' && (event.ctrlKey || event.metaKey) && !event.altKey;
}

/**
 * The canned replies of one chat, in the visitor's language: a button (and Ctrl+/) opens a search
 * box over the list; typing filters it, Enter inserts the first match, the arrow keys walk the
 * list, Escape closes it and returns to the message box. A reply is inserted into the message box,
 * not sent, so the agent can adapt it. The list is the console's (ConsoleContext.canned), drawn
 * again when an admin changes it.
 */
export class CannedPickerView {
  readonly element: HTMLDivElement;
  private readonly toggle: HTMLButtonElement;
  private readonly panel: HTMLDivElement;
  private readonly searchLabel: HTMLLabelElement;
  private readonly search: HTMLInputElement;
  private readonly count: HTMLParagraphElement;
  private readonly list: HTMLUListElement;
  private visitorLocale: Locale = 'en';
  private disabled = false;

  constructor(
    private readonly context: ConsoleContext,
    id: string,
    private readonly actions: { insert(text: string): void; backToComposer(): void },
  ) {
    const { doc } = context;
    const panelId = `canned-panel-${id}`;
    this.toggle = h(doc, 'button', {
      type: 'button',
      class: 'canned-toggle',
      'aria-expanded': 'false',
      'aria-controls': panelId,
      'aria-keyshortcuts': 'Control+/',
    });
    this.searchLabel = h(doc, 'label', { for: `canned-search-${id}` });
    this.search = h(doc, 'input', { type: 'search', id: `canned-search-${id}`, autocomplete: 'off' });
    this.count = h(doc, 'p', { class: 'canned-count', role: 'status' });
    this.list = h(doc, 'ul', { class: 'canned-list' });
    this.panel = h(
      doc,
      'div',
      { class: 'canned-panel', id: panelId, hidden: true },
      this.searchLabel,
      this.search,
      this.count,
      this.list,
    );
    this.element = h(doc, 'div', { class: 'canned' }, this.toggle, this.panel);
    this.toggle.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close(false)));
    this.search.addEventListener('input', () => this.render());
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        this.items()[0]?.focus();
      } else if (event.key === 'Enter') {
        event.preventDefault();
        this.items()[0]?.click();
      }
    });
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.close(true);
        return;
      }
      const items = this.items();
      const at = items.indexOf(event.target as HTMLButtonElement);
      if (at < 0 || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
      event.preventDefault();
      if (event.key === 'ArrowUp' && at === 0) this.search.focus();
      else items[Math.min(items.length - 1, event.key === 'ArrowDown' ? at + 1 : at - 1)]?.focus();
    });
  }

  /** Opens the search (the shortcut, or the button), or closes it if it is open. */
  open(): void {
    if (this.disabled) return;
    this.panel.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
    this.render();
    this.search.focus();
    this.search.select();
  }

  /** `refocus`: the cursor goes back to the message box (Escape), not to the page's start. */
  close(refocus: boolean): void {
    this.panel.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
    this.search.value = '';
    if (refocus) this.actions.backToComposer();
  }

  setDisabled(disabled: boolean): void {
    this.disabled = disabled;
    this.toggle.disabled = disabled;
    if (disabled) this.close(false);
  }

  /** Labels in the console's language; the replies in the visitor's. */
  applyStrings(visitorLocale: Locale): void {
    const { t, locale } = this.context;
    this.visitorLocale = visitorLocale;
    this.toggle.textContent = t('canned.open');
    this.toggle.lang = locale;
    this.searchLabel.textContent = t('canned.search', { language: this.context.languageName(visitorLocale) });
    this.searchLabel.lang = locale;
    this.render();
  }

  /** The list as it stands (after an admin's change, or while the agent types). */
  render(): void {
    if (this.panel.hidden) return;
    const { doc, t, locale } = this.context;
    const found = searchCanned(this.context.canned, this.visitorLocale, this.search.value);
    this.count.lang = locale;
    this.count.textContent = t('canned.found', { count: found.length });
    this.list.replaceChildren(...found.map((reply) => this.itemNode(reply)));
    if (found.length === 0)
      this.list.append(h(doc, 'li', { class: 'empty', lang: locale }, t('canned.none')));
  }

  private itemNode(reply: CannedReplyItem): HTMLLIElement {
    const { doc } = this.context;
    const text = cannedText(reply, this.context.me?.displayName ?? '');
    const button = h(
      doc,
      'button',
      { type: 'button', lang: reply.locale, class: 'canned-item' },
      h(doc, 'strong', {}, reply.title),
      h(doc, 'span', {}, text),
    );
    button.addEventListener('click', () => {
      this.close(false);
      this.actions.insert(text);
    });
    return h(doc, 'li', {}, button);
  }

  private items(): HTMLButtonElement[] {
    return [...this.list.querySelectorAll<HTMLButtonElement>('button.canned-item')];
  }
}
