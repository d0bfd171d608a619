import { describe, expect, it } from 'vitest';
import { LinearClassifier, type TrainingExample } from '../../knowledge/engine/linearClassifier.js';

const EXAMPLES: TrainingExample[] = [
  { features: ['w:lost', 'w:card', 'c:los'], label: 0 },
  { features: ['w:card', 'w:stolen', 'c:sto'], label: 0 },
  { features: ['w:fee', 'w:pay', 'c:fee'], label: 1 },
  { features: ['w:pay', 'w:waiver', 'c:wai'], label: 1 },
];

async function trained(featureWeight?: (feature: string) => number): Promise<LinearClassifier> {
  const classifier = new LinearClassifier(2, featureWeight);
  await classifier.train(EXAMPLES);
  return classifier;
}

describe('LinearClassifier feature weights', () => {
  it('scales features against each other only: one weight for all gives the plain classifier', async () => {
    const plain = await trained();
    const doubled = await trained(() => 2);
    const question = ['w:lost', 'w:pay', 'c:fee'];
    expect([...doubled.probabilities(question)]).toEqual([...plain.probabilities(question)]);
  });

  it('a feature weighted 0 is neither learnt from nor read', async () => {
    const wordsOnly = await trained((feature) => (feature.startsWith('c:') ? 0 : 1));
    const withTrigram = wordsOnly.probabilities(['w:card', 'c:fee']);
    expect([...withTrigram]).toEqual([...wordsOnly.probabilities(['w:card'])]);
    expect(withTrigram[0]).toBeGreaterThan(0.5);
  });

  it('a text whose only known features weigh 0 gets the biases alone, not NaN', async () => {
    const wordsOnly = await trained((feature) => (feature.startsWith('c:') ? 0 : 1));
    const probabilities = [...wordsOnly.probabilities(['c:fee'])];
    expect(probabilities.every(Number.isFinite)).toBe(true);
    expect(probabilities).toEqual([...wordsOnly.probabilities([])]);
  });
});
