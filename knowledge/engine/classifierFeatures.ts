import { characterTrigrams, type AnalyzedText } from './textAnalyzer.js';

/**
 * The features the linear classifier sees: every word's stem (stop words too: "how long" and "can
 * I" tell intents apart), stem bigrams with sentence edges, synonym concepts, and character
 * trigrams of every word (robust to typos and to stems Snowball does not merge).
 */
export function classifierFeatures(text: AnalyzedText): string[] {
  const features: string[] = [];
  for (const stem of text.stems) features.push(`w:${stem}`);
  const edged = ['^', ...text.stems, '$'];
  for (let i = 0; i + 1 < edged.length; i++) features.push(`b:${edged[i]}_${edged[i + 1]}`);
  for (const concept of text.concepts) features.push(concept);
  for (const gram of characterTrigrams(text.words).keys()) features.push(`c:${gram}`);
  return features;
}
