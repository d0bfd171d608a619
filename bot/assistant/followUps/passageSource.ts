import type { KnowledgeArticle } from '../../../contracts/article.js';
import type { Passage, PassageOptions, UnsaidWord } from '../../../knowledge/engine/index.js';

/** One block of an article's body (a paragraph or a list item) that answers something on its own. */
export interface ArticlePassage {
  /** Its place among the body's blocks (what `channelData.answer.passage` names). */
  index: number;
  /** Its Markdown, list marker removed. */
  text: string;
  /** The heading of the section it belongs to, if any. */
  heading: string | null;
}

/**
 * Finds the passage of an article that answers a follow-up on it ("and how much is it?"). The
 * answer engine's precise answers do it (one passage finder for answers and follow-ups); the
 * assistant takes it through this port.
 */
export interface PassageSource {
  /**
   * `summaryShown` (the default): the visitor already has the article's short answer, so the
   * passage that says most of the detail is wanted. Otherwise a passage only when it says the
   * question better than the short answer, as the engine decides for an answer.
   */
  passageFor(
    article: KnowledgeArticle,
    question: string,
    options?: { summaryShown?: boolean },
  ): ArticlePassage | null;

  /**
   * The words of the question that the article never says (what the visitor wants done aside),
   * each with whether another article says it: none when the question could be asked of it
   * ("can I work?" of the green card application), some when it names something else ("what
   * time is it in Tokyo?").
   */
  unsaidWords(article: KnowledgeArticle, question: string): UnsaidWord[];
}

/** What the engine offers: `KnowledgeIndexHolder.passageFor` (or an index's). */
export interface EnginePassageFinder {
  passageFor(id: string, locale: string, question: string, options?: PassageOptions): Passage | null;
  unsaidWords(id: string, locale: string, question: string): UnsaidWord[];
}

/** The engine's passage finder as the assistant's `PassageSource` (its follow-up mode when the short answer was shown). */
export class EnginePassages implements PassageSource {
  constructor(private readonly engine: EnginePassageFinder) {}

  passageFor(
    article: KnowledgeArticle,
    question: string,
    { summaryShown = true }: { summaryShown?: boolean } = {},
  ): ArticlePassage | null {
    const found = this.engine.passageFor(article.id, article.locale, question, { followUp: summaryShown });
    return found ? { index: found.index, text: found.text, heading: found.heading } : null;
  }

  unsaidWords(article: KnowledgeArticle, question: string): UnsaidWord[] {
    return this.engine.unsaidWords(article.id, article.locale, question);
  }
}
