import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../bot/storage/openStore.js';
import {
  dataDirWithKeptIndex,
  postActivity,
  type ReplyActivity,
  startTestApp,
  type TestApp,
} from '../support/testApp.js';

type Reply = ReplyActivity;

type AnswerData = { articleId: string; locale: string; score: number; passage: number | null };

function answerOf(reply: Reply): AnswerData | null | undefined {
  return (reply.channelData as { answer?: AnswerData | null } | undefined)?.answer;
}

function articleIds(replies: Reply[]): string[] {
  return [...new Set(replies.flatMap((reply) => (answerOf(reply) ? [answerOf(reply)!.articleId] : [])))];
}

function texts(replies: Reply[]): string {
  return replies.map((reply) => reply.text ?? '').join('\n---\n');
}

/** The first "Did you mean" choice offered in the replies, if any. */
function firstChoice(replies: Reply[]): { title: string; articleId: string } | undefined {
  for (const reply of replies) {
    const actions = reply.suggestedActions?.actions;
    const first = actions?.[0];
    const value = first?.value as { type?: string; articleId?: string } | undefined;
    if (first && value?.type === 'article' && value.articleId)
      return { title: first.title, articleId: value.articleId };
  }
  return undefined;
}

/** One visitor's conversation through /api/messages, the Emulator's way (expectReplies). */
function visitor(app: TestApp, channelLocale: string) {
  const conversation = { id: `e2e-${Math.random().toString(36).slice(2)}` };
  const say = async (text: string, extra: Record<string, unknown> = {}): Promise<Reply[]> => {
    const { status, activities } = await postActivity(app.baseUrl, {
      text,
      locale: channelLocale,
      conversation,
      ...extra,
    });
    expect(status).toBe(200);
    // Every reply says whether it came from an article.
    for (const reply of activities) expect(answerOf(reply)).not.toBeUndefined();
    return activities;
  };
  return {
    conversation,
    say,
    /**
     * Asks a question; when the engine is not sure enough and asks "Did you mean", the visitor
     * picks the first choice, as a person would (so the right article must be that first choice).
     * `direct` tells whether the article came without that step.
     */
    async ask(question: string): Promise<{ replies: Reply[]; direct: boolean }> {
      const replies = await say(question);
      if (articleIds(replies).length > 0) return { replies, direct: true };
      const choice = firstChoice(replies);
      if (!choice) return { replies, direct: false };
      const picked = await say(choice.title, { value: { type: 'article', articleId: choice.articleId } });
      return { replies: picked, direct: false };
    },
  };
}

describe('the assistant through /api/messages', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('when an English visitor asks in their own words, then each question gets the right English article', async () => {
    const english = visitor(app, 'en-US');
    const questions: [string, string][] = [
      [
        "My naturalization interview falls on my daughter's wedding day, can I pick another date?",
        'reschedule-interview',
      ],
      ['How long is USCIS taking these days to process a work permit?', 'processing-times'],
      ['Which phone number do I dial to speak with the USCIS Contact Center?', 'contact-center'],
      ['Can my pending petition be handled faster because of a medical crisis?', 'expedite-request'],
      [
        'I lost my green card and travel next week, how do I get a temporary stamp in my passport?',
        'adit-stamp',
      ],
      ['How do I make an online account with USCIS?', 'myuscis-account'],
    ];
    let direct = 0;
    for (const [question, expected] of questions) {
      const asked = await english.ask(question);
      if (asked.direct) direct += 1;
      expect(articleIds(asked.replies), question).toEqual([expected]);
      const answered = asked.replies.filter((reply) => answerOf(reply));
      expect(answered.every((reply) => answerOf(reply)?.locale === 'en' && reply.locale === 'en')).toBe(true);
      expect(String(answered[0]?.text)).toMatch(/\]\(https:\/\//);
    }
    // Questions this clear are mostly answered without a "Did you mean" step.
    expect(direct).toBeGreaterThanOrEqual(questions.length / 2);
  });

  it('when a Spanish visitor asks in their own words, then each question gets the right Spanish article', async () => {
    const spanish = visitor(app, 'es-US');
    const questions: [string, string][] = [
      [
        'Tengo un compromiso el día de mi entrevista de ciudadanía, ¿la puedo pasar a otra fecha?',
        'reschedule-interview',
      ],
      ['¿Dónde veo cuánto tiempo está tardando USCIS en procesar mi formulario?', 'processing-times'],
      ['¿Qué número marco para comunicarme con el Centro de Contacto de USCIS?', 'contact-center'],
      [
        'Perdí mi tarjeta verde y viajo pronto, ¿cómo consigo un sello temporal en el pasaporte?',
        'adit-stamp',
      ],
      ['Quiero registrarme para tener mi propia cuenta de USCIS por internet, ¿qué hago?', 'myuscis-account'],
      ['No puedo ir a mi cita de huellas digitales, ¿cómo la cambio?', 'reschedule-biometrics'],
    ];
    let direct = 0;
    for (const [question, expected] of questions) {
      const asked = await spanish.ask(question);
      if (asked.direct) direct += 1;
      expect(articleIds(asked.replies), question).toEqual([expected]);
      expect(asked.replies.every((reply) => reply.locale === 'es')).toBe(true);
    }
    expect(direct).toBeGreaterThanOrEqual(questions.length / 2);
  });

  it.each([
    [
      'en-US',
      'Can I ask for a supervisor when I call the contact center?',
      'supervisor',
      'Show the full article',
    ],
    [
      'es-US',
      '¿Puedo pedir hablar con un supervisor cuando llamo?',
      'supervisor',
      'Ver el artículo completo',
    ],
  ])(
    'when a %s visitor asks about one detail, then the passage answers, channelData says which, and the full article follows on request',
    async (channelLocale, question, words, fullLabel) => {
      const person = visitor(app, channelLocale);
      const replies = await person.say(question);
      const answered = replies.find((reply) => answerOf(reply));
      const answer = answerOf(answered!) as { articleId: string; passage: number | null };
      expect(answer.articleId).toBe('contact-center-tiers');
      expect(typeof answer.passage).toBe('number');
      expect(String(answered?.text)).toContain(words);
      expect(String(answered?.text)).toMatch(/\]\(https:\/\//);
      const full = replies
        .flatMap((reply) => reply.suggestedActions?.actions ?? [])
        .find((action) => action.title === fullLabel);
      expect(full?.value).toEqual({ type: 'full_article', articleId: 'contact-center-tiers' });
      const shown = await person.say(fullLabel, { value: full?.value });
      expect(shown).toHaveLength(1);
      expect(answerOf(shown[0]!)).toMatchObject({ articleId: 'contact-center-tiers', passage: null });
      // The whole body, not only the passage: every section heading is there.
      expect(String(shown[0]?.text).match(/^## /gm)?.length ?? 0).toBeGreaterThan(3);
    },
  );

  it('when the general question is asked, then the short answer comes with passage null', async () => {
    const replies = await visitor(app, 'en-US').say(
      'How do I get an in-person appointment at a field office?',
    );
    const answered = replies.find((reply) => answerOf(reply));
    expect(answerOf(answered!)).toMatchObject({ articleId: 'in-person-appointment', passage: null });
  });

  it.each([
    ['en-US', 'where is the american embassy in quito', 'closest topics|Contact USCIS'],
    ['es-US', 'dónde está la embajada americana en quito', 'temas más cercanos|Comuníquese con USCIS'],
  ])(
    'when a %s question is near the domain but no article covers it, then no article answers and the help pages are offered',
    async (channelLocale, question, help) => {
      const replies = await visitor(app, channelLocale).say(question);
      expect(articleIds(replies)).toEqual([]);
      expect(texts(replies)).toMatch(new RegExp(help));
      expect(texts(replies)).toContain('https://www.uscis.gov/about-us/contact-us');
    },
  );

  it.each([
    [
      'en-US',
      'am I eligible for an in-person appointment',
      'can’t tell you whether you qualify',
      'legal services',
    ],
    [
      'es-US',
      '¿califico para una cita en persona?',
      'No puedo decirle si usted califica',
      'servicios legales',
    ],
  ])(
    'when a %s visitor asks whether they qualify, then the assistant says it cannot decide, gives the general article and legal help',
    async (channelLocale, question, honest, legal) => {
      const replies = await visitor(app, channelLocale).say(question);
      // After the welcome of a new conversation: the honest reply comes first, then the article.
      const honestAt = replies.findIndex((reply) => String(reply.text).includes(honest));
      const articleAt = replies.findIndex((reply) => answerOf(reply));
      expect(honestAt).toBeGreaterThanOrEqual(0);
      expect(honestAt).toBeLessThan(articleAt);
      expect(articleIds(replies)).toEqual(['in-person-qualifying-services']);
      expect(String(replies.at(-1)?.text)).toContain(legal);
      expect(String(replies.at(-1)?.text)).toContain('https://www.uscis.gov/avoid-scams/find-legal-services');
    },
  );

  it('when a visitor checks a sample case in English, then the status and history come back with the number masked everywhere', async () => {
    const english = visitor(app, 'en-US');
    const status = await english.say('hi, could you look up eac 99-991-03402 for me?');
    const text = texts(status);
    expect(text).toContain('Case Was Approved');
    expect(text).toContain('I-130');
    expect(text).toContain('September 5, 2023');
    expect(text).toContain('EAC*******3402');
    expect(text).not.toContain('9999103402');
    expect(articleIds(status)).toEqual([]);

    const history = await english.say('Show case history', { value: { type: 'case_history' } });
    expect(texts(history)).toContain('May 9, 2023');

    const transcript = await app.app.store.conversations.transcript(english.conversation.id);
    expect(transcript.map((entry) => entry.role)).toContain('visitor');
    expect(JSON.stringify(transcript)).not.toMatch(/9999103402|99-991-03402/);
    const events = await app.app.store.analytics.list({
      from: '2000-01-01T00:00:00.000Z',
      to: '2100-01-01T00:00:00.000Z',
      type: 'case_status',
    });
    const mine = events.filter((event) => event.conversationId === english.conversation.id);
    expect(mine.map((event) => event.outcome)).toEqual(['found']);
    expect(JSON.stringify(mine)).not.toContain('9999103402');
  });

  it('when a visitor checks a sample case in Spanish, then the status comes back in Spanish', async () => {
    const spanish = visitor(app, 'es-US');
    const ask = await spanish.say('quiero saber el estatus de mi caso');
    expect(texts(ask)).toContain('número de recibo');
    const status = await spanish.say('es MSC9999100005');
    const text = texts(status);
    expect(text).toContain('Entrevista Fue Programada');
    expect(text).toContain('MSC*******0005');
    expect(status.every((reply) => reply.locale === 'es')).toBe(true);
  });

  it('when a question is out of scope twice, then the visitor is asked to rephrase and then offered a live agent', async () => {
    const english = visitor(app, 'en-US');
    const first = await english.say("What's a good recipe for banana bread?");
    expect(articleIds(first)).toEqual([]);
    expect(texts(first)).toContain('ask it another way');
    const second = await english.say('Which team won the football game last night?');
    expect(articleIds(second)).toEqual([]);
    expect(texts(second)).toContain('live agent');
    const accepted = await english.say('Yes, please', { value: { type: 'agent_offer', accept: true } });
    expect(texts(accepted)).toContain('800-375-5283');
    expect(texts(accepted)).toContain('https://egov.uscis.gov/e-request/');

    const spanish = visitor(app, 'es-US');
    const unknown = await spanish.say('¿Me das una receta de pan de plátano?');
    expect(articleIds(unknown)).toEqual([]);
    expect(texts(unknown)).toContain('de otra manera');
  });

  it('when a visitor switches language mid-conversation, then the answers follow the new language', async () => {
    const person = visitor(app, 'en-US');
    const first = await person.ask('How do I make an online account with USCIS?');
    expect(articleIds(first.replies)).toEqual(['myuscis-account']);

    const switched = await person.say('español');
    expect(texts(switched)).toContain('seguiré en español');

    // The channel still says en-US: the conversation's choice wins.
    const spanishAnswer = await person.ask('No puedo ir a mi cita de huellas digitales, ¿cómo la cambio?');
    expect(articleIds(spanishAnswer.replies)).toEqual(['reschedule-biometrics']);
    expect(spanishAnswer.replies.every((reply) => reply.locale === 'es')).toBe(true);

    // A message clearly in English switches back, with a note, and is answered in English.
    const back = await person.say('Which phone number do I dial to speak with the USCIS Contact Center?');
    expect(String(back[0]?.text)).toContain('switched to English');
    expect(back.every((reply) => reply.locale === 'en')).toBe(true);
    const offered = articleIds(back).length > 0 ? articleIds(back) : [firstChoice(back)?.articleId];
    expect(offered).toEqual(['contact-center']);
  });

  it('when a visitor chose Spanish in one conversation, then their next one on a channel that sends no locale starts in Spanish', async () => {
    const from = { id: `returning-${Math.random().toString(36).slice(2)}`, name: 'Visitor' };
    const first = await postActivity(app.baseUrl, {
      text: 'español',
      from,
      conversation: { id: `${from.id}-a` },
    });
    expect(texts(first.activities)).toContain('asistente virtual');
    // Messages that keep the language change nothing about the visitor's choice.
    await postActivity(app.baseUrl, { text: 'gracias', from, conversation: { id: `${from.id}-a` } });

    const next = await postActivity(app.baseUrl, { text: 'ok', from, conversation: { id: `${from.id}-b` } });
    expect(texts(next.activities)).toContain('asistente virtual');
    expect(next.activities.every((reply) => reply.locale === 'es')).toBe(true);

    const stranger = await postActivity(app.baseUrl, {
      text: 'ok',
      from: { id: `${from.id}-someone-else` },
      conversation: { id: `${from.id}-c` },
    });
    expect(texts(stranger.activities)).toContain('virtual assistant');
  });

  it('when a channel adds the visitor to the conversation, then the bilingual welcome is sent', async () => {
    const { activities } = await postActivity(app.baseUrl, {
      type: 'conversationUpdate',
      text: undefined,
      locale: 'es-US',
      membersAdded: [{ id: 'visitor-1' }],
    });
    expect(activities).toHaveLength(1);
    expect(String(activities[0]?.text)).toContain('asistente virtual');
    expect(String(activities[0]?.text)).toContain('Prefer English?');
    expect(answerOf(activities[0]!)).toBeNull();
  });

  it('when messages of one conversation arrive together, then they are handled one at a time in order', async () => {
    const person = visitor(app, 'en-US');
    await person.say('hello');
    const sayings = ['thanks', 'who are you', 'goodbye', 'are you a robot'];
    await Promise.all(sayings.map((text) => person.say(text)));
    const transcript = await app.app.store.conversations.transcript(person.conversation.id);
    const roles = transcript.map((entry) => entry.role).join(',');
    // hello → welcome; then each message followed by its one reply, never interleaved.
    expect(roles).toBe('visitor,bot,visitor,bot,visitor,bot,visitor,bot,visitor,bot');
  });

  it('when the app is ready, then readiness reports the answer index', async () => {
    const response = await fetch(`${app.baseUrl}/readyz`);
    const body = (await response.json()) as { checks: Record<string, boolean> };
    expect(response.status).toBe(200);
    expect(body.checks.answerIndex).toBe(true);
  });
});

describe('transcript retention', () => {
  it('when the app starts, then conversations idle past the retention period are deleted', async () => {
    const dataDir = await dataDirWithKeptIndex('va-retention-');
    try {
      const store = await openStore({ kind: 'embedded', dataDir });
      const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
      const recent = new Date().toISOString();
      for (const [id, at] of [
        ['old-conversation', old],
        ['recent-conversation', recent],
      ] as const) {
        await store.conversations.create({
          id,
          channel: 'botframework',
          locale: 'en',
          tokenHash: null,
          reference: null,
          createdAt: at,
          lastActivityAt: at,
        });
      }
      await store.close();

      const app = await startTestApp({ DATA_DIR: dataDir, TRANSCRIPT_RETENTION_DAYS: '30' });
      try {
        let remaining = await app.app.store.conversations.get('old-conversation');
        for (let attempt = 0; remaining && attempt < 50; attempt += 1) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          remaining = await app.app.store.conversations.get('old-conversation');
        }
        expect(remaining).toBeNull();
        expect(await app.app.store.conversations.get('recent-conversation')).not.toBeNull();
      } finally {
        await app.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
