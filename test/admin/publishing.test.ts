import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../bot/storage/ports.js';
import { postActivity, startTestApp, type TestApp } from '../support/testApp.js';
import type { ArticleResponse } from '../../contracts/adminApi.js';
import { sampleArticle, signedInClient, type ApiCall } from './support/adminApi.js';

interface Answer {
  articleId: string | null;
  texts: string[];
}

/** Asks the assistant through the Bot Framework endpoint, as a channel would; returns which article answered. */
async function ask(app: TestApp, text: string, locale: 'en' | 'es'): Promise<Answer> {
  const { status, activities } = await postActivity(app.baseUrl, { text, locale });
  expect(status).toBe(200);
  const answered = activities.find(
    (activity) =>
      (activity.channelData as { answer?: { articleId?: string } } | undefined)?.answer?.articleId,
  );
  return {
    articleId:
      (answered?.channelData as { answer: { articleId: string } } | undefined)?.answer.articleId ?? null,
    texts: activities.map((activity) => activity.text ?? ''),
  };
}

describe('admin API: publishing without a restart', () => {
  let app: TestApp;
  let editor: ApiCall;

  beforeAll(async () => {
    app = await startTestApp();
    editor = await signedInClient(app, 'eva', ['editor']);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a new article is published, then the very next question is answered from it; unpublished, it is gone again', async () => {
    const question = 'how do I get a permit for my zebra';
    expect((await ask(app, question, 'en')).articleId).not.toBe('zebras');

    await editor('POST', '/api/admin/articles', { article: sampleArticle('zebras', 'en') });
    // A draft: visitors do not see it, "Try it" does.
    expect((await ask(app, question, 'en')).articleId).not.toBe('zebras');
    const tried = await editor<{
      result: {
        decision: string;
        article: { id: string } | null;
        ranking: Array<{ id: string; signals: Record<string, number>; matchedQuestion: string }>;
      };
    }>('POST', '/api/admin/try', { text: question, locale: 'en' });
    expect(tried.body.result.decision).toBe('answer');
    expect(tried.body.result.article?.id).toBe('zebras');
    expect(tried.body.result.ranking[0]).toMatchObject({ id: 'zebras', matchedQuestion: question });
    expect(Object.keys(tried.body.result.ranking[0]!.signals).sort()).toEqual([
      'bm25',
      'charMatch',
      'classifier',
      'coverage',
      'nameCoverage',
      'otherAgency',
      'questionMatch',
      'subject',
    ]);

    const published = await editor<ArticleResponse>('POST', '/api/admin/articles/en/zebras/publish', {
      expectedRevision: 1,
    });
    expect(published.body.article).toMatchObject({ status: 'published', revision: 2, publishedRevision: 2 });
    const answer = await ask(app, question, 'en');
    expect(answer.articleId).toBe('zebras');
    expect(answer.texts.join('\n')).toContain('special zebra permit');

    await editor('POST', '/api/admin/articles/en/zebras/unpublish', { expectedRevision: 2 });
    expect((await ask(app, question, 'en')).articleId).not.toBe('zebras');
    const audit = (await app.app.store.audit.list()).filter((entry) => entry.target === 'en:zebras');
    expect(audit.map((entry) => entry.action)).toEqual([
      'article.unpublish',
      'article.publish',
      'article.create',
    ]);
  });

  it('when the Spanish text of a published article is edited, then visitors keep the old text until it is published', async () => {
    const question = '¿Qué es el sello ADIT?';
    const before = await ask(app, question, 'es');
    expect(before.articleId).toBe('adit-stamp');
    const current = await editor<ArticleResponse>('GET', '/api/admin/articles/es/adit-stamp');
    const newAnswer =
      'El sello ADIT es la prueba temporal de residencia permanente. Pida la cita llamando al Centro de Contacto (texto revisado).';
    const saved = await editor<ArticleResponse>('PUT', '/api/admin/articles/es/adit-stamp', {
      article: { ...current.body.article.draft, answer: newAnswer },
      expectedRevision: current.body.article.revision,
    });
    expect(saved.status).toBe(200);
    const stillOld = await ask(app, question, 'es');
    expect(stillOld.texts.join('\n')).not.toContain('texto revisado');

    // "Try it" sees the draft at once: its index is rebuilt because the drafts changed.
    const tried = await editor<{ result: { article: { id: string } | null } }>('POST', '/api/admin/try', {
      text: 'sello adit texto revisado',
      locale: 'es',
    });
    expect(tried.body.result.article?.id).toBe('adit-stamp');

    await editor('POST', '/api/admin/articles/es/adit-stamp/publish', {
      expectedRevision: saved.body.article.revision,
    });
    const after = await ask(app, question, 'es');
    expect(after.articleId).toBe('adit-stamp');
    expect(after.texts.join('\n')).toContain('texto revisado');
  });

  it('when another instance publishes an article (written straight to the store), then the next change check brings it to visitors', async () => {
    const question = 'how do I get a permit for my okapi';
    const okapis = sampleArticle('okapis', 'en', {
      title: 'Zoo okapi permits',
      answer: 'To keep an okapi you need a special okapi permit from the zoo office.',
      questions: ['how do I get a permit for my okapi', 'okapi permit'],
      tags: ['okapi'],
    });
    const now = new Date().toISOString();
    const record: ArticleRecord = {
      id: 'okapis',
      locale: 'en',
      status: 'published',
      deleted: false,
      draft: okapis,
      published: okapis,
      revision: 1,
      publishedRevision: 1,
      createdAt: now,
      updatedAt: now,
      updatedBy: 'another-instance',
    };
    const { articles } = app.app.store;
    await articles.create(record, {
      id: 'okapis',
      locale: 'en',
      revision: 1,
      action: 'publish',
      content: okapis,
      author: 'another-instance',
      at: now,
      note: null,
    });
    // This instance's index does not know it yet: nothing here published it.
    expect((await ask(app, question, 'en')).articleId).not.toBe('okapis');
    expect(await app.app.knowledgeChanges.check()).toBe(true);
    expect((await ask(app, question, 'en')).articleId).toBe('okapis');
    // Nothing changed since: the check reads one version and rebuilds nothing.
    expect(await app.app.knowledgeChanges.check()).toBe(false);

    // Unpublished elsewhere: gone after the next check.
    const later = new Date(Date.parse(now) + 1).toISOString();
    const unpublished: ArticleRecord = {
      ...record,
      status: 'unpublished',
      published: null,
      publishedRevision: null,
      revision: 2,
      updatedAt: later,
    };
    await articles.update(unpublished, 1, {
      id: 'okapis',
      locale: 'en',
      revision: 2,
      action: 'unpublish',
      content: okapis,
      author: 'another-instance',
      at: later,
      note: null,
    });
    expect(await app.app.knowledgeChanges.check()).toBe(true);
    expect((await ask(app, question, 'en')).articleId).not.toBe('okapis');
  });

  it('when this instance publishes, then its own change check has nothing left to rebuild', async () => {
    const current = await editor<ArticleResponse>('GET', '/api/admin/articles/en/live-chat');
    const saved = await editor<ArticleResponse>('PUT', '/api/admin/articles/en/live-chat', {
      article: { ...current.body.article.draft, body: `${current.body.article.draft.body} (checked)` },
      expectedRevision: current.body.article.revision,
    });
    expect(saved.status).toBe(200);
    await editor('POST', '/api/admin/articles/en/live-chat/publish', {
      expectedRevision: saved.body.article.revision,
    });
    expect(await app.app.knowledgeChanges.check()).toBe(false);
  });

  it('when an article is published twice with no change in between, then the second call writes nothing', async () => {
    const current = await editor<ArticleResponse>('GET', '/api/admin/articles/en/live-chat');
    const again = await editor<ArticleResponse>('POST', '/api/admin/articles/en/live-chat/publish', {
      expectedRevision: current.body.article.revision,
    });
    expect(again.body.article.revision).toBe(current.body.article.revision);
  });
});
