import { beforeAll, describe, expect, it } from 'vitest';
import { loadArticleFiles } from '../../knowledge/content/articleFiles.js';
import type { KnowledgeArticle } from '../../contracts/article.js';
import { AnswerIndex } from '../../knowledge/engine/answerIndex.js';
import { KNOWLEDGE_CALIBRATION } from '../../knowledge/engine/knowledgeEngine.js';

/** The engine as the bot runs it: our articles, the shipped calibration. */
describe('the answer engine on our articles', () => {
  let index: AnswerIndex<KnowledgeArticle>;
  beforeAll(async () => {
    const { articles } = await loadArticleFiles();
    index = await AnswerIndex.build(articles, { calibration: KNOWLEDGE_CALIBRATION });
  });

  it('when a visitor asks about food stamps, then "food" is not read as "good" and no stamp article is answered', () => {
    const english = index.answer('can I get food stamps', 'en');
    expect(english.queryTerms).not.toContain('good');
    expect(english.decision).toBe('none');
    const spanish = index.answer('puedo recibir cupones de comida', 'es');
    expect(spanish.decision).toBe('none');
    expect(spanish.queryTerms.some((term) => /japon|guion/.test(term))).toBe(false);
  });

  it('when a visitor says the green card is damaged, then it is the renewal/replacement article, not the lost-card one (en and es)', () => {
    // topics.tsv: a damaged card is replaced with Form I-90 (green-card-renew); green-card-lost is
    // about lost and stolen cards.
    const cases: [string, string][] = [
      ['my permanent resident card cracked in half, how do I replace it', 'en'],
      ['the chip on my green card is broken, what form do I need', 'en'],
      ['se partió mi tarjeta de residente, cómo pido otra', 'es'],
    ];
    for (const [text, locale] of cases) {
      const result = index.answer(text, locale);
      expect(result.decision, text).not.toBe('none');
      expect(result.ranking[0]?.document.id, text).toBe('green-card-renew');
    }
  });

  it('when a new citizen asks about registering to vote, then the oath ceremony article answers (en and es)', () => {
    // The voter-registration concept: "register to vote", "inscribirse para votar", "registro de votantes"…
    const cases: [string, string][] = [
      ['can new citizens sign up to vote at the ceremony', 'en'],
      ['where do new citizens get the voter registration form', 'en'],
      ['me puedo inscribir para votar en la ceremonia de naturalización', 'es'],
      ['dónde me registro como votante después de hacerme ciudadano', 'es'],
    ];
    for (const [text, locale] of cases) {
      const result = index.answer(text, locale);
      expect(result.decision, text).toBe('answer');
      expect(result.article?.id, text).toBe('oath-ceremony');
    }
  });

  it('when a question has real typos, then it is still answered with the right article', () => {
    const cases: [string, string, string][] = [
      ['how do I get an adit stmap', 'en', 'adit-stamp'],
      ['check my csae status', 'en', 'case-status'],
      ['how do I reschedual my biometrcs apointment', 'en', 'reschedule-biometrics'],
      ['como reviso el estatus de mi csao', 'es', 'case-status'],
      ['cita de huelas digitales', 'es', 'reschedule-biometrics'],
    ];
    for (const [text, locale, expected] of cases) {
      const result = index.answer(text, locale);
      expect(result.decision, text).toBe('answer');
      expect(result.article?.id, text).toBe(expected);
    }
  });
});
