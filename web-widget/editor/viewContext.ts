import type { Locale } from '../../contracts/locale.js';
import type { SignedInUser } from '../../contracts/adminApi.js';
import type { MarkdownRenderer } from '../shared/renderMarkdown.js';
import { select } from './dom.js';
import type { EditorApi } from './editorApi.js';
import type { TFunction } from './editorStrings.js';

/** What every page of the console is given: the API, the strings, and the shell's services. */
export interface ViewContext {
  api: EditorApi;
  t: TFunction;
  locale: Locale;
  user: SignedInUser;
  /** The widget's Markdown renderer: the preview is exactly what visitors see. */
  markdown: MarkdownRenderer;
  /** Goes to another page of the console (`#/…`). */
  navigate(hash: string): void;
  /** Says something to screen readers and shows it in the status bar. */
  announce(message: string, kind?: 'status' | 'error'): void;
}

/** A page: renders into `main` (which it owns until the next navigation). */
export type View = (context: ViewContext, main: HTMLElement, params: URLSearchParams) => Promise<void>;

/** The page heading every view starts with; the shell moves focus to it after a navigation. */
export const PAGE_HEADING = 'h1[tabindex="-1"]';

/** May manage accounts and see the live-chat schedule (the API checks it again on every call). */
export function isAdmin(user: Pick<SignedInUser, 'roles'>): boolean {
  return user.roles.includes('admin');
}

/** "2026-11-23T14:01:00.000Z" → "2026-11-23 14:01" (UTC, as the API stores it). */
export function shortTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/** 0.143 → "14.3 %", in the console's language. */
export function percent(rate: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(rate);
}

/** The language filter of the lists and reports: any, English or Spanish (`''` for any). */
export function localeFilter(t: TFunction, selected: string | undefined): HTMLSelectElement {
  return select(
    [
      ['', t('locale.any')],
      ['en', t('locale.en')],
      ['es', t('locale.es')],
    ],
    selected ?? '',
  );
}
