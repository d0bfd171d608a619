import type { AnalyzedText } from './textAnalyzer.js';

/**
 * What the question words of a detail question ask for, for the passage finder. The analysis drops
 * them as stop words ("how", "long", "cuánto", "qué"), yet they say which passage answers: "how long
 * does an urgent inquiry take?" is answered by the passage that gives a time ("within 24–72 hours"),
 * not by the one that only says inquiries are urgent or not; "¿qué significa ADIT?" by the passage
 * that spells the letters out ("son las siglas en inglés de…"), whatever verb it uses.
 *
 * Each kind is a term (`kind:duration`, `kind:meaning`) that the question has when it asks that way
 * and a passage (or the short answer) has when it says that kind of thing; the passage finder weighs
 * it like a word. Also here: the words a question is framed with ("how many *times*", "sin" and
 * "without"), which the finder reads differently from the words of a detail.
 */

/** A question's answer kind, as a term of its own (never a stem nor a synonym concept). */
export const KIND_PREFIX = 'kind:';

interface KindRule {
  kind: string;
  /** Word sequences (folded, lower case, whole words) that ask for it. */
  asks: Record<string, readonly string[]>;
  /** What a text that says it matches, on its folded words joined by single spaces. */
  says: Record<string, RegExp>;
}

const EN_NUMBER = '(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|several)';
const ES_NUMBER =
  '(?:\\d+|un|una|uno|unos|unas|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|quince|treinta|pocos|pocas|varios|varias)';

const RULES: readonly KindRule[] = [
  {
    kind: 'duration',
    asks: {
      en: ['how long', 'how soon', 'how much time'],
      es: [
        'cuanto tarda',
        'cuanto tardan',
        'cuanto se tarda',
        'cuanto demora',
        'cuanto demoran',
        'cuanto tiempo',
        'cuanto se demora',
      ],
    },
    says: {
      en: new RegExp(
        `\\b${EN_NUMBER}(?: (?:to|or|and) \\d+| \\d+)? (?:(?:business|calendar|working) )?(?:minutes?|hours?|days?|weeks?|months?|years?)\\b`,
      ),
      es: new RegExp(
        `\\b${ES_NUMBER}(?: (?:a|o|y) \\d+| \\d+)? (?:minutos?|horas?|dias?|semanas?|mes|meses|anos?)\\b`,
      ),
    },
  },
  {
    kind: 'meaning',
    asks: {
      en: ['stand for', 'stands for', 'meaning of', 'what does … mean', 'what do … mean'],
      es: ['significa', 'significan', 'significado', 'quiere decir', 'quieren decir', 'siglas'],
    },
    says: {
      en: /\b(?:stands for|stand for|is short for|means|abbreviation)\b/,
      es: /\b(?:significa|significan|siglas|quiere decir|abreviatura)\b/,
    },
  },
];

/**
 * "Who" / "quién" asks for a person: the answer is the section headed with the same word ("Who must
 * be on the call", "Quién debe estar en la llamada"), when the question and the heading share
 * what it is about (see `PassageFinder.find`): a heading names what its section says only there.
 */
export const WHO_KIND = `${KIND_PREFIX}who`;

const WHO_WORDS: Record<string, ReadonlySet<string>> = {
  en: new Set(['who', 'whom']),
  es: new Set(['quien', 'quienes']),
};

/** Whether a question asks "who" (anywhere in it). */
export function asksWho(question: AnalyzedText, locale: string): boolean {
  const words = WHO_WORDS[locale.slice(0, 2)];
  return words !== undefined && question.words.some((word) => words.has(word));
}

/** Whether a heading starts with "who" ("Who decides", "Quién puede acompañarlo"). */
export function isWhoHeading(heading: AnalyzedText, locale: string): boolean {
  const first = heading.words[0];
  return first !== undefined && (WHO_WORDS[locale.slice(0, 2)]?.has(first) ?? false);
}

/** Word sequences whose last word frames the question rather than naming a detail. */
const FRAMES: Record<string, readonly string[]> = {
  en: ['how many times', 'how often'],
  es: ['cuantas veces', 'cada cuanto'],
};

/** Words whose next content word they turn into its absence ("sin cita", "without an appointment"). */
const PRIVATIVES: Record<string, ReadonlySet<string>> = {
  en: new Set(['without']),
  es: new Set(['sin']),
};

/** How many function words may come between a privative and its word ("sin una cita"). */
const PRIVATIVE_SCOPE = 3;

/** The term of "without <stem>" ("sin cita" → `kind:without:sit`). */
function privativeTerm(stem: string): string {
  return `${KIND_PREFIX}without:${stem}`;
}

/** Written in a phrase, "…" stands for any words, none included ("what does … mean"). */
const ANY_WORDS = '…';

/** Whether `parts` (a phrase's words, `ANY_WORDS` allowed) match `words` from `start`; where they end, or -1. */
function matchAt(words: readonly string[], parts: readonly string[], start: number): number {
  let at = start;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p] as string;
    if (part !== ANY_WORDS) {
      if (words[at] !== part) return -1;
      at++;
      continue;
    }
    // The gap ends at the first place the rest of the phrase matches.
    for (let next = at; next <= words.length; next++) {
      const end = matchAt(words, parts.slice(p + 1), next);
      if (end >= 0) return end;
    }
    return -1;
  }
  return at;
}

/** Where each occurrence of `phrase` in `words` ends (exclusive), in order. */
function phraseEnds(words: readonly string[], phrase: string): number[] {
  const parts = phrase.split(' ');
  const ends: number[] = [];
  for (let start = 0; start < words.length; start++) {
    const end = matchAt(words, parts, start);
    if (end >= 0) ends.push(end);
  }
  return ends;
}

/** The answer kinds a question asks for. */
export function askedKinds(question: AnalyzedText, locale: string): string[] {
  const language = locale.slice(0, 2);
  return RULES.filter((rule) =>
    (rule.asks[language] ?? []).some((phrase) => phraseEnds(question.words, phrase).length > 0),
  ).map((rule) => `${KIND_PREFIX}${rule.kind}`);
}

/** The answer kinds a passage (or a short answer) says. */
export function saidKinds(text: AnalyzedText, locale: string): string[] {
  const language = locale.slice(0, 2);
  const joined = text.words.join(' ');
  return RULES.filter((rule) => rule.says[language]?.test(joined)).map(
    (rule) => `${KIND_PREFIX}${rule.kind}`,
  );
}

/** The stems of a question's frame words ("times" in "how many times"): they name no detail. */
export function frameStems(question: AnalyzedText, locale: string): Set<string> {
  const stems = new Set<string>();
  for (const phrase of FRAMES[locale.slice(0, 2)] ?? [])
    for (const end of phraseEnds(question.words, phrase)) stems.add(question.stems[end - 1] as string);
  return stems;
}

/**
 * The "without" terms of a text: "sin" or "without" and the content word it governs, as one term.
 * The analysis drops "sin" as a stop word, so "llegar sin cita" and "pedir una cita" share "cita";
 * the term keeps what a passage that says "no atienden a personas sin cita" is about.
 */
export function privativeTerms(text: AnalyzedText, locale: string): string[] {
  const privatives = PRIVATIVES[locale.slice(0, 2)];
  if (!privatives) return [];
  const terms: string[] = [];
  for (let i = 0; i < text.words.length; i++) {
    if (!privatives.has(text.words[i] as string)) continue;
    for (let j = i + 1; j < text.words.length && j <= i + PRIVATIVE_SCOPE + 1; j++) {
      if (text.isStopWord[j]) continue;
      terms.push(privativeTerm(text.stems[j] as string));
      break;
    }
  }
  return terms;
}

/** The stem a "without" term is about (`kind:without:sit` → "sit"), or null for another term. */
export function privativeStem(term: string): string | null {
  const prefix = privativeTerm('');
  return term.startsWith(prefix) ? term.slice(prefix.length) : null;
}
