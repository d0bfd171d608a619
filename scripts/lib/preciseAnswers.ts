import type { AnswerIndex } from '../../knowledge/engine/answerIndex.js';
import type { IndexDocument } from '../../knowledge/engine/types.js';
import type { PassageQuestion } from './benchFiles.js';

/**
 * The passage each question of `questions` gets from its article, against what it must say: the
 * expected words in the passage, or no passage (the short answer) for a general question.
 */
export function preciseAnswers(
  index: AnswerIndex<IndexDocument>,
  questions: readonly PassageQuestion[],
): { right: number; total: number; misses: string[] } {
  const misses: string[] = [];
  for (const question of questions) {
    const passage = index.passageFor(question.article, question.locale, question.text);
    const right =
      question.expect === null ? passage === null : (passage?.text.includes(question.expect) ?? false);
    if (right) continue;
    const got = passage === null ? 'the short answer' : `"${passage.text.slice(0, 60)}…"`;
    const wanted = question.expect === null ? 'the short answer' : `"${question.expect}"`;
    misses.push(
      `[${question.locale}] "${question.text}" (${question.article}): wanted ${wanted}, got ${got}`,
    );
  }
  return { right: questions.length - misses.length, total: questions.length, misses };
}
