import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/testApp.js';
import type { ArticleResponse } from '../../contracts/adminApi.js';
import { login, sampleArticle, signedInClient, type ApiCall, type ApiErrorBody } from './support/adminApi.js';

type Details = Array<{ field: string; message: string }>;

describe('admin API: articles, drafts and revisions', () => {
  let app: TestApp;
  let editor: ApiCall;
  let other: ApiCall;

  beforeAll(async () => {
    app = await startTestApp();
    editor = await signedInClient(app, 'eva', ['editor']);
    other = await signedInClient(app, 'omar', ['editor']);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when an editor lists articles, then filters by locale, status, tag and text work and show translation flags', async () => {
    const all = await editor<{ articles: Array<Record<string, unknown>> }>('GET', '/api/admin/articles');
    expect(all.status).toBe(200);
    expect(all.body.articles.length).toBeGreaterThanOrEqual(52);
    expect(all.body.articles[0]).toMatchObject({
      status: 'published',
      missingTranslation: false,
      staleTranslation: false,
      unpublishedChanges: false,
    });

    const spanish = await editor<{ articles: Array<{ locale: string; id: string }> }>(
      'GET',
      '/api/admin/articles?locale=es&status=published',
    );
    expect(spanish.body.articles.every((item) => item.locale === 'es')).toBe(true);

    const text = await editor<{ articles: Array<{ id: string }> }>(
      'GET',
      '/api/admin/articles?q=SELLO%20adit&locale=es',
    );
    expect(text.body.articles.map((item) => item.id)).toContain('adit-stamp');

    const tag = await editor<{ articles: Array<{ id: string }> }>(
      'GET',
      '/api/admin/articles?tag=sello%20adit',
    );
    expect(tag.body.articles.map((item) => item.id)).toEqual(['adit-stamp']);

    const drafts = await editor<{ articles: unknown[] }>('GET', '/api/admin/articles?status=draft');
    expect(drafts.body.articles).toEqual([]);

    const bad = await editor<ApiErrorBody>('GET', '/api/admin/articles?status=gone&locale=fr');
    expect(bad.status).toBe(400);
    expect((bad.body.error.details as Details).map((item) => item.field).sort()).toEqual([
      'query.locale',
      'query.status',
    ]);
  });

  it('when an article is created with bad fields, then 400 lists each field; a good one becomes a draft', async () => {
    const bad = await editor<ApiErrorBody>('POST', '/api/admin/articles', {
      article: {
        ...sampleArticle('Bad Id', 'en'),
        title: '',
        links: [{ title: 'x', url: 'http://plain.example' }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
    const fields = (bad.body.error.details as Details).map((item) => item.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.article.id', 'body.article.title', 'body.article.links.0.url']),
    );

    const unknownField = await editor<ApiErrorBody>('POST', '/api/admin/articles', {
      article: { ...sampleArticle('zebras', 'en'), author: 'me' },
    });
    expect(unknownField.status).toBe(400);

    const created = await editor<ArticleResponse>('POST', '/api/admin/articles', {
      article: sampleArticle('zebras', 'en'),
    });
    expect(created.status).toBe(201);
    expect(created.body.article).toMatchObject({
      id: 'zebras',
      locale: 'en',
      status: 'draft',
      revision: 1,
      published: null,
      checks: { missingTranslation: true },
    });

    const again = await editor<ApiErrorBody>('POST', '/api/admin/articles', {
      article: sampleArticle('zebras', 'en'),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('duplicate');

    const missing = await editor<ApiErrorBody>('GET', '/api/admin/articles/en/no-such-article');
    expect(missing.status).toBe(404);
  });

  it('when two editors save from the same revision, then the second gets 409 and nothing of it is written', async () => {
    await editor('POST', '/api/admin/articles', { article: sampleArticle('okapis', 'en') });
    const base = sampleArticle('okapis', 'en');
    const first = await editor<ArticleResponse>('PUT', '/api/admin/articles/en/okapis', {
      article: { ...base, title: 'Okapi permits (Eva)' },
      expectedRevision: 1,
    });
    expect(first.status).toBe(200);
    expect(first.body.article.revision).toBe(2);

    const second = await other<ApiErrorBody>('PUT', '/api/admin/articles/en/okapis', {
      article: { ...base, title: 'Okapi permits (Omar)' },
      expectedRevision: 1,
    });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'conflict', details: { currentRevision: 2 } });

    const stored = await app.app.store.articles.get('en', 'okapis');
    expect(stored?.draft.title).toBe('Okapi permits (Eva)');
    expect(await app.app.store.articles.revisions('en', 'okapis')).toHaveLength(2);

    // The same race through the store itself: exactly one of two concurrent saves wins.
    const race = await Promise.all(
      ['A', 'B'].map((who) =>
        (who === 'A' ? editor : other)('PUT', '/api/admin/articles/en/okapis', {
          article: { ...base, title: `Okapi permits (${who})` },
          expectedRevision: 2,
        }),
      ),
    );
    expect(race.map((response) => response.status).sort()).toEqual([200, 409]);
  });

  it('when a draft is saved, then visitors still see the published text, the note says what changed and `updated` moves', async () => {
    const before = await editor<ArticleResponse>('GET', '/api/admin/articles/es/adit-stamp');
    const published = before.body.article.published!;
    const saved = await editor<ArticleResponse>('PUT', '/api/admin/articles/es/adit-stamp', {
      article: {
        ...before.body.article.draft,
        updated: '2020-01-01',
        answer: `${before.body.article.draft.answer} Texto nuevo.`,
        questions: [...before.body.article.draft.questions, 'sello adit urgente'],
      },
      expectedRevision: before.body.article.revision,
    });
    // An explicit `updated` is the editor's choice; it is kept.
    expect(saved.body.article.draft.updated).toBe('2020-01-01');
    expect(saved.body.article).toMatchObject({ status: 'published', unpublishedChanges: true, published });

    const again = await editor<ArticleResponse>('PUT', '/api/admin/articles/es/adit-stamp', {
      article: { ...saved.body.article.draft, title: `${saved.body.article.draft.title}.` },
      expectedRevision: saved.body.article.revision,
    });
    // Content changed and `updated` left alone: it becomes today (or stays later).
    expect(again.body.article.draft.updated >= '2026-01-01').toBe(true);

    const history = await editor<{
      revisions: Array<{ revision: number; action: string; author: string; note: string; at: string }>;
    }>('GET', '/api/admin/articles/es/adit-stamp/revisions');
    const last = history.body.revisions.at(-1)!;
    expect(last).toMatchObject({ action: 'update', author: 'eva' });
    expect(last.note).toMatch(/title/);
    expect(last.at).toMatch(/Z$/);
    const previous = history.body.revisions.at(-2)!;
    expect(previous.note).toBe('Changed: answer, questions (+1), updated');

    // Saving the same content again writes no revision.
    const same = await editor<ArticleResponse>('PUT', '/api/admin/articles/es/adit-stamp', {
      article: again.body.article.draft,
      expectedRevision: again.body.article.revision,
    });
    expect(same.body.article.revision).toBe(again.body.article.revision);

    const audit = await app.app.store.audit.list();
    expect(
      audit.find((entry) => entry.action === 'article.update' && entry.target === 'es:adit-stamp'),
    ).toMatchObject({
      actor: 'eva',
    });
  });

  it("when the body names another article than the address, then 400 in the caller's language", async () => {
    const current = await editor<ArticleResponse>('GET', '/api/admin/articles/en/live-chat');
    const response = await editor<ApiErrorBody>(
      'PUT',
      '/api/admin/articles/en/live-chat',
      {
        article: { ...current.body.article.draft, id: 'callbacks' },
        expectedRevision: current.body.article.revision,
      },
      { 'accept-language': 'es-MX' },
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('Algunos campos no son válidos.');
    expect(response.body.error.details).toEqual([
      { field: 'article.id', message: 'debe ser "live-chat", como en la dirección' },
    ]);
  });

  it('when a Spanish-speaking editor sends bad fields, then each field is explained in Spanish', async () => {
    const response = await editor<ApiErrorBody>(
      'POST',
      '/api/admin/articles',
      {
        article: {
          ...sampleArticle('garzas', 'es'),
          title: '',
          answer: 42,
          links: [{ title: 'x', url: 'http://plain.example' }],
          lastReviewed: '2026-13-45',
          author: 'yo',
        },
      },
      { 'accept-language': 'es-US' },
    );
    expect(response.status).toBe(400);
    const details = response.body.error.details as Details;
    expect(details).toEqual(
      expect.arrayContaining([
        { field: 'body.article.title', message: 'no puede estar vacío' },
        { field: 'body.article.answer', message: 'debe ser texto' },
        { field: 'body.article.links.0.url', message: 'debe ser una dirección https://' },
        { field: 'body.article.lastReviewed', message: 'no es una fecha real' },
        { field: 'body.article.author', message: 'no es un campo conocido' },
      ]),
    );
    const missing = await editor<ApiErrorBody>(
      'POST',
      '/api/admin/articles',
      {},
      { 'accept-language': 'es' },
    );
    expect(missing.body.error.details).toEqual([{ field: 'body.article', message: 'es obligatorio' }]);
    const english = await editor<ApiErrorBody>('GET', '/api/admin/reports/analytics?from=2026-02-31');
    expect(english.body.error.details).toEqual([
      { field: 'query.from', message: 'must be a real date written YYYY-MM-DD' },
    ]);
  });

  it('when an editor looks at two revisions and rolls back, then the diff is per field and the old content comes back as a new draft revision', async () => {
    await editor('POST', '/api/admin/articles', { article: sampleArticle('ibis', 'en') });
    const v2 = await editor<ArticleResponse>('PUT', '/api/admin/articles/en/ibis', {
      article: {
        ...sampleArticle('ibis', 'en'),
        answer: 'To keep an ibis you need a special bird permit from the zoo office.',
        tags: ['zebra', 'birds'],
        body: 'More details about zebra permits.\n\nA second paragraph.',
      },
      expectedRevision: 1,
    });
    expect(v2.body.article.revision).toBe(2);

    const diff = await editor<{
      fields: Array<{
        field: string;
        kind: string;
        parts: Array<{ value: unknown; added: boolean; removed: boolean }>;
      }>;
    }>('GET', '/api/admin/articles/en/ibis/diff?from=1&to=2');
    expect(diff.status).toBe(200);
    expect(diff.body.fields.map((field) => field.field)).toEqual(['answer', 'body', 'tags', 'updated']);
    const answer = diff.body.fields[0]!;
    expect(answer.kind).toBe('text');
    expect(answer.parts.filter((part) => part.removed).map((part) => part.value)).toContain('zebra');
    expect(answer.parts.filter((part) => part.added).map((part) => part.value)).toContain('bird');
    const tags = diff.body.fields[2]!;
    expect(tags).toMatchObject({
      kind: 'list',
      parts: [{ value: ['zebra'] }, { value: ['birds'], added: true }],
    });

    const rolled = await editor<ArticleResponse>('POST', '/api/admin/articles/en/ibis/rollback', {
      toRevision: 1,
      expectedRevision: 2,
    });
    expect(rolled.status).toBe(200);
    expect(rolled.body.article.revision).toBe(3);
    expect(rolled.body.article.draft).toEqual(sampleArticle('ibis', 'en'));
    const history = await editor<{ revisions: Array<{ action: string; note: string }> }>(
      'GET',
      '/api/admin/articles/en/ibis/revisions',
    );
    expect(history.body.revisions.map((revision) => revision.action)).toEqual([
      'create',
      'update',
      'rollback',
    ]);
    expect(history.body.revisions[2]!.note).toMatch(
      /^Rolled back to revision 1\. Changed: answer, body, tags/,
    );

    const old = await editor<{ revision: { content: { answer: string } } }>(
      'GET',
      '/api/admin/articles/en/ibis/revisions/2',
    );
    expect(old.body.revision.content.answer).toContain('ibis');
    const stale = await editor('POST', '/api/admin/articles/en/ibis/rollback', {
      toRevision: 2,
      expectedRevision: 2,
    });
    expect(stale.status).toBe(409);
    const nowhere = await editor('POST', '/api/admin/articles/en/ibis/rollback', {
      toRevision: 99,
      expectedRevision: 3,
    });
    expect(nowhere.status).toBe(404);
  });

  it('when an article is deleted, then it leaves the list and visitors, keeps its history and can be restored as a draft', async () => {
    await editor('POST', '/api/admin/articles', { article: sampleArticle('tapirs', 'en') });
    await editor('POST', '/api/admin/articles/en/tapirs/publish', { expectedRevision: 1 });
    const deleted = await editor<ArticleResponse>('DELETE', '/api/admin/articles/en/tapirs', {
      expectedRevision: 2,
    });
    expect(deleted.body.article).toMatchObject({ deleted: true, status: 'unpublished', published: null });
    expect(app.app.knowledge.get('tapirs', 'en')).toBeUndefined();

    const list = await editor<{ articles: Array<{ id: string }> }>('GET', '/api/admin/articles');
    expect(list.body.articles.map((item) => item.id)).not.toContain('tapirs');
    const withDeleted = await editor<{ articles: Array<{ id: string }> }>(
      'GET',
      '/api/admin/articles?deleted=true',
    );
    expect(withDeleted.body.articles.map((item) => item.id)).toContain('tapirs');

    const publishDeleted = await editor<ApiErrorBody>('POST', '/api/admin/articles/en/tapirs/publish', {
      expectedRevision: 3,
    });
    expect(publishDeleted.status).toBe(400);
    const restored = await editor<ArticleResponse>('POST', '/api/admin/articles/en/tapirs/restore', {
      expectedRevision: 3,
    });
    expect(restored.body.article).toMatchObject({ deleted: false, status: 'unpublished', revision: 4 });
    const actions = (await app.app.store.articles.revisions('en', 'tapirs')).map(
      (revision) => revision.action,
    );
    expect(actions).toEqual(['create', 'publish', 'delete', 'restore']);
  });

  it('when one language changed after its twin was last reviewed, then the twin is reported stale; a lone one missing', async () => {
    await editor('POST', '/api/admin/articles', {
      article: sampleArticle('llamas', 'en', { updated: '2026-11-21', lastReviewed: '2026-11-21' }),
    });
    await editor('POST', '/api/admin/articles', {
      article: sampleArticle('llamas', 'es', { updated: '2026-11-01', lastReviewed: '2026-11-01' }),
    });
    const report = await editor<{
      missing: Array<{ id: string; locale: string }>;
      stale: Array<{ id: string; locale: string; message: string }>;
    }>('GET', '/api/admin/translations');
    expect(report.body.stale).toContainEqual(expect.objectContaining({ id: 'llamas', locale: 'es' }));
    expect(report.body.stale.find((item) => item.id === 'llamas' && item.locale === 'en')).toBeUndefined();
    expect(report.body.missing).toContainEqual({ id: 'zebras', locale: 'es' });

    const spanish = await editor<ArticleResponse>('GET', '/api/admin/articles/es/llamas');
    expect(spanish.body.article.checks.staleTranslation).toMatch(/updated on 2026-11-21/);
    const list = await editor<{
      articles: Array<{ id: string; locale: string; staleTranslation: boolean; missingTranslation: boolean }>;
    }>('GET', '/api/admin/articles?q=zebra');
    expect(
      list.body.articles.find((item) => item.id === 'llamas' && item.locale === 'es')?.staleTranslation,
    ).toBe(true);
    expect(list.body.articles.find((item) => item.id === 'zebras')?.missingTranslation).toBe(true);
  });

  it('when a wording from the unanswered report is added to an article, then it is a new draft revision, once', async () => {
    const current = await editor<ArticleResponse>('GET', '/api/admin/articles/en/live-chat');
    const added = await editor<ArticleResponse>('POST', '/api/admin/articles/en/live-chat/questions', {
      question: '  can I   talk to a person online ',
      expectedRevision: current.body.article.revision,
    });
    expect(added.status).toBe(200);
    expect(added.body.article.draft.questions.at(-1)).toBe('can I talk to a person online');
    expect(added.body.article.revision).toBe(current.body.article.revision + 1);
    expect(added.body.article.unpublishedChanges).toBe(true);
    expect(added.body.article.published?.questions).not.toContain('can I talk to a person online');
    const twice = await editor<ArticleResponse>('POST', '/api/admin/articles/en/live-chat/questions', {
      question: 'Can I talk to a person online',
    });
    expect(twice.body.article.revision).toBe(added.body.article.revision);
    const [revision] = (await app.app.store.articles.revisions('en', 'live-chat')).slice(-1);
    expect(revision?.note).toBe('Changed: questions (+1) (from the unanswered questions report)');
  });
});

describe('admin API: refusing injection', () => {
  let app: TestApp;
  let editor: ApiCall;

  beforeAll(async () => {
    app = await startTestApp();
    editor = await signedInClient(app, 'eva', ['editor']);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    ['an operator object as the revision', { expectedRevision: { $ne: null } }],
    ['a $where key', { expectedRevision: 1, $where: 'sleep(1000)' }],
    ['a nested operator', { article: { id: { $gt: '' }, locale: 'en' }, expectedRevision: 1 }],
    ['a __proto__ key', JSON.parse('{"expectedRevision": 1, "__proto__": {"admin": true}}') as unknown],
    ['a constructor key', { expectedRevision: 1, constructor: { prototype: { admin: true } } }],
  ])('when a body carries %s, then 400 and the store is not touched', async (_name, body) => {
    const before = await app.app.store.articles.get('en', 'live-chat');
    for (const path of ['/api/admin/articles/en/live-chat/publish', '/api/admin/articles/en/live-chat']) {
      const response = await editor<ApiErrorBody>(path.endsWith('publish') ? 'POST' : 'PUT', path, body);
      expect(response.status, path).toBe(400);
      expect(response.body.error.code).toBe('invalid_input');
    }
    expect(await app.app.store.articles.get('en', 'live-chat')).toEqual(before);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each([
    '/api/admin/articles?locale[$ne]=en',
    '/api/admin/articles?$where=1',
    '/api/admin/articles?status[$regex]=.*',
    '/api/admin/articles?__proto__[admin]=1',
    '/api/admin/articles?locale=en&locale=es',
    '/api/admin/articles/en/live-chat?$where=1',
    '/api/admin/reports/analytics?from[$gt]=2020-01-01',
    '/api/admin/audit?limit[$gt]=0',
    '/api/admin/articles/en/live-chat/revisions?id[$ne]=x',
    '/api/admin/articles/en/live-chat/revisions?__proto__[admin]=1',
  ])('when the query string is %s, then 400', async (path) => {
    const response = await editor<ApiErrorBody>('GET', path);
    // Refused for what the query carries before any role check: the audit route (admins only)
    // answers an editor the same 400, so nothing tells whether the guess reached a route.
    expect(response.status, path).toBe(400);
    expect(response.body.error.code).toBe('invalid_input');
    const fields = (response.body.error.details as Details).map((item) => item.field);
    expect(
      fields.some((field) => field.startsWith('query')),
      JSON.stringify(fields),
    ).toBe(true);
  });

  it('when the path carries an operator-looking id, then 400 from the path schema', async () => {
    const response = await editor<ApiErrorBody>(
      'GET',
      `/api/admin/articles/en/${encodeURIComponent('{"$ne":null}')}`,
    );
    expect(response.status).toBe(400);
    expect((response.body.error.details as Details)[0]?.field).toBe('path.id');
  });

  it('when the body is not JSON, then it is refused', async () => {
    const response = await fetch(`${app.baseUrl}/api/admin/try`, {
      method: 'POST',
      headers: { authorization: (await loginHeader(app)) ?? '', 'content-type': 'application/json' },
      body: '{"text": "unterminated',
    });
    expect(response.status).toBe(400);
  });
});

async function loginHeader(app: TestApp): Promise<string> {
  return `Bearer ${await login(app, 'eva')}`;
}
