import type { Locale } from '../../../contracts/locale.js';
import type { KnowledgeArticle } from '../../../contracts/article.js';
import type { AnswerResult, RankedDocument } from '../../../knowledge/engine/types.js';
import type { AnswerSource, ArticleCatalog } from '../../../bot/assistant/answerSource.js';
import { normalizeText } from '../../../bot/assistant/phrasebook.js';
import { splitPassages } from '../../../knowledge/engine/passages.js';

/** What the fixed source decides for one question. */
export type FixedDecision =
  /** `passage`: the index of the body passage that answers (see the engine's precise answers). */
  | { decision: 'answer'; articleId: string; score?: number; passage?: number }
  | { decision: 'clarify'; articleIds: readonly string[] }
  /** `closest`: articles ranked below the answer cut, best first (offered after a miss). */
  | { decision: 'none'; closest?: readonly string[] };

/**
 * An answer source that answers from a table (question → decision, per locale) over the test
 * articles; anything not in the table gets "none". It also serves as the article catalog.
 */
export class FixedAnswerSource implements AnswerSource, ArticleCatalog {
  readonly asked: { text: string; locale: Locale }[] = [];
  private readonly table = new Map<string, FixedDecision>();

  constructor(
    private readonly articles: readonly KnowledgeArticle[],
    rules: readonly { text: string; locale: Locale; result: FixedDecision }[] = [],
  ) {
    for (const rule of rules) this.table.set(`${rule.locale}:${normalizeText(rule.text)}`, rule.result);
  }

  get(id: string, locale: Locale): KnowledgeArticle | undefined {
    return this.articles.find((article) => article.id === id && article.locale === locale);
  }

  answer(text: string, locale: Locale): AnswerResult<KnowledgeArticle> {
    this.asked.push({ text, locale });
    const rule = this.table.get(`${locale}:${normalizeText(text)}`) ?? { decision: 'none' };
    const empty = { alternatives: [], ranking: [], queryTerms: [] };
    if (rule.decision === 'answer') {
      const article = this.get(rule.articleId, locale);
      if (!article) throw new Error(`test article ${locale}:${rule.articleId} missing`);
      const found = rule.passage === undefined ? undefined : splitPassages(article.body)[rule.passage];
      const passage = found ? { ...found, score: 1 } : null;
      return { ...empty, decision: 'answer', article, document: article, score: rule.score ?? 0.9, passage };
    }
    if (rule.decision === 'clarify') {
      const alternatives = rule.articleIds.map((id, index) => this.ranked(id, locale, 0.45 - index * 0.05));
      return {
        ...empty,
        decision: 'clarify',
        score: alternatives[0]?.score ?? 0,
        alternatives,
        ranking: alternatives,
      };
    }
    const ranking = (rule.closest ?? []).map((id, index) => this.ranked(id, locale, 0.3 - index * 0.05));
    return { ...empty, decision: 'none', score: ranking[0]?.score ?? 0.05, ranking };
  }

  private ranked(id: string, locale: Locale, score: number): RankedDocument<KnowledgeArticle> {
    const article = this.get(id, locale);
    if (!article) throw new Error(`test article ${locale}:${id} missing`);
    return {
      document: article,
      score,
      signals: {
        bm25: score,
        coverage: score,
        nameCoverage: score,
        subject: score,
        questionMatch: score,
        charMatch: score,
        classifier: score,
        otherAgency: 0,
      },
      matchedQuestion: article.title,
    };
  }
}
