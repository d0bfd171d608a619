import type { Collection, Filter, FindOptions, Sort, StoredDocument, Update } from '../driver.js';

/** How a port record is kept as a document. */
export interface RecordMapping<R> {
  /** The natural key, stored as `_id`. */
  key(record: R): string;
  /** Fields only the store uses (for an index or a condition); kept in the document, never returned. */
  derived?(record: R): Record<string, unknown>;
  /** The names of those fields, stripped from every record handed out. */
  derivedFields?: readonly string[];
}

/**
 * A collection seen as port records: documents in, records out (copies, without `_id` or derived
 * fields). Every store is written against this, so the mapping exists once.
 */
export class RecordCollection<R extends object> {
  constructor(
    readonly documents: Collection,
    private readonly mapping: RecordMapping<R>,
  ) {}

  toDocument(record: R): StoredDocument {
    return { ...record, ...this.mapping.derived?.(record), _id: this.mapping.key(record) };
  }

  toRecord(document: StoredDocument): R {
    const { _id: _ignored, ...fields } = document;
    for (const name of this.mapping.derivedFields ?? []) delete fields[name];
    return fields as R;
  }

  async insert(record: R): Promise<void> {
    return this.documents.insertOne(this.toDocument(record));
  }

  async get(key: string): Promise<R | null> {
    return this.findOne({ _id: key });
  }

  async findOne(filter: Filter, options?: { sort?: Sort }): Promise<R | null> {
    return this.orNull(await this.documents.findOne(filter, options));
  }

  async find(filter: Filter, options?: FindOptions): Promise<R[]> {
    const documents = await this.documents.find(filter, options);
    return documents.map((document) => this.toRecord(document));
  }

  async findOneAndUpdate(filter: Filter, update: Update, options?: { sort?: Sort }): Promise<R | null> {
    return this.orNull(await this.documents.findOneAndUpdate(filter, update, options));
  }

  /** Sets `fields` on the first match and returns it; an empty patch just reads it. */
  async patch(filter: Filter, fields: Readonly<Record<string, unknown>>): Promise<R | null> {
    if (Object.keys(fields).length === 0) return this.findOne(filter);
    return this.findOneAndUpdate(filter, { $set: fields });
  }

  /** Replaces the stored record with the same key when `filter` also matches. */
  async replace(record: R, filter: Filter = {}, options?: { upsert?: boolean }): Promise<boolean> {
    return this.documents.replaceOne(filter, this.toDocument(record), options);
  }

  /**
   * Sets `fields` on every match, a batch at a time (neither database's driver here has an
   * update-many). `filter` must stop matching a document once `fields` are set on it, or this
   * would not end. Returns how many were updated.
   */
  async setOnEach(
    filter: Filter,
    fields: Readonly<Record<string, unknown>>,
    batchSize = 500,
  ): Promise<number> {
    let updated = 0;
    for (;;) {
      const batch = await this.documents.find(filter, { limit: batchSize });
      for (const document of batch) {
        if (await this.documents.updateOne({ ...filter, _id: document._id }, { $set: fields })) updated += 1;
      }
      if (batch.length < batchSize) return updated;
    }
  }

  private orNull(document: StoredDocument | null): R | null {
    return document === null ? null : this.toRecord(document);
  }
}

/**
 * A composite natural key. Each part is URI-encoded so the `:` separator is unambiguous
 * (conversation ids may contain `:`), while slugs and simple ids stay readable in the files.
 */
export function naturalKey(...parts: ReadonlyArray<string | number>): string {
  return parts.map((part) => encodeURIComponent(String(part))).join(':');
}

/** A filter on `field` from `from` inclusive to `to` exclusive; either end optional. */
export function timeRange(
  field: string,
  range: { from?: string | undefined; to?: string | undefined },
): Filter {
  const condition = {
    ...(range.from !== undefined && { $gte: range.from }),
    ...(range.to !== undefined && { $lt: range.to }),
  };
  // An empty condition object would mean "equals {}" to both databases: leave the field out.
  return Object.keys(condition).length === 0 ? {} : { [field]: condition };
}
