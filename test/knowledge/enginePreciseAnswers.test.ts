import { beforeAll, describe, expect, it } from 'vitest';
import { loadArticleFiles } from '../../knowledge/content/articleFiles.js';
import type { KnowledgeArticle } from '../../contracts/article.js';
import { AnswerIndex } from '../../knowledge/engine/answerIndex.js';
import { JudgementDetector } from '../../knowledge/engine/judgementDetector.js';
import { KNOWLEDGE_CALIBRATION } from '../../knowledge/engine/knowledgeEngine.js';
import { splitPassages } from '../../knowledge/engine/passages.js';

describe('passages of an article body', () => {
  it('when a body has sections, paragraphs and lists, then each paragraph and list item is a passage with its heading', () => {
    const body = [
      'Intro paragraph without a heading.',
      '',
      '## Steps',
      '',
      '1. **Call** the line.',
      '2. Wait for the',
      '   call back.',
      '',
      'A closing paragraph.',
      '## Tips',
      '- Keep your phone on.',
    ].join('\n');
    expect(splitPassages(body)).toEqual([
      { index: 0, heading: null, text: 'Intro paragraph without a heading.' },
      { index: 1, heading: 'Steps', text: '**Call** the line.' },
      { index: 2, heading: 'Steps', text: 'Wait for the\ncall back.' },
      { index: 3, heading: 'Steps', text: 'A closing paragraph.' },
      { index: 4, heading: 'Tips', text: 'Keep your phone on.' },
    ]);
    expect(splitPassages('')).toEqual([]);
  });
});

/** The engine as the bot runs it: our articles, the shipped calibration. */
describe('precise answers and knowing what the engine does not know, on our articles', () => {
  let index: AnswerIndex<KnowledgeArticle>;
  beforeAll(async () => {
    const { articles } = await loadArticleFiles();
    index = await AnswerIndex.build(articles, { calibration: KNOWLEDGE_CALIBRATION });
  });

  it.each([
    ['en', 'Can I walk in to a field office without an appointment?', 'in-person-appointment', 'walk-in'],
    [
      'en',
      'Can I ask for a supervisor when I call the contact center?',
      'contact-center-tiers',
      'supervisor',
    ],
    ['en', 'What number do deaf callers use to reach the contact center?', 'contact-center', 'TTY'],
    ['es', '¿Puedo pedir hablar con un supervisor cuando llamo?', 'contact-center-tiers', 'supervisor'],
    [
      'es',
      '¿Qué número usan las personas sordas para llamar al centro de contacto?',
      'contact-center',
      'TTY',
    ],
    // Two passages have "travel": the one under the "Travel" heading, not the renewal item about a past trip.
    ['en', 'i have daca can i travel', 'daca', 'approved before they leave'],
    ['es', 'soy daca puedo viajar', 'daca', 'antes de salir'],
    // The status asked about, not the one said to be something else ("not an approval").
    ['en', 'what does case was approved mean', 'case-status-meanings', '**Case Was Approved**'],
    ['es', 'qué significa caso aprobado', 'case-status-meanings', '**Case Was Approved**'],
  ])(
    'when a %s visitor asks about one detail (%s), then the answer is the passage that says it',
    (locale, text, id, words) => {
      const result = index.answer(text, locale);
      expect(result.decision).toBe('answer');
      expect(result.article?.id).toBe(id);
      expect(result.passage?.text).toContain(words);
      // The same passage through the API other code uses for follow-ups on the current topic.
      expect(index.passageFor(id, locale, text)).toEqual(result.passage);
    },
  );

  it.each([
    ['en', 'How do I get an in-person appointment at a field office?', 'in-person-appointment'],
    ['es', '¿Cómo consigo una cita en persona en una oficina local?', 'in-person-appointment'],
    // "Where is the nearest office" is the locator, not the passage on going only with an appointment.
    ['en', 'where is the nearest uscis office', 'office-locator'],
    ['es', 'dónde está la oficina de uscis más cercana', 'office-locator'],
  ])(
    'when a %s visitor asks the general question, then the short answer is kept (no passage)',
    (locale, text, id) => {
      const result = index.answer(text, locale);
      expect(result.article?.id).toBe(id);
      expect(result.passage).toBeNull();
    },
  );

  it.each([
    ['en', 'I got an RFE in the mail, it arrived yesterday'],
    ['es', 'me llegó una carta de RFE'],
  ])(
    'when a %s visitor says a notice arrived (%s), then the passage on a notice that never arrived is not the answer',
    (locale, text) => {
      const result = index.answer(text, locale);
      expect(result.article?.id).toBe('rfe');
      expect(result.passage?.text ?? '').not.toMatch(/never arrived|nunca llegó/);
    },
  );

  it.each([
    ['en', 'the RFE never arrived in the mail'],
    ['es', 'el RFE nunca me llegó'],
  ])('when a %s visitor says a notice never arrived (%s), then that passage answers', (locale, text) => {
    const result = index.answer(text, locale);
    expect(result.article?.id).toBe('rfe');
    expect(result.passage?.text).toMatch(/never arrived|nunca llegó/);
  });

  it.each([
    ['en', 'I need to renew my green card', 'green-card-renew'],
    ['en', 'I want to apply for a work permit', 'work-permit'],
    ['es', 'necesito renovar mi green card', 'green-card-renew'],
    ['es', 'quiero pedir la ciudadanía', 'citizenship-apply'],
  ])(
    'when a %s visitor says what they want done with a subject (%s), then the short answer answers, not a passage that shares the request word',
    (locale, text, articleId) => {
      const result = index.answer(text, locale);
      expect(result.decision).toBe('answer');
      expect(result.article?.id).toBe(articleId);
      expect(result.passage).toBeNull();
    },
  );

  it.each([
    // "How long" / "cuánto tiempo" ask for a time: of the two passages on urgent inquiries, the one
    // that gives one ("within 24–72 hours"), not the one that says whether an inquiry is urgent.
    ['en', 'callbacks', 'if my inquiry is urgent, how soon will they get back to me?', '24–72 hours'],
    ['es', 'callbacks', 'si mi consulta es urgente, ¿en cuánto tiempo me contestan?', '24 a 72 horas'],
    // "What does it mean" / "qué quiere decir" ask for a meaning: the passage that spells it out,
    // whatever verb it uses ("stands for", "son las siglas de").
    ['en', 'adit-stamp', 'what does ADIT mean?', 'Alien Documentation'],
    ['es', 'adit-stamp', '¿ADIT qué quiere decir?', 'Alien Documentation'],
    // "Without" / "sin" and the word they govern are read together ("personas sin cita"); "cita en la
    // oficina local" names what the Spanish title names, so it is no detail.
    [
      'en',
      'travel-documents',
      'what happens if I go abroad without advance parole while my I-485 is pending?',
      'treat the application as abandoned',
    ],
    ['es', 'in-person-appointment', '¿me atienden si voy sin cita a la oficina local?', 'sin cita'],
    // "Who" / "quién" asks for the section headed with it that is about what the question names
    // ("Who must be on the call"), and "phone" with its synonym concept counts once, not twice, for
    // the passages on the phone menu and the cell phone number.
    [
      'en',
      'adit-stamp',
      'who has to be on the phone when I call about the ADIT stamp?',
      'must be on the call',
    ],
    [
      'es',
      'change-of-address',
      '¿quién tiene que avisar de la mudanza?',
      'incluidos los residentes permanentes',
    ],
  ])(
    'when a %s visitor asks %s about a detail with its question words (%s), then the passage that says it answers',
    (locale, id, text, words) => {
      expect(index.passageFor(id, locale, text)?.text).toContain(words);
    },
  );

  it.each([
    // A tag ("phone", "teléfono") is what the article is filed under: the short answer speaks for it
    // in full, though one passage starts with "Phone:".
    ['en', 'contact-center', 'what phone do I dial for the contact center'],
    ['es', 'contact-center', '¿a qué teléfono le marco al centro de contacto?'],
    // "How many times" / "cuántas veces" frame a count: "times" is not the "Eastern Time" of a
    // passage, "veces" not the rulings that "ha cambiado varias veces".
    ['en', 'reschedule-interview', 'how many times can I reschedule my interview?'],
    ['es', 'daca', '¿cuántas veces puedo renovar DACA?'],
    // "File" says what was done with the subject, not which detail is asked: "I filed my green card
    // application" is no question about concurrent filing ("Filing with Form I-130").
    ['en', 'adjustment-of-status', 'I filed my green card application'],
    // "Revisar" is by itself the title's "verificar" (`syn:check`): it names the subject, not the
    // passage that says "Revise su estatus con frecuencia".
    ['es', 'case-status', '¿dónde puedo revisar cómo va mi trámite?'],
  ])(
    'when a %s visitor asks %s the general question in other words (%s), then the short answer is kept',
    (locale, id, text) => {
      expect(index.passageFor(id, locale, text)).toBeNull();
    },
  );

  it.each([
    ['en', 'does my work permit get extended', 'Automatic extensions'],
    ['es', '¿se extiende mi permiso de trabajo?', 'Extensiones automáticas'],
    ['en', 'how do i reregister', 'must re-register'],
  ])(
    'when a %s follow-up on TPS (%s) says as much of two passages, then the one in the section headed with its words answers',
    (locale, text, words) => {
      // "extend" is said by the designations paragraph too ("extends or ends the designation"),
      // and "work permit" is in the title, so only the heading "The TPS work permit" tells them apart.
      expect(index.passageFor('tps', locale, text, { followUp: true })?.text).toContain(words);
    },
  );

  it.each([
    // Every word said, as such or as a synonym concept; "pedir" (what the visitor wants done) names nothing.
    ['en', 'adjustment-of-status', 'can i work', []],
    ['es', 'green-card-lost', 'puedo pedir en linea', []],
    // A word no article says, and one that other articles say but this one does not.
    ['en', 'green-card-renew', 'what time is in Tokyo', [{ elsewhere: false }]],
    ['es', 'citizenship-apply', 'puedo hacer sin saber ingles', [{ elsewhere: true }]],
  ])(
    'when the engine is asked which words of a %s question %s never says (%s), then it names them and whether another article says them',
    (locale, id, text, unsaid) => {
      const words = index.unsaidWords(id, locale, text);
      expect(words).toHaveLength(unsaid.length);
      expect(words).toMatchObject(unsaid);
    },
  );

  it('when the passage API is asked about an unknown article or language, then it finds none', () => {
    expect(index.passageFor('no-such-article', 'en', 'supervisor')).toBeNull();
    expect(index.passageFor('contact-center-tiers', 'fr', 'superviseur')).toBeNull();
  });

  it.each([
    ['en', 'where is the american embassy in quito'],
    ['en', 'my social security card was stolen, how do I get a new one'],
    ['en', 'when will the state department publish the visa lottery winners'],
    ['es', 'dónde está la embajada americana en quito'],
    ['es', 'me robaron la tarjeta del seguro social, cómo saco otra'],
    ['es', 'cuándo publica el departamento de estado a los ganadores de la lotería de visas'],
  ])(
    'when a %s question is near the domain but no article covers it (%s), then no article is answered',
    (locale, text) => {
      expect(index.answer(text, locale).decision).toBe('none');
    },
  );

  it.each([
    ['en', 'whats my status', 'case-status'],
    ['en', 'how do i chek my case statis', 'case-status'],
    ['en', 'fone numbr', 'contact-center'],
    ['es', 'nesesito una sita en la ofisina', 'in-person-appointment'],
    ['es', 'kiero sabel el estatus de mi kaso', 'case-status'],
    // Function words typed wrong ("waht", "shuold", "wheer", "komo", "tenggo", "ke", "parra") are
    // stop words again, and Spanish stems are written as they sound ("renobar", "travajo", "tienpo").
    ['en', 'waht is a fee waiver and shuold I ask for one', 'fee-waiver'],
    ['en', 'wheer do I sned my change of adress', 'change-of-address'],
    ['es', 'komo pido mas tienpo de estadia komo turista', 'extend-stay'],
    ['es', 'tenggo ke pagar parra renobar mi permiso de travajo?', 'work-permit'],
    // Function words as typed in a text message ("hw", "xq") are stop words too.
    ['en', 'hw do i chek my case', 'case-status'],
    ['en', 'how do u check ur case', 'case-status'],
    ['es', 'xq no me llega la mica', 'card-not-received'],
    // English words of the domain in a Spanish sentence.
    ['es', 'necesito hacer el renewal de mi green card', 'green-card-renew'],
    ['es', 'tengo que hacer el change of address', 'change-of-address'],
    ['es', 'quiero aplicar para la citizenship', 'citizenship-apply'],
    ['es', 'mi interview es la otra semana, qué llevo', 'interview'],
    // …and the Spanish word for the green card in an English one.
    ['en', 'how do i renew my mica', 'green-card-renew'],
    ['en', 'i lost my mica', 'green-card-lost'],
  ])(
    'when a %s visitor types with typos, sound-alike spellings or Spanglish (%s), then the right article answers',
    (locale, text, id) => {
      // Top-1 as the evaluation counts it: answered with the article, or offered first in "Did you mean".
      const result = index.answer(text, locale);
      const first = result.decision === 'answer' ? result.article?.id : result.alternatives[0]?.document.id;
      expect(result.decision).not.toBe('none');
      expect(first).toBe(id);
    },
  );
});

describe('judgement questions', () => {
  const detector = new JudgementDetector();

  it.each([
    ['en', 'am I eligible for DACA'],
    ['en', 'Do I qualify for a fee waiver?'],
    ['en', 'can I travel with advance parole while my case is pending'],
    ['en', 'Will I lose my status if I leave for a year?'],
    ['en', 'what are my chances of getting approved'],
    ['es', '¿Califico para la ciudadanía?'],
    ['es', '¿soy elegible para DACA?'],
    ['es', '¿Puedo viajar a México mientras mi caso está pendiente?'],
    ['es', '¿Perderé mi residencia si me quedo un año fuera?'],
    ['es', 'me van a deportar si pido asilo'],
    // A criminal history is for USCIS to weigh: the assistant cannot say what it changes.
    ['en', 'can I apply for citizenship with a DUI'],
    ['en', 'can I renew my green card if I was arrested'],
    ['es', '¿puedo pedir la ciudadanía con antecedentes penales?'],
    ['es', 'si me arrestaron puedo renovar la mica'],
  ])(
    'when a %s visitor asks for a judgement on their own case (%s), then it is recognized',
    (locale, text) => {
      expect(detector.asksForJudgement(text, locale)).toBe(true);
    },
  );

  it.each([
    ['en', 'how do I apply for DACA'],
    ['en', 'what are the requirements for naturalization'],
    ['en', 'can I travel to the field office by bus'],
    ['es', '¿cómo solicito la ciudadanía?'],
    ['es', '¿cuáles son los requisitos para la ciudadanía?'],
    ['en', 'how do I send a copy of my arrest record with my application'],
    ['es', '¿dónde mando la copia del récord de la corte?'],
    ['fr', 'am I eligible'],
  ])(
    'when a %s question asks for general information (%s), then it is not taken for a judgement',
    (locale, text) => {
      expect(detector.asksForJudgement(text, locale)).toBe(false);
    },
  );
});
