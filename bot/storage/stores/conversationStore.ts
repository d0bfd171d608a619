import { z } from 'zod';
import { COLLECTIONS } from '../collections.js';
import type { Driver } from '../driver.js';
import { DuplicateKeyError, NotFoundError, StoreInputError, isStoreError } from '../errors.js';
import type * as ports from '../ports.js';
import {
  countSchema,
  definedOnly,
  idSchema,
  isId,
  isJsonText,
  isLocale,
  isPlainObject,
  isPlainRecord,
  isText,
  isTimestamp,
  jsonTextSchema,
  limitSchema,
  localeSchema,
  parse,
  sha256HexSchema,
  textSchema,
  timestampSchema,
} from '../validation.js';
import { RecordCollection, naturalKey } from './recordCollection.js';

const channelSchema = z.enum(['socket', 'botframework']);

const newConversationSchema = z.strictObject({
  id: idSchema,
  channel: channelSchema,
  locale: localeSchema,
  tokenHash: sha256HexSchema.nullable(),
  reference: jsonTextSchema(20_000).nullable(),
  createdAt: timestampSchema,
  lastActivityAt: timestampSchema,
  startPage: textSchema(500).nullable().optional(),
  browserHash: sha256HexSchema.nullable().optional(),
}) satisfies z.ZodType<Omit<ports.ConversationRecord, 'lastSeq' | 'turnSeq'>>;

const listByBrowserSchema = z.strictObject({ browserHash: sha256HexSchema, limit: limitSchema });

const patchSchema = newConversationSchema
  .pick({ locale: true, tokenHash: true, reference: true, lastActivityAt: true })
  .partial() satisfies z.ZodType<ports.ConversationPatch>;

const updateOptionsSchema = z.strictObject({ channel: channelSchema.optional() });

const appendOptionsSchema = z.strictObject({
  touch: patchSchema.optional(),
  channel: channelSchema.optional(),
});

const newEntrySchema = z.strictObject({
  conversationId: idSchema,
  messageId: idSchema,
  role: z.enum(['visitor', 'bot', 'agent', 'system']),
  text: textSchema(20_000),
  locale: localeSchema.nullable(),
  at: timestampSchema,
  agentId: idSchema.nullable(),
  activity: jsonTextSchema(200_000).nullable(),
}) satisfies z.ZodType<Omit<ports.TranscriptEntry, 'seq'>>;

type NewEntry = z.output<typeof newEntrySchema>;

const ROLES: ReadonlySet<unknown> = new Set(newEntrySchema.shape.role.options);

/**
 * The entry as `newEntrySchema` accepts it. Every turn appends the entries the recorder has just
 * built, so the schema's rules are checked by hand first (validation.ts); anything that does not
 * pass them goes through the schema, which decides and says what is wrong. The activity is still
 * read as JSON: what a reconnecting client is sent again must be.
 */
function checkedEntry(entry: unknown): NewEntry {
  if (
    isPlainRecord(entry, 8) &&
    isId(entry.conversationId) &&
    isId(entry.messageId) &&
    ROLES.has(entry.role) &&
    isText(entry.text, 20_000) &&
    (entry.locale === null || isLocale(entry.locale)) &&
    isTimestamp(entry.at) &&
    (entry.agentId === null || isId(entry.agentId)) &&
    (entry.activity === null || (isText(entry.activity, 200_000) && isJsonText(entry.activity)))
  ) {
    return entry as NewEntry;
  }
  return parse(newEntrySchema, entry, 'transcript entry');
}

type AppendOptions = z.output<typeof appendOptionsSchema>;
const CHANNELS: ReadonlySet<unknown> = new Set(channelSchema.options);

/**
 * The options as `appendOptionsSchema` accepts them, the recorder's two shapes checked by hand
 * (none, or an arrival's touch of the last activity and reference); anything else by the schema.
 */
function checkedAppendOptions(options: unknown): AppendOptions {
  if (isPlainObject(options)) {
    const { touch, channel, ...rest } = options;
    if (
      Object.keys(rest).length === 0 &&
      (channel === undefined || CHANNELS.has(channel)) &&
      (touch === undefined ||
        (isPlainRecord(touch, 2) &&
          isTimestamp(touch.lastActivityAt) &&
          (touch.reference === null || (isText(touch.reference, 20_000) && isJsonText(touch.reference)))))
    ) {
      return options;
    }
  }
  return parse(appendOptionsSchema, options, 'append options');
}

const transcriptOptionsSchema = z.strictObject({
  afterSeq: countSchema.optional(),
  limit: limitSchema.optional(),
});

const pendingTurnsSchema = z.strictObject({
  activeSince: timestampSchema,
  recordedBefore: timestampSchema,
  limit: limitSchema,
});

const RETENTION_BATCH = 500;

function messageKey(entry: { conversationId: string; messageId: string }): string {
  return naturalKey(entry.conversationId, entry.messageId);
}

export class ConversationStore implements ports.ConversationStore {
  private readonly conversations: RecordCollection<ports.ConversationRecord>;
  /** Keyed by (conversationId, messageId): a retried message is a duplicate key. */
  private readonly entries: RecordCollection<ports.TranscriptEntry>;

  constructor(private readonly driver: Driver) {
    this.conversations = new RecordCollection<ports.ConversationRecord>(
      driver.collection(COLLECTIONS.conversations),
      { key: (record) => record.id },
    );
    this.entries = new RecordCollection<ports.TranscriptEntry>(driver.collection(COLLECTIONS.transcripts), {
      key: messageKey,
    });
  }

  async create(
    record: Omit<ports.ConversationRecord, 'lastSeq' | 'turnSeq'>,
  ): Promise<ports.ConversationRecord> {
    const created = { ...parse(newConversationSchema, record, 'conversation'), lastSeq: 0, turnSeq: 0 };
    await this.conversations.insert(created);
    return created;
  }

  async get(id: string): Promise<ports.ConversationRecord | null> {
    return this.conversations.get(parse(idSchema, id, 'conversation id'));
  }

  async listByBrowser(browserHash: string, options: { limit: number }): Promise<ports.ConversationRecord[]> {
    const checked = parse(listByBrowserSchema, { browserHash, ...options }, 'browser filter');
    return this.conversations.find(
      { browserHash: checked.browserHash },
      { sort: { createdAt: -1 }, limit: checked.limit },
    );
  }

  async findByTokenHash(tokenHash: string): Promise<ports.ConversationRecord | null> {
    return this.conversations.findOne({ tokenHash: parse(sha256HexSchema, tokenHash, 'token hash') });
  }

  async update(
    id: string,
    patch: ports.ConversationPatch,
    options: { channel?: ports.ChannelKind } = {},
  ): Promise<ports.ConversationRecord> {
    const checkedId = parse(idSchema, id, 'conversation id');
    const fields = definedOnly(parse(patchSchema, patch, 'conversation patch'));
    const { channel } = parse(updateOptionsSchema, options, 'update options');
    const updated = await this.conversations.patch(
      { _id: checkedId, ...(channel !== undefined && { channel }) },
      fields,
    );
    if (updated === null) throw new NotFoundError('No such conversation', { conversationId: checkedId });
    return updated;
  }

  /**
   * One transaction: the conversation's `lastSeq` goes up by one and the entry is inserted under
   * it, or neither happens. A retried message id is a duplicate key on the entry, which rolls the
   * increment back, so a retry uses up no number and a crash between the two leaves no gap.
   */
  async append(
    entry: Omit<ports.TranscriptEntry, 'seq'>,
    options: { touch?: ports.ConversationPatch; channel?: ports.ChannelKind } = {},
  ): Promise<ports.TranscriptEntry> {
    const checked = checkedEntry(entry);
    const { touch, channel } = checkedAppendOptions(options);
    const [appended] = await this.numberAndInsert(checked.conversationId, [checked], {
      ...(channel !== undefined && { channel }),
      ...(touch !== undefined && { touch: definedOnly(touch) }),
    });
    return appended as ports.TranscriptEntry;
  }

  /**
   * One transaction, as `append` for each: `lastSeq` goes up by their number in one move and all
   * of them are inserted in one statement under the numbers that follow, in order, or none is.
   */
  async appendAll(
    entries: ReadonlyArray<Omit<ports.TranscriptEntry, 'seq'>>,
  ): Promise<ports.TranscriptEntry[]> {
    const checked = entries.map(checkedEntry);
    const conversationId = checked[0]?.conversationId;
    if (conversationId === undefined) return [];
    if (checked.some((entry) => entry.conversationId !== conversationId)) {
      throw new StoreInputError('Entries appended together must be of one conversation');
    }
    return this.numberAndInsert(conversationId, checked);
  }

  /**
   * What `append` and `appendAll` do, in one transaction: `lastSeq` goes up by the number of
   * entries (and `touch` is set on the conversation, when given), and the entries are inserted
   * under the numbers that follow, in order. A message id already stored is a duplicate key,
   * which rolls it all back.
   */
  private async numberAndInsert(
    conversationId: string,
    entries: ReadonlyArray<Omit<ports.TranscriptEntry, 'seq'>>,
    { channel, touch = {} }: { channel?: ports.ChannelKind; touch?: ports.ConversationPatch } = {},
  ): Promise<ports.TranscriptEntry[]> {
    return this.driver.transaction(async (collection) => {
      const bumped = await collection(COLLECTIONS.conversations).findOneAndUpdate(
        { _id: conversationId, ...(channel !== undefined && { channel }) },
        { $inc: { lastSeq: entries.length }, ...(Object.keys(touch).length > 0 && { $set: touch }) },
      );
      if (bumped === null) throw new NotFoundError('No such conversation', { conversationId });
      const first = Number(bumped.lastSeq) - entries.length + 1;
      const appended = entries.map((entry, index) => ({ ...entry, seq: first + index }));
      const transcripts = collection(COLLECTIONS.transcripts);
      try {
        // One entry (each message of a turn) takes the prepared single-row insert.
        if (appended.length === 1) await transcripts.insertOne(this.entries.toDocument(appended[0]!));
        else await transcripts.insertMany(appended.map((entry) => this.entries.toDocument(entry)));
      } catch (error) {
        if (!isStoreError(error, 'duplicate')) throw error;
        throw new DuplicateKeyError('A message is already in the transcript', {
          messageIds: entries.map((entry) => entry.messageId),
        });
      }
      return appended;
    });
  }

  async transcript(
    conversationId: string,
    options: { afterSeq?: number; limit?: number } = {},
  ): Promise<ports.TranscriptEntry[]> {
    const checkedId = parse(idSchema, conversationId, 'conversation id');
    const { afterSeq = 0, limit } = parse(transcriptOptionsSchema, options, 'transcript options');
    return this.entries.find(
      { conversationId: checkedId, seq: { $gt: afterSeq } },
      { sort: { seq: 1 }, ...(limit !== undefined && { limit }) },
    );
  }

  async findMessage(conversationId: string, messageId: string): Promise<ports.TranscriptEntry | null> {
    return this.entries.get(
      messageKey({
        conversationId: parse(idSchema, conversationId, 'conversation id'),
        messageId: parse(idSchema, messageId, 'message id'),
      }),
    );
  }

  async finishTurn(conversationId: string, seq: number): Promise<boolean> {
    const checkedId = parse(idSchema, conversationId, 'conversation id');
    const checkedSeq = parse(countSchema, seq, 'sequence number');
    return this.conversations.documents.updateOne(
      { _id: checkedId, turnSeq: { $lt: checkedSeq } },
      { $set: { turnSeq: checkedSeq } },
    );
  }

  /**
   * One query for the recently active socket conversations, then one per conversation with
   * something above its `turnSeq` (nearly all of them: the bot's replies come after the message
   * they answer), over the (conversationId, seq) index. Conversations stored before `turnSeq`
   * existed have none and are left alone.
   */
  async pendingTurns(options: {
    activeSince: string;
    recordedBefore: string;
    limit: number;
  }): Promise<ports.TranscriptEntry[]> {
    const { activeSince, recordedBefore, limit } = parse(pendingTurnsSchema, options, 'pending turns query');
    const active = await this.conversations.find(
      { channel: 'socket', lastActivityAt: { $gte: activeSince }, turnSeq: { $gte: 0 } },
      { sort: { lastActivityAt: 1 }, limit },
    );
    const pending: ports.TranscriptEntry[] = [];
    for (const conversation of active) {
      if (conversation.turnSeq >= conversation.lastSeq) continue;
      pending.push(
        ...(await this.entries.find(
          {
            conversationId: conversation.id,
            seq: { $gt: conversation.turnSeq },
            role: 'visitor',
            at: { $lte: recordedBefore },
          },
          { sort: { seq: 1 } },
        )),
      );
    }
    return pending;
  }

  /**
   * In batches (a query stays small however much has piled up): deletes idle conversations,
   * re-checking idleness in case one woke up meanwhile, then the transcripts of exactly those gone.
   */
  async deleteInactiveSince(cutoff: string): Promise<number> {
    const idle = { lastActivityAt: { $lt: parse(timestampSchema, cutoff, 'cutoff') } };
    let deleted = 0;
    for (;;) {
      const batch = await this.conversations.documents.find(idle, { limit: RETENTION_BATCH });
      if (batch.length === 0) return deleted;
      const ids = batch.map((document) => document._id);
      deleted += await this.conversations.documents.deleteMany({ ...idle, _id: { $in: ids } });
      const kept = await this.conversations.documents.find({ _id: { $in: ids } });
      const gone = ids.filter((id) => !kept.some((document) => document._id === id));
      await this.entries.documents.deleteMany({ conversationId: { $in: gone } });
    }
  }
}
