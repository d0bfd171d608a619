import { ArticlePreview } from './articlePreview.js';
import { confirmAction } from './confirmDialog.js';
import { field, h, select } from './dom.js';
import { ApiError, failureMessage } from './editorApi.js';
import { LOCALES, type Locale } from '../../contracts/locale.js';
import type { ArticleView, KnowledgeArticle, PreviewDraft } from '../../contracts/adminApi.js';
import { shortTime, type View, type ViewContext } from './viewContext.js';

/**
 * One article, English and Spanish side by side: each language's draft in a form, its Markdown
 * preview rendered by the widget's own renderer, its state (draft, published, what visitors see)
 * and translation warnings; save, publish, unpublish, delete or restore, and its history. A
 * missing language can be started from the other one's text. Without an id: the new-article form.
 */
export const articleEditorView: View = async (context, main, params) => {
  const id = params.get('id');
  if (!id) {
    renderNewArticle(context, main);
    return;
  }
  const views = await Promise.all(LOCALES.map((locale) => loadArticle(context, locale, id)));
  const { t } = context;
  const columns = h('div', { class: 'columns' });
  main.append(
    h('h1', { tabindex: '-1' }, t('editor.title', { id })),
    h('p', { class: 'visually-hidden' }, t('editor.sideBySide')),
    columns,
  );
  const byLocale = new Map<Locale, ArticleColumn>();
  LOCALES.forEach((locale, index) => {
    const column = new ArticleColumn(context, id, locale, views[index] ?? null, () =>
      byLocale.get(otherLocale(locale))?.current(),
    );
    byLocale.set(locale, column);
    columns.append(column.element);
  });
};

async function loadArticle(context: ViewContext, locale: Locale, id: string): Promise<ArticleView | null> {
  try {
    return await context.api.getArticle(locale, id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The fields a chat visitor is shown something of: editing them refreshes the preview. */
const PREVIEWED_FIELDS = new Set(['title', 'answer', 'body', 'related', 'links']);

function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'es' : 'en';
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** One language's column. Its form keeps the editor's edits until they are saved or reloaded. */
class ArticleColumn {
  readonly element: HTMLElement;
  private view: ArticleView | null;
  private controls: Record<string, HTMLInputElement | HTMLTextAreaElement> = {};
  private readonly errors = h('div', { class: 'form-errors', role: 'alert' });
  private preview: ArticlePreview | undefined;

  constructor(
    private readonly context: ViewContext,
    private readonly id: string,
    private readonly locale: Locale,
    view: ArticleView | null,
    private readonly twin: () => ArticleView | null | undefined,
  ) {
    this.view = view;
    this.element = h('section', {
      class: 'article-column',
      lang: locale,
      'aria-labelledby': `${locale}-column-title`,
      'data-locale': locale,
    });
    this.render();
  }

  current(): ArticleView | null {
    return this.view;
  }

  /**
   * The language's name as every sentence of this column uses it: inside the sentence
   * ("la versión en español", lower case in Spanish; "Spanish draft saved").
   */
  private get language(): string {
    return this.context.t(`localeInSentence.${this.locale}`);
  }

  private render(): void {
    const { t } = this.context;
    const heading = h(
      'h2',
      { id: `${this.locale}-column-title` },
      t('editor.column', { language: this.language }),
    );
    // The console's own words keep the console's language inside a column of the other one.
    heading.lang = this.context.locale;
    const view = this.view;
    if (!view) {
      this.element.replaceChildren(heading, ...this.renderMissing());
      return;
    }
    this.controls = {};
    const form = h('form', { class: 'article-form', novalidate: true });
    form.append(
      this.renderState(view),
      this.text('title', view.draft.title, { maxlength: 200 }),
      this.area('answer', view.draft.answer, 5),
      this.area('body', view.draft.body, 12),
      this.area('questions', view.draft.questions.join('\n'), 6),
      this.text('tags', view.draft.tags.join(', ')),
      this.text('synonyms', view.draft.synonyms.join(', ')),
      this.text('related', view.draft.related.join(', ')),
      this.area('links', view.draft.links.map((link) => `${link.title} | ${link.url}`).join('\n'), 3),
      this.dates(view.draft),
      this.errors,
      this.renderActions(view),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    // What the chat shows of an article comes from these fields; the preview follows their edits.
    form.addEventListener('input', (event) => {
      const name = (event.target as HTMLElement).dataset.field ?? '';
      if (PREVIEWED_FIELDS.has(name)) this.preview?.refreshSoon();
    });
    this.preview = new ArticlePreview(this.context, this.locale, () => this.previewDraft(), this.language);
    this.element.replaceChildren(heading, form, this.preview.element);
    void this.preview.refresh();
  }

  private renderMissing(): HTMLElement[] {
    const { t } = this.context;
    const other = this.twin();
    const nodes: HTMLElement[] = [
      h('p', { lang: this.context.locale }, t('editor.missing', { language: this.language })),
    ];
    if (other) {
      const start = h(
        'button',
        { type: 'button', lang: this.context.locale },
        t('editor.createFrom', { language: this.language, other: t(`localeInSentence.${other.locale}`) }),
      );
      start.addEventListener('click', () => void this.startFrom(other));
      nodes.push(start);
    }
    return nodes;
  }

  private renderState(view: ArticleView): HTMLElement {
    const { t } = this.context;
    const status = view.deleted ? t('status.deleted') : t(`status.${view.status}`);
    const notes: string[] = [
      t('editor.state', { status, revision: view.revision }),
      view.status === 'published' && view.publishedRevision !== null
        ? t('editor.publishedRevision', { revision: view.publishedRevision })
        : t('editor.notPublished'),
    ];
    if (view.unpublishedChanges) notes.push(t('editor.unpublishedChanges'));
    const warnings: string[] = [];
    if (view.checks.missingTranslation) warnings.push(t('editor.missingTranslation'));
    if (view.checks.staleTranslation) {
      warnings.push(t('editor.staleTranslation', { message: view.checks.staleTranslation }));
    }
    return h(
      'div',
      { class: 'article-state', lang: this.context.locale },
      h('p', { class: 'state-line', 'data-status': view.deleted ? 'deleted' : view.status }, notes.join(' ')),
      h('p', { class: 'saved-by' }, `${shortTime(view.updatedAt)} · ${view.updatedBy}`),
      warnings.length > 0
        ? h('ul', { class: 'warnings' }, ...warnings.map((text) => h('li', {}, text)))
        : null,
      view.checks.problems.length > 0
        ? h(
            'div',
            { class: 'warnings' },
            h('p', {}, t('editor.problems')),
            h('ul', {}, ...view.checks.problems.map((text) => h('li', {}, text))),
          )
        : null,
    );
  }

  private text(name: string, value: string, attributes: Record<string, string | number> = {}): HTMLElement {
    const input = h('input', { type: 'text', value, 'data-field': name, ...attributes });
    input.value = value;
    this.controls[name] = input;
    return this.labelled(name, input);
  }

  private area(name: string, value: string, rows: number): HTMLElement {
    const area = h('textarea', { rows, 'data-field': name });
    area.value = value;
    this.controls[name] = area;
    return this.labelled(name, area);
  }

  private labelled(name: string, control: HTMLElement): HTMLElement {
    const wrapper = field(`${this.locale}-${name}`, this.context.t(`editor.fields.${name}`), control);
    wrapper.querySelector('label')?.setAttribute('lang', this.context.locale);
    return wrapper;
  }

  private dates(draft: KnowledgeArticle): HTMLElement {
    const updated = h('input', { type: 'date', value: draft.updated });
    const reviewed = h('input', { type: 'date', value: draft.lastReviewed });
    this.controls.updated = updated;
    this.controls.lastReviewed = reviewed;
    const mark = h(
      'button',
      { type: 'button', lang: this.context.locale },
      this.context.t('editor.reviewedToday'),
    );
    mark.addEventListener('click', () => {
      reviewed.value = today();
      reviewed.focus();
    });
    return h(
      'div',
      { class: 'dates' },
      this.labelled('updated', updated),
      this.labelled('lastReviewed', reviewed),
      mark,
    );
  }

  private renderActions(view: ArticleView): HTMLElement {
    const { t } = this.context;
    const button = (label: string, action: () => Promise<void>, type: 'button' | 'submit' = 'button') => {
      const element = h('button', { type }, label);
      if (type === 'button') element.addEventListener('click', () => void action());
      return element;
    };
    const actions = h('div', { class: 'actions', lang: this.context.locale });
    actions.append(button(t('editor.save'), async () => undefined, 'submit'));
    if (!view.deleted) {
      actions.append(button(t('editor.publish'), () => this.publish()));
      if (view.status === 'published') actions.append(button(t('editor.unpublish'), () => this.unpublish()));
      actions.append(button(t('editor.delete'), () => this.remove()));
    } else {
      actions.append(button(t('editor.restore'), () => this.restore()));
    }
    actions.append(
      h('a', { href: `#/history/${this.locale}/${encodeURIComponent(this.id)}` }, t('editor.history')),
    );
    return actions;
  }

  /** The fields the chat shows, as the form holds them now: what the preview rehearses. */
  private previewDraft(): PreviewDraft {
    const { id, locale, title, answer, body, related, links } = this.article();
    return { id, locale, title, answer, body, related, links };
  }

  /** The form as an article; the API validates it and names any bad field. */
  private article(): KnowledgeArticle {
    const value = (name: string) => this.controls[name]?.value ?? '';
    const list = (name: string) =>
      value(name)
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
    const lines = (name: string) =>
      value(name)
        .split('\n')
        .map((item) => item.trim())
        .filter(Boolean);
    return {
      id: this.id,
      locale: this.locale,
      title: value('title').trim(),
      answer: value('answer').trim(),
      body: value('body').trim(),
      questions: lines('questions'),
      tags: list('tags'),
      synonyms: list('synonyms'),
      related: list('related'),
      links: lines('links').map((line) => {
        const bar = line.lastIndexOf('|');
        return bar < 0
          ? { title: line, url: '' }
          : { title: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() };
      }),
      updated: value('updated'),
      lastReviewed: value('lastReviewed'),
    };
  }

  /** Saves the form when it differs from the stored draft; returns the view to act on. */
  private async save(options: { quiet?: boolean } = {}): Promise<ArticleView | null> {
    const view = this.view;
    if (!view) return null;
    const { t } = this.context;
    const article = this.article();
    if (JSON.stringify(article) === JSON.stringify(view.draft)) {
      if (!options.quiet) this.context.announce(t('editor.unchanged'));
      return view;
    }
    try {
      const saved = await this.context.api.saveDraft(article, view.revision);
      this.view = saved;
      this.render();
      if (!options.quiet) {
        this.context.announce(t('editor.saved', { language: this.language, revision: saved.revision }));
      }
      return saved;
    } catch (error) {
      this.showError(error);
      return null;
    }
  }

  private async publish(): Promise<void> {
    const saved = await this.save({ quiet: true });
    if (!saved) return;
    await this.run(
      () => this.context.api.act('publish', this.locale, this.id, saved.revision),
      'editor.published',
    );
  }

  /** Takes a live version down: asked first, naming the language, since visitors stop getting it at once. */
  private async unpublish(): Promise<void> {
    const view = this.view;
    if (!view || !(await this.confirm('unpublish'))) return;
    await this.run(
      () => this.context.api.act('unpublish', this.locale, this.id, view.revision),
      'editor.unpublishedDone',
    );
  }

  private async restore(): Promise<void> {
    const view = this.view;
    if (!view) return;
    await this.run(
      () => this.context.api.act('restore', this.locale, this.id, view.revision),
      'editor.restored',
    );
  }

  private async remove(): Promise<void> {
    const view = this.view;
    if (!view || !(await this.confirm('delete'))) return;
    await this.run(
      () => this.context.api.deleteArticle(this.locale, this.id, view.revision),
      'editor.deleted',
    );
  }

  private confirm(action: 'unpublish' | 'delete'): Promise<boolean> {
    const { t } = this.context;
    const values = { language: this.language };
    return confirmAction({
      title: t(`editor.confirm.${action}.title`, values),
      subject: { text: this.view?.draft.title ?? this.id, lang: this.locale },
      message: t(`editor.confirm.${action}.message`, values),
      confirm: t(`editor.confirm.${action}.confirm`, values),
      cancel: t('editor.confirm.cancel'),
    });
  }

  private async startFrom(other: ArticleView): Promise<void> {
    const copy: KnowledgeArticle = {
      ...other.draft,
      locale: this.locale,
      updated: today(),
      lastReviewed: today(),
    };
    await this.run(() => this.context.api.createArticle(copy), 'editor.created');
  }

  private async run(call: () => Promise<ArticleView>, done: string): Promise<void> {
    try {
      this.view = await call();
      this.render();
      this.context.announce(this.context.t(done, { language: this.language }));
    } catch (error) {
      this.showError(error);
    }
  }

  private showError(error: unknown): void {
    const { t } = this.context;
    this.errors.replaceChildren();
    for (const control of Object.values(this.controls)) control.removeAttribute('aria-invalid');
    if (!(error instanceof ApiError)) {
      this.errors.append(h('p', {}, failureMessage(t, error)));
      return;
    }
    if (error.status === 409 && error.code === 'conflict') {
      const reload = h('button', { type: 'button' }, t('editor.reload'));
      reload.addEventListener('click', () => void this.reload());
      this.errors.append(h('p', {}, t('editor.conflict', { language: this.language })), reload);
      return;
    }
    const fields = error.fields;
    if (error.status === 400 && fields.length > 0) {
      const items = fields.map((problem) => {
        const name = /(?:^|\.)article\.([A-Za-z]+)/.exec(problem.field)?.[1];
        const control = name ? this.controls[name] : undefined;
        control?.setAttribute('aria-invalid', 'true');
        const label = name ? t(`editor.fields.${name}`) : problem.field;
        const text = t('editor.fieldError', { field: label, message: problem.message });
        return h(
          'li',
          {},
          control ? h('a', { href: `#${control.id}`, 'data-focus': control.id }, text) : text,
        );
      });
      const list = h('ul', {}, ...items);
      list.addEventListener('click', (event) => {
        const target = (event.target as HTMLElement).closest<HTMLElement>('[data-focus]');
        if (!target) return;
        event.preventDefault();
        document.getElementById(target.dataset.focus ?? '')?.focus();
      });
      this.errors.append(h('p', {}, t('editor.invalid', { language: this.language })), list);
      return;
    }
    this.errors.append(h('p', {}, error.message));
  }

  private async reload(): Promise<void> {
    this.view = await this.context.api.getArticle(this.locale, this.id);
    this.errors.replaceChildren();
    this.render();
  }
}

function renderNewArticle(context: ViewContext, main: HTMLElement): void {
  const { t } = context;
  const id = h('input', { type: 'text', required: true, maxlength: 80, pattern: '[a-z0-9]+(-[a-z0-9]+)*' });
  const locale = select([
    ['en', t('locale.en')],
    ['es', t('locale.es')],
  ]);
  const title = h('input', { type: 'text', required: true, maxlength: 200 });
  const answer = h('textarea', { rows: 5, required: true });
  const body = h('textarea', { rows: 8 });
  const errors = h('div', { class: 'form-errors', role: 'alert' });
  const form = h(
    'form',
    { class: 'article-form narrow', novalidate: true },
    field('new-id', t('editor.fields.id'), id),
    field('new-locale', t('editor.fields.locale'), locale),
    field('new-title', t('editor.fields.title'), title),
    field('new-answer', t('editor.fields.answer'), answer),
    field('new-body', t('editor.fields.body'), body),
    errors,
    h('button', { type: 'submit' }, t('editor.create')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const article: KnowledgeArticle = {
      id: id.value.trim(),
      locale: locale.value === 'es' ? 'es' : 'en',
      title: title.value.trim(),
      answer: answer.value.trim(),
      body: body.value.trim(),
      questions: [],
      tags: [],
      synonyms: [],
      related: [],
      links: [],
      updated: today(),
      lastReviewed: today(),
    };
    context.api
      .createArticle(article)
      .then((created) => {
        context.announce(t('editor.created', { language: t(`localeInSentence.${created.locale}`) }));
        context.navigate(`#/article/${encodeURIComponent(created.id)}`);
      })
      .catch((error: unknown) => {
        const fields = error instanceof ApiError ? error.fields : [];
        errors.replaceChildren(
          h('p', {}, failureMessage(t, error)),
          h('ul', {}, ...fields.map((item) => h('li', {}, `${item.field}: ${item.message}`))),
        );
      });
  });
  main.append(h('h1', { tabindex: '-1' }, t('editor.newTitle')), form);
}
