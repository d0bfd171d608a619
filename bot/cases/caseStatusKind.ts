import statusKindFile from './caseStatusKinds.json' with { type: 'json' };

/**
 * The kinds of case status the assistant explains in the visitor's language, with what happens
 * next (bot resources `caseStatusMeaning.<kind>`). The official titles are the agency's; the
 * grouping of titles into kinds is data (`caseStatusKinds.json`), not code.
 */
export const CASE_STATUS_KINDS = [...statusKindFile.kinds.map((entry) => entry.kind), 'other'] as const;

export type CaseStatusKind = string;

const PATTERNS = statusKindFile.kinds.map((entry) => ({
  kind: entry.kind,
  startsWith: entry.startsWith.map(normalizeTitle),
}));

function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The kind of an official English status title ("Case Was Received" → `received`); `other` when unknown. */
export function caseStatusKindOf(englishTitle: string): CaseStatusKind {
  const title = normalizeTitle(englishTitle);
  return PATTERNS.find((entry) => entry.startsWith.some((start) => title.startsWith(start)))?.kind ?? 'other';
}
