import { h } from '../shared/dom.js';
import type { ConsoleContext } from './consoleContext.js';
import type { ChatView } from './chatView.js';

/**
 * "Your chats": the tab list of the agent's chats and their panels, following the WAI-ARIA tabs
 * pattern (one tab in the tab order, arrow keys, Home and End between tabs, automatic activation).
 * Selecting a chat marks its messages read. Closing the last tab leaves focus on the heading.
 */
export class ChatTabsView {
  readonly element: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly empty: HTMLParagraphElement;
  private readonly tablist: HTMLDivElement;
  private readonly panels: HTMLDivElement;
  private readonly views = new Map<string, ChatView>();
  private current: string | null = null;

  constructor(
    private readonly context: ConsoleContext,
    /** Told each selection, so a reload can select the same chat again. */
    private readonly onSelect: (conversationId: string) => void = () => undefined,
  ) {
    const { doc } = context;
    // Focusable from script: closing the last chat tab moves focus here.
    this.heading = h(doc, 'h2', { id: 'chats-heading', tabindex: -1 });
    this.empty = h(doc, 'p', { class: 'empty' });
    this.tablist = h(doc, 'div', { role: 'tablist', class: 'tabs' });
    this.panels = h(doc, 'div', { class: 'panels' });
    this.element = h(
      doc,
      'main',
      { id: 'chats', tabindex: -1, 'aria-labelledby': 'chats-heading' },
      this.heading,
      this.empty,
      this.tablist,
      this.panels,
    );
  }

  get selected(): string | null {
    return this.current;
  }

  get(conversationId: string): ChatView | undefined {
    return this.views.get(conversationId);
  }

  all(): IterableIterator<ChatView> {
    return this.views.values();
  }

  /** A new chat's tab and panel (not selected). */
  add(view: ChatView): void {
    this.views.set(view.conversationId, view);
    view.tab.addEventListener('click', () => this.select(view.conversationId, true));
    view.tab.addEventListener('keydown', (event) => this.onTabKey(event));
    this.panels.append(view.panel);
  }

  select(conversationId: string, focus: boolean): void {
    this.current = conversationId;
    for (const [id, view] of this.views) view.setSelected(id === conversationId);
    const view = this.views.get(conversationId);
    if (view) view.transcript.unread = 0;
    this.onSelect(conversationId);
    this.renderTabs();
    if (focus) view?.tab.focus();
  }

  /** Removes a chat's tab and panel; the next chat is selected, or focus goes to the heading. */
  remove(conversationId: string): void {
    const view = this.views.get(conversationId);
    view?.tab.remove();
    view?.panel.remove();
    this.views.delete(conversationId);
    const next = [...this.views.keys()][0];
    this.current = null;
    if (next) this.select(next, true);
    else this.heading.focus();
    this.renderTabs();
  }

  /** Forgets every chat (sign-out). */
  clear(): void {
    this.views.clear();
    this.current = null;
  }

  renderTabs(): void {
    this.empty.hidden = this.views.size > 0;
    for (const [conversationId, view] of this.views) {
      view.renderTab(conversationId === this.current);
      if (!view.tab.isConnected) this.tablist.append(view.tab);
    }
  }

  applyStrings(): void {
    const { t } = this.context;
    this.heading.textContent = t('chats.heading');
    this.empty.textContent = t('chats.empty');
    this.tablist.setAttribute('aria-label', t('chats.tabs'));
  }

  /** Arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern, automatic activation). */
  private onTabKey(event: KeyboardEvent): void {
    const ids = [...this.views.keys()];
    const index = this.current ? ids.indexOf(this.current) : -1;
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % ids.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + ids.length) % ids.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = ids.length - 1;
    const id = next === null ? undefined : ids[next];
    if (id === undefined) return;
    event.preventDefault();
    this.select(id, true);
  }
}
