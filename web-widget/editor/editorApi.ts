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
  CreateUserRequest,
  LiveChatHoursResponse,
  PeriodQuery,
  ResetPasswordResponse,
  UserAccount,
  UserChangeRequest,
  UserListResponse,
  UserResponse,
  RehearsalRequest,
  RehearsalResponse,
  RehearsalTurn,
  RevisionListResponse,
  RevisionSummary,
  RollbackRequest,
  SaveDraftRequest,
  SignedInUser,
  TryRequest,
  TryResponse,
  TryResult,
  UnansweredReport,
} from '../../contracts/adminApi.js';
import { CSRF_HEADER } from '../../contracts/adminApi.js';
import { SignInChannel } from '../shared/consoleSignIn.js';
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
          field: typeof item.field === 'string' ? item.field : '',
          message: typeof item.message === 'string' ? item.message : '',
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

/**
 * The admin API as the console uses it. The sign-in is the HttpOnly cookie the server sets, shared
 * by every tab and by the agent console, and out of reach of any script; this page holds only the
 * sign-in's CSRF token, in memory, and sends it with every change. Every call carries the
 * console's language, so error messages come back in the editor's language.
 */
export class EditorApi {
  private csrfToken: string | null = null;
  private readonly tabs: SignInChannel;

  constructor(
    private readonly language: () => Locale,
    private readonly onSignedOut: () => void,
    /** Another tab signed in: the console may join that sign-in. */
    onSignedInElsewhere: () => void = () => undefined,
  ) {
    this.tabs = new SignInChannel(window, (change) => {
      if (change === 'signed-in') onSignedInElsewhere();
      else if (this.csrfToken !== null) {
        this.csrfToken = null;
        this.onSignedOut();
      }
    });
  }

  async login(username: string, password: string): Promise<SignedInUser> {
    const body = await this.call<LoginResponse>('POST', '/api/auth/login', {
      username,
      password,
    } satisfies LoginRequest);
    this.csrfToken = body.csrfToken ?? null;
    this.tabs.tell('signed-in');
    return body.user;
  }

  /** The user this browser is signed in as (another tab may have signed in), or null. */
  async resume(): Promise<SignedInUser | null> {
    const response = await fetch('/api/auth/me', {
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': this.language() },
    });
    if (!response.ok) return null;
    const body = (await response.json()) as MeResponse;
    this.csrfToken = body.csrfToken ?? null;
    return this.csrfToken === null ? null : body.user;
  }

  async me(): Promise<SignedInUser> {
    return (await this.call<MeResponse>('GET', '/api/auth/me')).user;
  }

  /** Ends the sign-in for every tab and both consoles. */
  async logout(): Promise<void> {
    try {
      await this.call('POST', '/api/auth/logout');
    } catch (error) {
      // This page's CSRF token is of an earlier sign-in of this browser (another tab signed in
      // since): the sign-in the browser holds now is the one to end, not left running unseen.
      if (!(error instanceof ApiError && error.code === 'csrf_failed' && (await this.resume()))) throw error;
      await this.call('POST', '/api/auth/logout');
    } finally {
      this.csrfToken = null;
      this.tabs.tell('signed-out');
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

  /** The CSV export as a file, named as the server names it. */
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

  liveChatHours(): Promise<LiveChatHoursResponse> {
    return this.call('GET', '/api/admin/hours');
  }

  async listUsers(): Promise<UserAccount[]> {
    return (await this.call<UserListResponse>('GET', '/api/admin/users')).users;
  }

  async createUser(request: CreateUserRequest): Promise<UserAccount> {
    return (await this.call<UserResponse>('POST', '/api/admin/users', request)).user;
  }

  async updateUser(id: string, change: UserChangeRequest): Promise<UserAccount> {
    return (await this.call<UserResponse>('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, change))
      .user;
  }

  resetPassword(id: string, password: string): Promise<ResetPasswordResponse> {
    return this.call('POST', `/api/admin/users/${encodeURIComponent(id)}/password`, { password });
  }

  /** The steps as a new widget conversation answered from the drafts: the preview and "Try it". */
  async rehearse(request: RehearsalRequest): Promise<RehearsalTurn[]> {
    return (await this.call<RehearsalResponse>('POST', '/api/admin/rehearsal', request)).turns;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.fetch(method, path, body);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async fetch(method: string, path: string, body?: unknown): Promise<Response> {
    const changes = method !== 'GET' && method !== 'HEAD';
    const response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': this.language(),
        ...(changes && this.csrfToken !== null ? { [CSRF_HEADER]: this.csrfToken } : {}),
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
      this.csrfToken = null;
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
  for (const [key, value] of Object.entries(values) as Array<[string, string | undefined]>)
    if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
