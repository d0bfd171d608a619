import type { Locale } from '../../../contracts/locale.js';
import type { KnowledgeArticle } from '../../../knowledge/content/article.js';
import type { AssistantText } from '../assistantText.js';
import { normalizeText } from '../phrasebook.js';
import type { FollowUpAspect } from './followUpAspect.js';
import { articleBlocks, type ArticlePassage } from './passageSource.js';

/**
 * Finds the block of an article that speaks about one detail (cost, time, documents, where, a
 * lost document, next steps) by the words that detail is written with in each language
 * (`followUp.cues.<aspect>` in the bot resources, matched as word beginnings: "fee" finds "fees").
 * A heading that speaks of it counts for every block under it.
 */
export class AspectPassages {
  constructor(private readonly text: AssistantText) {}

  find(article: KnowledgeArticle, aspect: FollowUpAspect, locale: Locale): ArticlePassage | null {
    const cues = this.text.list(locale, `followUp.cues.${aspect}`).map(normalizeText).filter(Boolean);
    if (cues.length === 0) return null;
    let best: ArticlePassage | null = null;
    let bestHits = 0;
    for (const [index, block] of articleBlocks(article.body).entries()) {
      const hits = countCues(block.text, cues) * 2 + countCues(block.heading, cues);
      if (hits > bestHits) {
        best = { index, text: block.text };
        bestHits = hits;
      }
    }
    return best;
  }
}

function countCues(text: string, cues: readonly string[]): number {
  const padded = ` ${normalizeText(text)}`;
  return cues.filter((cue) => padded.includes(` ${cue}`)).length;
}
