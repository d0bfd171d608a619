import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { loadArticleFiles } from '../../knowledge/content/articleFiles.js';
import { formatFileProblem } from '../../knowledge/content/validateArticles.js';
import type { LabeledQuestion } from '../../knowledge/engine/evaluation.js';
import type { IndexDocument } from '../../knowledge/engine/types.js';

/**
 * Reads the JSONL files the evaluation and calibration scripts take: articles
 * `{"id","locale","title","questions","body"?}` and questions `{"text","locale","expect"}` or
 * `{"text","locale","clarify":[ids]}`
 * (the formats of shared/bench/ and knowledge/eval/).
 */

const benchArticleSchema = z.object({
  id: z.string().min(1),
  locale: z.string().min(2),
  title: z.string(),
  questions: z.array(z.string()),
  body: z.string().optional(),
  answer: z.string().optional(),
  tags: z.array(z.string()).optional(),
  synonyms: z.array(z.string()).optional(),
});

/**
 * `expect`: the right document's id, or null when out of scope. A vague question has
 * `"clarify": [ids...]` (two or more) instead: the articles it could mean (see `LabeledQuestion`).
 */
const labeledQuestionSchema = z.union([
  z.object({
    text: z.string().min(1),
    locale: z.string().min(2),
    expect: z.string().min(1).nullable(),
    clarify: z.never({ message: 'a question has "expect" or "clarify", not both' }).optional(),
  }),
  z
    .object({
      text: z.string().min(1),
      locale: z.string().min(2),
      clarify: z.array(z.string().min(1)).min(2),
    })
    .strict()
    .transform((question) => ({ ...question, expect: null })),
]);

async function readJsonl<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  const text = await readFile(file, 'utf8');
  const rows: T[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not JSON: ${(error as Error).message}`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid row'}`);
    rows.push(parsed.data);
  });
  return rows;
}

export function readArticlesJsonl(file: string): Promise<IndexDocument[]> {
  return readJsonl(file, benchArticleSchema);
}

/** The articles to measure: a JSONL file's, or else the repository's (files that do not load are skipped with a warning). */
export async function readDocuments(articlesFile: string | undefined): Promise<IndexDocument[]> {
  if (articlesFile !== undefined) return readArticlesJsonl(articlesFile);
  const loaded = await loadArticleFiles();
  for (const problem of loaded.problems) console.warn(`skipped ${formatFileProblem(problem)}`);
  return loaded.articles;
}

export function readQuestionsJsonl(file: string): Promise<LabeledQuestion[]> {
  return readJsonl(file, labeledQuestionSchema);
}

/** A question about one article and what its answer must say: a passage's words, or null for its short answer. */
const passageQuestionSchema = z.object({
  text: z.string().min(1),
  locale: z.string().min(2),
  article: z.string().min(1),
  expect: z.string().min(1).nullable(),
});
export type PassageQuestion = z.infer<typeof passageQuestionSchema>;

export function readPassageQuestionsJsonl(file: string): Promise<PassageQuestion[]> {
  return readJsonl(file, passageQuestionSchema);
}

export async function sha256OfFile(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/**
 * Splits questions in two halves by a hash of their text: deterministic, independent of file
 * order, and the same question always lands in the same half.
 */
export function splitInHalves<T extends { text: string; locale: string }>(rows: readonly T[]): [T[], T[]] {
  const first: T[] = [];
  const second: T[] = [];
  for (const row of rows) {
    const digest = createHash('sha256').update(`${row.locale}\u0000${row.text}`).digest();
    ((digest[0] as number) % 2 === 0 ? first : second).push(row);
  }
  return [first, second];
}
