import type { Locale } from '../../contracts/locale.js';
import type {
  AddQuestionRequest,
  AnalyticsReport,
  ChatRatingReport,
  ArticleDiffResponse,
  ArticleListResponse,
  ArticleResponse,
  ArticleView,
  CreateArticleRequest,
  ExpectedRevision,
  FieldDiff,
  KnowledgeArticle,
  LoginRequest,
  LoginResponse,
  MeResponse,
  PeriodQuery,
  RevisionListResponse,
  RevisionSummary,
  RollbackRequest,
  SaveDraftRequest,
  SignedInUser,
  TryRequest,
  TryResponse,
  TryResult,
  UnansweredReport,
} from '../protocol/adminApi.js';
import type { TFunction } from './editorStrings.js';

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

/**
 * What to tell the editor about a failed call, in the console's language: the API's own message,
 * "the server cannot be reached" when fetch could not get an answer, otherwise the generic error.
 */
export function failureMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) return error.message;
  // fetch rejects with a TypeError when there is no answer at all (offline, server down).
  if (error instanceof TypeError) return t('app.unreachable');
  return t('app.error', { message: error instanceof Error ? error.message : String(error) });
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
    const body = await this.call<LoginResponse>('POST', '/api/auth/login', {
      username,
      password,
    } satisfies LoginRequest);
    sessionStorage.setItem(TOKEN_KEY, body.token);
    return body.user;
  }

  async me(): Promise<SignedInUser> {
    return (await this.call<MeResponse>('GET', '/api/auth/me')).user;
  }

  async logout(): Promise<void> {
    try {
      await this.call('POST', '/api/auth/logout');
    } finally {
      sessionStorage.removeItem(TOKEN_KEY);
    }
  }

  listArticles(filter: Record<string, string>): Promise<ArticleListResponse> {
    return this.call('GET', `/api/admin/articles${query(filter)}`);
  }

  async getArticle(locale: Locale, id: string): Promise<ArticleView> {
    return (await this.call<ArticleResponse>('GET', articlePath(locale, id))).article;
  }

  async createArticle(article: KnowledgeArticle): Promise<ArticleView> {
    return (
      await this.call<ArticleResponse>('POST', '/api/admin/articles', {
        article,
      } satisfies CreateArticleRequest)
    ).article;
  }

  async saveDraft(article: KnowledgeArticle, expectedRevision: number): Promise<ArticleView> {
    return (
      await this.call<ArticleResponse>('PUT', articlePath(article.locale, article.id), {
        article,
        expectedRevision,
      } satisfies SaveDraftRequest)
    ).article;
  }

  async act(
    action: 'publish' | 'unpublish' | 'restore',
    locale: Locale,
    id: string,
    expectedRevision: number,
  ): Promise<ArticleView> {
    return (
      await this.call<ArticleResponse>('POST', `${articlePath(locale, id)}/${action}`, {
        expectedRevision,
      } satisfies ExpectedRevision)
    ).article;
  }

  async deleteArticle(locale: Locale, id: string, expectedRevision: number): Promise<ArticleView> {
    return (
      await this.call<ArticleResponse>('DELETE', articlePath(locale, id), {
        expectedRevision,
      } satisfies ExpectedRevision)
    ).article;
  }

  async history(locale: Locale, id: string): Promise<RevisionSummary[]> {
    return (await this.call<RevisionListResponse>('GET', `${articlePath(locale, id)}/revisions`)).revisions;
  }

  async diff(locale: Locale, id: string, from: number, to: number): Promise<FieldDiff[]> {
    return (
      await this.call<ArticleDiffResponse>(
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
      await this.call<ArticleResponse>('POST', `${articlePath(locale, id)}/rollback`, {
        toRevision,
        expectedRevision,
      } satisfies RollbackRequest)
    ).article;
  }

  async addQuestion(locale: Locale, id: string, question: string): Promise<ArticleView> {
    return (
      await this.call<ArticleResponse>('POST', `${articlePath(locale, id)}/questions`, {
        question,
      } satisfies AddQuestionRequest)
    ).article;
  }

  unanswered(period: PeriodQuery): Promise<UnansweredReport> {
    return this.call('GET', `/api/admin/reports/unanswered${query(period)}`);
  }

  analytics(period: PeriodQuery): Promise<AnalyticsReport> {
    return this.call('GET', `/api/admin/reports/analytics${query(period)}`);
  }

  /** Visitors' ratings of live-agent chats, per language and per agent. */
  chatRatings(period: PeriodQuery): Promise<ChatRatingReport> {
    return this.call('GET', `/api/admin/reports/ratings${query(period)}`);
  }

  /** The CSV export as a file (a plain link could not carry the token). */
  async analyticsCsv(period: PeriodQuery): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.fetch('GET', `/api/admin/reports/analytics.csv${query(period)}`);
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'analytics.csv';
    return { blob: await response.blob(), fileName };
  }

  async tryQuestion(text: string, locale: Locale): Promise<TryResult> {
    return (await this.call<TryResponse>('POST', '/api/admin/try', { text, locale } satisfies TryRequest))
      .result;
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
