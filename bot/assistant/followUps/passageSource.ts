import type { KnowledgeArticle } from '../../../knowledge/content/article.js';

/** One block of an article's body (a paragraph or a list item) that answers something on its own. */
export interface ArticlePassage {
  /** Its place among the body's blocks (what `channelData.answer.passage` names). */
  index: number;
  /** Its Markdown, list marker removed. */
  text: string;
}

/**
 * Finds the passage of an article that answers a detail question. The answer engine offers one
 * (precise answers); the assistant takes it through this port, so a follow-up can be answered
 * from the article the conversation is about without the engine searching every article.
 */
export interface PassageSource {
  passageFor(article: KnowledgeArticle, question: string): ArticlePassage | null;
}

/** An article body's blocks, in order: paragraphs and list items; headings are not passages. */
export function articleBlocks(body: string): { text: string; heading: string }[] {
  const blocks: { text: string; heading: string }[] = [];
  let heading = '';
  for (const chunk of body.split(/\n\s*\n/)) {
    const lines = chunk.split('\n').map((line) => line.trimEnd());
    const first = lines[0]?.trim() ?? '';
    if (/^#{1,6}\s/.test(first)) {
      heading = first.replace(/^#{1,6}\s+/, '');
      const rest = lines.slice(1).join('\n').trim();
      if (rest) blocks.push(...splitList(rest, heading));
      continue;
    }
    blocks.push(...splitList(chunk.trim(), heading));
  }
  return blocks.filter((block) => block.text !== '');
}

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;

function splitList(chunk: string, heading: string): { text: string; heading: string }[] {
  const lines = chunk.split('\n');
  if (!lines.some((line) => LIST_ITEM.test(line))) return [{ text: chunk, heading }];
  const items: string[] = [];
  for (const line of lines) {
    if (LIST_ITEM.test(line)) items.push(line.replace(LIST_ITEM, '').trim());
    else if (items.length > 0) items[items.length - 1] = `${items[items.length - 1]} ${line.trim()}`;
    else items.push(line.trim());
  }
  return items.map((text) => ({ text, heading }));
}
