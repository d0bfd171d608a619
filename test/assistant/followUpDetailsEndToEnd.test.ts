import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { postActivity, startTestApp, type ReplyActivity, type TestApp } from '../support/testApp.js';

/** What a reply says of itself: its outcome and the article (and passage) that answered. */
const replyData = z.looseObject({
  outcome: z.string().optional(),
  answer: z
    .looseObject({ articleId: z.string(), passage: z.number().nullable().optional() })
    .nullable()
    .optional(),
});

function first(replies: ReplyActivity[]): {
  outcome?: string;
  articleId?: string;
  passage?: number | null;
  text: string;
} {
  const reply = replies[0];
  const data = replyData.parse(reply?.channelData ?? {});
  return {
    outcome: data.outcome,
    articleId: data.answer?.articleId,
    passage: data.answer?.passage,
    text: reply?.text ?? '',
  };
}

/** "That page does not say" (with `says` in it), then the article `general` about the detail in general. */
function expectNotSaidWithGeneral(replies: ReplyActivity[], says: string, general: string): void {
  expect(first(replies).outcome).toBe('notInArticle');
  expect(first(replies).text).toContain(says);
  expect(replies.map((reply) => replyData.parse(reply.channelData ?? {}).answer?.articleId)).toContain(
    general,
  );
}

/**
 * Detail questions and follow-ups on the topic, through POST /api/messages (expectReplies) with
 * the real articles and answer engine, in both languages: a general question gets the article's
 * short answer, a detail the passage that is about it, a short question about a detail of the
 * topic is answered from the topic, and a question about something else is not bent to it.
 */
describe('detail questions and follow-ups through /api/messages', () => {
  let app: TestApp;

  beforeAll(async () => {
    // Every case is a new conversation from one address: the per-address limits (30 new
    // conversations a minute) are for visitors, not for this file, which must not depend on how
    // fast the machine runs it.
    app = await startTestApp({
      WIDGET_IP_CONVERSATIONS_PER_MINUTE: '1000',
      WIDGET_IP_MESSAGES_PER_MINUTE: '5000',
    });
  });

  afterAll(async () => {
    await app?.stop();
  });

  function visitor(locale: string) {
    const conversation = { id: `details-${Math.random().toString(36).slice(2)}` };
    return async (text: string): Promise<ReplyActivity[]> => {
      const { status, activities } = await postActivity(app.baseUrl, {
        text,
        locale,
        conversation,
        from: { id: `${conversation.id}-visitor` },
      });
      expect(status).toBe(200);
      // The welcome comes before the first answer of a conversation.
      return activities.filter((reply) => replyData.parse(reply.channelData ?? {}).outcome !== 'welcome');
    };
  }

  /** The first reply to `followUp`, asked once `question` was answered with `articleId`. */
  async function followUpTo(locale: string, question: string, articleId: string, followUp: string) {
    const say = visitor(locale);
    expect(first(await say(question)).articleId).toBe(articleId);
    return first(await say(followUp));
  }

  /** `followUp`, asked once `question` was answered with `articleId`, gets the passage of it that says `words`. */
  async function expectPassage(
    locale: string,
    question: string,
    articleId: string,
    followUp: string,
    words: string,
  ) {
    const reply = await followUpTo(locale, question, articleId, followUp);
    expect(reply).toMatchObject({ outcome: 'passage', articleId });
    expect(reply.text).toContain(words);
  }
  it.each([
    [
      'en-US',
      'How do I get a work permit?',
      'how much does it cost',
      'Whether Form I-765 has a fee',
      'A lost, stolen',
    ],
    [
      'es-US',
      '¿Cómo saco el permiso de trabajo?',
      'cuanto cuesta',
      'Si el Formulario I-765 tiene tarifa',
      'Un EAD perdido',
    ],
  ])(
    'when a visitor (%s) asks the cost after the work permit, then the passage about its fee answers, not one that mentions paying in passing',
    async (locale, question, followUp, fee, inPassing) => {
      const cost = await followUpTo(locale, question, 'work-permit', followUp);
      expect(cost).toMatchObject({ outcome: 'passage', articleId: 'work-permit' });
      expect(cost.text).toContain(fee);
      expect(cost.text).not.toContain(inPassing);
    },
  );

  it.each([
    ['en-US', 'How do I renew my work permit?', 'what is the fee', 'Whether Form I-765 has a fee'],
    ['es-US', '¿Cómo renuevo el permiso de trabajo?', '¿y la tarifa?', 'Si el Formulario I-765 tiene tarifa'],
  ])(
    'when a visitor (%s) asks the fee another way after the work permit, then the same fee passage answers',
    async (locale, question, followUp, fee) => {
      const cost = await followUpTo(locale, question, 'work-permit', followUp);
      expect(cost.outcome).toBe('passage');
      expect(cost.text).toContain(fee);
    },
  );

  it.each([
    ['en-US', 'How do I become a citizen?'],
    ['es-US', '¿Cómo hacerse ciudadano americano?'],
  ])(
    'when a visitor (%s) asks the general question of citizenship, then the short answer is given, not a passage',
    async (locale, question) => {
      const say = visitor(locale);
      const answer = first(await say(question));
      expect(answer).toMatchObject({ outcome: 'answer', articleId: 'citizenship-apply' });
      expect(answer.passage ?? null).toBeNull();
    },
  );

  it.each([
    ['en-US', 'citizenship test', 'what if I fail', 'two chances'],
    ['es-US', 'examen de ciudadanía', 'y si no paso el examen', 'dos oportunidades'],
    ['es-US', 'examen de ciudadania', 'que pasa si repruebo', 'dos oportunidades'],
  ])(
    'when a visitor (%s) asks a short detail question after the citizenship test, then the passage of the topic that says it answers',
    async (locale, question, detail, words) => {
      const reply = await followUpTo(locale, question, 'citizenship-test', detail);
      expect(reply).toMatchObject({ outcome: 'passage', articleId: 'citizenship-test' });
      expect(reply.text).toContain(words);
    },
  );

  it.each([
    ['en-US', 'citizenship test', 'can I take the test in spanish', '55 or older'],
    ['es-US', 'examen de ciudadanía', '¿puedo tomar el examen en español?', '55 o más y 15'],
  ])(
    'when a visitor (%s) asks about taking the test in Spanish after the citizenship test, then the passage on the English exception answers, with its official page',
    async (locale, question, detail, words) => {
      const reply = await followUpTo(locale, question, 'citizenship-test', detail);
      expect(reply).toMatchObject({ outcome: 'passage', articleId: 'citizenship-test' });
      expect(reply.text).toContain(words);
      expect(reply.text).toContain('https://www.uscis.gov/citizenship/exceptions-and-accommodations');
    },
  );

  it.each([
    ['en-US', 'citizenship test', 'what is the weather'],
    ['es-US', 'examen de ciudadanía', '¿qué tiempo hace hoy?'],
  ])(
    'when a visitor (%s) asks about something else after a topic, then it is not answered from the topic',
    async (locale, question, other) => {
      const reply = await followUpTo(locale, question, 'citizenship-test', other);
      expect(reply.articleId).not.toBe('citizenship-test');
      expect(reply.outcome).not.toBe('passage');
    },
  );

  it.each([
    [
      'en-US',
      'What is the USCIS phone number?',
      'contact-center',
      'how much does it cost',
      "doesn't say how much it costs",
    ],
    ['es-US', '¿Cuál es el teléfono de USCIS?', 'contact-center', '¿cuánto cuesta?', 'no dice cuánto cuesta'],
    // The study materials "are free on" the Citizenship Resource Center: that is not the test's cost.
    [
      'en-US',
      'what is on the citizenship test',
      'citizenship-test',
      'what is the fee',
      "doesn't say how much it costs",
    ],
    [
      'es-US',
      '¿qué preguntan en el examen de ciudadanía?',
      'citizenship-test',
      '¿y cuál es la tarifa?',
      'no dice cuánto cuesta',
    ],
  ])(
    'when a visitor (%s) asks the cost of something whose page only says "toll-free" or "free on", then the page honestly does not say',
    async (locale, question, articleId, followUp, says) => {
      const reply = await followUpTo(locale, question, articleId, followUp);
      expect(reply.outcome).toBe('notInArticle');
      expect(reply.text).toContain(says);
    },
  );
  it.each([
    ['en-US', 'I want to bring my wife to the US', 'family-petition', 'what form', 'Form I-130'],
    [
      'es-US',
      'quiero traer a mi esposa a Estados Unidos',
      'family-petition',
      '¿qué formulario?',
      'Formulario I-130',
    ],
    ['en-US', 'My green card expires next month', 'green-card-renew', 'which form do I use', 'Form I-90'],
    ['es-US', 'se me perdió la mica', 'green-card-lost', 'que forma lleno', 'Formulario I-90'],
  ])(
    'when a visitor (%s) asks which form after a topic, then the topic names its form, not the general forms page',
    async (locale, question, articleId, followUp, form) => {
      const reply = await followUpTo(locale, question, articleId, followUp);
      expect(reply.articleId).toBe(articleId);
      expect(reply.text).toContain(form);
    },
  );

  it.each([
    ['en-US', 'What is the USCIS phone number?', 'which form', "doesn't say which form to use"],
    ['es-US', '¿Cuál es el teléfono de USCIS?', '¿qué formulario?', 'no dice qué formulario usar'],
  ])(
    'when a visitor (%s) asks which form after a topic that has none, then the page honestly does not say and the forms page is offered',
    async (locale, question, followUp, says) => {
      const say = visitor(locale);
      expect(first(await say(question)).articleId).toBe('contact-center');
      const replies = await say(followUp);
      expectNotSaidWithGeneral(replies, says, 'forms');
    },
  );

  it.each([
    [
      'en-US',
      'How do I renew my green card?',
      'and if I cant afford it',
      "doesn't say whether the fee can be waived",
    ],
    ['en-US', 'I lost my green card', 'can I get a fee waiver?', "doesn't say whether the fee can be waived"],
    [
      'es-US',
      '¿Cómo renuevo la tarjeta verde?',
      'y si no tengo dinero',
      'no dice si se puede pedir una exención',
    ],
    ['es-US', 'se me perdió la mica', 'no me alcanza para pagar', 'no dice si se puede pedir una exención'],
  ])(
    'when a visitor (%s) cannot afford the fee of the topic, then the fee waiver answers, not the short answer again',
    async (locale, question, followUp, says) => {
      const say = visitor(locale);
      expect(first(await say(question)).articleId).toMatch(/^green-card-/);
      const replies = await say(followUp);
      expectNotSaidWithGeneral(replies, says, 'fee-waiver');
    },
  );

  it.each([
    [
      'en-US',
      'how much does it cost to file a form',
      'how long does it take',
      "doesn't say how long it takes",
    ],
    ['es-US', 'cuanto cuesta presentar un formulario', 'cuanto tarda', 'no dice cuánto tarda'],
  ])(
    'when a visitor (%s) asks how long after the fees, then the page honestly does not say: "check the amount the same day you file" is no duration',
    async (locale, question, followUp, says) => {
      const say = visitor(locale);
      expect(first(await say(question)).articleId).toBe('fees');
      const replies = await say(followUp);
      expectNotSaidWithGeneral(replies, says, 'processing-times');
    },
  );

  it.each([
    ['en-US', 'I want to apply for asylum', 'asylum', 'can I work in the meantime', '150 days after filing'],
    ['es-US', 'quiero pedir asilo', 'asylum', '¿puedo trabajar mientras?', '150 días después'],
    [
      'en-US',
      'I filed my green card application',
      'adjustment-of-status',
      'can I work in the meantime',
      'work permit with Form I-765',
    ],
    [
      'es-US',
      'presenté mi ajuste de estatus',
      'adjustment-of-status',
      '¿puedo trabajar mientras tanto?',
      'pida el permiso de trabajo (Formulario I-765)',
    ],
  ])(
    'when a visitor (%s) asks whether they can work "in the meantime", then it points back to the topic and its work passage answers',
    async (locale, question, articleId, followUp, words) => {
      await expectPassage(locale, question, articleId, followUp, words);
    },
  );

  it.each([
    [
      'en-US',
      'what do i bring to my biometrics appointment',
      'how long does it take',
      'takes only a few minutes',
    ],
    ['es-US', 'qué llevo a mi cita de biométricos', 'cuanto tarda', 'lleva solo unos minutos'],
  ])(
    'when a visitor (%s) asks how long after the biometrics appointment, then "a few minutes" is a duration its passage states',
    async (locale, question, followUp, words) => {
      await expectPassage(locale, question, 'biometrics-appointment', followUp, words);
    },
  );

  it.each([
    [
      'en-US',
      'I got a request for evidence',
      'how much time do I have to respond',
      'The response deadline is printed',
    ],
    [
      'es-US',
      'me llegó una RFE',
      '¿cuánto tiempo tengo para responder?',
      'La fecha límite para responder está impresa',
    ],
  ])(
    'when a visitor (%s) asks how much time they have after a request for evidence, then the deadline passage answers, not the one where a NOID "gives time"',
    async (locale, question, followUp, deadline) => {
      await expectPassage(locale, question, 'rfe', followUp, deadline);
    },
  );

  it.each([
    ['en-US', 'my work permit expires next month', 'can I keep working', 'keep working without a gap'],
    [
      'es-US',
      'se me vence el permiso de trabajo',
      '¿puedo seguir trabajando?',
      'seguir trabajando sin interrupción',
    ],
  ])(
    'when a visitor (%s) whose work permit is expiring asks whether they can keep working, then the passage on extensions answers, not the short answer again',
    async (locale, question, followUp, words) => {
      await expectPassage(locale, question, 'work-permit', followUp, words);
    },
  );

  it.each([
    ['en-US', 'How do I apply for citizenship?', 'what if I cannot pay', 'reduced fee'],
    ['es-US', '¿Cómo solicito la ciudadanía?', '¿y si no puedo pagar?', 'tarifa reducida'],
  ])(
    'when a visitor (%s) cannot afford the fee and the topic says what then, then its passage answers',
    async (locale, question, followUp, words) => {
      await expectPassage(locale, question, 'citizenship-apply', followUp, words);
    },
  );

  it.each([
    ['en-US', 'How do I renew my green card?', 'how mcuh does it cost', 'The Form I-90 fee'],
    ['es-US', '¿Cómo renuevo la tarjeta verde?', 'cuanto questa', 'La tarifa del Formulario I-90'],
  ])(
    'when a visitor (%s) asks the cost with a typo after the green card renewal, then it is still a follow-up answered by its fee passage',
    async (locale, question, followUp, fee) => {
      const cost = await followUpTo(locale, question, 'green-card-renew', followUp);
      expect(cost).toMatchObject({ outcome: 'passage', articleId: 'green-card-renew' });
      expect(cost.text).toContain(fee);
    },
  );

  it.each([
    [
      'en-US',
      'citizenship test',
      'how long does it take',
      'what if I fail',
      'citizenship-test',
      'two chances',
    ],
    [
      'es-US',
      '¿Cómo renuevo la tarjeta verde?',
      'y cuanto tiempo se tarda',
      'que documentos ocupo',
      'green-card-renew',
      'Formulario I-90',
    ],
  ])(
    'when a visitor (%s) gets "that page does not say" with a general article, then the next follow-up is still about the topic',
    async (locale, question, notSaid, next, articleId, words) => {
      const say = visitor(locale);
      expect(first(await say(question)).articleId).toBe(articleId);
      const replies = await say(notSaid);
      expect(first(replies).outcome).toBe('notInArticle');
      // The article about the detail in general comes with it…
      expect(replies.map((reply) => replyData.parse(reply.channelData ?? {}).answer?.articleId)).toContain(
        'processing-times',
      );
      // …and the topic is still the article the visitor asked about.
      const reply = first(await say(next));
      expect(reply).toMatchObject({ outcome: 'passage', articleId });
      expect(reply.text).toContain(words);
    },
  );

  it.each([
    ['en-US', 'How do I change my address?', 'how long do I have', 'within 10 days'],
    ['es-US', '¿Cómo cambio mi dirección?', '¿cuánto tiempo tengo?', 'dentro de los 10 días'],
    ['es-US', 'me mudé de casa', '¿y hasta cuándo tengo?', 'dentro de los 10 días'],
  ])(
    'when a visitor (%s) asks how long they have after the change of address, then the passage with its deadline answers, not "it does not say how long it takes"',
    async (locale, question, followUp, deadline) => {
      await expectPassage(locale, question, 'change-of-address', followUp, deadline);
    },
  );

  it.each([
    [
      'en-US',
      'How do I renew my green card?',
      'how long do I have',
      'what the deadline is',
      'how long it takes',
    ],
    ['es-US', '¿Cómo renuevo la tarjeta verde?', '¿cuánto tiempo tengo?', 'cuál es el plazo', 'cuánto tarda'],
  ])(
    'when a visitor (%s) asks how long they have and the topic states no deadline, then the reply says it does not say the deadline, not the processing time',
    async (locale, question, followUp, deadline, duration) => {
      const reply = await followUpTo(locale, question, 'green-card-renew', followUp);
      expect(reply.outcome).toBe('notInArticle');
      expect(reply.text).toContain(deadline);
      expect(reply.text).not.toContain(duration);
    },
  );

  it('when a visitor asks how long they have to tell USCIS after a move, then the passage with the deadline answers, not the one that shares only "tell"', async () => {
    const say = visitor('en-US');
    expect(first(await say('I moved')).articleId).toBe('change-of-address');
    const reply = first(await say('how long do I have to tell USCIS'));
    expect(reply.articleId).toBe('change-of-address');
    expect(reply.text).toContain('within 10 days');
    expect(reply.text).not.toContain('tell the court');
  });

  it.each([
    ['en-US', 'I lost my green card', 'can I travel', 'to travel before the replacement arrives'],
    ['en-US', 'I lost my green card', 'can I still travel?', 'to travel before the replacement arrives'],
    ['es-US', 'perdí mi green card', '¿y puedo viajar?', 'un trabajo o un viaje antes de recibir la nueva'],
  ])(
    'when a visitor (%s) asks whether they can travel right after losing their green card, then the passage on proof of status for a trip answers, not a "Did you mean" between travel documents',
    async (locale, question, followUp, words) => {
      const reply = await followUpTo(locale, question, 'green-card-lost', followUp);
      expect(reply.articleId).toBe('green-card-lost');
      expect(reply.text).toContain(words);
    },
  );

  it('when a visitor asks whether they can travel after a topic whose page says nothing of travel, then it is not answered from that topic', async () => {
    const reply = await followUpTo(
      'en-US',
      'How do I change my address?',
      'change-of-address',
      'can I travel',
    );
    expect(reply.articleId).not.toBe('change-of-address');
  });

  it.each([
    ['en-US', "what's the USCIS phone number?", 'what are the hours', '8 a.m. to 8 p.m.'],
    ['es-US', '¿cuál es el teléfono de USCIS?', '¿a qué hora abren?', 'de 8 a. m. a 8 p. m.'],
  ])(
    'when a visitor (%s) asks the hours right after the Contact Center number, then the passage with its hours answers, not one that mentions business hours in passing',
    async (locale, question, followUp, hours) => {
      const reply = await followUpTo(locale, question, 'contact-center', followUp);
      expect(reply.articleId).toBe('contact-center');
      expect(reply.text).toContain(hours);
    },
  );

  it.each([
    [
      'en-US',
      'How do I expedite my case?',
      'what documents do I need',
      'documents that support your request',
    ],
    [
      'es-US',
      '¿Cómo pido que aceleren mi caso?',
      '¿qué pruebas necesito?',
      'documentos que respalden su solicitud',
    ],
  ])(
    'when a visitor (%s) asks what documents an expedite needs, then the passage on supporting documents answers',
    async (locale, question, followUp, words) => {
      await expectPassage(locale, question, 'expedite-request', followUp, words);
    },
  );
});
