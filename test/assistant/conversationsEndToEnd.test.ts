import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REPLY_OUTCOMES } from '../../bot/assistant/replyOutcome.js';
import { reportPeriod } from '../../bot/admin/reports/reportPeriod.js';
import { unansweredQuestions } from '../../bot/admin/reports/unansweredQuestions.js';
import { postActivity, startTestApp, type ReplyActivity, type TestApp } from '../support/testApp.js';
import { anyNumber } from '../support/matchers.js';

type Reply = ReplyActivity;

/** What every reply says of itself in `channelData` (checked: a reply that breaks it fails here). */
const replyData = z.looseObject({
  outcome: z.string().optional(),
  locale: z.string().optional(),
  answer: z
    .looseObject({ articleId: z.string(), passage: z.number().nullable().optional() })
    .nullable()
    .optional(),
});

function dataOf(reply: Reply): z.infer<typeof replyData> {
  return replyData.parse(reply.channelData ?? {});
}

function outcomes(replies: Reply[]): string[] {
  return replies.map((reply) => String(dataOf(reply).outcome));
}

/** The articles a "Did you mean" reply offers, in order. */
function articleOptions(reply: Reply): string[] {
  const actions = reply.suggestedActions?.actions ?? [];
  return actions.flatMap(({ value }) => {
    const articleId = (value as { type?: string; articleId?: string } | undefined)?.articleId;
    return articleId ? [articleId] : [];
  });
}

/** The article each reply answers with (undefined for a reply that is not an answer). */
function articleIds(replies: Reply[]): (string | undefined)[] {
  return replies.map((reply) => dataOf(reply).answer?.articleId);
}

function texts(replies: Reply[]): string {
  return replies.map((reply) => reply.text ?? '').join('\n---\n');
}

/**
 * The main conversation flows the way a Bot Framework channel speaks to the assistant: POST
 * /api/messages with `expectReplies`, the real app, its articles and answer engine, the embedded
 * store. Every reply says what it is (`channelData.outcome`) and in which language.
 */
describe('conversations through /api/messages', () => {
  let app: TestApp;

  beforeAll(async () => {
    // One address starts every conversation of the file within a minute: more than the default
    // per-address allowance of the unauthenticated endpoint (unauthenticatedGrowth.test.ts checks it).
    app = await startTestApp({
      WIDGET_IP_CONVERSATIONS_PER_MINUTE: '1000',
      WIDGET_IP_MESSAGES_PER_MINUTE: '6000',
    });
  });

  afterAll(async () => {
    await app?.stop();
  });

  function visitor(channelLocale: string) {
    const conversation = { id: `conversation-${Math.random().toString(36).slice(2)}` };
    const say = async (text: string, extra: Record<string, unknown> = {}): Promise<Reply[]> => {
      const { status, activities } = await postActivity(app.baseUrl, {
        text,
        locale: channelLocale,
        conversation,
        from: { id: `${conversation.id}-visitor` },
        ...extra,
      });
      expect(status).toBe(200);
      for (const reply of activities) {
        expect(REPLY_OUTCOMES).toContain(dataOf(reply).outcome);
        expect(dataOf(reply).locale).toBe(reply.locale);
      }
      return activities;
    };
    return { conversation, say };
  }

  it('when a visitor types everyday answers to the live-agent offer and then leaves a message, then the message is stored after a summary', async () => {
    const chat = visitor('en-US');
    await chat.say("What's a good recipe for banana bread?");
    const offer = await chat.say('Which team won the football game last night?');
    expect(outcomes(offer)).toContain('agentOffer');
    const accepted = await chat.say('yeah');
    expect(outcomes(accepted)).toContain('leaveMessage');
    expect(texts(accepted)).toContain('800-375-5283');
    expect(texts(await chat.say('sure'))).toContain('What is your name?');
    expect(texts(await chat.say('Maria Lopez'))).toContain('email address or your phone number');
    // The last question is offered for confirmation; "no" asks for it, and a yes is no question.
    expect(texts(await chat.say('maria@example.com'))).toContain(
      'Is this your question? "Which team won the football game last night?"',
    );
    expect(texts(await chat.say('nope'))).toContain('What is your question?');
    expect(texts(await chat.say('yes'))).toContain('Please write your question in a few words');
    expect(texts(await chat.say('When will my work permit card arrive?'))).toContain('urgent');
    const summary = await chat.say('not urgent');
    expect(texts(summary)).toContain('- Question: When will my work permit card arrive?');
    expect(await app.app.store.serviceRequests.list({ status: 'open' })).toEqual([]);
    const saved = await chat.say('send it');
    expect(texts(saved)).toContain('Your message is saved');
    const [request] = await app.app.store.serviceRequests.list({ status: 'open' });
    expect(request).toMatchObject({
      conversationId: chat.conversation.id,
      name: 'Maria Lopez',
      email: 'maria@example.com',
      question: 'When will my work permit card arrive?',
      urgent: false,
    });
  });

  it.each([
    ['en-US', 'I need help with my case', 'I have a question about my case'],
    ['es-US', 'hola, necesito ayuda con mi caso', 'tengo una pregunta sobre mi caso'],
  ])(
    'when a visitor (%s) asks for help with their case without a question yet, then the help menu answers; while leaving a message, the same words are the question',
    async (channelLocale, helpWithCase, aboutMyCase) => {
      // They got the legal-help article, or a "Did you mean" on it or on secure messages.
      const help = await visitor(channelLocale).say(helpWithCase);
      expect(outcomes(help)).toEqual(['welcome', 'help']);
      const chat = visitor(channelLocale);
      expect(outcomes(await chat.say(aboutMyCase))).toEqual(['welcome', 'help']);
      // Inside the leave-message dialog no help menu interrupts: the dialog reads the answer to
      // "your question?", and asks for the question itself (the words say there is one, not what).
      await chat.say(
        channelLocale === 'en-US' ? 'I want to talk to a person' : 'quiero hablar con una persona',
      );
      await chat.say(channelLocale === 'en-US' ? 'yes' : 'sí');
      await chat.say('Maria Lopez');
      await chat.say('maria@example.com');
      const asked = await chat.say(aboutMyCase);
      expect(outcomes(asked)).not.toContain('help');
      expect(texts(asked)).toContain(
        channelLocale === 'en-US'
          ? 'Please write your question in a few words'
          : 'escriba su pregunta en pocas palabras',
      );
    },
  );

  it.each([
    ['en-US', 'I want to talk to a person', 'yes', 'no, it is not urgent', '- Urgent: No'],
    ['es-US', 'quiero hablar con una persona', 'sí', 'no, no es urgente', '- Urgente: No'],
  ])(
    'when a visitor (%s) leaves a message and says it is not urgent with a "no" before it, then the message is not urgent',
    async (channelLocale, request, yes, notUrgent, summaryLine) => {
      const chat = visitor(channelLocale);
      expect(outcomes(await chat.say(request))).toContain('leaveMessage');
      await chat.say(yes);
      await chat.say('Maria Lopez');
      await chat.say('maria@example.com');
      await chat.say('When will my work permit card arrive?');
      expect(texts(await chat.say(notUrgent))).toContain(summaryLine);
    },
  );

  it('when a visitor asks for Spanish in a sentence, then the conversation switches, repeats its last answer, and is stored and counted in Spanish', async () => {
    const chat = visitor('en-US');
    const answer = await chat.say('How do I create a USCIS online account?');
    expect(articleIds(answer)).toContain('myuscis-account');

    const switched = await chat.say('¿me puede ayudar en español?');
    expect(outcomes(switched)[0]).toBe('languageSwitch');
    expect(texts(switched)).toContain('seguiré en español');
    expect(switched.every((reply) => reply.locale === 'es')).toBe(true);
    expect(articleIds(switched)).toContain('myuscis-account');
    expect((await app.app.store.conversations.get(chat.conversation.id))?.locale).toBe('es');

    // The channel still says en-US; the conversation speaks Spanish, and analytics say so.
    const unanswered = await chat.say('¿Me das una receta de pan de plátano?');
    expect(outcomes(unanswered)).toEqual(['fallback']);
    const { period } = reportPeriod({}, new Date());
    const report = await unansweredQuestions(app.app.store, period!);
    const mine = report.groups.filter((group) =>
      group.examples.concat(group.wording).some((text) => text.includes('pan de plátano')),
    );
    expect(mine.map((group) => group.locale)).toEqual(['es']);

    const back = await chat.say('in English please');
    expect(texts(back)).toContain("I'll continue in English");
    expect((await app.app.store.conversations.get(chat.conversation.id))?.locale).toBe('en');
  });

  it('when a visitor asks a follow-up without naming the topic, then it is answered from the article of the topic', async () => {
    const chat = visitor('en-US');
    const answer = await chat.say('Can my pending petition be handled faster because of a medical crisis?');
    expect(articleIds(answer)).toContain('expedite-request');
    const followUp = await chat.say('and how long does it take?');
    expect(outcomes(followUp)).toEqual(['passage']);
    expect(dataOf(followUp[0]!).answer).toMatchObject({
      articleId: 'expedite-request',
      passage: anyNumber(),
    });
    expect(texts(followUp)).toContain('24–72 hours');
    const cost = await chat.say('how much does it cost?');
    expect(outcomes(cost)[0]).toBe('notInArticle');
    expect(texts(cost)).toContain("doesn't say how much it costs");
  });

  it.each([
    ['en-US', 'What is DACA?', 'what about renewing it'],
    ['es-US', '¿Qué es DACA?', '¿y cómo lo renuevo?'],
  ])(
    'when a visitor (%s) asks about "it" after an answer, then the question is answered from the topic',
    async (channelLocale, first, second) => {
      const chat = visitor(channelLocale);
      const answer = await chat.say(first);
      expect(articleIds(answer)).toContain('daca');
      const followUp = await chat.say(second);
      expect(articleIds(followUp)).toContain('daca');
      expect(outcomes(followUp)[0]).toBe('answer');
    },
  );

  it.each([
    ['en-US', 'How much is the N-400?', 'what about the work permit?', 'Whether Form I-765 has a fee'],
    [
      'es-US',
      '¿Cuánto cuesta la ciudadanía?',
      '¿y el permiso de trabajo?',
      'Si el Formulario I-765 tiene tarifa',
    ],
  ])(
    'when a visitor (%s) asks what one thing costs and then names another, then the cost of the other answers',
    async (channelLocale, first, second, fee) => {
      const chat = visitor(channelLocale);
      const answer = await chat.say(first);
      expect(articleIds(answer)).toContain('citizenship-apply');
      const other = await chat.say(second);
      expect(dataOf(other[0]!).answer).toMatchObject({ articleId: 'work-permit', passage: anyNumber() });
      expect(texts(other)).toContain(fee);
    },
  );

  it.each([
    ['en-US', 'How do I get a work permit?', 'and citizenship?'],
    ['es-US', '¿Cómo saco el permiso de trabajo?', '¿y la ciudadanía?'],
  ])(
    'when a visitor (%s) names a new subject after an answer, then it is that subject, not the topic again',
    async (channelLocale, first, second) => {
      const chat = visitor(channelLocale);
      expect(articleIds(await chat.say(first))).toContain('work-permit');
      const other = await chat.say(second);
      expect(articleIds(other)).not.toContain('work-permit');
      // Answered with citizenship, or a "Did you mean…?" that offers it first.
      const about = dataOf(other[0]!).answer?.articleId ?? articleOptions(other[0]!)[0];
      expect(about).toBe('citizenship-apply');
    },
  );

  it.each([
    ['en-US', 'How much is the N-400?', 'and can I take the test in Spanish?', /Spanish/],
    ['es-US', '¿Cuánto cuesta la ciudadanía?', '¿y puedo hacer el examen en español?', /español/],
  ])(
    'when a visitor (%s) asks something of its own after a cost, then it is not read as the cost of something else',
    async (channelLocale, first, second, words) => {
      const chat = visitor(channelLocale);
      expect(articleIds(await chat.say(first))).toContain('citizenship-apply');
      const other = await chat.say(second);
      expect(dataOf(other[0]!).answer?.articleId).toBe('citizenship-test');
      expect(texts(other)).toMatch(words);
    },
  );

  it.each([
    ['en-US', 'What is advance parole?', "that didn't help", 'it did not help', 'Talk to an agent'],
    ['es-US', '¿Cómo saco una cita?', 'no me sirvió', 'eso no me ayudó', 'Hablar con un agente'],
  ])(
    'when a visitor (%s) says in words that an answer did not help, then it is the "No" of "Was this helpful?", and said again it gets where to go, not an article',
    async (channelLocale, first, notHelpful, again, agentButton) => {
      const chat = visitor(channelLocale);
      expect(articleIds(await chat.say(first)).some(Boolean)).toBe(true);
      const feedback = await chat.say(notHelpful);
      expect(outcomes(feedback)).toEqual(['feedback']);
      expect(feedback[0]?.suggestedActions?.actions.map((action) => action.title)).toContain(agentButton);
      const second = await chat.say(again);
      expect(outcomes(second)).toEqual(['smallTalk']);
      expect(articleIds(second).some(Boolean)).toBe(false);
    },
  );

  it.each([
    [
      'en-US',
      'my pr card expires soon',
      'what do I do',
      '## Renewing or replacing a 10-year green card (Form I-90)',
    ],
    [
      'es-US',
      'mi tarjeta vence pronto',
      '¿qué hago?',
      '## Cómo renovar o reemplazar la tarjeta verde de 10 años (Formulario I-90)',
    ],
    ['es-US', 'mi tarjeta vence pronto', '¿cuánto cuesta?', 'La tarifa del Formulario I-90'],
  ])(
    'when a visitor (%s) gets "Did you mean this?" with one article and asks a follow-up instead of choosing, then the follow-up is about that article',
    async (channelLocale, first, followUp, says) => {
      const chat = visitor(channelLocale);
      const offer = (await chat.say(first)).filter((reply) => dataOf(reply).outcome === 'clarify');
      expect(offer).toHaveLength(1);
      expect(articleOptions(offer[0]!)).toEqual(['green-card-renew']);
      const reply = await chat.say(followUp);
      expect(dataOf(reply[0]!).answer?.articleId).toBe('green-card-renew');
      expect(texts(reply)).toContain(says);
    },
  );

  it.each([
    ['en-US', 'what happens at the biometrics appointment', 'can I change the date?'],
    ['es-US', 'qué pasa en la cita de biométricos', '¿puedo cambiar la fecha?'],
  ])(
    'when a visitor (%s) asks to change "the date" right after the biometrics appointment, then rescheduling biometrics answers or comes first, not rescheduling an interview',
    async (channelLocale, first, second) => {
      const chat = visitor(channelLocale);
      expect(articleIds(await chat.say(first))).toContain('biometrics-appointment');
      const reply = await chat.say(second);
      const about = dataOf(reply[0]!).answer?.articleId ?? articleOptions(reply[0]!)[0];
      expect(about).toBe('reschedule-biometrics');
    },
  );

  it.each([
    ['en-US', 'what do they ask on the citizenship test', 'can I take it in Spanish?'],
    ['es-US', '¿qué me preguntan en el examen de ciudadanía?', '¿lo puedo hacer en español?'],
  ])(
    'when a visitor (%s) asks whether they can take "it" in Spanish right after the citizenship test, then the passage on its language exception answers, not the interpreter article',
    async (channelLocale, first, second) => {
      const chat = visitor(channelLocale);
      const answer = await chat.say(first);
      expect(articleIds(answer)).toContain('citizenship-test');
      const followUp = await chat.say(second);
      expect(outcomes(followUp)[0]).toBe('passage');
      expect(dataOf(followUp[0]!).answer?.articleId).toBe('citizenship-test');
      expect(dataOf(followUp[0]!).answer?.passage).toEqual(expect.any(Number));
      expect(texts(followUp)).toMatch(channelLocale === 'en-US' ? /Spanish/ : /español/);
    },
  );

  it.each([
    ['en-US', 'how do I renew my green card', 'and can I travel with the receipt?'],
    ['es-US', 'se me venció la mica', 'y puedo viajar con el recibo?'],
  ])(
    'when a visitor (%s) goes on with "and…" after the green card renewal, then the renewal article says it, not the travel documents',
    async (channelLocale, first, second) => {
      const chat = visitor(channelLocale);
      const answer = await chat.say(first);
      expect(articleIds(answer)).toContain('green-card-renew');
      const followUp = await chat.say(second);
      expect(outcomes(followUp)[0]).toBe('passage');
      expect(dataOf(followUp[0]!).answer?.articleId).toBe('green-card-renew');
    },
  );

  it.each([
    ['en-US', 'what is an employment authorization document', 'how do I renew it'],
    ['es-US', '¿Qué es el permiso de trabajo?', '¿cómo lo renuevo?'],
  ])(
    'when a visitor (%s) asks how to renew "it" after the work permit, then the work permit answers, not the green card renewal',
    async (channelLocale, first, second) => {
      const chat = visitor(channelLocale);
      const answer = await chat.say(first);
      expect(articleIds(answer)).toContain('work-permit');
      const followUp = await chat.say(second);
      expect(articleIds(followUp)).toContain('work-permit');
      expect(articleIds(followUp)).not.toContain('green-card-renew');
    },
  );

  it.each([
    ['en-US', 'green card', 'mine expires in 3 months'],
    ['es-US', 'mica', 'la mía ya se venció'],
  ])(
    'when a visitor (%s) answers "did you mean" with more words instead of a choice, then the offer narrows to what they mean',
    async (channelLocale, vague, narrowing) => {
      const chat = visitor(channelLocale);
      const offer = await chat.say(vague);
      expect(outcomes(offer)).toContain('clarify');
      const narrowed = await chat.say(narrowing);
      const first = narrowed[0]!;
      const meant =
        dataOf(first).outcome === 'answer' ? dataOf(first).answer?.articleId : articleOptions(first)[0];
      expect(meant).toBe('green-card-renew');
    },
  );

  it.each([
    ['en-US', 'work permit', 'renew'],
    ['es-US', 'permiso de trabajo', 'renovarlo'],
  ])(
    'when a visitor (%s) answers "did you mean" for the work permit with a word that alone would be the green card renewal, then the offer narrows to the work permit',
    async (channelLocale, vague, narrowing) => {
      const chat = visitor(channelLocale);
      const offer = await chat.say(vague);
      expect(outcomes(offer)).toContain('clarify');
      expect(articleOptions(offer.find((reply) => dataOf(reply).outcome === 'clarify')!)).toContain(
        'work-permit',
      );
      const narrowed = await chat.say(narrowing);
      expect(outcomes(narrowed)[0]).toBe('answer');
      expect(dataOf(narrowed[0]!).answer?.articleId).toBe('work-permit');
    },
  );

  it.each([
    ['en-US', 'green card', 'how do I check my case status'],
    ['es-US', 'mica', '¿cómo reviso el estatus de mi caso?'],
  ])(
    'when a visitor (%s) answers "did you mean" with a question about a subject of its own, then that question is answered',
    async (channelLocale, vague, other) => {
      const chat = visitor(channelLocale);
      expect(outcomes(await chat.say(vague))).toContain('clarify');
      const reply = await chat.say(other);
      expect(dataOf(reply[0]!).answer?.articleId).toBe('case-status');
    },
  );

  it.each([
    ['en-US', 'citizenship interview', 'and if I do not speak English well'],
    ['es-US', 'entrevista de ciudadanía', '¿y si no hablo bien inglés?'],
  ])(
    'when a visitor (%s) answers "did you mean" for the citizenship interview with a question about their English, then the citizenship test answers, not the interpreter article',
    async (channelLocale, vague, narrowing) => {
      const chat = visitor(channelLocale);
      expect(outcomes(await chat.say(vague))).toContain('clarify');
      const narrowed = await chat.say(narrowing);
      expect(dataOf(narrowed[0]!).answer?.articleId).toBe('citizenship-test');
    },
  );

  it('when a visitor narrows a "did you mean" down, then the passage is the one their own words ask for, not one the offered question\'s words pick', async () => {
    const chat = visitor('es-US');
    expect(outcomes(await chat.say('cuándo me toca la entrevista de ciudadanía'))).toContain('clarify');
    const narrowed = await chat.say('y si no hablo bien inglés');
    expect(dataOf(narrowed[0]!).answer?.articleId).toBe('citizenship-test');
    // "le toca" is in the civics passage: the question offered for must not choose it.
    expect(texts(narrowed)).toContain('**Examen de inglés**');
  });

  it.each([
    ['en-US', 'i need help with my green card', 'it expired last month'],
    ['es-US', 'necesito ayuda con mi green card', 'ya se venció'],
  ])(
    'when a visitor (%s) gets no answer and then says more instead of picking a closest topic, then the two messages together are answered',
    async (channelLocale, vague, more) => {
      const chat = visitor(channelLocale);
      const miss = await chat.say(vague);
      expect(outcomes(miss)).toContain('fallback');
      expect(articleOptions(miss.at(-1)!)).toContain('green-card-renew');
      const answer = await chat.say(more);
      expect(outcomes(answer)[0]).toBe('answer');
      expect(dataOf(answer[0]!).answer?.articleId).toBe('green-card-renew');
    },
  );

  it.each([
    ['en-US', 'how do I renew my green card', 'benefits of having an online account', 'myuscis-account'],
    ['es-US', 'cómo renuevo mi tarjeta verde', 'ventajas de tener una cuenta en línea', 'myuscis-account'],
    [
      'es-US',
      'cómo renuevo mi tarjeta verde',
      'qué solo se puede hacer en una oficina local',
      'in-person-qualifying-services',
    ],
    [
      'es-US',
      'puedo viajar con permiso adelantado',
      'por qué uscis dejó de permitir programar citas uno mismo',
      'infopass-history',
    ],
    [
      'en-US',
      'how do I apply for citizenship',
      'status says card was delivered but I did not get it',
      'case-status-meanings',
    ],
    ['en-US', 'I lost my work permit', 'where is my application', 'case-status'],
    ['en-US', 'I got a request for evidence', 'processing times', 'processing-times'],
    ['es-US', 'me llegó una solicitud de evidencia', 'tiempos de procesamiento', 'processing-times'],
  ])(
    'when a visitor (%s) asks "%s" and then "%s", a question of its own, then it is about its own subject, not the topic',
    async (channelLocale, first, second, articleId) => {
      const chat = visitor(channelLocale);
      await chat.say(first);
      const [reply] = await chat.say(second);
      expect(dataOf(reply!).answer?.articleId ?? articleOptions(reply!)[0]).toBe(articleId);
    },
  );

  it.each([
    ['en-US', 'how do I renew my green card', 'what time is it in Tokyo'],
    ['es-US', 'cómo renuevo mi tarjeta verde', '¿y qué hora es en Tokio?'],
  ])(
    'when a visitor (%s) asks something no article speaks of after a topic, with a word that could point back, then it gets no answer',
    async (channelLocale, first, second) => {
      const chat = visitor(channelLocale);
      expect(articleIds(await chat.say(first))).toContain('green-card-renew');
      const reply = await chat.say(second);
      expect(outcomes(reply)).toContain('fallback');
      expect(articleIds(reply).every((id) => id === undefined)).toBe(true);
    },
  );

  it.each([
    [
      'en-US',
      'can i travel outside the us with my green card',
      'how long can i stay outside',
      'reentry permit',
    ],
    [
      'es-US',
      'puedo viajar fuera del pais con mi green card',
      'cuanto tiempo puedo estar afuera',
      'permiso de reingreso',
    ],
    ['es-US', 'cómo solicito la ciudadanía', '¿lo puedo hacer sin saber inglés?', 'examen de inglés'],
  ])(
    'when a visitor (%s) asks "%s" and then "%s", then the passage of the topic answers',
    async (channelLocale, first, second, says) => {
      const chat = visitor(channelLocale);
      const answer = await chat.say(first);
      const topic = articleIds(answer).find((id) => id !== undefined);
      const reply = await chat.say(second);
      expect(outcomes(reply)[0]).toBe('passage');
      expect(dataOf(reply[0]!).answer?.articleId).toBe(topic);
      expect(texts(reply)).toContain(says);
    },
  );

  it.each([
    ['en-US', 'benefits of having an online account', 'how do I create it', 'myuscis-account'],
    [
      'es-US',
      'puedo trabajar mientras mi green card esta en proceso',
      'como lo pido',
      'adjustment-of-status',
    ],
  ])(
    'when a visitor (%s) gets "Did you mean this?" with one article and asks about "it", then that article answers, not "which one?"',
    async (channelLocale, first, second, articleId) => {
      const chat = visitor(channelLocale);
      const offer = await chat.say(first);
      expect(outcomes(offer)).toContain('clarify');
      expect(articleOptions(offer.at(-1)!)).toEqual([articleId]);
      const [reply] = await chat.say(second);
      expect(['answer', 'passage']).toContain(dataOf(reply!).outcome);
      expect(dataOf(reply!).answer?.articleId).toBe(articleId);
    },
  );

  it.each([
    ['en-US', 'i got an RFE', 'what if i miss it', 'If you miss the deadline'],
    [
      'es-US',
      'me llegó una carta de uscis que pide más evidencia',
      'y si se me pasa la fecha',
      'Si no responde a tiempo',
    ],
  ])(
    'when a visitor (%s) asks what happens if they miss the deadline of a request for evidence, then the passage that says it answers',
    async (channelLocale, first, second, says) => {
      const chat = visitor(channelLocale);
      expect(articleIds(await chat.say(first))).toContain('rfe');
      const reply = await chat.say(second);
      expect(dataOf(reply[0]!).answer?.articleId).toBe('rfe');
      expect(texts(reply)).toContain(says);
    },
  );

  it.each([
    [
      'en-US',
      'what documents do i need for the interview',
      'what about the oath ceremony',
      'oath-ceremony',
      'Form N-445',
    ],
    [
      'es-US',
      'que documentos necesito para la entrevista',
      'y para la juramentacion?',
      'oath-ceremony',
      'Formulario N-445',
    ],
    [
      'en-US',
      'what documents do i need for the interview',
      'and for the biometrics?',
      'biometrics-appointment',
      'photo ID',
    ],
    [
      'es-US',
      'que documentos necesito para la entrevista',
      'y para las huellas?',
      'biometrics-appointment',
      'identificación vigente con foto',
    ],
  ])(
    'when a visitor (%s) asks what to bring to one appointment and then names only another, then they are told what to bring to that one',
    async (channelLocale, first, second, articleId, says) => {
      const chat = visitor(channelLocale);
      expect(articleIds(await chat.say(first))).toContain('interview');
      const reply = await chat.say(second);
      expect(dataOf(reply[0]!).answer?.articleId).toBe(articleId);
      expect(texts(reply)).toContain(says);
    },
  );

  it.each([
    ['en-US', 'can i work while waiting for my green card', '1', 'work permit'],
    ['es-US', 'puedo trabajar mientras mi green card esta en proceso', 'sí', 'permiso de trabajo'],
  ])(
    'when a visitor (%s) asks "%s" and picks the green card application from "Did you mean…?", then the passage that answers the question does',
    async (channelLocale, question, pick, says) => {
      const chat = visitor(channelLocale);
      const offer = await chat.say(question);
      expect(articleOptions(offer.at(-1)!)[0]).toBe('adjustment-of-status');
      const reply = await chat.say(pick);
      expect(dataOf(reply[0]!)).toMatchObject({
        outcome: 'passage',
        answer: { articleId: 'adjustment-of-status' },
      });
      expect(texts(reply)).toContain(says);
    },
  );

  it('when a visitor asks whether they can work while their green card is pending, then the passage on the work permit answers', async () => {
    const reply = await visitor('en-US').say('can i work while my green card is pending');
    expect(dataOf(reply[1]!)).toMatchObject({
      outcome: 'passage',
      answer: { articleId: 'adjustment-of-status' },
    });
    expect(texts(reply)).toContain('ask for a work permit');
  });

  it.each([
    ['en-US', 'how do i see my case', 'case-status'],
    ['es-US', 'cómo veo mi caso', 'case-status'],
    ['en-US', 'my green card is expired', 'green-card-renew'],
    ['es-US', 'mi tarjeta verde está expirada', 'green-card-renew'],
    ['es-US', 'se me caducó la tarjeta', 'green-card-renew'],
  ])(
    'when a visitor (%s) says "%s" in everyday words for checking or expiring, then that topic answers or is offered first',
    async (channelLocale, question, articleId) => {
      const replies = await visitor(channelLocale).say(question);
      const reply = replies.find((candidate) => dataOf(candidate).outcome !== 'welcome')!;
      // Not a miss that lists it among the closest topics.
      expect(['answer', 'passage', 'clarify']).toContain(dataOf(reply).outcome);
      expect(dataOf(reply).answer?.articleId ?? articleOptions(reply)[0]).toBe(articleId);
    },
  );

  it('when a visitor gets no answer twice, the second about something the closest topics do not cover, then a live agent is offered', async () => {
    const chat = visitor('en-US');
    expect(outcomes(await chat.say('i need help with my green card'))).toContain('fallback');
    const second = await chat.say('what is the weather like');
    expect(articleIds(second).every((id) => id === undefined)).toBe(true);
    expect(texts(second)).toContain('live agent');
  });

  it.each([
    ['en-US', 'how much is the citizenship application', 'The N-400 fee is on the form'],
    ['es-US', '¿cuánto cuesta la ciudadanía?', 'La tarifa del N-400 figura'],
    // Typed in a hurry, with a chat abbreviation.
    ['en-US', 'hw much is the n400', 'The N-400 fee is on the form'],
  ])(
    'when a visitor (%s) asks how much an application costs, then the passage on its fee answers, not the short answer',
    async (channelLocale, question, fee) => {
      const chat = visitor(channelLocale);
      const answer = await chat.say(question);
      expect(outcomes(answer).slice(0, 2)).toEqual(['welcome', 'passage']);
      expect(dataOf(answer[1]!).answer?.articleId).toBe('citizenship-apply');
      expect(texts(answer)).toContain(fee);
    },
  );

  it.each([
    ['en-US', 'I lost my green card', 'green-card-lost'],
    ['es-US', 'perdí mi green card', 'green-card-lost'],
  ])(
    'when a visitor (%s) asks "%s", a question with a word one letter away from "cost", then the short answer answers, not a fee passage',
    async (channelLocale, question, articleId) => {
      const answer = await visitor(channelLocale).say(question);
      expect(outcomes(answer).slice(0, 2)).toEqual(['welcome', 'answer']);
      expect(dataOf(answer[1]!).answer?.articleId).toBe(articleId);
    },
  );

  it.each([
    ['en-US', 'is there a fee waiver for the N-400'],
    ['es-US', '¿hay exención de tarifa para el N-400?'],
  ])(
    'when a visitor (%s) asks about an article whose subject is a cost, then its short answer answers',
    async (channelLocale, question) => {
      const answer = await visitor(channelLocale).say(question);
      expect(outcomes(answer).slice(0, 2)).toEqual(['welcome', 'answer']);
      expect(dataOf(answer[1]!).answer?.articleId).toBe('fee-waiver');
    },
  );

  it.each([
    ['en-US', 'what is an employment authorization document', 'how do I replace it', 'Lost, stolen'],
    ['es-US', '¿qué es el permiso de trabajo?', '¿cómo lo reemplazo?', 'Tarjetas perdidas'],
  ])(
    'when a visitor (%s) asks how to replace "it" after the work permit, then the passage on replacing the card answers, not the short answer again',
    async (channelLocale, first, second, heading) => {
      const chat = visitor(channelLocale);
      expect(articleIds(await chat.say(first))).toContain('work-permit');
      const followUp = await chat.say(second);
      expect(outcomes(followUp)[0]).toBe('passage');
      expect(dataOf(followUp[0]!).answer?.articleId).toBe('work-permit');
      expect(texts(followUp)).toContain(heading);
    },
  );

  it.each([
    ['en-US', 'I lost my work permit', 'how do I replace it'],
    ['es-US', 'perdí mi permiso de trabajo', '¿cómo lo reemplazo?'],
  ])(
    'when a visitor (%s) answers "did you mean" about a lost work permit with how to replace "it", then it is the work permit, not the green card',
    async (channelLocale, vague, narrowing) => {
      const chat = visitor(channelLocale);
      expect(outcomes(await chat.say(vague))).toContain('clarify');
      const narrowed = await chat.say(narrowing);
      const first = narrowed[0]!;
      const meant =
        dataOf(first).outcome === 'clarify' ? articleOptions(first)[0] : dataOf(first).answer?.articleId;
      expect(meant).toBe('work-permit');
    },
  );

  it('when a Spanish visitor asks "¿cómo la cambio?" right after rescheduling biometrics, then "la" is that appointment', async () => {
    const chat = visitor('es-US');
    const answer = await chat.say('mi cita de biométricos es mañana y no puedo ir');
    expect(articleIds(answer)).toContain('reschedule-biometrics');
    const followUp = await chat.say('¿cómo la cambio?');
    expect(dataOf(followUp[0]!).answer?.articleId).toBe('reschedule-biometrics');
  });

  it.each([
    ['en-US', 'how do I change my address', 'is there a penalty for reporting late', 'penalty'],
    ['es-US', '¿cómo cambio mi dirección?', '¿hay multa si aviso tarde?', 'multa'],
  ])(
    'when a visitor (%s) asks "%s" and then "%s", a detail the article has every word of, then its passage answers',
    async (channelLocale, first, detail, says) => {
      const chat = visitor(channelLocale);
      expect(articleIds(await chat.say(first))).toContain('change-of-address');
      const reply = await chat.say(detail);
      expect(outcomes(reply)[0]).toBe('passage');
      expect(dataOf(reply[0]!).answer?.articleId).toBe('change-of-address');
      expect(texts(reply)).toContain(says);
    },
  );

  it.each([
    ['mi tarjeta tiene un error en el nombre', '¿cuánto cuesta arreglarla?', 'correct-document', 'tarifa'],
    ['perdí mi green card', '¿puedo pedirla en línea?', 'green-card-lost', 'en línea'],
  ])(
    'when a Spanish visitor asks "%s" and then "%s", then the pronoun joined to the verb is that topic',
    async (first, followUp, articleId, says) => {
      const chat = visitor('es-US');
      expect(articleIds(await chat.say(first))).toContain(articleId);
      const reply = await chat.say(followUp);
      expect(outcomes(reply)[0]).toBe('passage');
      expect(dataOf(reply[0]!).answer?.articleId).toBe(articleId);
      expect(texts(reply)).toContain(says);
    },
  );

  it.each([
    ['en-US', 'my case is taking too long', 'what can I do?', '## Checking processing times'],
    ['es-US', 'me mudé, tengo que avisar', '¿cómo?', '## Cómo avisar a USCIS de un cambio de dirección'],
    // What to do now is the article's steps, not a passage on what comes after (the lost card's
    // was the boarding foil for a trip back, "once back in the United States").
    ['en-US', 'I lost my green card', 'what do I do now?', '## Replacing a lost or stolen green card'],
    [
      'es-US',
      'perdí mi green card',
      '¿y ahora qué hago?',
      '## Cómo reemplazar una tarjeta verde perdida o robada',
    ],
    [
      'en-US',
      'my green card expires in 2 months',
      'what do I need to do',
      '## Renewing or replacing a 10-year green card (Form I-90)',
    ],
    [
      'es-US',
      'cómo cambio mi dirección',
      '¿qué tengo que hacer?',
      '## Cómo avisar a USCIS de un cambio de dirección',
    ],
  ])(
    'when a visitor (%s) asks "%s" and then only how, or what they can do, then the whole article answers in the chat',
    async (channelLocale, first, more, heading) => {
      const chat = visitor(channelLocale);
      const answer = await chat.say(first);
      const articleId = dataOf(answer[1]!).answer?.articleId;
      expect(articleId).toBeDefined();
      const full = await chat.say(more);
      expect(texts(full)).toContain(heading);
      expect(dataOf(full[0]!).answer).toMatchObject({ articleId, passage: null });
    },
  );

  it.each([
    ['en-US', 'I filed my N-400', 'what happens next', 'After filing, USCIS sends a receipt notice'],
    ['es-US', 'ya presenté mi N-400', '¿qué sigue?', 'Después de presentar la solicitud'],
  ])(
    'when a visitor (%s) says "%s" and asks "%s", then the passage on what comes after answers, not the whole article',
    async (channelLocale, first, next, says) => {
      const chat = visitor(channelLocale);
      expect(articleIds(await chat.say(first))).toContain('citizenship-apply');
      const reply = await chat.say(next);
      expect(texts(reply)).toContain(says);
      expect(texts(reply)).not.toContain('## ');
    },
  );

  it('when a visitor asks to be told more right after a case status, then the status is explained', async () => {
    const chat = visitor('en-US');
    expect(outcomes(await chat.say('EAC9999103402'))).toContain('caseStatus');
    expect(texts(await chat.say('tell me more'))).toContain('**What happens next:**');
  });

  it('when a visitor writes a few words in Spanish that no English article answers, then the Spanish articles answer and the conversation switches to Spanish', async () => {
    const chat = visitor('en-US');
    const answer = await chat.say('How do I renew my green card?');
    expect(articleIds(answer)).toContain('green-card-renew');
    const lost = await chat.say('perdí mi mica');
    expect(outcomes(lost).slice(0, 2)).toEqual(['languageSwitch', 'answer']);
    expect(lost.every((reply) => reply.locale === 'es')).toBe(true);
    expect(dataOf(lost[1]!).answer?.articleId).toBe('green-card-lost');
    expect((await app.app.store.conversations.get(chat.conversation.id))?.locale).toBe('es');

    const other = visitor('en-US');
    await other.say('How do I renew my green card?');
    const offer = await other.say('permiso de trabajo');
    expect(outcomes(offer)).toEqual(['languageSwitch', 'clarify']);
    expect(articleOptions(offer[1]!)).toContain('work-permit');
  });

  it('when a Spanish visitor starts with "green card", then the conversation stays in Spanish and the Spanish articles answer', async () => {
    const chat = visitor('es-US');
    const first = await chat.say('green card');
    expect(first.every((reply) => reply.locale === 'es')).toBe(true);
    expect(outcomes(first)).toEqual(['welcome', 'clarify']);
    expect((await app.app.store.conversations.get(chat.conversation.id))?.locale).toBe('es');
  });

  it('when a visitor writes a few words in Spanish that no article in either language answers, then the conversation stays in English', async () => {
    const chat = visitor('en-US');
    await chat.say('How do I renew my green card?');
    const miss = await chat.say('pizza de pepperoni');
    expect(outcomes(miss)).toEqual(['fallback']);
    expect(miss.every((reply) => reply.locale === 'en')).toBe(true);
  });

  it('when a visitor types a wrong prefix, an A-number, asks where the number is, then gives it, then each gets its own explanation and the status is explained', async () => {
    const chat = visitor('en-US');
    const prefix = await chat.say('ABC1234567890');
    expect(texts(prefix)).toContain('such as EAC, WAC, LIN, SRC, NBC, MSC, IOE, YSC');
    expect(outcomes(prefix)).toEqual(['welcome', 'caseStatusPrompt']);
    expect(texts(await chat.say('A#123456789'))).toContain('That looks like an A-number');
    expect(texts(await chat.say('where do I find it?'))).toContain('Form I-797C');
    const status = await chat.say('EAC9999103402');
    expect(outcomes(status)).toEqual(['caseStatus']);
    expect(texts(status)).toContain('**What happens next:**');
    const meaning = await chat.say('what does that mean?');
    expect(texts(meaning)).toContain('USCIS approved your application or petition.');
    const transcript = await app.app.store.conversations.transcript(chat.conversation.id);
    expect(JSON.stringify(transcript)).not.toMatch(/9999103402|123456789/);
  });

  it('when a Spanish visitor checks a case the source has only in English, then it is explained in Spanish with the official title marked', async () => {
    const chat = visitor('es-US');
    const status = await chat.say('mi número de recibo es WAC9999100008');
    expect(texts(status)).toContain('**Case Was Received** (estatus oficial, en inglés)');
    expect(texts(status)).toContain('**Qué significa:** USCIS tiene su solicitud');
    expect(status.every((reply) => reply.locale === 'es')).toBe(true);
  });

  it('when a visitor says "thanks, bye", then it is a goodbye, not a miss, and no agent is offered', async () => {
    const chat = visitor('en-US');
    const first = await chat.say('thanks, bye');
    expect(outcomes(first)).toEqual(['welcome', 'smallTalk']);
    const again = await chat.say('ok thanks bye');
    expect(outcomes(again)).toEqual(['smallTalk']);
    const events = await app.app.store.analytics.list({
      from: '2000-01-01T00:00:00.000Z',
      to: '2100-01-01T00:00:00.000Z',
    });
    expect(events.filter((event) => event.conversationId === chat.conversation.id)).toEqual([]);
  });
});
