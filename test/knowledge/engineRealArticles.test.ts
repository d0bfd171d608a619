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
