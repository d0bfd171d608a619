/**
 * The editors' REST API (`/api/admin/…`, with sign-in under `/api/auth/…`): the JSON bodies it
 * takes and sends, imported by the server modules that build them and by the editor console that
 * reads them, so the two cannot drift apart. The routes are bot/admin/*Routes.ts and
 * bot/auth/authRoutes.ts.
 *
 * Types only: nothing here may pull server code or a library into a browser bundle. The article is
 * the shared article shape (contracts/article.ts); the answer engine's scores are described here as
 * the editor reads them, so the protocol imports no engine internals.
 */
import type { Locale } from './locale.js';
import type { KnowledgeArticle } from './article.js';

export type { KnowledgeArticle };
// The "Try it" and rehearsal shapes, and the reports', are in their own files, part of this API.
export type * from './rehearsalApi.js';
export type * from './reportsApi.js';

// ---------------------------------------------------------------------------------------------
// Sign-in (/api/auth).

export type UserRole = 'agent' | 'editor' | 'admin';

/** Who is signed in: `user` of `POST /api/auth/login` and `GET /api/auth/me`. */
export interface SignedInUser {
  userId: string;
  username: string;
  displayName: string;
  roles: UserRole[];
  /** Languages the agent can chat in. */
  languages: Locale[];
  maxChats: number;
}

export interface LoginRequest {
  username: string;
  password: string;
}

/**
 * A console served by the service itself is signed in by an HttpOnly cookie that no script can
 * read: the answer carries `csrfToken`, to send as `X-CSRF-Token` with every change (POST, PUT,
 * PATCH, DELETE). A console on another allowed origin gets `token` instead, to send as
 * `Authorization: Bearer` (and as the agent namespace's handshake `token`).
 */
export interface LoginResponse {
  csrfToken?: string;
  token?: string;
  expiresAt: string;
  user: SignedInUser;
}

/** Who is signed in; with the cookie, also the sign-in's CSRF token (a newly opened tab learns it here). */
export interface MeResponse {
  user: SignedInUser;
  csrfToken?: string;
}

/** The header a cookie-signed-in console sends its CSRF token in. */
export const CSRF_HEADER = 'X-CSRF-Token';

// ---------------------------------------------------------------------------------------------
// Accounts (/api/admin/users, admins only).

/** An account as admins see it (never its password hash). */
export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  roles: UserRole[];
  languages: Locale[];
  maxChats: number;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserListResponse {
  users: UserAccount[];
}

export interface UserResponse {
  user: UserAccount;
}

/** `POST /api/admin/users`. The password: at least 12 characters, not the same few again and again. */
export interface CreateUserRequest {
  username: string;
  displayName: string;
  roles: UserRole[];
  languages: Locale[];
  /** Live chats an agent takes at once (1-10, 3 when left out). */
  maxChats?: number;
  password: string;
}

/** `POST /api/admin/users/:id/password`: ends every sign-in of the user. */
export interface ResetPasswordRequest {
  password: string;
}

export interface ResetPasswordResponse {
  /** Sign-ins ended. */
  signedOut: number;
}

/** `PATCH /api/admin/users/:id`: only the fields to change. */
export interface UserChangeRequest {
  roles?: UserRole[];
  languages?: Locale[];
  disabled?: boolean;
  displayName?: string;
  maxChats?: number;
}

// ---------------------------------------------------------------------------------------------
// Live-chat hours (/api/admin/hours, admins only): the BUSINESS_HOURS schedule as the service
// reads it, what it means now, and the days ahead that differ from the week.

export type WeekdayName = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** Wall-clock times in the schedule's zone, "08:00" to "20:00" ("24:00" is the end of the day). */
export interface HoursWindow {
  open: string;
  close: string;
}

/** Why a day differs from its weekday: a date closed on purpose, its own hours, a federal holiday. */
export type HoursException = 'closed' | 'special' | 'holiday';

export interface LiveChatHoursResponse {
  /** IANA zone the schedule is written in. */
  timeZone: string;
  /** The weekly schedule in the caller's language, as visitors are told it. */
  schedule: string;
  weekly: Array<{ day: WeekdayName; windows: HoursWindow[] }>;
  federalHolidays: boolean;
  inaugurationDay: boolean;
  /** Now, as the server's clock says. */
  now: string;
  openNow: boolean;
  /** While open: when this stretch of hours ends. */
  closesAt: string | null;
  closesAtText: string | null;
  /** When agents are next available (now when open), in words as visitors are told it. */
  nextOpening: string;
  nextOpeningText: string;
  /** The days of the next 60 that differ from their weekday, in order. */
  exceptions: Array<{ date: string; kind: HoursException; windows: HoursWindow[] }>;
  /** The configuration as parsed (BUSINESS_HOURS with its defaults), to compare with what was meant. */
  config: unknown;
}

// ---------------------------------------------------------------------------------------------
// Articles (/api/admin/articles).

/** `published`: visitors see it. `draft`: never published. `unpublished`: taken down. */
export type ArticleStatus = 'draft' | 'published' | 'unpublished';

/** What made a revision. */
export type RevisionAction =
  'create' | 'update' | 'publish' | 'unpublish' | 'delete' | 'restore' | 'rollback' | 'import';

/** What the content rules say about one article and its other-language twin. */
export interface ArticleCheck {
  /** The twin does not exist (same id, other locale). */
  missingTranslation: boolean;
  /** The twin changed after this version was last reviewed: this one may be out of date. */
  staleTranslation: string | null;
  /** Other rules the files are held to (empty text, repeated questions, unknown related ids...). */
  problems: string[];
}

/** What editors see of an article in the list. */
export interface ArticleSummary {
  id: string;
  locale: Locale;
  title: string;
  status: ArticleStatus;
  deleted: boolean;
  revision: number;
  publishedRevision: number | null;
  /** The draft differs from what visitors see. */
  unpublishedChanges: boolean;
  tags: string[];
  updatedAt: string;
  updatedBy: string;
  missingTranslation: boolean;
  staleTranslation: boolean;
  problems: number;
}

/** One article with both its versions and what the content rules say about it. */
export interface ArticleView {
  id: string;
  locale: Locale;
  status: ArticleStatus;
  deleted: boolean;
  revision: number;
  publishedRevision: number | null;
  unpublishedChanges: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  draft: KnowledgeArticle;
  published: KnowledgeArticle | null;
  checks: ArticleCheck;
}

export interface RevisionSummary {
  revision: number;
  action: RevisionAction;
  author: string;
  at: string;
  note: string | null;
  title: string;
}

/** One run of a diff: kept, added or removed. Text fields carry text; list fields carry items. */
export interface DiffPart<T> {
  value: T;
  added: boolean;
  removed: boolean;
}

export type FieldDiff =
  | { field: keyof KnowledgeArticle; kind: 'text'; parts: DiffPart<string>[] }
  | { field: keyof KnowledgeArticle; kind: 'list'; parts: DiffPart<string[]>[] };

/** `POST /api/admin/articles`. */
export interface CreateArticleRequest {
  article: KnowledgeArticle;
}

/** Every change names the revision it was made from; a stale one gets 409 and changes nothing. */
export interface ExpectedRevision {
  expectedRevision: number;
}

/** `PUT /api/admin/articles/:locale/:id`: a new draft revision. */
export interface SaveDraftRequest extends ExpectedRevision {
  article: KnowledgeArticle;
}

/** `POST …/:locale/:id/rollback`. */
export interface RollbackRequest extends ExpectedRevision {
  toRevision: number;
}

/** `POST …/:locale/:id/questions`: a visitor's wording as an alternate question. */
export interface AddQuestionRequest extends Partial<ExpectedRevision> {
  question: string;
}

/** Every route that changes or reads one article answers with it. */
export interface ArticleResponse {
  article: ArticleView;
}

export interface ArticleListResponse {
  articles: ArticleSummary[];
}

export interface RevisionListResponse {
  revisions: RevisionSummary[];
}

/** `GET …/:locale/:id/diff?from&to`: field-by-field, only the fields that differ. */
export interface ArticleDiffResponse {
  from: number;
  to: number;
  fields: FieldDiff[];
}

/** `GET /api/admin/translations`. */
export interface TranslationReport {
  missing: Array<{ id: string; locale: Locale }>;
  stale: Array<{ id: string; locale: Locale; message: string }>;
}
