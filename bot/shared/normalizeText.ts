/**
 * Lower case, accents and punctuation removed, apostrophes dropped ("What's" → "whats"), spaces
 * collapsed. Keywords and messages go through the same function, so "¿Qué puedes hacer?" matches
 * the keyword "que puedes hacer".
 */
export function normalizeText(text: string): string {
  // A turn asks about the same message many times (every list it might be a phrase of): the
  // latest results are kept. The function is pure, so a remembered result is the result.
  const known = normalized.get(text);
  if (known !== undefined) return known;
  const result = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (text.length <= MAX_REMEMBERED_LENGTH) {
    if (normalized.size >= MAX_REMEMBERED) normalized.clear();
    normalized.set(text, result);
  }
  return result;
}

/** Texts whose normalized form is remembered: a few turns' worth, each text a chat message at most. */
const MAX_REMEMBERED = 256;
const MAX_REMEMBERED_LENGTH = 2_000;
const normalized = new Map<string, string>();
