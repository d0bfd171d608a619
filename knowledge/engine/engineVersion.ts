/**
 * The version of what the engine derives from articles and keeps between restarts (in the data
 * folder: the analysed words and stems of the articles' texts, the trained classifier weights).
 * Kept files carry it, and a file of another version is not used: the engine analyses and trains
 * again. Raise it with any change to what `TextAnalyzer` makes of a text before its synonym
 * concepts (segmentation, folding, stop words, stems), or to how `LinearClassifier` trains (its features' weights included).
 * test/knowledge/engineVersion.test.ts fails when those files change and it was not raised.
 *
 * (It used to be read from the training functions' source text, which differs between the code
 * run by tsx and the bundle: a bundled start never used what a development start kept.)
 */
export const ENGINE_VERSION = 5;
