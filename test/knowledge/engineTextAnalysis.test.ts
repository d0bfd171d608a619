import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadArticleFiles } from '../../knowledge/content/articleFiles.js';
import { AnswerIndex } from '../../knowledge/engine/answerIndex.js';
import { LocaleIndex } from '../../knowledge/engine/localeIndex.js';
import { BUILT_IN_SYNONYMS } from '../../knowledge/engine/synonymTables.js';
import { foldAccents, TextAnalyzer } from '../../knowledge/engine/textAnalyzer.js';
import { editDistance, isOneEditApart, TypoCorrector } from '../../knowledge/engine/typoCorrector.js';
import type { IndexDocument } from '../../knowledge/engine/types.js';
import { seeded } from '../support/propertySeed.js';

/** The analyzer as an index of `locale` sets it up, with the built-in synonym table. */
function withSynonyms(locale: string): TextAnalyzer {
  return new LocaleIndex(locale, { synonymGroups: BUILT_IN_SYNONYMS[locale] ?? [] }).analyzer;
}

describe('text analysis', () => {
  it('when English words differ only by inflection, then they share a stem', () => {
    const analyzer = new TextAnalyzer('en');
    expect(analyzer.terms('appointments')).toEqual(analyzer.terms('appointment'));
    expect(analyzer.terms('rescheduling')).toEqual(analyzer.terms('reschedule'));
  });

  it('when Spanish words differ by number or accents, then they share a stem', () => {
    const analyzer = new TextAnalyzer('es');
    expect(analyzer.terms('cita')).toEqual(analyzer.terms('citas'));
    expect(analyzer.terms('información')).toEqual(analyzer.terms('informacion'));
    expect(analyzer.terms('Biométricos')).toEqual(analyzer.terms('biometricos'));
  });

  it('when a Spanish verb changes its stem ("renuevo", "pido"), then it shares the infinitive\'s stem', () => {
    const analyzer = new TextAnalyzer('es');
    expect(analyzer.terms('renuevo')).toEqual(analyzer.terms('renovar'));
    expect(analyzer.terms('renueva')).toEqual(analyzer.terms('renovación'));
    expect(analyzer.terms('pido')).toEqual(analyzer.terms('pedir'));
    expect(analyzer.terms('pidió')).toEqual(analyzer.terms('pedir'));
    expect(analyzer.terms('pierdo')).toEqual(analyzer.terms('perder'));
    expect(analyzer.terms('corrijo')).toEqual(analyzer.terms('corregir'));
    // Nouns that look like a changed form keep their own stem: "cuenta" is an account here.
    expect(analyzer.terms('cuenta')).not.toEqual(analyzer.terms('contar'));
  });

  it('when a question is mostly function words, then only the content words are search terms', () => {
    // Stems are written with each doubled letter once ("appoint" → "apoint"), and Spanish ones as
    // they sound ("sac" → "sak", "cit" → "sit"): see the noisy-typing tests.
    expect(new TextAnalyzer('en').terms('How do I get an appointment?')).toEqual(['apoint']);
    expect(new TextAnalyzer('es').terms('¿Cómo puedo sacar una cita?')).toEqual(['sak', 'sit']);
  });

  it('when a form number is written with or without a hyphen, then it is one term', () => {
    const analyzer = new TextAnalyzer('en');
    expect(analyzer.terms('Form I-551')).toEqual(analyzer.terms('form i551'));
    expect(analyzer.terms('I-90')).toEqual(['i90']);
  });

  it('when texts use different names for a green card, then they share a synonym concept', () => {
    const english = withSynonyms('en');
    const spanish = withSynonyms('es');
    expect(english.terms('I lost my green card')).toContain('syn:green-card');
    expect(english.terms('replace a permanent resident card')).toContain('syn:green-card');
    expect(english.terms('Form I-551')).toContain('syn:green-card');
    expect(spanish.terms('perdí mi tarjeta verde')).toContain('syn:green-card');
    expect(spanish.terms('tarjeta de residente permanente')).toContain('syn:green-card');
  });

  it('when a synonym phrase would shrink to one everyday word, then it does not fire on that word', () => {
    // "my account" minus the stop word "my" would otherwise tag every "account" as myUSCIS.
    expect(withSynonyms('en').terms('bank account')).not.toContain('syn:myuscis');
    expect(withSynonyms('en').terms('my USCIS account')).toContain('syn:myuscis');
  });
});

describe('noisy typing: what the analyzer repairs on its own', () => {
  it('when a function word is typed with a doubled or swapped letter, then it is that stop word again', () => {
    const english = new TextAnalyzer('en');
    expect(english.terms('waht papers shuold I mail')).toEqual(english.terms('what papers should I mail'));
    expect(english.terms('wheer do I mail my papers')).toEqual(english.terms('where do I mail my papers'));
    expect(english.terms('thhat fee')).toEqual(english.terms('fee'));
    const spanish = new TextAnalyzer('es');
    // A swap of the first two letters too ("ocmo"), and a doubled letter ("tenggo", "parra").
    expect(spanish.terms('ocmo pago la tarifa')).toEqual(spanish.terms('cómo pago la tarifa'));
    expect(spanish.terms('tenggo una multa, ahce un mes')).toEqual(
      spanish.terms('tengo una multa, hace un mes'),
    );
    expect(spanish.terms('parra la tarifa')).toEqual(['tarif']);
    const analyzed = spanish.analyze('ocmo');
    expect(analyzed.words).toEqual(['como']);
    expect(analyzed.isStopWord).toEqual([true]);
  });

  it('when a Spanish function word is written as it sounds, then it is that stop word', () => {
    const spanish = new TextAnalyzer('es');
    expect(spanish.analyze('komo ke porke aser').words).toEqual(['como', 'que', 'porque', 'hacer']);
    expect(spanish.terms('ke tarifa')).toEqual(['tarif']);
  });

  it('when a function word is written as in a text message, then it is a stop word, not a word no article has', () => {
    const english = new TextAnalyzer('en');
    expect(english.terms('hw do i check ur case plz')).toEqual(
      english.terms('how do I check your case please'),
    );
    expect(english.terms('how do u check ur case')).toEqual(english.terms('how do you check your case'));
    // Beside "visa", a letter names a visa class: "u" stays a word there, in both languages.
    expect(english.terms('u visa')).toContain('u');
    expect(new TextAnalyzer('es').terms('la visa U para víctimas')).toContain('u');
    const spanish = new TextAnalyzer('es');
    expect(spanish.terms('xq no llega mi tarjeta, porfa')).toEqual(
      spanish.terms('porque no llega mi tarjeta'),
    );
    expect(spanish.terms('q es daca')).toEqual(spanish.terms('qué es daca'));
  });

  it('when a real word is a doubled, swapped or sound-alike spelling of a stop word, then it stays a word', () => {
    const english = new TextAnalyzer('en');
    expect(english.terms('form')).toEqual(['form']); // "from" with two letters swapped
    expect(english.analyze('three').isStopWord).toEqual([false]); // "there"
    const spanish = new TextAnalyzer('es');
    expect(spanish.analyze('mi cuñado').isStopWord).toEqual([true, false]); // "cuando"
    expect(spanish.terms('peor')).toHaveLength(1); // "pero"
    expect(spanish.terms('contar')).toHaveLength(1); // "contra"
  });

  it('when our articles and synonym tables are analyzed, then none of their words is taken for a stop word typed wrong', async () => {
    const { articles } = await loadArticleFiles();
    const rewritten: string[] = [];
    const check = (analyzer: TextAnalyzer, text: string): void => {
      const typed = analyzer.words(text).map(foldAccents);
      analyzer.analyze(text).words.forEach((word, i) => {
        if (word !== typed[i]) rewritten.push(`${analyzer.locale}: ${typed[i]} → ${word}`);
      });
    };
    const analyzers = new Map(['en', 'es'].map((locale) => [locale, new TextAnalyzer(locale)]));
    for (const article of articles) {
      const analyzer = analyzers.get(article.locale.slice(0, 2)) as TextAnalyzer;
      for (const text of [
        article.title,
        ...article.questions,
        ...(article.synonyms ?? []),
        ...(article.tags ?? []),
      ])
        check(analyzer, text);
      check(analyzer, `${article.answer ?? ''}\n${article.body ?? ''}`);
    }
    for (const [locale, analyzer] of analyzers)
      for (const group of BUILT_IN_SYNONYMS[locale] ?? [])
        for (const term of group.terms) check(analyzer, term);
    expect(articles.length).toBeGreaterThan(50);
    expect(rewritten).toEqual([]);
  });

  it('when a word has a doubled letter, then it has the stem of the word typed right', () => {
    const english = new TextAnalyzer('en');
    expect(english.terms('checkk renewwal appoinntment')).toEqual(english.terms('check renewal appointment'));
    // Stemming comes first, so words that differ by more than the double stay apart.
    expect(english.terms('filling')).not.toEqual(english.terms('filing'));
    const spanish = new TextAnalyzer('es');
    expect(spanish.terms('cammbio solicittud')).toEqual(spanish.terms('cambio solicitud'));
  });

  it('when a Spanish word is written as it sounds, then it has the stem of the word spelled right', () => {
    const spanish = new TextAnalyzer('es');
    expect(spanish.terms('travajo sellada ofisina huellas llevar')).toEqual(
      spanish.terms('trabajo seyada oficina uellas yevar'),
    );
    expect(spanish.terms('renobar la lisensia')).toEqual(spanish.terms('renovar la licencia'));
  });
});

describe('typo tolerance', () => {
  it('when a word is misspelled by a letter or two, then the vocabulary word is found', async () => {
    const corrector = new TypoCorrector();
    corrector.add('appointment', 'appoint');
    corrector.add('infopass', 'infopass');
    corrector.add('biometrics', 'biometr');
    await corrector.finish();
    expect(corrector.correct('apointment')[0]?.word).toBe('appointment');
    expect(corrector.correct('infopas')[0]?.word).toBe('infopass');
    expect(corrector.correct('biometircs')[0]?.word).toBe('biometrics');
  });

  it('when a word is only contained in a vocabulary word, then it is not taken for a typo', async () => {
    const corrector = new TypoCorrector();
    corrector.add('decide', 'decid');
    await corrector.finish();
    expect(corrector.correct('idea')).toEqual([]);
    expect(editDistance('idea', 'decide')).toBeGreaterThan(1);
  });

  it('when two words are compared for a single slip, then the answer is the edit distance being 1', () => {
    expect(isOneEditApart('mcuh', 'much')).toBe(true);
    expect(isOneEditApart('questa', 'cuesta')).toBe(true);
    expect(isOneEditApart('much', 'much')).toBe(false);
    // Few letters, so that words one or two slips apart come up often.
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 6 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(isOneEditApart(a, b)).toBe(editDistance(a, b) === 1);
      }),
      seeded('isOneEditApart agrees with editDistance', { numRuns: 2000 }),
    );
  });

  it('when two adjacent letters are swapped, then the vocabulary word is found', async () => {
    const corrector = new TypoCorrector();
    for (const [word, stem] of [
      ['card', 'card'],
      ['case', 'case'],
      ['status', 'status'],
      ['phone', 'phone'],
    ] as const)
      corrector.add(word, stem);
    await corrector.finish();
    expect(corrector.correct('crad')[0]?.word).toBe('card');
    expect(corrector.correct('csae')[0]?.word).toBe('case');
    expect(corrector.correct('sattus')[0]?.word).toBe('status');
    expect(corrector.correct('pohne')[0]?.word).toBe('phone');
  });

  it('when an ordinary word is one letter away from a vocabulary word, then it is not rewritten', async () => {
    const corrector = new TypoCorrector();
    for (const word of ['good', 'email', 'hear', 'live', 'work', 'order', 'resident', 'japones', 'huellas'])
      corrector.add(word, word);
    await corrector.finish();
    // Another first letter: food/good, gmail/email, near/hear, york/work, border/order.
    for (const word of ['food', 'gmail', 'near', 'york', 'border', 'president', 'cupones', 'vueltas'])
      expect(corrector.correct(word), word).toEqual([]);
    // A four-letter word is only corrected for two swapped letters: life/live, but lvie → live.
    expect(corrector.correct('life')).toEqual([]);
    expect(corrector.correct('lvie')[0]?.word).toBe('live');
  });

  it('when a four-letter word is a word the articles use often with one letter left out, then that word is found; a rare word is not', async () => {
    const corrector = new TypoCorrector({ minOccurrencesForShortInsertion: 3 });
    for (let i = 0; i < 3; i++) for (const word of ['renew', 'check', 'pedir']) corrector.add(word, word);
    corrector.add('first', 'first');
    corrector.add('blank', 'blank');
    await corrector.finish();
    expect(corrector.correct('renw')[0]?.word).toBe('renew');
    expect(corrector.correct('chck')[0]?.word).toBe('check');
    expect(corrector.correct('pdir')[0]?.word).toBe('pedir');
    // Used once: "fist" and "bank" stay what the visitor typed.
    expect(corrector.correct('fist')).toEqual([]);
    expect(corrector.correct('bank')).toEqual([]);
    // Two letters left out, or another first letter: not a typo of these words.
    expect(corrector.correct('rnw')).toEqual([]);
    expect(corrector.correct('heck')).toEqual([]);
  });

  it('when a short word has two edits, then it is not corrected; a long word may have two', async () => {
    const corrector = new TypoCorrector();
    for (const word of ['passport', 'reschedule']) corrector.add(word, word);
    await corrector.finish();
    expect(corrector.correct('password')).toEqual([]);
    expect(corrector.correct('reschedual')[0]?.word).toBe('reschedule');
  });

  it('when two vocabulary words are equally close, then the one the articles use most comes first', async () => {
    const corrector = new TypoCorrector();
    corrector.add('books', 'book');
    for (let i = 0; i < 3; i++) corrector.add('boots', 'boot');
    await corrector.finish();
    expect(corrector.correct('boofs').map((correction) => correction.word)).toEqual(['boots', 'books']);
  });

  it('when a question is full of typos, then the right document still ranks first', async () => {
    const documents: IndexDocument[] = [
      {
        id: 'infopass',
        locale: 'en',
        title: 'InfoPass appointments',
        questions: ['How do I make an InfoPass appointment?'],
      },
      { id: 'fees', locale: 'en', title: 'Filing fees', questions: ['How much is the filing fee?'] },
    ];
    const index = await AnswerIndex.build(documents);
    expect(index.rank('infopas apointment', 'en')[0]?.document.id).toBe('infopass');
  });

  it('when the question has a typo, then the corrected word is what is searched', async () => {
    const index = new LocaleIndex('en');
    index.add({
      id: 'a',
      locale: 'en',
      title: 'Biometrics appointment',
      questions: ['reschedule biometrics'],
    });
    await index.finish();
    const query = index.analyzeQuery('reschedual my biometrcs');
    expect([...query.terms.keys()]).toEqual(expect.arrayContaining(['reschedul', 'biometr']));
  });
});

describe('typo-tolerant synonym phrases (fuse.js)', () => {
  async function indexOf(locale: string, documents: IndexDocument[]): Promise<LocaleIndex> {
    const index = new LocaleIndex(locale, { synonymGroups: BUILT_IN_SYNONYMS[locale] ?? [] });
    for (const document of documents) index.add(document);
    await index.finish();
    return index;
  }
  const cardDocument: IndexDocument = {
    id: 'card',
    locale: 'en',
    title: 'Replacing a permanent resident card',
    questions: ['My resident card was stolen'],
  };

  it('when a phrase is typed as one misspelled word, then its concept is searched instead of the word', async () => {
    const index = await indexOf('en', [cardDocument]);
    const terms = [...index.analyzeQuery('greencrad stolen').terms.keys()];
    expect(terms).toContain('syn:green-card');
    expect(terms).not.toContain('greencrad');
  });

  it('when a phrase is split or misspelled across words, then its concept is found', async () => {
    const index = await indexOf('en', [cardDocument]);
    expect(index.analyzeQuery('book an info pas').terms.get('syn:infopass')).toBeGreaterThan(0.8);
    expect(index.analyzeQuery('my permanet resident card').terms.has('syn:green-card')).toBe(true);
  });

  it('when a Spanish phrase has a typo in a real word, then its concept is found', async () => {
    const index = await indexOf('es', [
      {
        id: 'tarjeta',
        locale: 'es',
        title: 'Tarjeta de residente permanente',
        questions: ['Perdí mi tarjeta'],
      },
    ]);
    expect(index.analyzeQuery('perdí mi tarjeta berde').terms.has('syn:green-card')).toBe(true);
  });

  it('when a word only contains a phrase or is far from every phrase, then no concept is added', async () => {
    const index = await indexOf('en', [cardDocument]);
    const concepts = (text: string): string[] =>
      [...index.analyzeQuery(text).terms.keys()].filter((term) => term.startsWith('syn:'));
    expect(concepts('greencardholders party')).toEqual([]);
    expect(concepts('what is the weather like')).toEqual([]);
    // "EAD" is too short to take a word one letter away for the acronym.
    expect(concepts('my eaf application')).toEqual([]);
    expect(concepts('my ead application')).toEqual(['syn:work-permit']);
  });
});
