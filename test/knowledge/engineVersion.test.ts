import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../knowledge/engine/index.js';
import { DEFAULT_CLASSIFIER_OPTIONS, trainingKey } from '../../knowledge/engine/linearClassifier.js';
import { REPO_ROOT } from '../support/paths.js';

/**
 * What is kept in the data folder between restarts (the articles' analysed words, the trained
 * classifier) is used only by the engine version that wrote it (ENGINE_VERSION). The version is a
 * constant, so it must be raised by hand whenever the code that produces those files changes: this
 * test tells when. It fingerprints that code (the text analysis before synonyms, the classifier's
 * training) and the versions of the packages it runs (stemmers, stop words).
 *
 * When it fails after you changed one of these files: if what `TextAnalyzer.analyze` returns for a
 * text (words, stems, stop words) or what `LinearClassifier.train` learns could change, raise
 * ENGINE_VERSION in knowledge/engine/engineVersion.ts; in any case, record the new pair below.
 */
const RECORDED = {
  version: 5,
  fingerprint: '0e02286a03eea2f7435f6e4f98ff2fc05e27b1bb673c96b33ff9e9156c44a487',
};

const ENGINE_FILES = [
  'knowledge/engine/textAnalyzer.ts',
  'knowledge/engine/soundAlike.ts',
  'knowledge/engine/spanishVerbForms.ts',
  'knowledge/engine/stopWordTypos.ts',
  'knowledge/engine/stopWordTypos.json',
  'knowledge/engine/boundedMemo.ts',
  'knowledge/engine/linearClassifier.ts',
  'knowledge/engine/classifierFeatures.ts',
];
const PACKAGES = ['snowball-stemmers', 'stopword'];

async function fingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of ENGINE_FILES) {
    hash.update(`${file}\n`);
    hash.update((await readFile(path.join(REPO_ROOT, file), 'utf8')).replace(/\r\n/g, '\n'));
  }
  const lock = JSON.parse(await readFile(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  for (const name of PACKAGES) hash.update(`${name}@${lock.packages[`node_modules/${name}`]?.version}\n`);
  return hash.digest('hex');
}

describe('the engine version of what is kept between restarts', () => {
  it('the code behind the kept analyses and weights is the code ENGINE_VERSION was last set for', async () => {
    expect({ version: ENGINE_VERSION, fingerprint: await fingerprint() }).toEqual(RECORDED);
  });

  it('weights trained by another engine version have another training key', () => {
    const examples = [
      { features: ['w:lost', 'w:card'], label: 0 },
      { features: ['w:fee'], label: 1 },
    ];
    const key = trainingKey(2, examples);
    expect(trainingKey(2, examples, DEFAULT_CLASSIFIER_OPTIONS, ENGINE_VERSION)).toBe(key);
    expect(trainingKey(2, examples, DEFAULT_CLASSIFIER_OPTIONS, ENGINE_VERSION + 1)).not.toBe(key);
  });
});
