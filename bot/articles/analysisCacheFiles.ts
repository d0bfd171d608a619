import path from 'node:path';
import { ENGINE_VERSION, type AnalysisCache, type WordAnalysis } from '../../knowledge/engine/index.js';
import type { Logger } from '../logging/logger.js';
import { readIfPresent, writeFileAtomically } from '../shared/atomicFile.js';

const FORMAT = 'va-article-analysis';
const NAME = /^[a-z0-9-]+$/i;

/** One text's entry: the text, its words, their stems, and a "0"/"1" per word (1: stop word). */
type Entry = [text: string, words: string[], stems: string[], stopWords: string];

interface FileContent {
  format: typeof FORMAT;
  engine: number;
  texts: Entry[];
}

/**
 * The words and stems of the articles' texts as the answer engine analysed them, one file per
 * language in `dir` (beside the store, in the data folder), so a restart does not segment and stem
 * every article again (most of an index build). Kept by text: an article changed by a publish, an
 * import or an edit of the files is analysed again (its text is not in the file), and the file is
 * written again after that build; a file of another engine version (`ENGINE_VERSION`) is not
 * used. A file that cannot be read, is damaged, cut short or not of this format is only logged and
 * the articles are analysed again; a file that cannot be written is logged and the service goes on.
 */
export class AnalysisCacheFiles implements AnalysisCache {
  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
    private readonly engineVersion: number = ENGINE_VERSION,
  ) {}

  fileFor(name: string): string {
    return path.join(this.dir, `analysis-${name}.json`);
  }

  async load(name: string): Promise<ReadonlyMap<string, WordAnalysis> | undefined> {
    if (!NAME.test(name)) return undefined;
    const file = this.fileFor(name);
    let bytes: Buffer | undefined;
    try {
      bytes = await readIfPresent(file);
    } catch (error) {
      this.logger.warn(
        { err: error, file },
        'article analysis cache unreadable: the articles are analysed again',
      );
    }
    if (bytes === undefined) return undefined;
    const content = parse(bytes.toString('utf8'));
    if (content === undefined) {
      this.logger.warn({ file }, 'article analysis cache damaged: the articles are analysed again');
      return undefined;
    }
    if (content.engine !== this.engineVersion) return undefined;
    const analyses = new Map<string, WordAnalysis>();
    for (const [key, words, stems, stopWords] of content.texts) {
      analyses.set(key, { words, stems, isStopWord: Array.from(stopWords, (flag) => flag === '1') });
    }
    this.logger.debug({ file, texts: analyses.size }, 'article analyses loaded from the cache');
    return analyses;
  }

  async save(name: string, analyses: ReadonlyMap<string, WordAnalysis>): Promise<void> {
    if (!NAME.test(name)) return;
    const file = this.fileFor(name);
    const content: FileContent = {
      format: FORMAT,
      engine: this.engineVersion,
      texts: [...analyses].map(([text, analysis]): Entry => [
        text,
        analysis.words,
        analysis.stems,
        analysis.isStopWord.map((stop) => (stop ? '1' : '0')).join(''),
      ]),
    };
    try {
      await writeFileAtomically(file, JSON.stringify(content));
    } catch (error) {
      this.logger.warn(
        { err: error, file },
        'article analysis cache not written: the next start analyses again',
      );
    }
  }
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The file's content, or undefined when it is not a whole file of this format. */
function parse(text: string): FileContent | undefined {
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof content !== 'object' || content === null) return undefined;
  const { format, engine, texts } = content as Partial<FileContent>;
  if (format !== FORMAT || typeof engine !== 'number' || !Array.isArray(texts)) return undefined;
  for (const entry of texts as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 4) return undefined;
    const [key, words, stems, stopWords] = entry as unknown[];
    if (
      typeof key !== 'string' ||
      !isStringArray(words) ||
      !isStringArray(stems) ||
      typeof stopWords !== 'string' ||
      stems.length !== words.length ||
      stopWords.length !== words.length ||
      !/^[01]*$/.test(stopWords)
    )
      return undefined;
  }
  return content as FileContent;
}
