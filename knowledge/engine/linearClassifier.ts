import { createHash } from 'node:crypto';
import { ENGINE_VERSION } from './engineVersion.js';
import { NEVER_PAUSE, type Pausable } from './timeSlicer.js';

/**
 * A multinomial logistic regression (softmax) over sparse text features, trained on the documents'
 * own alternate questions: each question is an example of its document. It learns which words
 * tell close documents apart ("take reservations" vs "make a reservation"), which similarity alone
 * cannot. Deterministic: a seeded shuffle and a fixed schedule give the same weights for the same input.
 */

export interface TrainingExample {
  features: readonly string[];
  label: number;
}

export interface LinearClassifierOptions {
  epochs: number;
  learningRate: number;
  /** Multiplies every weight after each example (lazily): keeps the weights small, the probabilities honest. */
  l2: number;
  seed: number;
}

export const DEFAULT_CLASSIFIER_OPTIONS: LinearClassifierOptions = {
  epochs: 8,
  learningRate: 3,
  l2: 1e-6,
  seed: 1,
};

/** Mulberry32: a small seeded PRNG, so training order is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * What training produced, as plain data: the feature names (feature id = position) and the weights
 * (`features.length × classCount`, feature-major) and biases. A restart with the same training
 * input restores this instead of training again (see `ClassifierCache`).
 */
export interface TrainedWeights {
  classCount: number;
  features: string[];
  bias: Float32Array;
  weights: Float32Array;
}

/**
 * Where trained weights are kept between restarts, under a key that names what they were trained
 * from (`trainingKey`). `load` resolves to undefined when it has nothing usable for that key (no
 * entry, another key, a damaged entry): the classifier is then trained and `save`d. Neither
 * rejects: a cache that cannot be read or written only costs the training time.
 */
export interface ClassifierCache {
  load(name: string, key: string): Promise<TrainedWeights | undefined>;
  save(name: string, key: string, weights: TrainedWeights): Promise<void>;
}

export class LinearClassifier {
  readonly classCount: number;
  private readonly featureIds = new Map<string, number>();
  private weights: Float32Array = new Float32Array(0);
  private bias: Float32Array;

  /** The value of a feature present in a text, before the text's values are L2-normalized together. */
  private readonly featureWeight: (feature: string) => number;

  constructor(classCount: number, featureWeight: (feature: string) => number = () => 1) {
    this.classCount = classCount;
    this.featureWeight = featureWeight;
    this.bias = new Float32Array(classCount);
  }

  /** Feature ids of a text's features (unknown features are dropped), with their weights L2-normalized. */
  private encode(features: readonly string[], grow: boolean): { ids: number[]; values: number[] } {
    const ids: number[] = [];
    const values: number[] = [];
    let squares = 0;
    for (const feature of new Set(features)) {
      let id = this.featureIds.get(feature);
      if (id === undefined && grow) {
        id = this.featureIds.size;
        this.featureIds.set(feature, id);
      }
      if (id === undefined) continue;
      const weight = this.featureWeight(feature);
      ids.push(id);
      values.push(weight);
      squares += weight * weight;
    }
    const norm = Math.sqrt(squares);
    for (let i = 0; i < values.length; i++) values[i] = norm > 0 ? (values[i] as number) / norm : 0;
    return { ids, values };
  }

  /** The trained state as plain data (copies nothing: do not change it). */
  trainedWeights(): TrainedWeights {
    return {
      classCount: this.classCount,
      features: [...this.featureIds.keys()],
      bias: this.bias,
      weights: this.weights,
    };
  }

  /**
   * Takes weights trained earlier (by `train` on the same input) instead of training. False, and
   * nothing changed, when they do not fit this classifier (another class count, sizes that do not
   * match, a feature named twice).
   */
  restore(trained: TrainedWeights): boolean {
    const classes = this.classCount;
    if (
      trained.classCount !== classes ||
      trained.bias.length !== classes ||
      trained.weights.length !== trained.features.length * classes
    )
      return false;
    const featureIds = new Map(trained.features.map((feature, id) => [feature, id]));
    if (featureIds.size !== trained.features.length) return false;
    this.featureIds.clear();
    for (const [feature, id] of featureIds) this.featureIds.set(feature, id);
    this.bias = trained.bias;
    this.weights = trained.weights;
    return true;
  }

  /** Trains on the examples, giving the event loop a turn whenever `slicer` says so. */
  async train(
    examples: readonly TrainingExample[],
    options: LinearClassifierOptions = DEFAULT_CLASSIFIER_OPTIONS,
    slicer: Pausable = NEVER_PAUSE,
  ): Promise<void> {
    const encoded = examples.map((example) => ({
      ...this.encode(example.features, true),
      label: example.label,
    }));
    const classes = this.classCount;
    this.weights = new Float32Array(this.featureIds.size * classes);
    const random = seededRandom(options.seed);
    const order = encoded.map((_, i) => i);
    const logits = new Float64Array(classes);
    let step = 0;
    const totalSteps = options.epochs * encoded.length;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      for (let position = 0; position < order.length; position++) {
        if (position % 32 === 0) await slicer.maybePause();
        const example = encoded[order[position] as number];
        if (!example || example.ids.length === 0) continue;
        // Linear decay keeps the last epochs from undoing the first ones.
        const rate = options.learningRate * (1 - step / totalSteps);
        step++;
        this.logitsInto(example.ids, example.values, logits);
        softmaxInPlace(logits);
        for (let c = 0; c < classes; c++) {
          const gradient = (logits[c] as number) - (c === example.label ? 1 : 0);
          if (Math.abs(gradient) < 1e-4) continue;
          const delta = rate * gradient;
          this.bias[c] = (this.bias[c] as number) - delta * 0.1;
          const { ids, values } = example;
          for (let k = 0; k < ids.length; k++) {
            const slot = (ids[k] as number) * classes + c;
            this.weights[slot] =
              (this.weights[slot] as number) * (1 - options.l2) - delta * (values[k] as number);
          }
        }
      }
    }
  }

  private logitsInto(ids: readonly number[], values: readonly number[], logits: Float64Array): void {
    const classes = this.classCount;
    for (let c = 0; c < classes; c++) logits[c] = this.bias[c] as number;
    for (let k = 0; k < ids.length; k++) {
      const base = (ids[k] as number) * classes;
      const value = values[k] as number;
      for (let c = 0; c < classes; c++)
        logits[c] = (logits[c] as number) + value * (this.weights[base + c] as number);
    }
  }

  /** Class probabilities for a text's features (all classes, summing to 1). */
  probabilities(features: readonly string[]): Float64Array {
    const { ids, values } = this.encode(features, false);
    const logits = new Float64Array(this.classCount);
    this.logitsInto(ids, values, logits);
    softmaxInPlace(logits);
    return logits;
  }
}

/**
 * Names what `train` would learn from: the engine's version (which names the training code), the
 * options, the class count and every example (in order). Equal keys give equal weights: training
 * is deterministic.
 */
export function trainingKey(
  classCount: number,
  examples: readonly TrainingExample[],
  options: LinearClassifierOptions = DEFAULT_CLASSIFIER_OPTIONS,
  engineVersion: number = ENGINE_VERSION,
): string {
  const hash = createHash('sha256');
  hash.update(`engine ${engineVersion}\n`);
  hash.update(JSON.stringify([options.epochs, options.learningRate, options.l2, options.seed, classCount]));
  for (const example of examples) hash.update(`\n${example.label}\u0000${example.features.join('\u0000')}`);
  return hash.digest('hex');
}

function softmaxInPlace(values: Float64Array): void {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const e = Math.exp((values[i] as number) - max);
    values[i] = e;
    sum += e;
  }
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / sum;
}
