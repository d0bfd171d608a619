import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClassifierCacheFiles } from '../../bot/articles/classifierCacheFiles.js';
import { AnswerIndex, type ClassifierCache, type TrainedWeights } from '../../knowledge/engine/index.js';
import { DEFAULT_CLASSIFIER_OPTIONS, trainingKey } from '../../knowledge/engine/linearClassifier.js';
import type { IndexDocument } from '../../knowledge/engine/types.js';
import { capturedLogger } from '../support/capturedLogger.js';

/** Wraps a cache and records what each load found and each save, in order. */
class RecordedCache implements ClassifierCache {
  readonly events: string[] = [];
  constructor(private readonly inner: ClassifierCache) {}
  async load(name: string, key: string): Promise<TrainedWeights | undefined> {
    const found = await this.inner.load(name, key);
    this.events.push(`${found ? 'hit' : 'miss'} ${name}`);
    return found;
  }
  async save(name: string, key: string, weights: TrainedWeights): Promise<void> {
    this.events.push(`save ${name}`);
    await this.inner.save(name, key, weights);
  }
}

function documents(extraQuestion?: string): IndexDocument[] {
  return [
    {
      id: 'green-card',
      locale: 'en',
      title: 'Replacing a lost green card',
      questions: ['I lost my green card', 'how do I replace my permanent resident card'],
    },
    {
      id: 'biometrics',
      locale: 'en',
      title: 'Rescheduling a biometrics appointment',
      questions: ['reschedule my fingerprints appointment', 'change my biometrics date'],
    },
    {
      id: 'fees',
      locale: 'en',
      title: 'Paying filing fees',
      questions: ['how much does it cost to file', 'can I pay the fee with a credit card'],
    },
    {
      id: 'tarjeta',
      locale: 'es',
      title: 'Reemplazar una tarjeta verde perdida',
      questions: ['perdí mi tarjeta verde', '¿cómo reemplazo mi tarjeta de residente?'],
    },
    {
      id: 'huellas',
      locale: 'es',
      title: 'Cambiar la cita de huellas',
      questions: ['quiero cambiar mi cita de huellas', '¿puedo mover la fecha de biometría?'],
    },
  ].map((document) =>
    extraQuestion && document.id === 'fees'
      ? { ...document, questions: [...document.questions, extraQuestion] }
      : document,
  );
}

const QUESTIONS: Array<[string, string]> = [
  ['i lost my green card', 'en'],
  ['move my fingerprint appointment', 'en'],
  ['what does filing cost', 'en'],
  ['perdí la tarjeta', 'es'],
  ['cambiar cita de huellas', 'es'],
];

/** What an index answers, with every score, for comparing two indexes. */
function answers(index: AnswerIndex): unknown[] {
  return QUESTIONS.map(([text, locale]) =>
    index.answer(text, locale).ranking.map((ranked) => [ranked.document.id, ranked.score, ranked.signals]),
  );
}

describe('the answer classifier kept between restarts (ClassifierCacheFiles)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'va-classifier-cache-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when the articles are unchanged, then the next build takes the kept weights and answers exactly as one that trained', async () => {
    const { logger } = capturedLogger();
    const trained = await AnswerIndex.build(documents());
    const first = new RecordedCache(new ClassifierCacheFiles(dir, logger));
    const firstIndex = await AnswerIndex.build(documents(), { classifierCache: first });
    expect(first.events).toEqual(['miss en', 'save en', 'miss es', 'save es']);
    expect((await stat(path.join(dir, 'classifier-en.bin'))).size).toBeGreaterThan(0);

    const second = new RecordedCache(new ClassifierCacheFiles(dir, logger));
    const secondIndex = await AnswerIndex.build(documents(), { classifierCache: second });
    expect(second.events).toEqual(['hit en', 'hit es']);
    expect(answers(secondIndex)).toEqual(answers(trained));
    expect(answers(firstIndex)).toEqual(answers(trained));
    // The classifier really is in play: its signal is not zero for the right article.
    const ranked = secondIndex.answer('i lost my green card', 'en').ranking[0];
    expect(ranked?.document.id).toBe('green-card');
    expect(ranked?.signals.classifier).toBeGreaterThan(0.3);
  });

  it('when an article changes (a publish, an import), then its language is trained again and its file replaced', async () => {
    const { logger } = capturedLogger();
    await AnswerIndex.build(documents(), { classifierCache: new ClassifierCacheFiles(dir, logger) });
    const before = await readFile(path.join(dir, 'classifier-en.bin'));

    const cache = new RecordedCache(new ClassifierCacheFiles(dir, logger));
    const changed = await AnswerIndex.build(documents('is there a fee waiver'), { classifierCache: cache });
    // English changed: trained and saved; Spanish did not: taken from its file.
    expect(cache.events).toEqual(['miss en', 'save en', 'hit es']);
    expect((await readFile(path.join(dir, 'classifier-en.bin'))).equals(before)).toBe(false);
    expect(answers(changed)).toEqual(answers(await AnswerIndex.build(documents('is there a fee waiver'))));

    const again = new RecordedCache(new ClassifierCacheFiles(dir, logger));
    await AnswerIndex.build(documents('is there a fee waiver'), { classifierCache: again });
    expect(again.events).toEqual(['hit en', 'hit es']);
  });

  it.each([
    ['cut short', (bytes: Buffer) => bytes.subarray(0, bytes.length - 7)],
    ['garbage', (bytes: Buffer) => Buffer.from('not a cache file at all'.repeat(bytes.length > 0 ? 3 : 1))],
    ['empty', () => Buffer.alloc(0)],
    [
      'a header that is not JSON',
      (bytes: Buffer) => Buffer.concat([bytes.subarray(0, 20), Buffer.from('{{{'), bytes.subarray(23)]),
    ],
    [
      'a weight that is not a number',
      (bytes: Buffer) => {
        const copy = Buffer.from(bytes);
        copy.writeFloatLE(Number.NaN, copy.length - 4);
        return copy;
      },
    ],
  ])(
    'when the file is damaged (%s), then it is ignored with a warning, trained again and rewritten',
    async (_name, damage) => {
      const { logger, lines } = capturedLogger();
      await AnswerIndex.build(documents(), { classifierCache: new ClassifierCacheFiles(dir, logger) });
      const file = path.join(dir, 'classifier-en.bin');
      const good = await readFile(file);
      await writeFile(file, damage(good));

      const cache = new RecordedCache(new ClassifierCacheFiles(dir, logger));
      const index = await AnswerIndex.build(documents(), { classifierCache: cache });
      expect(cache.events).toEqual(['miss en', 'save en', 'hit es']);
      expect(lines.some((line) => line.level === 40 && String(line.msg).includes('damaged'))).toBe(true);
      expect(await readFile(file)).toEqual(good);
      expect(answers(index)).toEqual(answers(await AnswerIndex.build(documents())));
    },
  );

  it('when the folder cannot be written, then the index is still built and the failure logged', async () => {
    const { logger, lines } = capturedLogger();
    const blocked = path.join(dir, 'a-file-not-a-folder');
    await writeFile(blocked, 'x');
    const index = await AnswerIndex.build(documents(), {
      classifierCache: new ClassifierCacheFiles(blocked, logger),
    });
    expect(index.answer('i lost my green card', 'en').ranking[0]?.document.id).toBe('green-card');
    expect(
      lines.filter((line) => line.level === 40 && String(line.msg).includes('not written')),
    ).toHaveLength(2);
  });

  it('when the weights were kept for other training settings, then they are not used', async () => {
    const { logger } = capturedLogger();
    await AnswerIndex.build(documents(), { classifierCache: new ClassifierCacheFiles(dir, logger) });
    const cache = new RecordedCache(new ClassifierCacheFiles(dir, logger));
    await AnswerIndex.build(documents(), {
      classifierCache: cache,
      classifier: { ...DEFAULT_CLASSIFIER_OPTIONS, epochs: DEFAULT_CLASSIFIER_OPTIONS.epochs + 1 },
    });
    expect(cache.events).toEqual(['miss en', 'save en', 'miss es', 'save es']);
  });

  it('the training key names the examples in order, the class count and the settings', () => {
    const examples = [
      { features: ['w:lost', 'w:card'], label: 0 },
      { features: ['w:fee'], label: 1 },
    ];
    const key = trainingKey(2, examples);
    expect(
      trainingKey(
        2,
        examples.map((example) => ({ ...example })),
      ),
    ).toBe(key);
    expect(trainingKey(3, examples)).not.toBe(key);
    expect(trainingKey(2, [...examples].reverse())).not.toBe(key);
    expect(trainingKey(2, [{ features: ['w:lost', 'w:card'], label: 1 }, examples[1]!])).not.toBe(key);
    expect(trainingKey(2, [{ features: ['w:lostw:card'], label: 0 }, examples[1]!])).not.toBe(key);
    expect(trainingKey(2, examples, { ...DEFAULT_CLASSIFIER_OPTIONS, seed: 2 })).not.toBe(key);
  });
});
