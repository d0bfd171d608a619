import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postActivity, startTestApp, type ReplyActivity, type TestApp } from '../support/testApp.js';

type Reply = ReplyActivity;

const texts = (replies: Reply[]) => replies.map((reply) => reply.text ?? '').join('\n');

/**
 * "Was this helpful?" counts in the editors' reports only for an article the conversation was
 * answered with, once: made-up votes for articles never shown are refused with a clear message,
 * repeats are not counted, and neither is stored. Spoken as a channel speaks it (/api/messages).
 */
describe('feedback is accepted only for an answer given, once', () => {
  let running: TestApp;
  beforeAll(async () => {
    running = await startTestApp();
  });
  afterAll(async () => {
    await running?.stop();
  });

  const votes = () =>
    running.app.store.feedback.list({
      from: new Date(0).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    });

  function conversation(locale: 'en' | 'es') {
    const id = `feedback-${Math.random().toString(36).slice(2)}`;
    return async (text: string, value?: unknown): Promise<Reply[]> => {
      const { status, activities } = await postActivity(running.baseUrl, {
        conversation: { id },
        from: { id: `visitor-${id}` },
        locale: locale === 'es' ? 'es-US' : 'en-US',
        text,
        ...(value === undefined ? {} : { value }),
      });
      expect(status).toBe(200);
      return activities;
    };
  }
  const vote = (articleId: string, locale: 'en' | 'es', helpful: boolean) => ({
    type: 'feedback',
    articleId,
    locale,
    helpful,
  });

  it('when votes arrive for an article never shown, then none is stored, and the visitor is told why', async () => {
    const say = conversation('en');
    const before = (await votes()).length;
    for (let index = 0; index < 10; index += 1) {
      const replies = await say('No', vote('reschedule-biometrics', 'en', false));
      expect(texts(replies)).toContain('I can only take feedback on answers I gave you in this chat');
    }
    expect((await votes()).length).toBe(before);
  });

  it('when the visitor votes on the answer they got, then it counts once; repeats and other articles do not', async () => {
    const say = conversation('es');
    const before = (await votes()).length;
    const answer = await say('Cuenta de USCIS', { type: 'article', articleId: 'myuscis-account' });
    const offered = answer
      .flatMap((reply) => reply.suggestedActions?.actions ?? [])
      .map((action) => action.value as { type?: string; articleId?: string; locale?: string } | undefined)
      .find((value) => value?.type === 'feedback');
    expect(offered).toMatchObject({ articleId: 'myuscis-account', locale: 'es' });

    expect(texts(await say('Sí', vote('myuscis-account', 'es', true)))).toContain('¡Gracias por su opinión!');
    // A repeat (a double click, or a script) is not counted, and not thanked twice: the widget
    // shows the vote already given.
    expect(await say('Sí', vote('myuscis-account', 'es', true))).toEqual([]);
    expect(await say('No', vote('myuscis-account', 'es', false))).toEqual([]);
    // The same article in the other language was never shown in this conversation.
    expect(texts(await say('No', vote('myuscis-account', 'en', false)))).toContain(
      'Solo puedo recibir opiniones sobre las respuestas que le di en este chat',
    );
    const stored = (await votes()).slice(before);
    expect(stored).toMatchObject([{ articleId: 'myuscis-account', locale: 'es', helpful: true }]);
  });
});
