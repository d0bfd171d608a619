import type { Locale } from '../../../contracts/locale.js';
import type { KnowledgeArticle } from '../../../contracts/article.js';
import type { AssistantText } from '../assistantText.js';
import { AspectEvidence } from './aspectEvidence.js';
import type { FollowUpAspect } from './followUpAspect.js';
import type { ArticlePassage, PassageSource } from './passageSource.js';

/**
 * Finds the passage of an article that speaks about one detail (cost, time, documents, where, a
 * lost document, next steps). An elliptical follow-up says little ("and the price?"), so the
 * words that detail is written with in each language (`followUp.cues.<aspect>` in the bot
 * resources) join the visitor's words; the answer engine's passage finder then picks the passage,
 * the same one that answers detail questions. Where a detail's words have other senses, the
 * passage must also state it (`AspectEvidence`), or none is shown.
 */
export class AspectPassages {
  private readonly evidence = new Map<string, AspectEvidence>();

  constructor(
    private readonly text: AssistantText,
    private readonly passages: PassageSource,
  ) {}

  find(
    article: KnowledgeArticle,
    aspect: FollowUpAspect,
    locale: Locale,
    question = '',
  ): ArticlePassage | null {
    const cues = this.text.list(locale, `followUp.cues.${aspect}`);
    const passage = this.passages.passageFor(article, [question, ...cues].filter(Boolean).join('\n'));
    return passage && this.evidenceFor(aspect, locale).states(passage.text) ? passage : null;
  }

  private evidenceFor(aspect: FollowUpAspect, locale: Locale): AspectEvidence {
    const key = `${locale}\u0000${aspect}`;
    let evidence = this.evidence.get(key);
    if (!evidence) {
      evidence = new AspectEvidence(
        this.text.list(locale, `followUp.evidence.${aspect}`),
        this.text.list(locale, 'followUp.numberWords'),
        this.text.list(locale, `followUp.evidenceExcept.${aspect}`),
      );
      this.evidence.set(key, evidence);
    }
    return evidence;
  }
}
