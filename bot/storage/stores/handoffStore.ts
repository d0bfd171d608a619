import { z } from 'zod';
import { COLLECTIONS } from '../collections.js';
import type { Driver } from '../driver.js';
import type { Locale } from '../../../contracts/locale.js';
import type * as ports from '../ports.js';
import {
  definedOnly,
  idSchema,
  localeSchema,
  parse,
  textSchema,
  timeRangeSchema,
  timestampSchema,
} from '../validation.js';
import { RecordCollection, timeRange } from './recordCollection.js';

const statusSchema = z.enum(['queued', 'assigned', 'ended']);

const entrySchema = z.strictObject({
  id: idSchema,
  conversationId: idSchema,
  channel: z.enum(['socket', 'botframework']),
  locale: localeSchema,
  status: statusSchema,
  priority: z.number().int().min(-1_000_000).max(1_000_000),
  queuedAt: timestampSchema,
  assignedAt: timestampSchema.nullable(),
  endedAt: timestampSchema.nullable(),
  endReason: z.enum(['resolved', 'abandoned', 'expired', 'agent_left']).nullable(),
  agentId: idSchema.nullable(),
  question: textSchema(4000),
  visitorPresence: z.enum(['active', 'away', 'left']).nullable().optional(),
  visitorPresenceAt: timestampSchema.nullable().optional(),
}) satisfies z.ZodType<ports.HandoffEntry>;

const patchSchema = entrySchema.omit({ id: true, conversationId: true, channel: true }).partial();

const claimSchema = z.strictObject({
  locales: z.array(localeSchema).max(10),
  agentId: idSchema,
  at: timestampSchema,
});

/** The claim order: higher priority first, then first come, first served. */
const CLAIM_ORDER = { priority: -1, queuedAt: 1 } as const;

/**
 * Present only while the entry is queued or assigned; a unique index on it (sparse / partial)
 * allows one active entry per conversation and any number of ended ones.
 */
const ACTIVE = 'activeConversationId';

/** The visitor's address key, present only while the entry is queued (the per-address queue cap). */
const QUEUED_FROM = 'queuedFrom';

function isActive(status: ports.HandoffStatus): boolean {
  return status !== 'ended';
}

export class HandoffStore implements ports.HandoffStore {
  private readonly entries: RecordCollection<ports.HandoffEntry>;

  constructor(driver: Driver) {
    this.entries = new RecordCollection<ports.HandoffEntry>(driver.collection(COLLECTIONS.handoff), {
      key: (entry) => entry.id,
      derived: (entry) => (isActive(entry.status) ? { [ACTIVE]: entry.conversationId } : {}),
      derivedFields: [ACTIVE, QUEUED_FROM],
    });
  }

  async enqueue(entry: ports.HandoffEntry, options: { queuedFrom?: string } = {}): Promise<void> {
    const checked = parse(entrySchema, entry, 'handoff entry');
    const queuedFrom = parse(idSchema.optional(), options.queuedFrom, 'queued from');
    await this.entries.documents.insertOne({
      ...this.entries.toDocument(checked),
      ...(queuedFrom !== undefined && checked.status === 'queued' && { [QUEUED_FROM]: queuedFrom }),
    });
  }

  async countQueuedFrom(queuedFrom: string): Promise<number> {
    return this.entries.documents.count({
      status: 'queued',
      [QUEUED_FROM]: parse(idSchema, queuedFrom, 'queued from'),
    });
  }

  async claimNext(options: {
    locales: Locale[];
    agentId: string;
    at: string;
  }): Promise<ports.HandoffEntry | null> {
    const { locales, agentId, at } = parse(claimSchema, options, 'claim');
    if (locales.length === 0) return null;
    return this.entries.findOneAndUpdate(
      { status: 'queued', locale: { $in: locales } },
      { $set: { status: 'assigned', agentId, assignedAt: at }, $unset: { [QUEUED_FROM]: true } },
      { sort: CLAIM_ORDER },
    );
  }

  async get(id: string): Promise<ports.HandoffEntry | null> {
    return this.entries.get(parse(idSchema, id, 'handoff id'));
  }

  async activeForConversation(conversationId: string): Promise<ports.HandoffEntry | null> {
    return this.entries.findOne({ [ACTIVE]: parse(idSchema, conversationId, 'conversation id') });
  }

  async queued(locale?: Locale): Promise<ports.HandoffEntry[]> {
    const checked = parse(localeSchema.optional(), locale, 'locale');
    return this.entries.find(
      { status: 'queued', ...(checked !== undefined && { locale: checked }) },
      { sort: CLAIM_ORDER },
    );
  }

  async assignedTo(agentId: string): Promise<ports.HandoffEntry[]> {
    return this.entries.find(
      { status: 'assigned', agentId: parse(idSchema, agentId, 'agent id') },
      { sort: { assignedAt: 1 } },
    );
  }

  /**
   * The update is the compare-and-set on `from`. A move to an active status also sets the active
   * marker, for which the conversation id (it never changes) is read first.
   */
  async transition(
    id: string,
    from: ports.HandoffStatus,
    patch: Partial<Omit<ports.HandoffEntry, 'id' | 'conversationId' | 'channel'>>,
  ): Promise<ports.HandoffEntry | null> {
    const checkedId = parse(idSchema, id, 'handoff id');
    const checkedFrom = parse(statusSchema, from, 'status');
    const fields = definedOnly(parse(patchSchema, patch, 'handoff patch'));
    const filter = { _id: checkedId, status: checkedFrom };
    if (fields.status === undefined) return this.entries.patch(filter, fields);
    // Out of the queue, the address key goes: it was kept only to count who waits.
    const leftQueue: Record<string, true> = fields.status !== 'queued' ? { [QUEUED_FROM]: true } : {};
    if (!isActive(fields.status)) {
      return this.entries.findOneAndUpdate(filter, {
        $set: fields,
        $unset: { [ACTIVE]: true, ...leftQueue },
      });
    }
    const current = await this.entries.get(checkedId);
    if (current === null) return null;
    return this.entries.findOneAndUpdate(filter, {
      $set: { ...fields, [ACTIVE]: current.conversationId },
      ...(Object.keys(leftQueue).length > 0 && { $unset: leftQueue }),
    });
  }

  async forgetQuestionsEndedBefore(cutoff: string): Promise<number> {
    return this.entries.setOnEach(
      { status: 'ended', endedAt: { $lt: parse(timestampSchema, cutoff, 'cutoff') }, question: { $gt: '' } },
      { question: '' },
    );
  }

  async ended(options: { from: string; to: string }): Promise<ports.HandoffEntry[]> {
    const range = parse(timeRangeSchema, options, 'time range');
    return this.entries.find({ status: 'ended', ...timeRange('endedAt', range) }, { sort: { endedAt: 1 } });
  }
}
