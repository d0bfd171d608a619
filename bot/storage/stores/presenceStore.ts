import { z } from 'zod';
import { COLLECTIONS } from '../collections.js';
import type { Driver } from '../driver.js';
import type * as ports from '../ports.js';
import { countSchema, definedOnly, idSchema, localeSchema, parse, timestampSchema } from '../validation.js';
import { RecordCollection } from './recordCollection.js';

const statusSchema = z.enum(['available', 'away', 'offline']);

const presenceSchema = z.strictObject({
  agentId: idSchema,
  status: statusSchema,
  languages: z.array(localeSchema).max(10),
  maxChats: z.number().int().min(0).max(100),
  openChats: countSchema,
  lastSeenAt: timestampSchema,
  idleSince: timestampSchema,
  instanceId: idSchema,
}) satisfies z.ZodType<ports.AgentPresence>;

const patchSchema = presenceSchema.omit({ agentId: true }).partial();

const listFilterSchema = z.strictObject({ status: statusSchema.optional() });

/**
 * Always `maxChats - openChats`. Neither database can compare two fields of a document in a plain
 * filter (NeDB has no `$expr`), so the slot check is `freeSlots > 0` on this copy.
 */
const FREE_SLOTS = 'freeSlots';

export class PresenceStore implements ports.PresenceStore {
  private readonly agents: RecordCollection<ports.AgentPresence>;

  constructor(driver: Driver) {
    this.agents = new RecordCollection<ports.AgentPresence>(driver.collection(COLLECTIONS.presence), {
      key: (presence) => presence.agentId,
      derived: (presence) => ({ [FREE_SLOTS]: presence.maxChats - presence.openChats }),
      derivedFields: [FREE_SLOTS],
    });
  }

  async upsert(presence: ports.AgentPresence): Promise<void> {
    await this.agents.replace(parse(presenceSchema, presence, 'presence'), {}, { upsert: true });
  }

  async get(agentId: string): Promise<ports.AgentPresence | null> {
    return this.agents.get(parse(idSchema, agentId, 'agent id'));
  }

  async list(filter: { status?: ports.PresenceStatus } = {}): Promise<ports.AgentPresence[]> {
    const { status } = parse(listFilterSchema, filter, 'presence filter');
    return this.agents.find(status === undefined ? {} : { status }, { sort: { agentId: 1 } });
  }

  /**
   * A compare-and-set on the two numbers `freeSlots` derives from, retried when a concurrent slot
   * reservation or release changed them in between.
   */
  async update(
    agentId: string,
    patch: Partial<Omit<ports.AgentPresence, 'agentId'>>,
  ): Promise<ports.AgentPresence | null> {
    const checkedId = parse(idSchema, agentId, 'agent id');
    const fields = definedOnly(parse(patchSchema, patch, 'presence patch'));
    for (;;) {
      const current = await this.agents.get(checkedId);
      if (current === null) return null;
      const next = { ...current, ...fields };
      const updated = await this.agents.findOneAndUpdate(
        { _id: checkedId, openChats: current.openChats, maxChats: current.maxChats },
        { $set: { ...fields, [FREE_SLOTS]: next.maxChats - next.openChats } },
      );
      if (updated !== null) return updated;
    }
  }

  async reserveSlot(agentId: string, at: string): Promise<ports.AgentPresence | null> {
    return this.agents.findOneAndUpdate(
      { _id: parse(idSchema, agentId, 'agent id'), status: 'available', [FREE_SLOTS]: { $gt: 0 } },
      // A new chat ends the agent's idle time: ties in assignment go to whoever waited longest.
      { $inc: { openChats: 1, [FREE_SLOTS]: -1 }, $set: { idleSince: parse(timestampSchema, at, 'time') } },
    );
  }

  async releaseSlot(agentId: string, at: string): Promise<ports.AgentPresence | null> {
    const checkedId = parse(idSchema, agentId, 'agent id');
    parse(timestampSchema, at, 'time');
    const released = await this.agents.findOneAndUpdate(
      { _id: checkedId, openChats: { $gt: 0 } },
      { $inc: { openChats: -1, [FREE_SLOTS]: 1 } },
    );
    // Already at zero: nothing to give back, the presence is returned as it is.
    return released ?? this.agents.get(checkedId);
  }
}
