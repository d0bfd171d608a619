import { describe, expect, it } from 'vitest';
import type { KnowledgeArticle } from '../../contracts/article.js';
import { PublishedKnowledge } from '../../bot/articles/publishedKnowledge.js';
import type { ArticleRecord, ArticleStore } from '../../bot/storage/ports.js';
import { TEST_ARTICLES } from './support/testArticles.js';

function record(article: KnowledgeArticle, deleted = false): ArticleRecord {
  return {
    id: article.id,
    locale: article.locale,
    status: 'published',
    deleted,
    draft: article,
    published: article,
    revision: 1,
    publishedRevision: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'test',
  };
}

/** Only `list` is used; it returns whatever the test has "published" at the time. */
function storeOf(current: () => ArticleRecord[]): { articles: ArticleStore } {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    articles: {
      list: async (filter) => current().filter((entry) => !filter?.status || entry.status === filter.status),
      get: unused,
      create: unused,
      update: unused,
      revisions: unused,
      revision: unused,
      contentVersion: unused,
    },
  };
}

const photoRules = TEST_ARTICLES.find((article) => article.id === 'photo-rules' && article.locale === 'en')!;
const withQuestions = (article: KnowledgeArticle, questions: string[]): KnowledgeArticle => ({
  ...article,
  questions,
});

describe('PublishedKnowledge', () => {
  it('when refreshed, then it answers from the published articles and finds them by id', async () => {
    const knowledge = new PublishedKnowledge(storeOf(() => TEST_ARTICLES.map((article) => record(article))));
    expect(knowledge.ready).toBe(false);
    expect(knowledge.answer('photo size', 'en').decision).toBe('none');

    await knowledge.refresh();
    expect(knowledge.ready).toBe(true);
    expect(knowledge.get('parking', 'es')?.title).toBe('Estacionamiento en la oficina');
    expect(knowledge.get('parking', 'en')?.title).toBe('Parking at the office');
    const ranking = knowledge.answer('how big must application photos be', 'en').ranking;
    expect(ranking[0]?.document.id).toBe('photo-rules');
  });

  it('when an article is published or deleted, then refresh serves the new set', async () => {
    let records = [record(photoRules)];
    const knowledge = new PublishedKnowledge(storeOf(() => records));
    await knowledge.refresh();
    expect(knowledge.get('photo-rules', 'en')).toBeDefined();

    const mailing = withQuestions(
      {
        ...photoRules,
        id: 'mailing-address',
        title: 'Changing your mailing address',
        answer: 'Update your mailing address online within ten days of moving.',
      },
      ['how do I change my address after moving'],
    );
    records = [record(photoRules, true), record(mailing)];
    const { articles } = await knowledge.refresh();
    expect(articles).toBe(1);
    expect(knowledge.get('photo-rules', 'en')).toBeUndefined();
    expect(knowledge.get('mailing-address', 'en')?.title).toBe('Changing your mailing address');
    expect(knowledge.answer('how do I change my address after moving', 'en').ranking[0]?.document.id).toBe(
      'mailing-address',
    );
  });
});
