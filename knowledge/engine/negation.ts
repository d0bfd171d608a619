/**
 * Words that say something did not happen ("the notice never arrived", "el aviso nunca llegó",
 * "it hasn't come"). A passage that says a thing did not happen does not answer a question that
 * says it did ("me llegó una carta de RFE"), nor the other way round. Only these: "cannot",
 * "don't need" or a bare Spanish "no" deny what a question may ask ("can I visit without an
 * appointment?" is answered by "you cannot"), so they change nothing.
 */
const NEGATIONS: Record<string, ReadonlySet<string>> = {
  en: new Set(['never', 'didnt', 'hasnt', 'havent', 'hadnt', 'wasnt', 'werent']),
  es: new Set(['nunca', 'jamas']),
};

/** How far after a negation its word may be ("never actually arrived", "nunca me ha llegado"). */
const SCOPE = 4;

/** A text's words as the analyzer gives them (folded words, their stems, which are stop words). */
interface AnalyzedWords {
  words: readonly string[];
  stems: readonly string[];
  isStopWord: readonly boolean[];
}

/**
 * The stems a text only ever says are not so: each content word right after a negation (function
 * words between them skipped), when the text has no occurrence of it outside one.
 */
export function deniedStems(text: AnalyzedWords, locale: string): ReadonlySet<string> {
  const negations = NEGATIONS[locale.slice(0, 2)];
  const denied = new Set<string>();
  if (!negations) return denied;
  const affirmed = new Set<string>();
  let negatedUntil = -1;
  for (let i = 0; i < text.words.length; i++) {
    const word = text.words[i] as string;
    if (negations.has(word)) {
      negatedUntil = i + SCOPE;
      continue;
    }
    if (text.isStopWord[i]) continue;
    const stem = text.stems[i] as string;
    if (i <= negatedUntil) {
      denied.add(stem);
      // The negation covers its first content word only.
      negatedUntil = -1;
    } else affirmed.add(stem);
  }
  for (const stem of affirmed) denied.delete(stem);
  return denied;
}
