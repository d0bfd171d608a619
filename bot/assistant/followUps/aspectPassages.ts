import type { Locale } from '../../../contracts/locale.js';
import type { KnowledgeArticle } from '../../../contracts/article.js';
import type { AssistantText } from '../assistantText.js';
import { splitPassages } from '../../../knowledge/engine/index.js';
import { AspectEvidence } from './aspectEvidence.js';
import { AspectFocus } from './aspectFocus.js';
import type { FollowUpAspect } from './followUpAspect.js';
import type { ArticlePassage, PassageSource } from './passageSource.js';

/**
 * The details a passage can be about, told apart by their words. "What happens next" and "what
 * does it mean" are written with words every passage has ("then", "after", "is a"), so they
 * never decide what a passage is about.
 */
const FOCUSED_ASPECTS: readonly FollowUpAspect[] = ['cost', 'time', 'documents', 'where', 'lost'];
/**
 * The details whose passage is looked for by what the passages are about when the passage finder's
 * choice is not: a cost is named by words with no other sense ("fee", "tarifa"). The words of a
 * time, a place or a document have many ("90 days before", "online account", "notice"), and
 * choosing by them finds passages that do not answer.
 */
const FOUND_BY_FOCUS: readonly FollowUpAspect[] = ['cost'];
/** The details an article's short answer usually states, with evidence that it does (see `summaryStates`). */
const SAID_BY_SUMMARY: readonly FollowUpAspect[] = ['form'];

/**
 * Finds the passage of an article that speaks about one detail (cost, time, documents, the form, where, a
 * lost document, next steps). An elliptical follow-up says little ("and the price?"), so the
 * words that detail is written with in each language (`followUp.cues.<aspect>` in the bot
 * resources) join the visitor's words; the answer engine's passage finder then picks the passage,
 * the same one that answers detail questions. Where a detail's words have other senses, the
 * passage must also state it (`AspectEvidence`), or none is shown. When the passage found is
 * about another detail and only mentions this one in passing (`AspectFocus`), the passage that is
 * about this detail is shown instead, if the article has one.
 */
export class AspectPassages {
  private readonly evidence = new Map<string, AspectEvidence>();
  private readonly focus = new Map<Locale, AspectFocus>();

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
    if (!passage) return null;
    const evidence = this.evidenceFor(aspect, locale);
    const stated = evidence.states(passage.text) ? passage : null;
    if (!FOUND_BY_FOCUS.includes(aspect)) return stated;
    const focus = this.focusFor(locale);
    // The passage found stays unless another one is more about the detail than it is.
    let about = stated ? { passage: stated, focus: Math.max(0, focus.focus(stated.text, aspect)) } : null;
    for (const block of splitPassages(article.body ?? '')) {
      const blockFocus = focus.focus(block.text, aspect);
      if (blockFocus > (about?.focus ?? 0) && evidence.states(block.text))
        about = { passage: block, focus: blockFocus };
    }
    return about?.passage ?? null;
  }

  /**
   * Whether the article's short answer states the detail, for the details a short answer is often
   * the one to say (`SAID_BY_SUMMARY`): "which form?" is answered by "file Form I-130…" even when
   * no passage of the body names the form again.
   */
  summaryStates(article: KnowledgeArticle, aspect: FollowUpAspect, locale: Locale): boolean {
    return SAID_BY_SUMMARY.includes(aspect) && this.evidenceFor(aspect, locale).states(article.answer);
  }

  private focusFor(locale: Locale): AspectFocus {
    let focus = this.focus.get(locale);
    if (!focus) {
      focus = new AspectFocus(
        new Map(FOCUSED_ASPECTS.map((aspect) => [aspect, this.text.list(locale, `followUp.cues.${aspect}`)])),
      );
      this.focus.set(locale, focus);
    }
    return focus;
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
