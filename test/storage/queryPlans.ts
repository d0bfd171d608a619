/**
 * No store operation on a turn's path may grow with the data on record: with thousands of
 * conversations, transcripts, states and queue entries stored, every query the stores send while
 * serving turns (and the periodic sweeps that run beside them) must be answered from an index,
 * as the backend itself explains it (SQLite EXPLAIN QUERY PLAN, MongoDB explain()). Registered once
 * per backend; the queries are recorded at the driver, so a new query shows here by itself.
 */
import { describe, expect, it } from 'vitest';
import type { Collection, Driver, Filter, FindOptions } from '../../bot/storage/driver.js';
import { createStore } from '../../bot/storage/openStore.js';
import type { Store } from '../../bot/storage/ports.js';
import {
  at,
  conversation,
  handoffEntry,
  presence,
  session,
  sha256,
  transcriptEntry,
  user,
} from './fixtures/records.js';

interface RecordedQuery {
  collection: string;
  method: string;
  filter: Filter;
  options: FindOptions;
}

/** The driver, recording every query its collections are sent (in transactions too). */
function recording(driver: Driver, queries: RecordedQuery[]): Driver {
  const wrap = (name: string, collection: Collection): Collection => {
    const record = (method: string, filter: Filter, options: FindOptions = {}) =>
      queries.push({ collection: name, method, filter, options });
    return {
      insertOne: (document) => collection.insertOne(document),
      insertMany: (documents) => collection.insertMany(documents),
      findOne: (filter, options) => (
        record('findOne', filter, { ...options, limit: 1 }),
        collection.findOne(filter, options)
      ),
      find: (filter, options) => (record('find', filter, options), collection.find(filter, options)),
      count: (filter) => (record('count', filter), collection.count(filter)),
      updateOne: (filter, update) => (record('updateOne', filter), collection.updateOne(filter, update)),
      findOneAndUpdate: (filter, update, options) => (
        record('findOneAndUpdate', filter, { ...options, limit: 1 }),
        collection.findOneAndUpdate(filter, update, options)
      ),
      replaceOne: (filter, document, options) => (
        record('replaceOne', { ...filter, _id: document._id }),
        collection.replaceOne(filter, document, options)
      ),
      deleteMany: (filter) => (record('deleteMany', filter), collection.deleteMany(filter)),
      explain: (filter, options) => collection.explain(filter, options),
    };
  };
  return {
    kind: driver.kind,
    collection: (name) => wrap(name, driver.collection(name)),
    transaction: (work) => driver.transaction((collection) => work((name) => wrap(name, collection(name)))),
    ping: () => driver.ping(),
    close: () => driver.close(),
  };
}

const STORED_CONVERSATIONS = 2_000;

/** What a few thousand finished conversations leave behind. */
async function seed(store: Store): Promise<void> {
  for (let n = 0; n < STORED_CONVERSATIONS; n += 1) {
    const id = `old-${n}`;
    const channel = n % 2 === 0 ? 'socket' : 'botframework';
    await store.conversations.create(
      conversation(id, {
        channel,
        tokenHash: channel === 'socket' ? sha256(`token-${id}`) : null,
        lastActivityAt: at(n % 500),
      }),
    );
    for (const messageId of ['q', 'a', 'ask'])
      await store.conversations.append(transcriptEntry(id, messageId));
    await store.conversations.finishTurn(id, 1);
    await store.botState.write({ [`${channel}/conversations/${id}`]: { dialogState: { n } } });
    if (n % 4 === 0) {
      await store.handoff.enqueue(
        handoffEntry(`h-${id}`, id, { status: 'ended', endedAt: at(n % 500), endReason: 'resolved' }),
      );
    }
  }
  for (let n = 0; n < 50; n += 1) await store.sessions.create(session(`token-${n}`, { expiresAt: at(600) }));
}

/** The store operations of widget and Bot Framework turns, live chats, and the sweeps beside them. */
async function serveTurns(store: Store): Promise<void> {
  const { conversations, botState, handoff, presence: agents, sessions, users } = store;
  await conversations.create(conversation('live', { lastActivityAt: at(1000) }));
  await conversations.get('live');
  await conversations.findByTokenHash(sha256('token-live'));
  await conversations.update('live', { lastActivityAt: at(1001), locale: 'es' });
  await conversations.findMessage('live', 'q1');
  const question = await conversations.append({ ...transcriptEntry('live', 'q1'), role: 'visitor' });
  await conversations.append(transcriptEntry('live', 'a1'));
  await conversations.appendAll([transcriptEntry('live', 'a2'), transcriptEntry('live', 'ask2')]);
  await conversations.finishTurn('live', question.seq);
  await conversations.transcript('live', { afterSeq: 1, limit: 51 });
  await conversations.pendingTurns({ activeSince: at(900), recordedBefore: at(1002), limit: 100 });
  const key = 'socket/conversations/live';
  await botState.write({ [key]: { dialogState: {} } });
  const state: Partial<Record<string, object>> = await botState.read([key, 'socket/users/visitor:live']);
  await botState.write({ [key]: { ...state[key], turn: 2 } });

  await users.create(user('agent-1', 'ana'));
  await users.get('agent-1');
  await users.findByUsername('ana');
  await sessions.find(sha256('token-1'), at(100));
  await agents.upsert(presence('agent-1'));
  await agents.get('agent-1');
  await agents.list({ status: 'available' });
  await agents.update('agent-1', { lastSeenAt: at(1001) });
  await handoff.activeForConversation('live');
  await handoff.enqueue(handoffEntry('h-live', 'live', { queuedAt: at(1001) }));
  await handoff.queued('en');
  await agents.reserveSlot('agent-1', at(1002));
  const claimed = await handoff.claimNext({ locales: ['en'], agentId: 'agent-1', at: at(1002) });
  await handoff.assignedTo('agent-1');
  await handoff.get('h-live');
  await handoff.transition(claimed?.id ?? 'h-live', 'assigned', { status: 'ended', endedAt: at(1003) });
  await agents.releaseSlot('agent-1', at(1003));

  await sessions.deleteExpired(at(100));
  await conversations.deleteInactiveSince(at(-1));
}

export function describeQueryPlans(backend: string, openFreshDriver: () => Promise<Driver>): void {
  describe(`Query plans: ${backend}`, () => {
    it(`answers every query of a turn from an index, with ${STORED_CONVERSATIONS} conversations stored`, async () => {
      const driver = await openFreshDriver();
      try {
        await seed(createStore(driver));
        const queries: RecordedQuery[] = [];
        await serveTurns(createStore(recording(driver, queries)));

        expect(new Set(queries.map((query) => query.collection))).toEqual(
          new Set(['conversations', 'transcripts', 'botState', 'users', 'sessions', 'presence', 'handoff']),
        );
        const scans: string[] = [];
        for (const query of queries) {
          const { indexed, plan } = await driver
            .collection(query.collection)
            .explain(query.filter, query.options);
          if (!indexed)
            scans.push(`${query.collection}.${query.method}(${JSON.stringify(query.filter)}): ${plan}`);
        }
        expect(scans).toEqual([]);
      } finally {
        await driver.close();
      }
    });
  });
}
