import { createMarkdownRenderer } from '../shared/renderMarkdown.js';
import { analyticsView } from './analyticsView.js';
import { articleEditorView } from './articleEditorView.js';
import { articleListView } from './articleListView.js';
import { h } from './dom.js';
import { ApiError, EditorApi, failureMessage } from './editorApi.js';
import type { EditorStrings } from './editorStrings.js';
import type { SignedInUser } from '../../contracts/adminApi.js';
import { historyView } from './historyView.js';
import { hoursView } from './hoursView.js';
import { loginView } from './loginView.js';
import { tryItView } from './tryItView.js';
import { unansweredView } from './unansweredView.js';
import { newUserView, userView, usersView } from './usersView.js';
import { isAdmin, PAGE_HEADING, type View, type ViewContext } from './viewContext.js';

/** `#/path/segments?query` → the page and its parameters. */
function route(hash: string): { view: View; params: URLSearchParams } | null {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search);
  const [page = 'articles', a, b] = parts;
  switch (page) {
    case 'articles':
      return { view: articleListView, params };
    case 'new':
      return { view: articleEditorView, params };
    case 'article':
      if (!a) return null;
      params.set('id', a);
      return { view: articleEditorView, params };
    case 'history':
      if (!a || !b) return null;
      params.set('locale', a);
      params.set('id', b);
      return { view: historyView, params };
    case 'unanswered':
      return { view: unansweredView, params };
    case 'analytics':
      return { view: analyticsView, params };
    case 'try':
      return { view: tryItView, params };
    case 'users':
      return { view: a === 'new' ? newUserView : usersView, params };
    case 'hours':
      return { view: hoursView, params };
    case 'user':
      if (!a) return null;
      params.set('id', a);
      return { view: userView, params };
    default:
      return null;
  }
}

const SECTIONS = [
  ['#/articles', 'nav.articles'],
  ['#/unanswered', 'nav.unanswered'],
  ['#/analytics', 'nav.analytics'],
  ['#/try', 'nav.try'],
] as const;

/** What only admins are shown (the API refuses everyone else). */
const ADMIN_SECTIONS = [
  ['#/users', 'nav.users'],
  ['#/hours', 'nav.hours'],
] as const;

/**
 * The editor console's shell: sign-in, the header (sections, language switch, sign out), a
 * status line read out by screen readers, and hash routing between the pages. Each page is a
 * function that renders into <main>; after a navigation focus goes to the page's heading, so
 * keyboard and screen-reader users start at the top of what changed.
 */
export class EditorConsole {
  private readonly api: EditorApi;
  private readonly markdown = createMarkdownRenderer(window);
  private user: SignedInUser | null = null;
  private readonly header = h('header', { class: 'console-header' });
  private readonly main = h('main', { id: 'main', tabindex: '-1' });
  private readonly status = h('p', { class: 'console-status', role: 'status', 'aria-live': 'polite' });
  private readonly alert = h('p', { class: 'console-alert', role: 'alert' });
  private rendering = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly strings: EditorStrings,
  ) {
    this.api = new EditorApi(
      () => this.strings.locale,
      () => {
        this.user = null;
        this.announce(this.strings.t('app.sessionEnded'), 'error');
        void this.render();
      },
      () => {
        // Signed in in another tab: a tab at the sign-in page goes in as that user; a signed-in
        // tab takes the new sign-in's CSRF token, and is drawn again only if the user changed.
        const before = this.user?.userId;
        void this.api.resume().then((user) => {
          if (!this.user || user?.userId !== before) void this.start();
        });
      },
    );
    const skip = h('a', { class: 'skip-link', href: '#main' }, '');
    skip.addEventListener('click', (event) => {
      event.preventDefault();
      this.main.focus();
    });
    root.append(
      skip,
      this.header,
      h('div', { class: 'console-messages' }, this.status, this.alert),
      this.main,
    );
    window.addEventListener('hashchange', () => void this.render({ focus: true }));
  }

  /** Joins the browser's sign-in if there is one (opened in a new tab: no second sign-in). */
  async start(): Promise<void> {
    try {
      const user = await this.api.resume();
      // An agent's sign-in (the agent console in another tab) is not one for this console.
      this.user = user && user.roles.some((role) => role === 'editor' || role === 'admin') ? user : null;
    } catch {
      this.user = null;
    }
    await this.render();
  }

  private context(): ViewContext {
    const user = this.user as SignedInUser;
    return {
      api: this.api,
      t: this.strings.t,
      locale: this.strings.locale,
      user,
      markdown: this.markdown,
      navigate: (hash) => {
        if (location.hash === hash) void this.render({ focus: true });
        else location.hash = hash;
      },
      announce: (message, kind) => this.announce(message, kind),
    };
  }

  private announce(message: string, kind: 'status' | 'error' = 'status'): void {
    // Cleared first so that the same message twice is announced twice.
    this.status.textContent = '';
    this.alert.textContent = '';
    const target = kind === 'error' ? this.alert : this.status;
    window.setTimeout(() => {
      target.textContent = message;
    }, 50);
  }

  private async render(options: { focus?: boolean } = {}): Promise<void> {
    const run = ++this.rendering;
    const { t } = this.strings;
    document.documentElement.lang = this.strings.locale;
    document.title = t('app.title');
    (this.root.querySelector('.skip-link') as HTMLElement).textContent = t('app.skip');
    this.renderHeader();
    this.main.replaceChildren(h('p', {}, t('app.loading')));
    if (!this.user) {
      this.main.replaceChildren();
      await loginView(this.main, {
        t,
        api: this.api,
        onSignedIn: (user) => {
          this.user = user;
          this.status.textContent = '';
          this.alert.textContent = '';
          void this.render({ focus: true });
        },
      });
      return;
    }
    const found = route(location.hash);
    const container = h('div', { class: 'page' });
    try {
      if (!found) container.append(h('h1', { tabindex: '-1' }, t('app.notFound')));
      else await found.view(this.context(), container, found.params);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      container.replaceChildren(
        h('h1', { tabindex: '-1' }, t('app.title')),
        h('p', { class: 'error' }, failureMessage(t, error)),
      );
    }
    // A newer navigation started while this one was loading: its page wins.
    if (run !== this.rendering) return;
    this.main.replaceChildren(container);
    this.markCurrentSection();
    if (options.focus) this.main.querySelector<HTMLElement>(PAGE_HEADING)?.focus();
  }

  private renderHeader(): void {
    const { t } = this.strings;
    const language = h(
      'button',
      {
        type: 'button',
        class: 'language-switch',
        lang: t('app.otherLanguageCode'),
        'aria-label': t('app.otherLanguageHint'),
      },
      t('app.otherLanguage'),
    );
    language.addEventListener('click', () => {
      const next = this.strings.locale === 'en' ? 'es' : 'en';
      void this.strings.setLocale(next).then(() => this.render());
    });
    const children: Array<Node> = [h('p', { class: 'console-name' }, t('app.title'))];
    if (this.user) {
      const signOut = h('button', { type: 'button' }, t('app.signOut'));
      signOut.addEventListener('click', () => {
        void this.api.logout().finally(() => {
          this.user = null;
          void this.render({ focus: true });
        });
      });
      children.push(
        h(
          'nav',
          { 'aria-label': t('app.sections') },
          h(
            'ul',
            {},
            ...[...SECTIONS, ...(isAdmin(this.user) ? ADMIN_SECTIONS : [])].map(([href, key]) =>
              h('li', {}, h('a', { href }, t(key))),
            ),
          ),
        ),
        h('p', { class: 'signed-in' }, t('app.signedInAs', { name: this.user.displayName })),
        signOut,
      );
    }
    children.push(language);
    this.header.replaceChildren(...children);
  }

  private markCurrentSection(): void {
    const hash = location.hash || '#/articles';
    for (const link of this.header.querySelectorAll<HTMLAnchorElement>('nav a')) {
      const href = link.getAttribute('href') ?? '';
      const current =
        hash.startsWith(href) ||
        (href === '#/articles' && /^#\/(article|new|history)/.test(hash)) ||
        (href === '#/users' && hash.startsWith('#/user/'));
      if (current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }
}
