import Fuse from 'fuse.js';
import { languageOf } from '../../knowledge/engine/calibrationFile.js';
import type { RankedQuestion } from '../../knowledge/engine/calibration.js';
import type { LabeledQuestion } from '../../knowledge/engine/evaluation.js';
import type { IndexDocument } from '../../knowledge/engine/types.js';

/**
 * The baseline the engine is compared with: a plain fuse.js search over each article's title and
 * alternate questions, top hits ranked by 1 − fuse score. Its thresholds go through the same
 * calibration as the engine's.
 */
export class FuseBaseline {
  private readonly byLanguage = new Map<string, Fuse<IndexDocument>>();

  constructor(documents: readonly IndexDocument[]) {
    const groups = new Map<string, IndexDocument[]>();
    for (const document of documents) {
      const language = languageOf(document.locale);
      groups.set(language, [...(groups.get(language) ?? []), document]);
    }
    for (const [language, group] of groups) {
      this.byLanguage.set(
        language,
        new Fuse(group, {
          keys: ['title', 'questions'],
          includeScore: true,
          ignoreLocation: true,
          ignoreDiacritics: true,
          threshold: 0.6,
        }),
      );
    }
  }

  rank(question: LabeledQuestion, limit = 5): RankedQuestion {
    const fuse = this.byLanguage.get(languageOf(question.locale));
    const hits = fuse ? fuse.search(question.text.slice(0, 500), { limit }) : [];
    return {
      expect: question.expect,
      ...(question.clarify ? { clarify: question.clarify } : {}),
      ranking: hits.map((hit) => ({ id: hit.item.id, score: 1 - (hit.score ?? 1) })),
    };
  }
}
