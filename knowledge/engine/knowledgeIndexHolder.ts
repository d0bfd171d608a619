import { AnswerIndex, type AnswerIndexOptions } from './answerIndex.js';
import { TimeSlicer } from './timeSlicer.js';
import type { UnsaidWord } from './localeIndex.js';
import type { Passage, PassageOptions } from './passages.js';
import type { AnswerResult, IndexDocument } from './types.js';

/**
 * Holds the index the bot answers from and replaces it without stopping: `rebuild` builds a new
 * `AnswerIndex` in time slices (the event loop keeps serving questions from the current one) and
 * swaps it in with a single assignment, so a question sees either the old set or the new one,
 * never a mix. When rebuilds overlap, the one started last wins: older builds stop at their next
 * pause and are dropped.
 */

export interface KnowledgeIndexHolderOptions extends Omit<AnswerIndexOptions, 'slicer'> {
  /** How long a build runs before giving the event loop a turn. */
  sliceBudgetMs?: number;
}

/** Thrown inside a build that a newer rebuild made useless; never escapes `rebuild`. */
class SupersededBuild extends Error {}

/** A slicer that also stops a build once a newer one has started. */
class CancellableSlicer extends TimeSlicer {
  private readonly isCurrent: () => boolean;

  constructor(budgetMs: number, isCurrent: () => boolean) {
    super(budgetMs);
    this.isCurrent = isCurrent;
  }

  override async pause(): Promise<void> {
    await super.pause();
    if (!this.isCurrent()) throw new SupersededBuild();
  }
}

export class KnowledgeIndexHolder<D extends IndexDocument = IndexDocument> {
  private readonly options: KnowledgeIndexHolderOptions;
  private current: AnswerIndex<D> | undefined;
  private latestRebuild = 0;

  constructor(options: KnowledgeIndexHolderOptions = {}) {
    this.options = options;
  }

  /** Whether an index has been built (before that, every question gets "none"). */
  get ready(): boolean {
    return this.current !== undefined;
  }

  /** Documents in the index being served (all locales). */
  get articleCount(): number {
    return this.current?.size ?? 0;
  }

  /** The index being served, for explanations and tools. */
  get index(): AnswerIndex<D> | undefined {
    return this.current;
  }

  answer(text: string, locale: string): AnswerResult<D> {
    const index = this.current;
    if (!index)
      return { decision: 'none', score: 0, alternatives: [], ranking: [], queryTerms: [], passage: null };
    return index.answer(text, locale);
  }

  /** See `AnswerIndex.unsaidWords`: the words of `question` that article `id` never says. */
  unsaidWords(id: string, locale: string, question: string): UnsaidWord[] {
    return this.current?.unsaidWords(id, locale, question) ?? [];
  }

  /** See `AnswerIndex.passageFor`: the passage of article `id` that answers `question`, or null. */
  passageFor(id: string, locale: string, question: string, options: PassageOptions = {}): Passage | null {
    return this.current?.passageFor(id, locale, question, options) ?? null;
  }

  /**
   * Builds an index of `documents` off the request path and serves it once built. Resolves when
   * this build is served, or when a newer rebuild superseded it; rejects if the build fails (the
   * current index stays).
   */
  async rebuild(documents: readonly D[]): Promise<void> {
    const rebuild = ++this.latestRebuild;
    const isCurrent = (): boolean => rebuild === this.latestRebuild;
    // A copy: the caller may change its array while the build runs.
    const snapshot = [...documents];
    const { sliceBudgetMs, ...indexOptions } = this.options;
    const slicer = new CancellableSlicer(sliceBudgetMs ?? 8, isCurrent);
    try {
      // Start on a fresh turn so even the first slice does not run inside the caller's.
      await slicer.pause();
      const built = await AnswerIndex.build(snapshot, { ...indexOptions, slicer });
      if (isCurrent()) this.current = built;
    } catch (error) {
      if (error instanceof SupersededBuild) return;
      throw error;
    }
  }
}
