/**
 * The JSON shapes of the admin API (/api/admin/…) as the console reads them. The article itself
 * is the content model shared with the service and the files.
 */
import type { KnowledgeArticle, Locale } from '../../knowledge/content/article.js';

export type { KnowledgeArticle, Locale };

export type ArticleStatus = 'draft' | 'published' | 'unpublished';

export interface ArticleSummary {
  id: string;
  locale: Locale;
  title: string;
  status: ArticleStatus;
  deleted: boolean;
  revision: number;
  publishedRevision: number | null;
  unpublishedChanges: boolean;
  tags: string[];
  updatedAt: string;
  updatedBy: string;
  missingTranslation: boolean;
  staleTranslation: boolean;
  problems: number;
}

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
  checks: { missingTranslation: boolean; staleTranslation: string | null; problems: string[] };
}

export interface RevisionSummary {
  revision: number;
  action: string;
  author: string;
  at: string;
  note: string | null;
  title: string;
}

export interface DiffPart<T> {
  value: T;
  added: boolean;
  removed: boolean;
}

export type FieldDiff =
  | { field: string; kind: 'text'; parts: DiffPart<string>[] }
  | { field: string; kind: 'list'; parts: DiffPart<string[]>[] };

export interface QuestionGroup {
  id: string;
  locale: Locale;
  wording: string;
  examples: string[];
  count: number;
  unanswered: number;
  notHelpful: number;
  articleIds: string[];
  firstAt: string;
  lastAt: string;
}

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

export interface LocaleFigures {
  locale: Locale;
  questions: number;
  answered: number;
  clarified: number;
  unanswered: number;
  answeredRate: number;
  clarifiedRate: number;
  unansweredRate: number;
  helpful: number;
  notHelpful: number;
  handoffRequests: number;
  caseStatusLookups: number;
  articles: Array<{ articleId: string; answered: number; helpful: number; notHelpful: number }>;
  days: DayFigures[];
}

export interface TryResult {
  decision: 'answer' | 'clarify' | 'none';
  score: number;
  article: { id: string; locale: Locale; title: string } | null;
  alternatives: string[];
  ranking: Array<{
    id: string;
    title: string;
    score: number;
    signals: Record<'bm25' | 'coverage' | 'questionMatch' | 'charMatch' | 'classifier', number>;
    matchedQuestion: string;
  }>;
  queryTerms: string[];
  thresholds: { answer: number; clarify: number; margin: number };
  drafts: number;
}

export interface SignedInUser {
  username: string;
  displayName: string;
  roles: string[];
}
