import { maskPersonalData } from '../../privacy/personalData.js';

/** Longest page address kept. */
const MAX_PAGE_LENGTH = 500;

/**
 * The page a widget says it is on, as kept for the agent: an http(s) address reduced to its origin
 * and path (no query string or fragment, which may carry anything; no user name or password), with
 * personal data in the path masked. Null for anything else.
 */
export function startPageOf(raw: string | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const page = maskPersonalData(`${url.origin}${url.pathname}`);
  return page.length > MAX_PAGE_LENGTH ? null : page;
}
