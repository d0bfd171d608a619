import type { AgentAck, CannedReplyItem, CannedSavePayload } from '../../contracts/agentEvents.js';
import { h } from '../shared/dom.js';
import { CannedAdminView } from './cannedAdminView.js';
import { ChatTabsView } from './chatTabsView.js';
import { ConnectionBannerView } from './connectionBannerView.js';
import type { ConsoleContext } from './consoleContext.js';
import { HeaderView, type SoundSwitch } from './headerView.js';
import { QueueView } from './queueView.js';
import { RequestsView } from './requestsView.js';

export interface ShellActions {
  setPresence(status: 'available' | 'away'): void;
  switchLanguage(): void;
  signOut(): void;
  acceptNext(): void;
  closeRequest(id: string): void;
  /** A chat was selected (remembered for a reload). */
  selectChat(conversationId: string): void;
  /** Admins: the canned replies' changes. */
  saveCanned(draft: CannedSavePayload): Promise<AgentAck<CannedReplyItem>>;
  deleteCanned(id: string): Promise<AgentAck<{ id: string }>>;
}

/**
 * The signed-in console's page: a skip link to the chats, the header, the connection banner, and
 * the two columns (the queue, the messages left out of hours and, for admins, the canned replies, beside the chat
 * tabs). It only
 * lays the panels out; each panel is its own view, which the coordinator talks to directly.
 */
export class ConsoleShellView {
  readonly elements: HTMLElement[];
  readonly header: HeaderView;
  readonly banner: ConnectionBannerView;
  readonly queue: QueueView;
  readonly requests: RequestsView;
  readonly chats: ChatTabsView;
  readonly cannedAdmin: CannedAdminView;
  private readonly skip: HTMLAnchorElement;

  constructor(
    private readonly context: ConsoleContext,
    sound: SoundSwitch,
    actions: ShellActions,
  ) {
    const { doc } = context;
    this.skip = h(doc, 'a', { class: 'skip-link', href: '#chats' });
    this.header = new HeaderView(context, sound, actions);
    this.banner = new ConnectionBannerView(context);
    this.queue = new QueueView(context, actions);
    this.requests = new RequestsView(context, actions);
    this.chats = new ChatTabsView(context, (conversationId) => actions.selectChat(conversationId));
    this.cannedAdmin = new CannedAdminView(context, {
      save: (draft) => actions.saveCanned(draft),
      remove: (id) => actions.deleteCanned(id),
    });
    const side = h(
      doc,
      'div',
      { class: 'side' },
      this.queue.element,
      this.requests.element,
      this.cannedAdmin.element,
    );
    this.elements = [
      this.skip,
      this.header.element,
      this.banner.element,
      h(doc, 'div', { class: 'layout' }, side, this.chats.element),
    ];
    this.applyStrings();
  }

  /** Every panel's labels in the console's language (the chats' own views are the coordinator's). */
  applyStrings(): void {
    const { doc, locale, t } = this.context;
    doc.documentElement.lang = locale;
    this.skip.textContent = t('skipLink');
    this.header.applyStrings();
    this.banner.render();
    this.queue.applyStrings();
    this.requests.applyStrings();
    this.cannedAdmin.applyStrings();
    this.chats.applyStrings();
    this.renderTitle();
  }

  /** Waiting times move on: drawn again every half minute. */
  renderQueue(): void {
    this.queue.render();
    this.renderTitle();
  }

  /** The page's title shows how many wait for this agent, so it is seen from another tab too. */
  renderTitle(): void {
    const waiting = this.queue.waitingForMe;
    const { t } = this.context;
    this.context.doc.title = waiting > 0 ? t('titleWaiting', { count: waiting }) : t('title');
  }
}
