import { beforeAll, describe, expect, it } from 'vitest';
import { loadArticleFiles } from '../../knowledge/content/articleFiles.js';
import type { KnowledgeArticle } from '../../contracts/article.js';
import { AnswerIndex } from '../../knowledge/engine/answerIndex.js';
import { parseCalibration } from '../../knowledge/engine/calibrationFile.js';
import { KNOWLEDGE_CALIBRATION } from '../../knowledge/engine/knowledgeEngine.js';
import { OtherAgencies } from '../../knowledge/engine/otherAgencies.js';
import type { IndexDocument } from '../../knowledge/engine/types.js';

/**
 * The `otherAgency` signal: a question that names another agency's matter (taxes, Social Security,
 * passports, consulates, driver's licenses, birth certificates, immigration court…) about an article
 * whose title, tags and synonyms do not name it. Near-domain questions are shaped like ours; this is
 * what tells them apart (README, "Decision").
 */

const ARTICLES: IndexDocument[] = [
  {
    id: 'correct-card',
    locale: 'en',
    title: 'Correcting a mistake on your card',
    questions: ['my card has a typo in my name', 'how do I fix the date of birth on my card'],
  },
  {
    id: 'resident-stamp',
    locale: 'en',
    title: 'Resident stamp in your passport',
    questions: ['where do I get a stamp proving I am a resident'],
    synonyms: ['passport stamp'],
  },
  {
    id: 'correct-card',
    locale: 'es',
    title: 'Corregir un error en su tarjeta',
    questions: [
      'mi tarjeta tiene mal escrito el nombre',
      'cómo corrijo la fecha de nacimiento en mi tarjeta',
    ],
  },
  {
    id: 'resident-stamp',
    locale: 'es',
    title: 'Sello de residente en su pasaporte',
    questions: ['dónde me dan un sello que pruebe que soy residente'],
    synonyms: ['sello en el pasaporte'],
  },
];

/** A calibration that weighs the signal heavily, so the decision shows it. */
const CALIBRATION = parseCalibration({
  default: {
    weights: {
      bias: -6,
      signals: { bm25: 2, coverage: 2, questionMatch: 3, charMatch: 2, classifier: 5, otherAgency: -8 },
    },
    thresholds: { answer: 0.5, clarify: 0.3, margin: 0.1 },
  },
  locales: {},
});

function signalOf(index: AnswerIndex, text: string, locale: string, id: string): number | undefined {
  return index.rank(text, locale).find((item) => item.document.id === id)?.signals.otherAgency;
}

describe('the otherAgency signal', () => {
  it('when a question names another agency’s matter the article does not name, then it is 1 for that article (en and es)', async () => {
    const index = await AnswerIndex.build(ARTICLES, { calibration: CALIBRATION });
    expect(signalOf(index, 'my social security card has a typo in my name', 'en', 'correct-card')).toBe(1);
    expect(signalOf(index, 'my card has a typo in my name', 'en', 'correct-card')).toBe(0);
    expect(
      signalOf(index, 'mi tarjeta del Seguro Social tiene mal escrito el nombre', 'es', 'correct-card'),
    ).toBe(1);
    expect(signalOf(index, 'mi tarjeta tiene mal escrito el nombre', 'es', 'correct-card')).toBe(0);
  });

  it('when the article itself names the matter in its title, tags or synonyms, then it is 0 (en and es)', async () => {
    const index = await AnswerIndex.build(ARTICLES, { calibration: CALIBRATION });
    expect(signalOf(index, 'can I get the resident stamp in my passport', 'en', 'resident-stamp')).toBe(0);
    expect(signalOf(index, '¿me ponen el sello de residente en el pasaporte?', 'es', 'resident-stamp')).toBe(
      0,
    );
  });

  it('when it is weighed by the calibration, then a question about another agency’s card gets none and ours an answer', async () => {
    const index = await AnswerIndex.build(ARTICLES, { calibration: CALIBRATION });
    expect(index.answer('my card has a typo in my name', 'en').article?.id).toBe('correct-card');
    expect(index.answer('my social security card has a typo in my name', 'en').decision).toBe('none');
    expect(index.answer('mi tarjeta tiene mal escrito el nombre', 'es').article?.id).toBe('correct-card');
    expect(index.answer('mi tarjeta del seguro social tiene mal escrito el nombre', 'es').decision).toBe(
      'none',
    );
  });

  it('when phrases are matched, then it is on whole words, without accents, case or punctuation', () => {
    const english = new OtherAgencies('en');
    expect(english.namedIn(['Where is my W-2?'])).toEqual(english.namedIn(['w 2']));
    expect(english.namedIn(['Where is my W-2?'])).not.toEqual([]);
    expect(english.namedIn(['the taxi was late', 'a passive voice'])).toEqual([]);
    const spanish = new OtherAgencies('es-US');
    expect(spanish.namedIn(['Corte de Inmigración'])).toEqual(spanish.namedIn(['corte de inmigracion']));
    expect(spanish.namedIn(['corte de inmigracion'])).not.toEqual([]);
    expect(new OtherAgencies('fr').namedIn(['passport'])).toEqual([]);
  });
});

/** The engine as the bot runs it: our articles, the shipped calibration. */
describe('other agencies’ matters with our articles', () => {
  let index: AnswerIndex<KnowledgeArticle>;
  beforeAll(async () => {
    const { articles } = await loadArticleFiles();
    index = await AnswerIndex.build(articles, { calibration: KNOWLEDGE_CALIBRATION });
  });

  it('when the shipped calibration weighs the signal, then it counts against the answer in both languages', () => {
    for (const language of ['en', 'es']) {
      const weight = (KNOWLEDGE_CALIBRATION.locales[language] ?? KNOWLEDGE_CALIBRATION.default).weights
        .signals.otherAgency;
      expect(weight, language).toBeLessThan(0);
    }
  });

  it('when a visitor asks about another agency’s document, then no article is given (en and es)', () => {
    const cases: [string, string][] = [
      ['the social security card they mailed me has a typo in my last name', 'en'],
      ['I need to fix the spelling of my name on my birth certificate', 'en'],
      ['la tarjeta del seguro social me llegó con un error en el apellido', 'es'],
      ['necesito corregir mi nombre en el acta de nacimiento', 'es'],
    ];
    for (const [text, locale] of cases) expect(index.answer(text, locale).decision, text).toBe('none');
  });

  it('when the question is ours, then the same kind of question is answered (en and es)', () => {
    const cases: [string, string, string][] = [
      ['the green card they mailed me has a typo in my last name', 'en', 'correct-document'],
      ['la green card me llegó con un error en el apellido', 'es', 'correct-document'],
    ];
    for (const [text, locale, expected] of cases) {
      const result = index.answer(text, locale);
      expect(result.decision, text).not.toBe('none');
      expect(result.ranking[0]?.document.id, text).toBe(expected);
    }
  });

  it('when a visitor asks to renounce U.S. citizenship, invite a visitor on a tourist visa or get a truck or REAL ID license, then no article is given (en and es)', () => {
    // Renouncing citizenship and the invitation for a visitor's visa are the Department of State's;
    // commercial driver's licenses and REAL IDs are the state DMV's. Each shares words with one of
    // ours (citizenship-apply, extend-stay, medical-exam, green cards).
    const cases: [string, string][] = [
      ['I want to give up my American citizenship', 'en'],
      ['cómo renuncio a mi ciudadanía americana', 'es'],
      ['I want to invite my parents on a tourist visa for my graduation', 'en'],
      ['cómo hago una carta de invitación para que mi hermana venga de turista', 'es'],
      ['medical exam for my commercial driver license', 'en'],
      ['examen médico para sacar la licencia comercial', 'es'],
      ['can I get a real id with my green card', 'en'],
      ['puedo sacar la real id con mi green card', 'es'],
    ];
    for (const [text, locale] of cases) {
      const ranked = index.rank(text, locale);
      expect(ranked.length, text).toBeGreaterThan(0);
      // No article names these matters, so every candidate carries the signal.
      for (const item of ranked) expect(item.signals.otherAgency, `${text}: ${item.document.id}`).toBe(1);
      expect(index.answer(text, locale).decision, text).toBe('none');
    }
  });

  it('when a visitor asks how to get a visa, then it is the consulate’s matter even for the article that names tourist visas (en and es)', () => {
    // Getting a visa (the DS-160, the consulate) is the Department of State's; extend-stay names
    // "tourist visa" because extending a stay on one is ours, so only the phrases of getting one mark it.
    const abroad: [string, string][] = [
      ['how can my cousin get a tourist visa to come to my wedding', 'en'],
      ['cómo puede mi primo sacar una visa para venir a mi boda', 'es'],
    ];
    for (const [text, locale] of abroad) {
      expect(signalOf(index, text, locale, 'extend-stay'), text).toBe(1);
      expect(index.answer(text, locale).decision, text).toBe('none');
    }
    const ours: [string, string][] = [
      ['can I stay longer than my tourist visa allows', 'en'],
      ['puedo quedarme más tiempo del que permite mi visa de turista', 'es'],
    ];
    for (const [text, locale] of ours) {
      expect(signalOf(index, text, locale, 'extend-stay'), text).toBe(0);
      const result = index.answer(text, locale);
      expect(result.decision, text).not.toBe('none');
      expect(result.ranking[0]?.document.id, text).toBe('extend-stay');
    }
  });

  it('when a visitor asks how to get or renew a passport, then it is the Department of State’s matter even for the article that names passports (en and es)', () => {
    // The ADIT stamp goes in a passport, so that article names "passport" and is exempt from the
    // bare word; the phrases of getting or renewing one mark it.
    const stateDepartment: [string, string][] = [
      ['how do I get a passport for my son', 'en'],
      ['¿cómo saco el pasaporte?', 'es'],
    ];
    for (const [text, locale] of stateDepartment) {
      expect(signalOf(index, text, locale, 'adit-stamp'), text).toBe(1);
      expect(index.answer(text, locale).decision, text).toBe('none');
    }
    const ours: [string, string][] = [
      ['can I get the ADIT stamp in my passport', 'en'],
      ['¿me pueden poner el sello ADIT en el pasaporte?', 'es'],
    ];
    for (const [text, locale] of ours) {
      expect(signalOf(index, text, locale, 'adit-stamp'), text).toBe(0);
      expect(index.answer(text, locale).article?.id, text).toBe('adit-stamp');
    }
  });
});
