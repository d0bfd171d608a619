import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEvent, FeedbackRecord } from '../../bot/storage/ports.js';
import type { QuestionGroup } from '../../contracts/adminApi.js';
import { postActivity, startTestApp, type TestApp } from '../support/testApp.js';
import { signedInClient, type ApiCall, type ApiErrorBody } from './support/adminApi.js';

function question(
  at: string,
  locale: 'en' | 'es',
  text: string,
  decision: 'answer' | 'clarify' | 'none',
  articleId: string | null = null,
): AnalyticsEvent {
  return {
    id: randomUUID(),
    type: 'question',
    conversationId: 'c1',
    locale,
    at,
    decision,
    articleId,
    score: 0.5,
    text,
    outcome: null,
  };
}

function other(
  at: string,
  locale: 'en' | 'es',
  type: 'handoff_request' | 'case_status',
  outcome: string,
): AnalyticsEvent {
  return {
    id: randomUUID(),
    type,
    conversationId: 'c1',
    locale,
    at,
    decision: null,
    articleId: null,
    score: null,
    text: null,
    outcome,
  };
}

function vote(
  at: string,
  locale: 'en' | 'es',
  articleId: string,
  helpful: boolean,
  text: string,
): FeedbackRecord {
  return { id: randomUUID(), conversationId: 'c1', articleId, locale, question: text, helpful, at };
}

describe('admin API: reports', () => {
  let app: TestApp;
  let editor: ApiCall;

  beforeAll(async () => {
    app = await startTestApp();
    editor = await signedInClient(app, 'eva', ['editor']);
    const { analytics, feedback } = app.app.store;
    const events = [
      question('2026-11-01T10:00:00.000Z', 'en', 'Can I bring my pet llama to the interview?', 'none'),
      question('2026-11-02T10:00:00.000Z', 'en', 'can i bring my pet llama to my interview', 'none'),
      question('2026-11-02T11:00:00.000Z', 'en', 'bringing pet llamas to interviews?', 'none'),
      question('2026-11-03T09:00:00.000Z', 'en', 'What is the parking fee at the office?', 'none'),
      question(
        '2026-11-03T09:30:00.000Z',
        'en',
        'call me at 202-555-0143 about parking fee at the office',
        'none',
      ),
      question('2026-11-03T12:00:00.000Z', 'es', '¿Puedo llevar mi llama a la entrevista?', 'none'),
      question('2026-11-02T12:00:00.000Z', 'en', 'how do I chat live', 'answer', 'live-chat'),
      question('2026-11-02T12:01:00.000Z', 'en', 'reschedule', 'clarify'),
      question('2026-11-03T12:02:00.000Z', 'es', 'chat en vivo', 'answer', 'live-chat'),
      question('2026-10-01T12:00:00.000Z', 'en', 'Can I bring my pet llama?', 'none'),
      other('2026-11-02T13:00:00.000Z', 'en', 'handoff_request', 'queued'),
      other('2026-11-02T13:05:00.000Z', 'en', 'handoff_request', 'out_of_hours'),
      other('2026-11-03T13:00:00.000Z', 'es', 'case_status', 'found'),
    ];
    for (const event of events) await analytics.record(event);
    await feedback.add(
      vote('2026-11-02T12:00:30.000Z', 'en', 'live-chat', false, 'Can I bring my pet llama to the chat?'),
    );
    await feedback.add(vote('2026-11-02T12:05:00.000Z', 'en', 'live-chat', true, 'how do I chat live'));
    await feedback.add(vote('2026-11-03T12:05:00.000Z', 'es', 'live-chat', true, 'chat en vivo'));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when editors open the unanswered questions, then similar wordings are grouped per language with counts, dates and masked text', async () => {
    const response = await editor<{ total: number; groups: QuestionGroup[] }>(
      'GET',
      '/api/admin/reports/unanswered?from=2026-11-01&to=2026-11-03',
    );
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(7);
    const [llamas, parking, spanish, ...rest] = response.body.groups;
    expect(rest).toEqual([]);
    expect(llamas).toMatchObject({
      locale: 'en',
      count: 4,
      unanswered: 3,
      notHelpful: 1,
      articleIds: ['live-chat'],
      firstAt: '2026-11-01T10:00:00.000Z',
      lastAt: '2026-11-02T12:00:30.000Z',
    });
    expect([llamas!.wording, ...llamas!.examples]).toContain('bringing pet llamas to interviews?');
    expect(parking).toMatchObject({ locale: 'en', count: 2 });
    expect(JSON.stringify(parking)).not.toContain('202-555-0143');
    expect(JSON.stringify(parking)).toContain('***-***-0143');
    expect(spanish).toMatchObject({
      locale: 'es',
      count: 1,
      wording: '¿Puedo llevar mi llama a la entrevista?',
    });

    const onlySpanish = await editor<{ groups: QuestionGroup[] }>(
      'GET',
      '/api/admin/reports/unanswered?from=2026-11-01&to=2026-11-03&locale=es',
    );
    expect(onlySpanish.body.groups.map((group) => group.locale)).toEqual(['es']);
  });

  it('when editors open the answer analytics, then each locale has its rates, votes per article, handoffs, case lookups and a daily series', async () => {
    const response = await editor<{
      from: string;
      to: string;
      locales: Array<Record<string, unknown> & { days: Array<Record<string, unknown>>; articles: unknown[] }>;
    }>('GET', '/api/admin/reports/analytics?from=2026-11-01&to=2026-11-03');
    expect(response.status).toBe(200);
    const [en, es] = response.body.locales;
    expect(en).toMatchObject({
      locale: 'en',
      questions: 7,
      answered: 1,
      clarified: 1,
      unanswered: 5,
      answeredRate: 0.143,
      unansweredRate: 0.714,
      helpful: 1,
      notHelpful: 1,
      handoffRequests: 2,
      handoffOutcomes: { queued: 1, out_of_hours: 1 },
      caseStatusLookups: 0,
      articles: [{ articleId: 'live-chat', answered: 1, helpful: 1, notHelpful: 1 }],
    });
    expect(en!.days.map((day) => day.date)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(en!.days[1]).toMatchObject({
      questions: 4,
      answered: 1,
      clarified: 1,
      unanswered: 2,
      handoffRequests: 2,
    });
    expect(es).toMatchObject({
      locale: 'es',
      questions: 2,
      answered: 1,
      caseStatusLookups: 1,
      caseStatusOutcomes: { found: 1 },
    });
  });

  it('when the analytics are exported, then CSV with a header row, one row per locale and day', async () => {
    const response = await editor('GET', '/api/admin/reports/analytics.csv?from=2026-11-01&to=2026-11-03');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="analytics-2026-11-01-2026-11-03.csv"',
    );
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'date,locale,questions,answered,clarified,unanswered,helpful,not_helpful,handoff_requests,case_status_lookups',
    );
    expect(lines).toHaveLength(1 + 2 * 3);
    expect(lines).toContain('2026-11-02,en,4,1,1,2,1,1,2,0');
  });

  it('when a visitor question starts like a formula, then the CSV export defuses it', async () => {
    await app.app.store.analytics.record(
      question('2026-11-04T10:00:00.000Z', 'en', '=HYPERLINK("https://evil.example","click")', 'none'),
    );
    await app.app.store.analytics.record(question('2026-11-04T10:00:01.000Z', 'en', '@SUM(1,2)', 'none'));
    const response = await editor('GET', '/api/admin/reports/unanswered.csv?from=2026-11-04&to=2026-11-04');
    const body = response.text.replace(/^\uFEFF/, '');
    expect(body.split('\r\n')[0]).toBe(
      'locale,count,unanswered,not_helpful,first_seen,last_seen,wording,other_wordings,articles',
    );
    expect(body).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    expect(body).toContain(`"'@SUM(1,2)"`);
    expect(body).not.toMatch(/(^|,)[=@+-]/m);
  });

  it('when the period is wrong, then 400 naming the field', async () => {
    const reversed = await editor<ApiErrorBody>(
      'GET',
      '/api/admin/reports/analytics?from=2026-11-05&to=2026-11-01',
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details).toEqual([{ field: 'query.from', message: 'must not be after "to"' }]);
    const tooLong = await editor<ApiErrorBody>(
      'GET',
      '/api/admin/reports/analytics?from=2020-01-01&to=2026-11-01',
    );
    expect(tooLong.status).toBe(400);
    const notADate = await editor<ApiErrorBody>('GET', '/api/admin/reports/unanswered?from=2026-02-31');
    expect(notADate.status).toBe(400);
  });

  it('when a visitor asks something the assistant cannot answer, then it shows in the report, and added as an alternate question it gets answered after publishing', async () => {
    const asked = 'can my tortoise swim in the lake';
    const before = await postActivity(app.baseUrl, { text: asked, locale: 'en' });
    expect(
      before.activities.some(
        (activity) => (activity.channelData as { answer?: { articleId?: string } })?.answer?.articleId,
      ),
    ).toBe(false);
    const today = new Date().toISOString().slice(0, 10);
    const report = await editor<{ groups: QuestionGroup[] }>(
      'GET',
      `/api/admin/reports/unanswered?from=${today}&to=${today}`,
    );
    const group = report.body.groups.find((item) => item.wording === asked);
    expect(group).toMatchObject({ count: 1, unanswered: 1 });

    const added = await editor<{ article: { revision: number } }>(
      'POST',
      '/api/admin/articles/en/emergency-advance-parole/questions',
      {
        question: group!.wording,
      },
    );
    expect(added.status).toBe(200);
    await editor('POST', '/api/admin/articles/en/emergency-advance-parole/publish', {
      expectedRevision: added.body.article.revision,
    });
    const after = await postActivity(app.baseUrl, { text: asked, locale: 'en' });
    const answered = after.activities.find(
      (activity) => (activity.channelData as { answer?: { articleId?: string } })?.answer?.articleId,
    );
    expect((answered?.channelData as { answer: { articleId: string } }).answer.articleId).toBe(
      'emergency-advance-parole',
    );
  });
});
