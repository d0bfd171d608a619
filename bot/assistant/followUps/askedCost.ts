import type { Locale } from '../../../contracts/locale.js';
import type { KnowledgeArticle } from '../../../contracts/article.js';
import type { Phrasebook } from '../phrasebook.js';
import type { AspectPassages } from './aspectPassages.js';
import type { ArticlePassage } from './passageSource.js';

/**
 * The passage on the cost of an article a question names and asks the price of: "how much is the
 * citizenship application?", "¿cuánto cuesta la ciudadanía?". The answer engine finds passages by
 * the question's words, and "how much" or "cuánto cuesta" are not the passage's ("the N-400 fee is
 * on the form's page"), so the short answer would come back without the cost. Only the cost: its
 * words have no other sense (see `AspectPassages`), where "how long" may ask how long a card is
 * valid. Not for an article whose title names a cost (fees, fee waivers): the cost is its subject,
 * and its short answer says it.
 */
export class AskedCost {
  constructor(
    private readonly phrasebook: Phrasebook,
    private readonly aspects: AspectPassages,
  ) {}

  passageFor(article: KnowledgeArticle, question: string, locale: Locale): ArticlePassage | null {
    if (!this.asksCost(question)) return null;
    if (this.phrasebook.contains('followUp.cost', article.title)) return null;
    return this.aspects.find(article, 'cost', locale, question);
  }

  /**
   * The question asks a price. As typed: read with typos corrected against the cost phrases, "I
   * lost my green card" would be "I cost my green card" (a follow-up made only of such phrases
   * can be read so; a whole question has words of its own).
   */
  private asksCost(question: string): boolean {
    return this.phrasebook.contains('followUp.cost', question);
  }
}
