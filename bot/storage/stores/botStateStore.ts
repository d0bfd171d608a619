import { randomUUID } from 'node:crypto';
import type { StoreItem, StoreItems } from 'botbuilder';
import { z } from 'zod';
import { COLLECTIONS } from '../collections.js';
import type { Collection, Driver } from '../driver.js';
import { ConflictError, StoreInputError, isStoreError } from '../errors.js';
import type * as ports from '../ports.js';
import { parse, timestampSchema } from '../validation.js';

/** botbuilder storage keys ("<channel>/conversations/<id>", ...): plain strings, never field names. */
const MAX_KEY_LENGTH = 1024;
const MAX_KEYS = 1000;
const keysSchema = z.array(z.string().min(1).max(MAX_KEY_LENGTH)).max(MAX_KEYS);

/**
 * botbuilder's Storage with real eTag checks, exactly as its MemoryStorage behaves: a write whose
 * item carries an eTag other than '*' succeeds only if it is the stored eTag (or nothing is stored);
 * no eTag or '*' overwrites; every write stores a new eTag.
 *
 * The item is kept as JSON text: bot state is free-form and may hold keys ('$…', dotted) that
 * neither database accepts as field names. Each write stamps `updatedAt` for retention.
 */
export class BotStateStore implements ports.BotStateStore {
  private readonly documents: Collection;

  constructor(driver: Driver) {
    this.documents = driver.collection(COLLECTIONS.botState);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const checked = checkedKeys(keys);
    if (checked.length === 0) return {};
    const documents = await this.documents.find({ _id: { $in: checked } });
    const items: StoreItems = {};
    for (const { _id, eTag, json } of documents) {
      items[_id] = { ...(JSON.parse(String(json)) as StoreItem), eTag: String(eTag) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const writes = prepareWrites(changes);
    // All keys are attempted, as MemoryStorage does; the first eTag conflict is then reported.
    const results = await Promise.allSettled(writes.map((pending) => this.writeItem(pending)));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }

  async delete(keys: string[]): Promise<void> {
    const checked = checkedKeys(keys);
    if (checked.length > 0) await this.documents.deleteMany({ _id: { $in: checked } });
  }

  async deleteUnchangedSince(cutoff: string): Promise<number> {
    return this.documents.deleteMany({ updatedAt: { $lt: parse(timestampSchema, cutoff, 'cutoff') } });
  }

  private async writeItem({ key, expected, json }: PendingWrite): Promise<void> {
    // botbuilder's Storage has no time of its own: the system's, for retention.
    const document = { _id: key, eTag: randomUUID(), json, updatedAt: new Date().toISOString() };
    if (expected === undefined || expected === '*' || expected === '') {
      await this.documents.replaceOne({}, document, { upsert: true });
      return;
    }
    if (await this.documents.replaceOne({ eTag: expected }, document)) return;
    // Nothing with that eTag: fine if nothing is stored at all (MemoryStorage writes it), else stale.
    try {
      await this.documents.insertOne(document);
    } catch (error) {
      if (isStoreError(error, 'duplicate')) {
        throw new ConflictError(`Storage: error writing "${key}" due to eTag conflict.`, { key });
      }
      throw error;
    }
  }
}

/**
 * The keys as `keysSchema` accepts them. Every turn reads and writes state, so the common case (a
 * few plain keys) is checked by hand; anything else goes through the schema, for its error.
 */
function checkedKeys(keys: unknown): string[] {
  if (Array.isArray(keys) && keys.length <= MAX_KEYS && allPlainKeys(keys)) return keys as string[];
  return parse(keysSchema, keys, 'state keys');
}

/** A loop, not `every`: `every` skips the holes of a sparse array, which the schema refuses. */
function allPlainKeys(keys: readonly unknown[]): boolean {
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index];
    if (typeof key !== 'string' || key.length < 1 || key.length > MAX_KEY_LENGTH) return false;
  }
  return true;
}

interface PendingWrite {
  key: string;
  expected: string | undefined;
  json: string;
}

/**
 * Checks and serialises every item before anything is written. Only the envelope is checked: item
 * contents are opaque to the store (JSON text, never fields or query values), so `$` keys inside
 * them are fine.
 */
function prepareWrites(changes: unknown): PendingWrite[] {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
    throw new StoreInputError('State changes must be an object of items');
  }
  const items = Object.entries(changes);
  checkedKeys(items.map(([key]) => key));
  return items.map(([key, item]) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new StoreInputError('A state item must be an object', { key });
    }
    const { eTag: expected, ...state } = item as StoreItem;
    if (expected !== undefined && typeof expected !== 'string') {
      throw new StoreInputError('A state eTag must be a string', { key });
    }
    return { key, expected, json: serialise(key, state) };
  });
}

/** Cycles and BigInts cannot be stored: bad input, not a TypeError halfway through a write. */
function serialise(key: string, state: object): string {
  try {
    return JSON.stringify(state);
  } catch {
    throw new StoreInputError('A state item must be JSON-serialisable', { key });
  }
}
