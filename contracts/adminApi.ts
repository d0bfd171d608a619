/**
 * The editors' REST API (`/api/admin/…`, with sign-in under `/api/auth/…`): the JSON bodies it
 * takes and sends, imported by the server modules that build them and by the editor console that
 * reads them, so the two cannot drift apart. The routes are bot/admin/*Routes.ts and
 * bot/auth/authRoutes.ts.
 *
 * Types only: nothing here may pull server code or a library into a browser bundle. The article
 * itself, and the answer engine's scores, are the shared content model's own types.
 */
import type { Locale } from './locale.js';
import type { KnowledgeArticle } from './article.js';
import type { ChatMessage, JsonValue } from './visitorEvents.js';

export type { KnowledgeArticle };

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

// ---------------------------------------------------------------------------------------------
// "Try it" (/api/admin/try): a question against the drafts.

export interface TryRequest {
  text: string;
  locale: Locale;
}

/** What the assistant does with a question (the answer engine's decision). */
export type AnswerDecision = 'answer' | 'clarify' | 'none';

/**
 * The evidence for a candidate, each in [0, 1]: the engine's signal scores, of which the editor
 * shows these. The server sends every signal the engine has; the editor relies on these only, so
 * the engine may add signals without changing the protocol.
 */
export interface TriedSignals {
  bm25: number;
  coverage: number;
  questionMatch: number;
  charMatch: number;
  classifier: number;
}

/** Where the engine cuts (the engine's calibration may hold more; the editor shows these). */
export interface TriedThresholds {
  /** Minimum confidence to answer with the best article. */
  answer: number;
  /** Minimum confidence for an article to be offered at all. */
  clarify: number;
  /** The best must lead the second by this much to be answered directly. */
  margin: number;
}

/** One candidate of a "Try it" answer, with the evidence for it. */
export interface TriedCandidate {
  id: string;
  title: string;
  score: number;
  signals: TriedSignals;
  matchedQuestion: string;
}

/** What the assistant would do with a question if every draft were published, and why. */
export interface TryResult {
  decision: AnswerDecision;
  score: number;
  /** The article it would answer with ("answer" only). */
  article: { id: string; locale: Locale; title: string } | null;
  /** The articles it would offer ("clarify"), or other plausible ones ("answer"). */
  alternatives: string[];
  ranking: TriedCandidate[];
  /** The words searched for after analysis (stems, synonym concepts, typo corrections). */
  queryTerms: string[];
  /** Where the engine cuts: the score must reach `answer` (and lead by `margin`), or `clarify` to be offered. */
  thresholds: TriedThresholds;
  /** Drafts in the index. */
  drafts: number;
}

export interface TryResponse {
  result: TryResult;
}

// ---------------------------------------------------------------------------------------------
// Rehearsal (/api/admin/rehearsal): what a widget visitor would be shown, answered from the
// drafts, for "Preview, as visitors see it" and "Try it". Nothing is stored or counted.

/** One thing the visitor does: types `text`, or presses a button (its `text` and `value`). */
export interface RehearsalStep {
  text: string;
  value?: JsonValue;
}

/** The article being edited, as its form holds it (saved or not): the preview shows this text. */
export type PreviewDraft = Pick<
  KnowledgeArticle,
  'id' | 'locale' | 'title' | 'answer' | 'body' | 'related' | 'links'
>;

export interface RehearsalRequest {
  /** The widget's language. */
  locale: Locale;
  /** A new conversation, then these steps in order (at most 8). */
  steps: RehearsalStep[];
  draft?: PreviewDraft;
}

/** One step and the assistant's replies to it, as the widget gets them (the same messages). */
export interface RehearsalTurn {
  visitor: ChatMessage;
  replies: ChatMessage[];
  /** The visitor asked for a live agent in hours: a real conversation would join the queue here. */
  liveAgentRequested: boolean;
}

export interface RehearsalResponse {
  turns: RehearsalTurn[];
}

// ---------------------------------------------------------------------------------------------
// Reports (/api/admin/reports/…?from&to&locale; each also as `.csv`).

/** Days as YYYY-MM-DD (UTC); both ends optional. */
export interface PeriodQuery {
  from?: string;
  to?: string;
  locale?: Locale;
}

export interface QuestionGroup {
  /** Stable for the same wording: the console uses it as a key. */
  id: string;
  locale: Locale;
  /** The wording asked most often in the group: what "add as alternate question" adds. */
  wording: string;
  /** Other wordings in the group, most frequent first (at most five). */
  examples: string[];
  count: number;
  unanswered: number;
  notHelpful: number;
  /** Articles that were shown and did not help, most frequent first. */
  articleIds: string[];
  firstAt: string;
  lastAt: string;
}

/** `GET /api/admin/reports/unanswered`. */
export interface UnansweredReport {
  from: string;
  to: string;
  locale: Locale | null;
  /** Questions counted (before grouping). */
  total: number;
  groups: QuestionGroup[];
}

/** One day of one locale: the figures behind the charts. */
export interface DayFigures {
  date: string;
  questions: number;
  answered: number;
  clarified: number;
  unanswered: number;
  helpful: number;
  notHelpful: number;
  handoffRequests: number;
  caseStatusLookups: number;
}

export interface ArticleFigures {
  articleId: string;
  /** Questions the engine answered directly with it. */
  answered: number;
  helpful: number;
  notHelpful: number;
}

export interface LocaleFigures {
  locale: Locale;
  questions: number;
  answered: number;
  clarified: number;
  unanswered: number;
  /** Shares of `questions`, 0 when there were none (rounded to 0.001). */
  answeredRate: number;
  clarifiedRate: number;
  unansweredRate: number;
  helpful: number;
  notHelpful: number;
  handoffRequests: number;
  /** By outcome ("queued", "out_of_hours"...). */
  handoffOutcomes: Record<string, number>;
  caseStatusLookups: number;
  caseStatusOutcomes: Record<string, number>;
  /** Most answered first. */
  articles: ArticleFigures[];
  days: DayFigures[];
}

/** How visitors rated live-agent chats: 1 (very poor) to 5 (very good). */
export interface RatingFigures {
  ratings: number;
  /** The mean, rounded to 0.01; null without ratings. */
  average: number | null;
  /** How many of each rating: index 0 counts the 1s, index 4 the 5s. */
  distribution: number[];
}

export interface LocaleRatingFigures extends RatingFigures {
  locale: Locale;
}

export interface AgentRatingFigures extends RatingFigures {
  agentId: string;
  /** The agent's display name now ("(deleted user)" style fallbacks are the console's to choose: null). */
  displayName: string | null;
  /** The same per language of the chats rated (both languages, with zeros). */
  locales: LocaleRatingFigures[];
}

/** `GET /api/admin/reports/ratings`: ratings given in the period, per language and per agent. */
export interface ChatRatingReport {
  from: string;
  to: string;
  locales: LocaleRatingFigures[];
  /** Agents with at least one rating in the period, most ratings first. */
  agents: AgentRatingFigures[];
}

/** `GET /api/admin/reports/analytics`. */
export interface AnalyticsReport {
  from: string;
  to: string;
  locales: LocaleFigures[];
}
