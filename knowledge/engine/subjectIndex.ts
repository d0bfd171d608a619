import { languageOf } from './calibrationFile.js';
import type { TermWeights } from './cosineIndex.js';
import type { TextAnalyzer } from './textAnalyzer.js';

/**
 * The subject signal: does the question name the thing a document is about?
 *
 * Word overlap cannot tell "how do I renew my passport" from a question about the ADIT stamp: the
 * stamp article says "passport" everywhere (the stamp goes in a passport). What it is *about* is the
 * stamp. Each document's subject is read from the fields that name it (title, tags, synonyms) as
 * their head terms: the noun a phrase is about ("passport stamp" → stamp, "proof of status" →
 * proof, "tarjeta de residente" → tarjeta), plus the synonym concepts the phrase contains ("green
 * card" → syn:green-card). A question scores, for each document, the most specific head term of
 * that document it contains; specific means few documents share that head (log-scaled like an
 * IDF, in [0, 1]): "ADIT" names one article, "card" several. A question that names none of the
 * best document's subjects is about something else, however many words they share; the
 * confidence model weighs this against the other signals (see `confidenceModel.ts`).
 */

/** Words that end the noun phrase a name starts with ("proof | of status", "sello | en el pasaporte"). */
const PHRASE_BREAKS: Record<string, ReadonlySet<string>> = {
  en: new Set(
    'of for in on to with at by from about after before while during and or if when that vs versus'.split(
      ' ',
    ),
  ),
  es: new Set('de del para por en con a al sin sobre y o si cuando que mientras contra'.split(' ')),
};

/** Words that join two verbs opening a phrase ("renovar o reemplazar"). */
const COORDINATORS = new Set(['o', 'y', 'u', 'e']);

/** Spanish infinitives and gerunds ("obtener", "renovando") start titles but are not their subject. */
const SPANISH_VERB_FORM = /(?:ar|er|ir|ando|iendo|arse|erse|irse)$/;

/**
 * An English gerund that opens a title ("Renewing or replacing a green card", "Applying for
 * asylum") says what is done, not what it is done to: the subject is the noun phrase after it.
 */
const ENGLISH_GERUND = /^\p{L}{3,}ing$/u;

/**
 * The head terms (stems and concepts) of one naming phrase of a document. English noun phrases
 * end with their head ("ADIT stamp"), Spanish ones start with it ("sello ADIT"), so English keeps
 * the last content word before the first break and Spanish every content word before it that does
 * not look like an infinitive or a gerund. Verbs that open the phrase (English gerunds, Spanish
 * infinitives and gerunds) are skipped with the break words between them ("Renewing or replacing a
 * green card" → card, "Cómo renovar o reemplazar la tarjeta" → tarjeta), unless nothing else
 * follows ("Fingerprinting" stays its own head).
 */
export function headTerms(phrase: string, analyzer: TextAnalyzer): string[] {
  const language = languageOf(analyzer.locale);
  const breaks = PHRASE_BREAKS[language] ?? new Set<string>();
  const whole = analyzer.analyze(phrase);
  const heads = new Set<string>(whole.concepts);
  // Abbreviations ("U.S.") lose their periods first, so a period only ends a sentence.
  const firstSegment =
    phrase
      .replace(/\b(?:\p{L}\.){2,}/gu, (abbreviation) => abbreviation.replaceAll('.', ''))
      .split(/[(),:;?!¿¡.]/)
      .find((segment) => segment.trim() !== '') ?? '';
  const segment = analyzer.analyze(firstSegment);
  const chunk: { word: string; stem: string }[] = [];
  // Verbs that open the phrase ("Renewing or replacing…", "Cómo renovar o reemplazar…").
  const openingGerunds: { word: string; stem: string }[] = [];
  for (let i = 0; i < segment.words.length; i++) {
    const word = segment.words[i] as string;
    if (breaks.has(word) && chunk.length > 0) break;
    // A Spanish verb followed by a preposition names an action ("presentar en línea", "escribir a
    // USCIS"), not a thing: only verbs joined by "o"/"y" are skipped toward their object.
    if (
      language === 'es' &&
      openingGerunds.length > 0 &&
      chunk.length === 0 &&
      breaks.has(word) &&
      !COORDINATORS.has(word)
    )
      break;
    if (segment.isStopWord[i]) continue;
    const term = { word, stem: segment.stems[i] as string };
    const opensWithVerb =
      chunk.length === 0 &&
      (language === 'en' ? ENGLISH_GERUND.test(word) : language === 'es' && SPANISH_VERB_FORM.test(word));
    if (opensWithVerb) openingGerunds.push(term);
    else chunk.push(term);
  }
  // A lone verb is its own head ("Fingerprinting"); several verbs and nothing else name no thing.
  if (chunk.length === 0 && openingGerunds.length === 1) chunk.push(...openingGerunds);
  if (language === 'es') {
    for (const { word, stem } of chunk)
      if (!SPANISH_VERB_FORM.test(word) || chunk.length === 1) heads.add(stem);
  } else {
    const last = chunk.at(-1);
    if (last) heads.add(last.stem);
  }
  return [...heads];
}

export interface SubjectScores {
  touched: number[];
  subject: Float64Array;
}

export class SubjectIndex {
  private readonly documentsByHead = new Map<string, number[]>();
  private documentCount = 0;

  /** Records the head terms of one document (documents are numbered 0, 1, 2... in the order added). */
  add(document: number, heads: Iterable<string>): void {
    this.documentCount = Math.max(this.documentCount, document + 1);
    for (const head of new Set(heads)) {
      const list = this.documentsByHead.get(head);
      if (list) list.push(document);
      else this.documentsByHead.set(head, [document]);
    }
  }

  newScratch(): SubjectScores {
    return { touched: [], subject: new Float64Array(this.documentCount) };
  }

  /** How specifically a head names its documents: 1 for a head of one document, less when shared. */
  private specificity(documentFrequency: number): number {
    const total = Math.max(2, this.documentCount);
    return Math.log(1 + total / documentFrequency) / Math.log(1 + total);
  }

  /** For each document, the most specific of its heads the question contains (times its trust). */
  scores(query: TermWeights, scratch: SubjectScores): SubjectScores {
    const { touched, subject } = scratch;
    for (const document of touched) subject[document] = 0;
    touched.length = 0;
    for (const [term, trust] of query) {
      const documents = this.documentsByHead.get(term);
      if (!documents) continue;
      const value = this.specificity(documents.length) * Math.min(1, trust);
      for (const document of documents) {
        if (subject[document] === 0) touched.push(document);
        if (value > (subject[document] as number)) subject[document] = value;
      }
    }
    return scratch;
  }
}
