/**
 * Spelling keys shared by the analyzer (function words typed wrong) and the typo corrector
 * (content words typed wrong): two spellings with the same key are taken for the same word.
 */

/**
 * How a language's words sound, as a key: two spellings with the same key are sound-alikes. Spanish
 * speakers often write as they speak ("sita" for "cita", "yamada" for "llamada", "ofisina",
 * "nesesito", "abogado"/"avogado", "ora" for "hora", "kiero"), and English learners mix "ph"/"f"
 * and "ck"/"k" ("fone", "chek"). A sound-alike is a correction whatever its first letter or edit
 * distance: the evidence is the sound, not the letters.
 */
export type PhoneticKey = (word: string) => string;

/** The word with each run of one letter written once ("tenggo" → "tengo", "innfopass" → "infopas"). */
export function collapseDoubles(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

export const PHONETIC_KEYS: Record<string, PhoneticKey> = {
  es: (word) =>
    collapseDoubles(
      word
        .replace(/ch/g, '%')
        .replace(/h/g, '')
        .replace(/qu(?=[ei])/g, 'k')
        .replace(/gu(?=[ei])/g, 'g')
        .replace(/c(?=[ei])/g, 's')
        .replace(/z/g, 's')
        .replace(/c/g, 'k')
        .replace(/q/g, 'k')
        .replace(/ll/g, 'y')
        .replace(/v/g, 'b')
        .replace(/w/g, 'u')
        .replace(/y$/, 'i')
        .replace(/%/g, 'ch'),
    ),
  en: (word) =>
    collapseDoubles(
      word
        .replace(/ph/g, 'f')
        .replace(/ck/g, 'k')
        .replace(/c(?=[eiy])/g, 's')
        .replace(/c/g, 'k')
        .replace(/q/g, 'k'),
    ),
};

/** The words made by swapping two adjacent (different) letters of `word`, the first two included. */
export function adjacentSwaps(word: string): string[] {
  const swaps: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    swaps.push(`${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`);
  }
  return swaps;
}
