import os from 'node:os';
import path from 'node:path';
import type { ClassifierCache, TrainedWeights } from '../../knowledge/engine/index.js';
import type { Logger } from '../logging/logger.js';
import { readIfPresent, writeFileAtomically } from '../shared/atomicFile.js';

/** First bytes of a cache file; a new layout gets a new number (older files are then retrained). */
const MAGIC = Buffer.from('VA-CLASSIFIER 1\n', 'latin1');
const NAME = /^[a-z0-9-]+$/i;
/** The file is little-endian; on such a machine the floats are copied as they are. */
const LITTLE_ENDIAN = os.endianness() === 'LE';

interface Header {
  key: string;
  classCount: number;
  features: string[];
}

/**
 * The answer engine's trained classifier weights, one file per language in `dir` (beside the
 * store, in the data folder), so a restart with unchanged articles does not train again: training
 * is most of the time between "listening" and "ready". Each file holds the key of what it was
 * trained from (`trainingKey`: the examples, the options, the training code); a publish, an
 * import or a new version of the engine gives another key, and the next rebuild trains and
 * replaces the file. A file that cannot be read, is damaged or is of another layout is only logged
 * and trained again; a file that cannot be written is logged and the service goes on.
 *
 * Layout: MAGIC, the header's length (uint32 LE), the header (JSON: key, classCount, features),
 * then the biases and the weights as float32 LE.
 */
export class ClassifierCacheFiles implements ClassifierCache {
  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  fileFor(name: string): string {
    return path.join(this.dir, `classifier-${name}.bin`);
  }

  async load(name: string, key: string): Promise<TrainedWeights | undefined> {
    if (!NAME.test(name)) return undefined;
    const file = this.fileFor(name);
    let bytes: Buffer | undefined;
    try {
      bytes = await readIfPresent(file);
    } catch (error) {
      this.logger.warn(
        { err: error, file },
        'answer index cache unreadable: the classifier is trained again',
      );
    }
    if (bytes === undefined) return undefined;
    const decoded = decode(bytes);
    if (decoded === undefined) {
      this.logger.warn({ file }, 'answer index cache damaged: the classifier is trained again');
      return undefined;
    }
    if (decoded.key !== key) return undefined;
    this.logger.debug({ file }, 'answer classifier weights loaded from the cache');
    return decoded.weights;
  }

  async save(name: string, key: string, weights: TrainedWeights): Promise<void> {
    if (!NAME.test(name)) return;
    const file = this.fileFor(name);
    // Two rebuilds in a row may save the same language at once: each write is apart until renamed.
    try {
      await writeFileAtomically(file, encode(key, weights));
    } catch (error) {
      this.logger.warn({ err: error, file }, 'answer index cache not written: the next start trains again');
    }
  }
}

function encode(key: string, weights: TrainedWeights): Buffer {
  const header: Header = { key, classCount: weights.classCount, features: weights.features };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const floats = (array: Float32Array) => {
    if (LITTLE_ENDIAN) return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    const bytes = Buffer.alloc(array.length * 4);
    for (let i = 0; i < array.length; i++) bytes.writeFloatLE(array[i] as number, i * 4);
    return bytes;
  };
  return Buffer.concat([MAGIC, length, headerBytes, floats(weights.bias), floats(weights.weights)]);
}

/** The file's content, or undefined when it is not a whole file of this layout. */
function decode(bytes: Buffer): { key: string; weights: TrainedWeights } | undefined {
  try {
    if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const headerLength = bytes.readUInt32LE(MAGIC.length);
    const headerStart = MAGIC.length + 4;
    const floatsStart = headerStart + headerLength;
    if (floatsStart > bytes.length) return undefined;
    const header = JSON.parse(bytes.toString('utf8', headerStart, floatsStart)) as Partial<Header>;
    const { key, classCount, features } = header;
    if (
      typeof key !== 'string' ||
      typeof classCount !== 'number' ||
      !Number.isInteger(classCount) ||
      classCount < 1 ||
      !Array.isArray(features) ||
      !features.every((feature) => typeof feature === 'string')
    )
      return undefined;
    const floatCount = classCount + features.length * classCount;
    if (bytes.length !== floatsStart + floatCount * 4) return undefined;
    const floats = (start: number, count: number) => {
      const array = new Float32Array(count);
      if (LITTLE_ENDIAN) new Uint8Array(array.buffer).set(bytes.subarray(start, start + count * 4));
      else for (let i = 0; i < count; i++) array[i] = bytes.readFloatLE(start + i * 4);
      return array;
    };
    const bias = floats(floatsStart, classCount);
    const weights = floats(floatsStart + classCount * 4, features.length * classCount);
    if (!weights.every(Number.isFinite) || !bias.every(Number.isFinite)) return undefined;
    return { key, weights: { classCount, features, bias, weights } };
  } catch {
    return undefined;
  }
}
