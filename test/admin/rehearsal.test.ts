import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RehearsalResponse } from '../../contracts/adminApi.js';
import { IN_HOURS, TestClock, WEEKEND } from '../handoff/support/agentClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { apiClient, signedInClient, type ApiCall, type ApiErrorBody } from './support/adminApi.js';
import { stringMatching } from '../support/matchers.js';

/**
 * `POST /api/admin/rehearsal`: the assistant as a widget visitor meets it, answering from the
 * drafts, for the editors' preview and "Try it". What comes back are the widget's own messages;
 * nothing is stored or counted.
 */
describe('admin API: rehearsing a conversation with the drafts', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let app: TestApp;
  let editor: ApiCall;

  beforeAll(async () => {
    app = await startTestApp({}, { clock });
    editor = await signedInClient(app, 'eva', ['editor']);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const ALL_TIME = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };
  const pick = (articleId: string, title: string) => ({ text: title, value: { type: 'article', articleId } });

  it('when an editor previews an article being edited, then the short-answer reply comes back as the widget shows it, with the form text, and never the details', async () => {
    const saved = await app.app.store.articles.get('en', 'fee-waiver');
    const response = await editor<RehearsalResponse>('POST', '/api/admin/rehearsal', {
      locale: 'en',
      steps: [pick('fee-waiver', 'Fee waivers')],
      draft: {
        id: 'fee-waiver',
        locale: 'en',
        title: 'Fee waivers',
        answer: 'Ask for a **fee waiver** with Form I-912 (edited, not saved).',
        body: '## Secret details\n\nThe chat never shows this paragraph.',
        related: ['fees', 'no-such-article'],
        links: [{ title: 'Form I-912', url: 'https://www.uscis.gov/i-912' }],
      },
    });
    expect(response.status).toBe(200);
    const [turn] = response.body.turns;
    expect(turn?.visitor).toMatchObject({ role: 'visitor', text: 'Fee waivers', textFormat: 'plain' });
    const [answer, prompt] = turn?.replies ?? [];
    expect(answer).toMatchObject({
      role: 'bot',
      textFormat: 'markdown',
      locale: 'en',
      answer: { articleId: 'fee-waiver', locale: 'en' },
    });
    expect(answer?.text).toContain('Ask for a **fee waiver** with Form I-912 (edited, not saved).');
    expect(answer?.text).toContain('[Form I-912](https://www.uscis.gov/i-912)');
    expect(prompt?.text).toBe('Was this helpful? You can also pick a related topic.');
    const fees = await app.app.store.articles.get('en', 'fees');
    // The unknown related id is left out, as it is for visitors; the draft has a body, so visitors
    // are offered the full article, which the preview shows as a button only.
    expect(prompt?.suggestedActions.map((action) => action.title)).toEqual([
      'Yes',
      'No',
      'Show the full article',
      fees?.draft.title,
    ]);
    expect(JSON.stringify(response.body)).not.toContain('Secret details');
    // The form was not saved by previewing it.
    expect(await app.app.store.articles.get('en', 'fee-waiver')).toEqual(saved);
  });

  it('when an editor presses the buttons of a preview, then each press is a further turn of the same conversation', async () => {
    const response = await editor<RehearsalResponse>('POST', '/api/admin/rehearsal', {
      locale: 'es',
      steps: [
        pick('fee-waiver', 'Exención de tarifas'),
        { text: 'Sí', value: { type: 'feedback', articleId: 'fee-waiver', locale: 'es', helpful: true } },
        pick('fees', 'Tarifas'),
      ],
    });
    expect(response.status).toBe(200);
    const [first, thanks, related] = response.body.turns;
    expect(first?.replies[0]).toMatchObject({ locale: 'es', answer: { articleId: 'fee-waiver' } });
    expect(thanks?.replies.map((reply) => reply.text)).toEqual([expect.stringMatching(/Gracias/)]);
    expect(related?.replies[0]).toMatchObject({ answer: { articleId: 'fees', locale: 'es' } });
  });

  it('when an editor tries a question, then the replies are what a visitor would be answered, and nothing is stored or counted', async () => {
    const before = {
      analytics: await app.app.store.analytics.list(ALL_TIME),
      feedback: await app.app.store.feedback.list(ALL_TIME),
    };
    const response = await editor<RehearsalResponse>('POST', '/api/admin/rehearsal', {
      locale: 'en',
      steps: [
        { text: 'how do I chat with a live agent' },
        { text: 'No', value: { type: 'feedback', articleId: 'live-chat', locale: 'en', helpful: false } },
      ],
    });
    expect(response.status).toBe(200);
    const [question] = response.body.turns;
    expect(question?.visitor.text).toBe('how do I chat with a live agent');
    expect(question?.replies[0]?.answer).toEqual({ articleId: 'live-chat', locale: 'en' });
    expect(await app.app.store.analytics.list(ALL_TIME)).toEqual(before.analytics);
    expect(await app.app.store.feedback.list(ALL_TIME)).toEqual(before.feedback);
  });

  it('when the visitor asks for a live agent, then in hours the rehearsal says a real chat would join the queue (nobody is queued); out of hours the assistant gives the hours', async () => {
    const ask = () =>
      editor<RehearsalResponse>('POST', '/api/admin/rehearsal', {
        locale: 'en',
        steps: [{ text: 'Talk to an agent', value: { type: 'agent_request' } }],
      });
    const inHours = await ask();
    expect(inHours.body.turns[0]?.liveAgentRequested).toBe(true);
    expect(await app.app.store.handoff.queued()).toEqual([]);

    clock.set(new Date(WEEKEND));
    try {
      const weekend = await ask();
      expect(weekend.body.turns[0]?.liveAgentRequested).toBe(false);
      expect(weekend.body.turns[0]?.replies.map((reply) => reply.text).join('\n')).toMatch(/Monday/);
    } finally {
      clock.set(new Date(IN_HOURS));
    }
  });

  it('when the caller is not an editor, or sends too much or the wrong shape, then 401, 403 or 400 naming the field', async () => {
    const body = { locale: 'en', steps: [{ text: 'hello' }] };
    expect((await apiClient(app)('POST', '/api/admin/rehearsal', body)).status).toBe(401);
    const agent = await signedInClient(app, 'ana', ['agent']);
    expect((await agent('POST', '/api/admin/rehearsal', body)).status).toBe(403);

    const tooMany = await editor<ApiErrorBody>('POST', '/api/admin/rehearsal', {
      locale: 'en',
      steps: Array.from({ length: 9 }, () => ({ text: 'hello' })),
    });
    expect(tooMany.status).toBe(400);
    expect((tooMany.body.error.details as Array<{ field: string }>)[0]?.field).toBe('body.steps');
    const nested = await editor<ApiErrorBody>('POST', '/api/admin/rehearsal', {
      locale: 'en',
      steps: [{ text: 'x', value: { type: 'article', deep: { a: 1 } } }],
    });
    expect(nested.status).toBe(400);
    const french = await editor<ApiErrorBody>(
      'POST',
      '/api/admin/rehearsal',
      { locale: 'fr', steps: [{ text: 'x' }] },
      { 'accept-language': 'es' },
    );
    expect(french.status).toBe(400);
    expect(french.body.error.details).toEqual([{ field: 'body.locale', message: stringMatching(/^debe/) }]);
  });
});
