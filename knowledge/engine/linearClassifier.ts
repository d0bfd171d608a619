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

export class LinearClassifier {
  readonly classCount: number;
  private readonly featureIds = new Map<string, number>();
  private weights: Float32Array = new Float32Array(0);
  private bias: Float32Array;

  constructor(classCount: number) {
    this.classCount = classCount;
    this.bias = new Float32Array(classCount);
  }

  /** Feature ids of a text's features (unknown features are dropped), with their L2-normalized value. */
  private encode(features: readonly string[], grow: boolean): { ids: number[]; value: number } {
    const ids: number[] = [];
    for (const feature of new Set(features)) {
      let id = this.featureIds.get(feature);
      if (id === undefined && grow) {
        id = this.featureIds.size;
        this.featureIds.set(feature, id);
      }
      if (id !== undefined) ids.push(id);
    }
    return { ids, value: ids.length > 0 ? 1 / Math.sqrt(ids.length) : 0 };
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
        this.logitsInto(example.ids, example.value, logits);
        softmaxInPlace(logits);
        for (let c = 0; c < classes; c++) {
          const gradient = (logits[c] as number) - (c === example.label ? 1 : 0);
          if (Math.abs(gradient) < 1e-4) continue;
          const delta = rate * gradient;
          this.bias[c] = (this.bias[c] as number) - delta * 0.1;
          const scaled = delta * example.value;
          for (const id of example.ids) {
            const slot = id * classes + c;
            this.weights[slot] = (this.weights[slot] as number) * (1 - options.l2) - scaled;
          }
        }
      }
    }
  }

  private logitsInto(ids: readonly number[], value: number, logits: Float64Array): void {
    const classes = this.classCount;
    for (let c = 0; c < classes; c++) logits[c] = this.bias[c] as number;
    for (const id of ids) {
      const base = id * classes;
      for (let c = 0; c < classes; c++)
        logits[c] = (logits[c] as number) + value * (this.weights[base + c] as number);
    }
  }

  /** Class probabilities for a text's features (all classes, summing to 1). */
  probabilities(features: readonly string[]): Float64Array {
    const { ids, value } = this.encode(features, false);
    const logits = new Float64Array(this.classCount);
    this.logitsInto(ids, value, logits);
    softmaxInPlace(logits);
    return logits;
  }
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
