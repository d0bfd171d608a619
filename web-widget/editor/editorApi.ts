import type {
  ArticleSummary,
  ArticleView,
  FieldDiff,
  KnowledgeArticle,
  Locale,
  LocaleFigures,
  QuestionGroup,
  RevisionSummary,
  SignedInUser,
  TryResult,
} from './editorTypes.js';

/** An error answer of the API: `code` to branch on, `message` (localised) to show, bad fields in `details`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The bad fields of a 400, when the API listed them. */
  get fields(): Array<{ field: string; message: string }> {
    return Array.isArray(this.details)
      ? (this.details as Array<{ field?: unknown; message?: unknown }>).map((item) => ({
          field: String(item.field ?? ''),
          message: String(item.message ?? ''),
        }))
      : [];
  }
}

export interface PeriodQuery {
  from?: string;
  to?: string;
  locale?: Locale;
}

const TOKEN_KEY = 'va-editor:token';

/**
 * The admin API as the console uses it. The bearer token lives in sessionStorage (this tab only,
 * gone when it closes); every call sends it with the console's language, so error messages come
 * back in the editor's language.
 */
export class EditorApi {
  constructor(
    private readonly language: () => Locale,
    private readonly onSignedOut: () => void,
  ) {}

  get signedIn(): boolean {
    return this.token() !== null;
  }

  async login(username: string, password: string): Promise<SignedInUser> {
    const body = await this.call<{ token: string; user: SignedInUser }>('POST', '/api/auth/login', {
      username,
      password,
    });
    sessionStorage.setItem(TOKEN_KEY, body.token);
    return body.user;
  }

  async me(): Promise<SignedInUser> {
    return (await this.call<{ user: SignedInUser }>('GET', '/api/auth/me')).user;
  }

  async logout(): Promise<void> {
    try {
      await this.call('POST', '/api/auth/logout');
    } finally {
      sessionStorage.removeItem(TOKEN_KEY);
    }
  }

  listArticles(filter: Record<string, string>): Promise<{ articles: ArticleSummary[] }> {
    return this.call('GET', `/api/admin/articles${query(filter)}`);
  }

  async getArticle(locale: Locale, id: string): Promise<ArticleView> {
    return (await this.call<{ article: ArticleView }>('GET', articlePath(locale, id))).article;
  }

  async createArticle(article: KnowledgeArticle): Promise<ArticleView> {
    return (await this.call<{ article: ArticleView }>('POST', '/api/admin/articles', { article })).article;
  }

  async saveDraft(article: KnowledgeArticle, expectedRevision: number): Promise<ArticleView> {
    return (
      await this.call<{ article: ArticleView }>('PUT', articlePath(article.locale, article.id), {
        article,
        expectedRevision,
      })
    ).article;
  }

  async act(
    action: 'publish' | 'unpublish' | 'restore',
    locale: Locale,
    id: string,
    expectedRevision: number,
  ): Promise<ArticleView> {
    return (
      await this.call<{ article: ArticleView }>('POST', `${articlePath(locale, id)}/${action}`, {
        expectedRevision,
      })
    ).article;
  }

  async deleteArticle(locale: Locale, id: string, expectedRevision: number): Promise<ArticleView> {
    return (
      await this.call<{ article: ArticleView }>('DELETE', articlePath(locale, id), { expectedRevision })
    ).article;
  }

  async history(locale: Locale, id: string): Promise<RevisionSummary[]> {
    return (await this.call<{ revisions: RevisionSummary[] }>('GET', `${articlePath(locale, id)}/revisions`))
      .revisions;
  }

  async diff(locale: Locale, id: string, from: number, to: number): Promise<FieldDiff[]> {
    return (
      await this.call<{ fields: FieldDiff[] }>(
        'GET',
        `${articlePath(locale, id)}/diff${query({ from: String(from), to: String(to) })}`,
      )
    ).fields;
  }

  async rollback(
    locale: Locale,
    id: string,
    toRevision: number,
    expectedRevision: number,
  ): Promise<ArticleView> {
    return (
      await this.call<{ article: ArticleView }>('POST', `${articlePath(locale, id)}/rollback`, {
        toRevision,
        expectedRevision,
      })
    ).article;
  }

  async addQuestion(locale: Locale, id: string, question: string): Promise<ArticleView> {
    return (
      await this.call<{ article: ArticleView }>('POST', `${articlePath(locale, id)}/questions`, { question })
    ).article;
  }

  unanswered(
    period: PeriodQuery,
  ): Promise<{ total: number; groups: QuestionGroup[]; from: string; to: string }> {
    return this.call('GET', `/api/admin/reports/unanswered${query(period)}`);
  }

  analytics(period: PeriodQuery): Promise<{ from: string; to: string; locales: LocaleFigures[] }> {
    return this.call('GET', `/api/admin/reports/analytics${query(period)}`);
  }

  /** The CSV export as a file (a plain link could not carry the token). */
  async analyticsCsv(period: PeriodQuery): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.fetch('GET', `/api/admin/reports/analytics.csv${query(period)}`);
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'analytics.csv';
    return { blob: await response.blob(), fileName };
  }

  async tryQuestion(text: string, locale: Locale): Promise<TryResult> {
    return (await this.call<{ result: TryResult }>('POST', '/api/admin/try', { text, locale })).result;
  }

  private token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.fetch(method, path, body);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async fetch(method: string, path: string, body?: unknown): Promise<Response> {
    const token = this.token();
    const response = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        'accept-language': this.language(),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (response.ok) return response;
    const payload = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string; details?: unknown };
    } | null;
    const error = new ApiError(
      response.status,
      payload?.error?.code ?? 'error',
      payload?.error?.message ?? response.statusText,
      payload?.error?.details,
    );
    if (response.status === 401 && !path.startsWith('/api/auth/login')) {
      sessionStorage.removeItem(TOKEN_KEY);
      this.onSignedOut();
    }
    throw error;
  }
}

function articlePath(locale: Locale, id: string): string {
  return `/api/admin/articles/${encodeURIComponent(locale)}/${encodeURIComponent(id)}`;
}

function query(values: Record<string, string | undefined> | PeriodQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
