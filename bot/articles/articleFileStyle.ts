import { Document, Scalar, YAMLSeq } from 'yaml';
import type { KnowledgeArticle } from '../../knowledge/content/article.js';

/**
 * Writes an article file the way the repository's files are written by hand: front-matter fields
 * in the repository's order (links before related), the answer and the alternate questions in
 * double quotes (they hold colons, question marks and accents), everything else plain, and the
 * Markdown body after the front matter. `parseArticleFile` reads it back to the same article.
 *
 * Why not `serializeArticleFile`: it writes a valid file in another layout (no quotes, related
 * before links), so exporting the repository's articles would rewrite every file in the git diff.
 * With this layout `knowledge:import` then `knowledge:export` gives back the files byte for byte,
 * and a reviewer sees only what editors changed.
 */
export function serializeArticleFileInRepositoryStyle(article: KnowledgeArticle): string {
  const { body, ...fields } = article;
  const document = new Document({
    id: fields.id,
    locale: fields.locale,
    title: fields.title,
    answer: fields.answer,
    questions: fields.questions,
    tags: fields.tags,
    synonyms: fields.synonyms,
    links: fields.links,
    related: fields.related,
    updated: fields.updated,
    lastReviewed: fields.lastReviewed,
  });
  doubleQuote(document.get('answer', true));
  const questions = document.get('questions', true);
  if (questions instanceof YAMLSeq) questions.items.forEach(doubleQuote);
  return `---\n${document.toString({ lineWidth: 0 })}---\n\n${body.trim()}\n`;
}

function doubleQuote(node: unknown): void {
  if (node instanceof Scalar) node.type = Scalar.QUOTE_DOUBLE;
}
