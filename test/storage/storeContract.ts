/**
 * The behaviour every Store backend must have, registered once per backend (embedded.test.ts,
 * mongodb.test.ts). `openFresh` returns an empty store; the suite closes it after each test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  DuplicateKeyError,
  NotFoundError,
  StoreInputError,
} from '../../bot/storage/errors.js';
import type { AnalyticsEvent, Store } from '../../bot/storage/ports.js';
import {
  analyticsEvent,
  articleRecord,
  articleRevision,
  at,
  auditEntry,
  cannedReply,
  chatNote,
  chatRating,
  conversation,
  editedArticle,
  feedback,
  handoffEntry,
  presence,
  serviceRequest,
  session,
  sha256,
  transcriptEntry,
  user,
} from './fixtures/records.js';
import { anyString } from '../support/matchers.js';

/** Settles all, then splits fulfilled values from rejection reasons. */
async function settle<T>(promises: Array<Promise<T>>): Promise<{ values: T[]; errors: unknown[] }> {
  const results = await Promise.allSettled(promises);
  return {
    values: results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
    errors: results.flatMap((result): unknown[] => (result.status === 'rejected' ? [result.reason] : [])),
  };
}

/** A value typed as anything, for feeding the stores what TypeScript would never let through. */
function hostile<T>(value: unknown): T {
  return value as T;
}

/** A bot-state item as these tests write it (botbuilder's Storage types every item `any`). */
interface StateItem {
  count?: number;
  eTag?: string;
  [field: string]: unknown;
}

/** The bot-state item stored under `key`, if any. */
async function readState(store: Store, key: string): Promise<StateItem | undefined> {
  const items: Partial<Record<string, StateItem>> = await store.botState.read([key]);
  return items[key];
}

export function describeStoreContract(backend: string, openFresh: () => Promise<Store>): void {
  describe(`Store contract: ${backend}`, () => {
    let store: Store;
    /** Unset when opening failed, so that failure is the one reported. */
    let opened: Store | undefined;

    beforeEach(async () => {
      opened = store = await openFresh();
    });

    afterEach(async () => {
      await opened?.close();
      opened = undefined;
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('articles', () => {
      it('creates, reads back exactly, and refuses a second (locale, id)', async () => {
        const record = articleRecord('contact-center', 'en');
        await store.articles.create(record, articleRevision(record));
        expect(await store.articles.get('en', 'contact-center')).toEqual(record);
        expect(await store.articles.get('es', 'contact-center')).toBeNull();

        const again = articleRecord('contact-center', 'en', { updatedBy: 'someone-else' });
        await expect(store.articles.create(again, articleRevision(again))).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        const twin = articleRecord('contact-center', 'es');
        await store.articles.create(twin, articleRevision(twin));
        expect(await store.articles.revisions('en', 'contact-center')).toEqual([articleRevision(record)]);
      });

      it('lists by locale then id, hiding deleted ones unless asked', async () => {
        const records = [
          articleRecord('zeta', 'en'),
          articleRecord('alpha', 'es', { status: 'draft', published: null, publishedRevision: null }),
          articleRecord('alpha', 'en'),
          articleRecord('gone', 'en', { deleted: true }),
        ];
        for (const record of records) await store.articles.create(record, articleRevision(record));
        const keys = (list: Array<{ locale: string; id: string }>) => list.map((a) => `${a.locale}:${a.id}`);
        expect(keys(await store.articles.list())).toEqual(['en:alpha', 'en:zeta', 'es:alpha']);
        expect(keys(await store.articles.list({ includeDeleted: true }))).toEqual([
          'en:alpha',
          'en:gone',
          'en:zeta',
          'es:alpha',
        ]);
        expect(keys(await store.articles.list({ locale: 'es' }))).toEqual(['es:alpha']);
        expect(keys(await store.articles.list({ status: 'published' }))).toEqual(['en:alpha', 'en:zeta']);
      });

      it('updates from the expected revision and keeps every revision, oldest first', async () => {
        const first = articleRecord('fees', 'en');
        await store.articles.create(first, articleRevision(first));
        const second = editedArticle(first, 'Fees, second take');
        await store.articles.update(second, 1, articleRevision(second, { note: 'typo' }));
        const third = editedArticle(second, 'Fees, third take');
        await store.articles.update(third, 2, articleRevision(third));

        expect(await store.articles.get('en', 'fees')).toEqual(third);
        expect((await store.articles.revisions('en', 'fees')).map((r) => r.revision)).toEqual([1, 2, 3]);
        expect(await store.articles.revision('en', 'fees', 2)).toEqual(
          articleRevision(second, { note: 'typo' }),
        );
        expect(await store.articles.revision('en', 'fees', 9)).toBeNull();
      });

      it('refuses a stale update with ConflictError and writes nothing', async () => {
        const first = articleRecord('fees', 'en');
        await store.articles.create(first, articleRevision(first));
        const second = editedArticle(first, 'Second');
        await store.articles.update(second, 1, articleRevision(second));

        const stale = editedArticle(first, 'Stale');
        await expect(store.articles.update(stale, 1, articleRevision(stale))).rejects.toBeInstanceOf(
          ConflictError,
        );
        const ahead = editedArticle(editedArticle(second, 'x'), 'Ahead');
        await expect(store.articles.update(ahead, 3, articleRevision(ahead))).rejects.toBeInstanceOf(
          ConflictError,
        );
        expect(await store.articles.get('en', 'fees')).toEqual(second);
        expect(await store.articles.revisions('en', 'fees')).toHaveLength(2);
        // A later update from the current revision still goes through.
        const third = editedArticle(second, 'Third');
        await store.articles.update(third, 2, articleRevision(third));
        expect((await store.articles.get('en', 'fees'))?.draft.title).toBe('Third');
      });

      it('lets exactly one of concurrent updates from the same revision win', async () => {
        const first = articleRecord('fees', 'en');
        await store.articles.create(first, articleRevision(first));
        const attempts = Array.from({ length: 10 }, (_, n) => editedArticle(first, `Attempt ${n}`));
        const { values, errors } = await settle(
          attempts.map((record) => store.articles.update(record, 1, articleRevision(record))),
        );
        expect(values).toHaveLength(1);
        expect(errors).toHaveLength(9);
        for (const error of errors) expect(error).toBeInstanceOf(ConflictError);

        const stored = await store.articles.get('en', 'fees');
        const revisions = await store.articles.revisions('en', 'fees');
        expect(stored?.revision).toBe(2);
        expect(revisions.map((r) => r.revision)).toEqual([1, 2]);
        expect(revisions[1]?.content.title).toBe(stored?.draft.title);
      });

      it('moves the content version with every create and update, and only then', async () => {
        const version = () => store.articles.contentVersion();
        const empty = await version();
        expect(await version()).toBe(empty);

        const first = articleRecord('fees', 'en');
        await store.articles.create(first, articleRevision(first));
        const created = await version();
        expect(created).not.toBe(empty);
        // Stamped with the same time as the first: still a new version.
        const twin = articleRecord('fees', 'es');
        await store.articles.create(twin, articleRevision(twin));
        const twinned = await version();
        expect(twinned).not.toBe(created);

        const second = editedArticle(first, 'Fees, second take');
        await store.articles.update(second, 1, articleRevision(second));
        const updated = await version();
        expect(updated).not.toBe(twinned);
        // The newest article changed again within the same millisecond: still a new version.
        const third = { ...editedArticle(second, 'Fees, third take'), updatedAt: second.updatedAt };
        await store.articles.update(third, 2, articleRevision(third));
        const sameInstant = await version();
        expect(sameInstant).not.toBe(updated);
        // An older article changed later: a new version.
        const unpublished = {
          ...twin,
          status: 'unpublished' as const,
          published: null,
          publishedRevision: null,
          revision: 2,
          updatedAt: at(10),
        };
        await store.articles.update(unpublished, 1, articleRevision(unpublished, { action: 'unpublish' }));
        const later = await version();
        expect(later).not.toBe(sameInstant);

        // Reads and refused writes leave it alone.
        await store.articles.list({ includeDeleted: true });
        await store.articles.revisions('en', 'fees');
        const stale = editedArticle(first, 'Stale');
        await expect(store.articles.update(stale, 1, articleRevision(stale))).rejects.toBeInstanceOf(
          ConflictError,
        );
        await expect(store.articles.create(first, articleRevision(first))).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        expect(await version()).toBe(later);
      });

      it('answers NotFoundError for an update of an article that does not exist', async () => {
        const ghost = editedArticle(articleRecord('ghost', 'en'), 'Ghost');
        await expect(store.articles.update(ghost, 1, articleRevision(ghost))).rejects.toBeInstanceOf(
          NotFoundError,
        );
        expect(await store.articles.revisions('en', 'ghost')).toEqual([]);
      });
    });

    describe('conversations and transcripts', () => {
      it('keeps where a widget conversation started and lists those of one browser, newest first', async () => {
        const browser = sha256('browser-1');
        const first = conversation('c1', {
          createdAt: at(1),
          startPage: 'https://example.gov/green-card',
          browserHash: browser,
        });
        await store.conversations.create(first);
        await store.conversations.create(
          conversation('c2', { createdAt: at(2), browserHash: sha256('browser-2') }),
        );
        await store.conversations.create(
          conversation('c3', { createdAt: at(3), browserHash: browser, startPage: null }),
        );
        await store.conversations.create(conversation('c4', { createdAt: at(4) }));
        expect(await store.conversations.get('c1')).toEqual({ ...first, lastSeq: 0, turnSeq: 0 });
        const ids = async (hash: string, limit: number) =>
          (await store.conversations.listByBrowser(hash, { limit })).map((record) => record.id);
        expect(await ids(browser, 10)).toEqual(['c3', 'c1']);
        expect(await ids(browser, 1)).toEqual(['c3']);
        expect(await ids(sha256('nobody'), 10)).toEqual([]);
        await expect(store.conversations.listByBrowser('not-a-hash', { limit: 5 })).rejects.toBeInstanceOf(
          StoreInputError,
        );
        await expect(
          store.conversations.create(conversation('c5', { browserHash: 'raw-browser-id' })),
        ).rejects.toBeInstanceOf(StoreInputError);
      });

      it('creates with lastSeq 0, finds by token hash, patches, and refuses a duplicate id', async () => {
        const record = conversation('conv-1');
        expect(await store.conversations.create(record)).toEqual({ ...record, lastSeq: 0, turnSeq: 0 });
        await expect(store.conversations.create(record)).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await store.conversations.get('conv-1')).toEqual({ ...record, lastSeq: 0, turnSeq: 0 });
        expect(await store.conversations.findByTokenHash(sha256('token-conv-1'))).toEqual({
          ...record,
          lastSeq: 0,
          turnSeq: 0,
        });
        expect(await store.conversations.findByTokenHash(sha256('other'))).toBeNull();

        const updated = await store.conversations.update('conv-1', { locale: 'es', lastActivityAt: at(5) });
        expect(updated).toEqual({ ...record, locale: 'es', lastActivityAt: at(5), lastSeq: 0, turnSeq: 0 });
        await expect(store.conversations.update('nope', { locale: 'es' })).rejects.toBeInstanceOf(
          NotFoundError,
        );
      });

      it('gives 20 concurrent appends the numbers 1..20, each once', async () => {
        await store.conversations.create(conversation('conv-1'));
        const appended = await Promise.all(
          Array.from({ length: 20 }, (_, n) =>
            store.conversations.append(transcriptEntry('conv-1', `m${n}`)),
          ),
        );
        expect(appended.map((entry) => entry.seq).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 20 }, (_, n) => n + 1),
        );
        const transcript = await store.conversations.transcript('conv-1');
        expect(transcript.map((entry) => entry.seq)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
        expect(transcript).toEqual([...appended].sort((a, b) => a.seq - b.seq));
        expect((await store.conversations.get('conv-1'))?.lastSeq).toBe(20);
      });

      it('recognises a retried message id without using up a number', async () => {
        await store.conversations.create(conversation('conv-1'));
        await store.conversations.create(conversation('conv-2'));
        const entry = transcriptEntry('conv-1', 'client-42');
        expect(await store.conversations.append(entry)).toEqual({ ...entry, seq: 1 });
        await expect(store.conversations.append(entry)).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await store.conversations.findMessage('conv-1', 'client-42')).toEqual({ ...entry, seq: 1 });
        // The same id in another conversation is another message.
        await store.conversations.append(transcriptEntry('conv-2', 'client-42'));
        expect((await store.conversations.append(transcriptEntry('conv-1', 'client-43'))).seq).toBe(2);
        expect(await store.conversations.findMessage('conv-1', 'missing')).toBeNull();
      });

      it('lets exactly one of concurrent retries of the same message in', async () => {
        await store.conversations.create(conversation('conv-1'));
        const { values, errors } = await settle(
          Array.from({ length: 5 }, () => store.conversations.append(transcriptEntry('conv-1', 'same'))),
        );
        expect(values).toHaveLength(1);
        for (const error of errors) expect(error).toBeInstanceOf(DuplicateKeyError);
        expect(await store.conversations.transcript('conv-1')).toHaveLength(1);
      });

      it('appends several entries as one step, numbered in order after what is there, or none of them', async () => {
        await store.conversations.create(conversation('conv-1'));
        await store.conversations.append(transcriptEntry('conv-1', 'm1'));
        const replies = [transcriptEntry('conv-1', 'r1'), transcriptEntry('conv-1', 'r2')];
        const appended = await store.conversations.appendAll(replies);
        expect(appended).toEqual(replies.map((entry, index) => ({ ...entry, seq: 2 + index })));
        expect(await store.conversations.transcript('conv-1', { afterSeq: 1 })).toEqual(appended);
        expect((await store.conversations.get('conv-1'))?.lastSeq).toBe(3);
        // A retried id among them refuses all, without using up a number.
        await expect(
          store.conversations.appendAll([transcriptEntry('conv-1', 'r3'), transcriptEntry('conv-1', 'r1')]),
        ).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await store.conversations.findMessage('conv-1', 'r3')).toBeNull();
        expect((await store.conversations.get('conv-1'))?.lastSeq).toBe(3);
        await expect(store.conversations.appendAll([transcriptEntry('ghost', 'r1')])).rejects.toBeInstanceOf(
          NotFoundError,
        );
        await store.conversations.create(conversation('conv-2'));
        await expect(
          store.conversations.appendAll([transcriptEntry('conv-1', 'r4'), transcriptEntry('conv-2', 'r4')]),
        ).rejects.toBeInstanceOf(StoreInputError);
        expect(await store.conversations.appendAll([])).toEqual([]);
        expect((await store.conversations.transcript('conv-1')).map((entry) => entry.seq)).toEqual([1, 2, 3]);
        expect(await store.conversations.transcript('conv-2')).toEqual([]);
      });

      it('refuses an append to a conversation that does not exist', async () => {
        await expect(store.conversations.append(transcriptEntry('ghost', 'm1'))).rejects.toBeInstanceOf(
          NotFoundError,
        );
      });

      it('refuses a transcript entry or append options that break any rule of their schema, and stores nothing', async () => {
        // The stores check what a turn just built by hand before their schemas (validation.ts):
        // every rule must still hold, whichever check meets the value first.
        await store.conversations.create(conversation('conv-rules'));
        const entry = (overrides: Record<string, unknown>) => ({
          ...transcriptEntry('conv-rules', 'm1'),
          ...overrides,
        });
        const broken: unknown[] = [
          entry({ conversationId: '' }),
          entry({ messageId: 'm\u0000' }),
          entry({ messageId: 'm'.repeat(513) }),
          entry({ role: 'robot' }),
          entry({ text: 'x'.repeat(20_001) }),
          entry({ text: 42 }),
          entry({ locale: 'fr' }),
          entry({ at: '2026-03-10T15:00:00Z' }),
          entry({ at: 'yesterday' }),
          entry({ agentId: '' }),
          entry({ activity: '{not json' }),
          entry({ surprise: true }),
          Object.fromEntries(Object.entries(entry({})).filter(([key]) => key !== 'locale')),
          Object.assign(Object.create({ inherited: true }) as object, entry({})),
        ];
        for (const value of broken) {
          await expect(
            store.conversations.append(value as Parameters<typeof store.conversations.append>[0]),
          ).rejects.toBeInstanceOf(StoreInputError);
        }
        const badOptions: unknown[] = [
          { channel: 'fax' },
          { touch: { lastActivityAt: 'now', reference: null } },
          { touch: { lastActivityAt: at(2), reference: '{not json' } },
          { touch: { lastActivityAt: at(2), reference: null }, extra: 1 },
        ];
        for (const options of badOptions) {
          await expect(
            store.conversations.append(
              transcriptEntry('conv-rules', 'm1'),
              options as Parameters<typeof store.conversations.append>[1],
            ),
          ).rejects.toBeInstanceOf(StoreInputError);
        }
        expect(await store.conversations.transcript('conv-rules')).toEqual([]);
      });

      it('returns what a reconnecting client missed, in order and limited', async () => {
        await store.conversations.create(conversation('conv-1'));
        for (let n = 1; n <= 6; n += 1) await store.conversations.append(transcriptEntry('conv-1', `m${n}`));
        const seqs = async (options: { afterSeq?: number; limit?: number }) =>
          (await store.conversations.transcript('conv-1', options)).map((entry) => entry.seq);
        expect(await seqs({ afterSeq: 4 })).toEqual([5, 6]);
        expect(await seqs({ afterSeq: 1, limit: 2 })).toEqual([2, 3]);
        expect(await seqs({ afterSeq: 6 })).toEqual([]);
      });

      it('moves turnSeq only upwards, and to one of concurrent callers taking on the same message', async () => {
        await store.conversations.create(conversation('conv-1'));
        expect(await store.conversations.finishTurn('conv-1', 3)).toBe(true);
        expect(await store.conversations.finishTurn('conv-1', 2)).toBe(false);
        expect(await store.conversations.finishTurn('conv-1', 3)).toBe(false);
        const { values } = await settle(
          Array.from({ length: 5 }, () => store.conversations.finishTurn('conv-1', 7)),
        );
        expect(values.filter(Boolean)).toHaveLength(1);
        expect((await store.conversations.get('conv-1'))?.turnSeq).toBe(7);
        expect(await store.conversations.finishTurn('ghost', 1)).toBe(false);
        await expect(store.conversations.finishTurn('conv-1', -1)).rejects.toBeInstanceOf(StoreInputError);
      });

      it('lists the visitor messages above turnSeq of recently active socket conversations, old enough', async () => {
        await store.conversations.create(conversation('answered', { lastActivityAt: at(10) }));
        await store.conversations.create(conversation('pending', { lastActivityAt: at(10) }));
        await store.conversations.create(conversation('idle', { lastActivityAt: at(0) }));
        await store.conversations.create(
          conversation('emulator', { channel: 'botframework', tokenHash: null, lastActivityAt: at(10) }),
        );
        const visitorSays = (id: string, messageId: string, minutes: number) =>
          store.conversations.append({ ...transcriptEntry(id, messageId), role: 'visitor', at: at(minutes) });
        const botSays = (id: string, messageId: string, minutes: number) =>
          store.conversations.append({ ...transcriptEntry(id, messageId), role: 'bot', at: at(minutes) });
        await visitorSays('answered', 'q1', 8);
        await botSays('answered', 'a1', 8);
        await store.conversations.finishTurn('answered', 1);
        await visitorSays('pending', 'q1', 8);
        await botSays('pending', 'a1', 8);
        await store.conversations.finishTurn('pending', 1);
        await visitorSays('pending', 'q2', 9);
        await visitorSays('pending', 'q3', 9);
        await visitorSays('pending', 'just-now', 12);
        await visitorSays('idle', 'q1', 0);
        await visitorSays('emulator', 'q1', 9);

        const pending = await store.conversations.pendingTurns({
          activeSince: at(5),
          recordedBefore: at(11),
          limit: 100,
        });
        expect(pending.map((entry) => `${entry.conversationId}:${entry.messageId}:${entry.seq}`)).toEqual([
          'pending:q2:3',
          'pending:q3:4',
        ]);
        await store.conversations.finishTurn('pending', 4);
        expect(
          await store.conversations.pendingTurns({ activeSince: at(5), recordedBefore: at(11), limit: 100 }),
        ).toEqual([]);
      });

      it('deletes conversations idle since before the cutoff, with their transcripts', async () => {
        await store.conversations.create(conversation('old', { lastActivityAt: at(0) }));
        await store.conversations.create(conversation('recent', { lastActivityAt: at(100) }));
        await store.conversations.append(transcriptEntry('old', 'm1'));
        await store.conversations.append(transcriptEntry('recent', 'm1'));

        expect(await store.conversations.deleteInactiveSince(at(50))).toBe(1);
        expect(await store.conversations.get('old')).toBeNull();
        expect(await store.conversations.transcript('old')).toEqual([]);
        expect(await store.conversations.get('recent')).not.toBeNull();
        expect(await store.conversations.transcript('recent')).toHaveLength(1);
        expect(await store.conversations.deleteInactiveSince(at(50))).toBe(0);
      });
    });

    describe('bot state (botbuilder Storage, MemoryStorage eTag semantics)', () => {
      const key = 'socket/conversations/conv-1';

      it('reads back what was written, with an eTag, including keys databases dislike', async () => {
        expect(await store.botState.read([key])).toEqual({});
        const state = { dialogState: { $stack: [{ id: 'main' }] }, 'with.dot': 1 };
        await store.botState.write({ [key]: state });
        const items = await store.botState.read([key, 'missing']);
        expect(Object.keys(items)).toEqual([key]);
        expect(items[key]).toEqual({ ...state, eTag: anyString() });
      });

      it('rejects a stale eTag, accepts the current one, and changes the eTag on each write', async () => {
        await store.botState.write({ [key]: { count: 1 } });
        const first = await readState(store, key);
        await store.botState.write({ [key]: { ...first, count: 2 } });
        const second = await readState(store, key);
        expect(second?.eTag).not.toBe(first?.eTag);

        await expect(store.botState.write({ [key]: { ...first, count: 3 } })).rejects.toThrow(
          /eTag conflict/,
        );
        expect(await readState(store, key)).toEqual(second);
      });

      it("overwrites whatever is stored when the eTag is '*' or absent", async () => {
        await store.botState.write({ [key]: { count: 1 } });
        await store.botState.write({ [key]: { count: 2, eTag: '*' } });
        expect((await readState(store, key))?.count).toBe(2);
        await store.botState.write({ [key]: { count: 3 } });
        expect((await readState(store, key))?.count).toBe(3);
      });

      it('writes a new item that carries an eTag (nothing stored to conflict with)', async () => {
        await store.botState.write({ [key]: { count: 1, eTag: 'from-elsewhere' } });
        expect((await readState(store, key))?.count).toBe(1);
      });

      it('lets exactly one of concurrent writes from the same read win', async () => {
        await store.botState.write({ [key]: { count: 0 } });
        const read = await readState(store, key);
        const { values, errors } = await settle(
          Array.from({ length: 8 }, (_, n) => store.botState.write({ [key]: { ...read, count: n + 1 } })),
        );
        expect(values).toHaveLength(1);
        expect(errors).toHaveLength(7);
        for (const error of errors) expect(String(error)).toMatch(/eTag conflict/);
      });

      it('deletes', async () => {
        await store.botState.write({ [key]: { count: 1 }, other: { count: 2 } });
        await store.botState.delete([key]);
        expect(Object.keys(await store.botState.read([key, 'other']))).toEqual(['other']);
      });
    });

    describe('handoff queue', () => {
      it('allows one active entry per conversation, and a new one once it ended', async () => {
        await store.handoff.enqueue(handoffEntry('h1', 'conv-1'));
        await expect(store.handoff.enqueue(handoffEntry('h2', 'conv-1'))).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        await expect(store.handoff.enqueue(handoffEntry('h1', 'conv-9'))).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        expect((await store.handoff.activeForConversation('conv-1'))?.id).toBe('h1');

        const ended = await store.handoff.transition('h1', 'queued', {
          status: 'ended',
          endedAt: at(5),
          endReason: 'abandoned',
        });
        expect(ended).toEqual({
          ...handoffEntry('h1', 'conv-1'),
          status: 'ended',
          endedAt: at(5),
          endReason: 'abandoned',
        });
        expect(await store.handoff.activeForConversation('conv-1')).toBeNull();
        await store.handoff.enqueue(handoffEntry('h2', 'conv-1'));
        await store.handoff.enqueue(handoffEntry('h3', 'conv-1', { status: 'ended', endedAt: at(6) }));
        expect((await store.handoff.activeForConversation('conv-1'))?.id).toBe('h2');
      });

      it('claims by priority, then queue time, within the agent’s languages', async () => {
        await store.handoff.enqueue(handoffEntry('late', 'c1', { queuedAt: at(3) }));
        await store.handoff.enqueue(handoffEntry('early', 'c2', { queuedAt: at(1) }));
        await store.handoff.enqueue(handoffEntry('urgent', 'c3', { queuedAt: at(9), priority: 10 }));
        await store.handoff.enqueue(handoffEntry('spanish', 'c4', { queuedAt: at(0), locale: 'es' }));
        expect((await store.handoff.queued()).map((e) => e.id)).toEqual([
          'urgent',
          'spanish',
          'early',
          'late',
        ]);
        expect((await store.handoff.queued('es')).map((e) => e.id)).toEqual(['spanish']);

        const claim = () => store.handoff.claimNext({ locales: ['en'], agentId: 'agent-1', at: at(10) });
        expect(await claim()).toEqual({
          ...handoffEntry('urgent', 'c3', { queuedAt: at(9), priority: 10 }),
          status: 'assigned',
          agentId: 'agent-1',
          assignedAt: at(10),
        });
        expect((await claim())?.id).toBe('early');
        expect((await claim())?.id).toBe('late');
        expect(await claim()).toBeNull();
        expect(await store.handoff.claimNext({ locales: [], agentId: 'agent-1', at: at(10) })).toBeNull();
        expect((await store.handoff.assignedTo('agent-1')).map((e) => e.id).sort()).toEqual([
          'early',
          'late',
          'urgent',
        ]);
        expect((await store.handoff.activeForConversation('c3'))?.status).toBe('assigned');
      });

      it('hands each of 50 queued entries to exactly one of 100 concurrent claims', async () => {
        const entries = Array.from({ length: 50 }, (_, n) =>
          handoffEntry(`h${n}`, `c${n}`, {
            locale: n % 5 === 0 ? 'es' : 'en',
            priority: n % 3,
            queuedAt: at(n),
          }),
        );
        for (const entry of entries) await store.handoff.enqueue(entry);
        const claims = Array.from({ length: 100 }, (_, n) => {
          const locales: Array<'en' | 'es'> = n % 4 === 0 ? ['es'] : ['en'];
          return store.handoff
            .claimNext({ locales, agentId: `agent-${n}`, at: at(100) })
            .then((entry) => ({ entry, locales }));
        });
        const results = await Promise.all(claims);
        const claimed = results.flatMap(({ entry }) => (entry === null ? [] : [entry.id]));
        expect(claimed).toHaveLength(50);
        expect(new Set(claimed).size).toBe(50);
        for (const { entry, locales } of results) if (entry !== null) expect(locales).toContain(entry.locale);
        expect(await store.handoff.queued()).toEqual([]);
        const stored = await Promise.all(entries.map((entry) => store.handoff.get(entry.id)));
        for (const [index, entry] of stored.entries()) {
          expect(entry?.status).toBe('assigned');
          expect(results.find((result) => result.entry?.id === entry?.id)?.entry?.agentId).toBe(
            entry?.agentId,
          );
          expect(entry?.locale).toBe(entries[index]?.locale);
        }
      });

      it('moves an entry only from the stated status', async () => {
        await store.handoff.enqueue(handoffEntry('h1', 'conv-1'));
        expect(
          await store.handoff.transition('h1', 'assigned', { status: 'ended', endedAt: at(1) }),
        ).toBeNull();
        const { values } = await settle(
          ['agent-1', 'agent-2'].map((agentId) =>
            store.handoff.transition('h1', 'queued', { status: 'assigned', agentId, assignedAt: at(1) }),
          ),
        );
        expect(values.filter((entry) => entry !== null)).toHaveLength(1);
        expect(await store.handoff.transition('ghost', 'queued', { priority: 3 })).toBeNull();
        expect((await store.handoff.transition('h1', 'assigned', { priority: 3 }))?.priority).toBe(3);
      });

      it('lists ended entries from `from` inclusive to `to` exclusive', async () => {
        for (const [n, minute] of [0, 10, 20].entries()) {
          await store.handoff.enqueue(
            handoffEntry(`h${n}`, `c${n}`, { status: 'ended', endedAt: at(minute), endReason: 'resolved' }),
          );
        }
        await store.handoff.enqueue(handoffEntry('active', 'c9'));
        expect((await store.handoff.ended({ from: at(0), to: at(20) })).map((e) => e.id)).toEqual([
          'h0',
          'h1',
        ]);
      });
    });

    describe('agent presence', () => {
      it('upserts, reads, lists and patches', async () => {
        await store.presence.upsert(presence('agent-b'));
        await store.presence.upsert(presence('agent-a', { status: 'away' }));
        await store.presence.upsert(presence('agent-b', { instanceId: 'instance-2' }));
        expect(await store.presence.get('agent-b')).toEqual(
          presence('agent-b', { instanceId: 'instance-2' }),
        );
        expect((await store.presence.list()).map((p) => p.agentId)).toEqual(['agent-a', 'agent-b']);
        expect((await store.presence.list({ status: 'away' })).map((p) => p.agentId)).toEqual(['agent-a']);
        expect(await store.presence.update('agent-a', { status: 'available', lastSeenAt: at(2) })).toEqual(
          presence('agent-a', { status: 'available', lastSeenAt: at(2) }),
        );
        expect(await store.presence.update('ghost', { status: 'away' })).toBeNull();
      });

      it('never reserves more than maxChats slots under concurrency, nor releases below zero', async () => {
        await store.presence.upsert(presence('agent-1', { maxChats: 3 }));
        const reserved = await Promise.all(
          Array.from({ length: 20 }, (_, n) => store.presence.reserveSlot('agent-1', at(n + 1))),
        );
        expect(reserved.filter((p) => p !== null)).toHaveLength(3);
        expect((await store.presence.get('agent-1'))?.openChats).toBe(3);

        const released = await Promise.all(
          Array.from({ length: 5 }, () => store.presence.releaseSlot('agent-1', at(30))),
        );
        expect(released.every((p) => p !== null && p.openChats >= 0)).toBe(true);
        expect(await store.presence.get('agent-1')).toMatchObject({ openChats: 0, maxChats: 3 });
        expect(await store.presence.releaseSlot('ghost', at(30))).toBeNull();
      });

      it('reserves only for an available agent, and follows changes of maxChats', async () => {
        await store.presence.upsert(presence('agent-1', { maxChats: 1, status: 'away' }));
        expect(await store.presence.reserveSlot('agent-1', at(1))).toBeNull();
        await store.presence.update('agent-1', { status: 'available' });
        expect(await store.presence.reserveSlot('agent-1', at(2))).toMatchObject({
          openChats: 1,
          idleSince: at(2),
        });
        expect(await store.presence.reserveSlot('agent-1', at(3))).toBeNull();
        await store.presence.update('agent-1', { maxChats: 2 });
        expect(await store.presence.reserveSlot('agent-1', at(4))).toMatchObject({ openChats: 2 });
        expect(await store.presence.reserveSlot('agent-1', at(5))).toBeNull();
        expect(await store.presence.reserveSlot('ghost', at(5))).toBeNull();
      });
    });

    describe('users and sessions', () => {
      it('keeps ids and usernames unique', async () => {
        await store.users.create(user('u1', 'ana'));
        await expect(store.users.create(user('u2', 'ana'))).rejects.toBeInstanceOf(DuplicateKeyError);
        await expect(store.users.create(user('u1', 'bea'))).rejects.toBeInstanceOf(DuplicateKeyError);
        await store.users.create(user('u2', 'bea'));
        await expect(store.users.update('u2', { username: 'ana' })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect((await store.users.list()).map((u) => u.username)).toEqual(['ana', 'bea']);
      });

      it('finds by username, patches, and answers null for someone unknown', async () => {
        await store.users.create(user('u1', 'ana'));
        expect(await store.users.findByUsername('Ana')).toEqual(user('u1', 'ana'));
        expect(await store.users.findByUsername('nobody')).toBeNull();
        const patched = await store.users.update('u1', { roles: ['agent', 'admin'], updatedAt: at(3) });
        expect(patched).toEqual(user('u1', 'ana', { roles: ['agent', 'admin'], updatedAt: at(3) }));
        expect(await store.users.get('u1')).toEqual(patched);
        expect(await store.users.update('ghost', { disabled: true })).toBeNull();
      });

      it('ignores expired sessions and deletes them', async () => {
        await store.sessions.create(session('live', { expiresAt: at(60) }));
        await store.sessions.create(session('dead', { expiresAt: at(10) }));
        await expect(store.sessions.create(session('live'))).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await store.sessions.find(sha256('live'), at(30))).toEqual(
          session('live', { expiresAt: at(60) }),
        );
        expect(await store.sessions.find(sha256('dead'), at(30))).toBeNull();
        expect(await store.sessions.find(sha256('live'), at(60))).toBeNull();

        expect(await store.sessions.deleteExpired(at(30))).toBe(1);
        await store.sessions.delete(sha256('live'));
        expect(await store.sessions.find(sha256('live'), at(30))).toBeNull();
      });

      it("deletes every session of one user and nobody else's", async () => {
        await store.sessions.create(session('ana-1', { userId: 'u-ana' }));
        await store.sessions.create(session('ana-2', { userId: 'u-ana' }));
        await store.sessions.create(session('bea-1', { userId: 'u-bea' }));
        expect(await store.sessions.deleteForUser('u-ana')).toBe(2);
        expect(await store.sessions.find(sha256('ana-1'), at(30))).toBeNull();
        expect(await store.sessions.find(sha256('ana-2'), at(30))).toBeNull();
        expect(await store.sessions.find(sha256('bea-1'), at(30))).toEqual(
          session('bea-1', { userId: 'u-bea' }),
        );
        expect(await store.sessions.deleteForUser('u-nobody')).toBe(0);
      });
    });

    describe('service requests, feedback, analytics, audit', () => {
      it('lists service requests by due date and closes each once', async () => {
        await store.serviceRequests.create(serviceRequest('r1', { dueDate: '2025-03-07' }));
        await store.serviceRequests.create(serviceRequest('r2', { dueDate: '2025-03-04' }));
        await expect(store.serviceRequests.create(serviceRequest('r1'))).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        expect((await store.serviceRequests.list()).map((r) => r.id)).toEqual(['r2', 'r1']);

        const { values } = await settle(
          ['agent-1', 'agent-2'].map((by) => store.serviceRequests.close('r1', by, at(5))),
        );
        const closed = values.filter((request) => request !== null);
        expect(closed).toHaveLength(1);
        expect(closed[0]).toMatchObject({ status: 'closed', closedAt: at(5) });
        expect((await store.serviceRequests.list({ status: 'open' })).map((r) => r.id)).toEqual(['r2']);
        expect(await store.serviceRequests.close('ghost', 'agent-1', at(5))).toBeNull();
        expect(await store.serviceRequests.get('r1')).toEqual(closed[0]);
      });

      it('refuses an analytics event that breaks any rule of its schema, and stores nothing', async () => {
        const broken: unknown[] = [
          analyticsEvent(''),
          { ...analyticsEvent('e1'), type: 'visit' },
          { ...analyticsEvent('e1'), locale: 'fr' },
          { ...analyticsEvent('e1'), at: '2026-03-10' },
          { ...analyticsEvent('e1'), decision: 'maybe' },
          { ...analyticsEvent('e1'), articleId: 'Not_A_Slug' },
          { ...analyticsEvent('e1'), articleId: 'a'.repeat(81) },
          { ...analyticsEvent('e1'), score: Number.NaN },
          { ...analyticsEvent('e1'), score: Number.POSITIVE_INFINITY },
          { ...analyticsEvent('e1'), text: 'x'.repeat(4001) },
          { ...analyticsEvent('e1'), outcome: 'x'.repeat(101) },
          { ...analyticsEvent('e1'), extra: true },
        ];
        for (const value of broken) {
          await expect(store.analytics.record(value as AnalyticsEvent)).rejects.toBeInstanceOf(
            StoreInputError,
          );
        }
        expect(await store.analytics.list({ from: at(-1), to: at(9) })).toEqual([]);
      });

      it('lists feedback and analytics in time order, `from` inclusive, `to` exclusive', async () => {
        await store.feedback.add(feedback('f3', { at: at(3) }));
        await store.feedback.add(feedback('f1', { at: at(1), locale: 'es' }));
        await store.feedback.add(feedback('f2', { at: at(2) }));
        await expect(store.feedback.add(feedback('f2'))).rejects.toBeInstanceOf(DuplicateKeyError);
        expect((await store.feedback.list({ from: at(1), to: at(3) })).map((f) => f.id)).toEqual([
          'f1',
          'f2',
        ]);
        expect(
          (await store.feedback.list({ from: at(0), to: at(9), locale: 'en' })).map((f) => f.id),
        ).toEqual(['f2', 'f3']);

        await store.analytics.record(
          analyticsEvent('e2', { at: at(2), type: 'case_status', decision: null }),
        );
        await store.analytics.record(analyticsEvent('e1', { at: at(1) }));
        expect(await store.analytics.list({ from: at(0), to: at(9) })).toEqual([
          analyticsEvent('e1', { at: at(1) }),
          analyticsEvent('e2', { at: at(2), type: 'case_status', decision: null }),
        ]);
        expect(
          (await store.analytics.list({ from: at(0), to: at(9), type: 'question' })).map((e) => e.id),
        ).toEqual(['e1']);
      });

      it('keeps one rating per live-agent chat, 1 to 5, listed in time order by language', async () => {
        await store.chatRatings.add(chatRating('chat-2', { at: at(2), rating: 5 }));
        await store.chatRatings.add(chatRating('chat-1', { at: at(1), locale: 'es', rating: 1 }));
        await store.chatRatings.add(chatRating('chat-3', { at: at(3) }));
        await expect(store.chatRatings.add(chatRating('chat-2', { rating: 1 }))).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        for (const rating of [0, 6, 2.5]) {
          await expect(store.chatRatings.add(chatRating(`bad-${rating}`, { rating }))).rejects.toBeInstanceOf(
            StoreInputError,
          );
        }
        expect(await store.chatRatings.list({ from: at(1), to: at(3) })).toEqual([
          chatRating('chat-1', { at: at(1), locale: 'es', rating: 1 }),
          chatRating('chat-2', { at: at(2), rating: 5 }),
        ]);
        expect(
          (await store.chatRatings.list({ from: at(0), to: at(9), locale: 'en' })).map((r) => r.chatId),
        ).toEqual(['chat-2', 'chat-3']);
      });

      it('lists the audit of one actor and of an action with its sub-actions, from the query', async () => {
        const entries = [
          auditEntry('e1', { at: at(1), actor: 'eva', action: 'article.update' }),
          auditEntry('e2', { at: at(2), actor: 'eva', action: 'article' }),
          auditEntry('e3', { at: at(3), actor: 'root', action: 'article.publish' }),
          auditEntry('e4', { at: at(4), actor: 'eva', action: 'articles.export' }),
          auditEntry('e5', { at: at(5), actor: 'eva', action: 'login' }),
          auditEntry('e6', { at: at(6), actor: 'eva', action: 'login_failed' }),
        ];
        for (const entry of entries) await store.audit.record(entry);
        const ids = async (filter: Parameters<Store['audit']['list']>[0]) =>
          (await store.audit.list(filter)).map((entry) => entry.id);
        expect(await ids({ action: 'article' })).toEqual(['e3', 'e2', 'e1']);
        expect(await ids({ action: 'login' })).toEqual(['e5']);
        expect(await ids({ actor: 'eva', action: 'article' })).toEqual(['e2', 'e1']);
        expect(await ids({ actor: 'eva', limit: 2 })).toEqual(['e6', 'e5']);
        expect(await ids({ action: 'article', from: at(2), to: at(3) })).toEqual(['e2']);
        await expect(store.audit.list({ action: 'Article-x' })).rejects.toBeInstanceOf(StoreInputError);
        await expect(
          store.audit.record(auditEntry('bad', { action: 'article publish' })),
        ).rejects.toBeInstanceOf(StoreInputError);
      });

      it('lists the audit newest first, within bounds and limit', async () => {
        for (const minute of [1, 2, 3, 4])
          await store.audit.record(auditEntry(`a${minute}`, { at: at(minute) }));
        expect((await store.audit.list()).map((e) => e.id)).toEqual(['a4', 'a3', 'a2', 'a1']);
        expect((await store.audit.list({ from: at(2), to: at(4) })).map((e) => e.id)).toEqual(['a3', 'a2']);
        expect((await store.audit.list({ limit: 1 })).map((e) => e.id)).toEqual(['a4']);
      });
    });

    describe("agents' notes and canned replies", () => {
      it("keeps a chat's notes in the order they were written, one per id, and lets them go by age", async () => {
        await store.chatNotes.add(chatNote('n2', { at: at(2), afterSeq: 6 }));
        await store.chatNotes.add(chatNote('n1', { at: at(1) }));
        await store.chatNotes.add(
          chatNote('t1', {
            at: at(3),
            kind: 'transfer',
            toAgentId: 'agent-2',
            text: 'Needs a Spanish speaker',
          }),
        );
        await store.chatNotes.add(chatNote('n1', { conversationId: 'conv-2', at: at(9) }));
        await expect(store.chatNotes.add(chatNote('n1'))).rejects.toBeInstanceOf(DuplicateKeyError);
        expect((await store.chatNotes.list('conv-1')).map((note) => note.id)).toEqual(['n1', 'n2', 't1']);
        expect(await store.chatNotes.get('conv-1', 't1')).toEqual(
          chatNote('t1', {
            at: at(3),
            kind: 'transfer',
            toAgentId: 'agent-2',
            text: 'Needs a Spanish speaker',
          }),
        );
        expect(await store.chatNotes.get('conv-1', 'ghost')).toBeNull();
        expect(await store.chatNotes.count('conv-1')).toBe(3);
        expect(await store.chatNotes.count('conv-3')).toBe(0);

        expect(await store.chatNotes.deleteBefore(at(3))).toBe(2);
        expect((await store.chatNotes.list('conv-1')).map((note) => note.id)).toEqual(['t1']);
        expect((await store.chatNotes.list('conv-2')).map((note) => note.id)).toEqual(['n1']);
        await expect(store.chatNotes.add(chatNote('bad', { kind: 'memo' as never }))).rejects.toBeInstanceOf(
          StoreInputError,
        );
      });

      it('lists canned replies by language and title, updates and deletes each by id', async () => {
        await store.cannedReplies.create(cannedReply('c2', { title: 'Goodbye' }));
        await store.cannedReplies.create(cannedReply('c1', { title: 'Anything else' }));
        await store.cannedReplies.create(cannedReply('c3', { locale: 'es', title: 'Saludo' }));
        await expect(store.cannedReplies.create(cannedReply('c1'))).rejects.toBeInstanceOf(DuplicateKeyError);
        expect((await store.cannedReplies.list()).map((reply) => reply.id)).toEqual(['c1', 'c2', 'c3']);
        expect((await store.cannedReplies.list({ locale: 'es' })).map((reply) => reply.id)).toEqual(['c3']);
        expect(await store.cannedReplies.count('en')).toBe(2);

        const updated = await store.cannedReplies.update('c2', {
          title: 'Good-bye',
          text: 'Thank you, {{name}} signing off.',
          updatedAt: at(5),
          updatedBy: 'admin-2',
        });
        expect(updated).toEqual(
          cannedReply('c2', {
            title: 'Good-bye',
            text: 'Thank you, {{name}} signing off.',
            updatedAt: at(5),
            updatedBy: 'admin-2',
          }),
        );
        expect(await store.cannedReplies.get('c2')).toEqual(updated);
        expect(
          await store.cannedReplies.update('ghost', {
            title: 'x',
            text: 'y',
            updatedAt: at(5),
            updatedBy: 'a',
          }),
        ).toBeNull();
        expect(await store.cannedReplies.delete('c2')).toBe(true);
        expect(await store.cannedReplies.delete('c2')).toBe(false);
        expect(await store.cannedReplies.get('c2')).toBeNull();
        await expect(store.cannedReplies.create(cannedReply('empty', { text: '' }))).rejects.toBeInstanceOf(
          StoreInputError,
        );
        await expect(
          store.cannedReplies.update(
            'c1',
            hostile({ title: 'x', text: 'y', updatedAt: at(5), updatedBy: 'a', locale: 'es' }),
          ),
        ).rejects.toBeInstanceOf(StoreInputError);
      });
    });

    describe('input that must never reach a query', () => {
      const record = articleRecord('fees', 'en');
      const cases: Array<[string, (store: Store) => Promise<unknown>]> = [
        [
          'an unknown field in a record',
          (s) => s.users.create({ ...user('u1', 'ana'), isAdmin: true } as never),
        ],
        ['an unknown field in a patch', (s) => s.conversations.update('conv-1', hostile({ lastSeq: 99 }))],
        ['an unknown field in a filter', (s) => s.articles.list(hostile({ locale: 'en', owner: 'x' }))],
        ['{ $ne: null } as an id', (s) => s.users.get(hostile({ $ne: null }))],
        ['{ $gt: "" } as a token hash', (s) => s.sessions.find(hostile({ $gt: '' }), at(0))],
        ['{ $ne: null } as the user of sessions', (s) => s.sessions.deleteForUser(hostile({ $ne: null }))],
        ['{ $ne: null } as an agent id', (s) => s.presence.reserveSlot(hostile({ $ne: null }), at(0))],
        [
          '{ $in: [...] } as a conversation id',
          (s) => s.conversations.transcript(hostile({ $in: ['conv-1'] })),
        ],
        ['an operator as a state key', (s) => s.botState.read(hostile([{ $ne: null }]))],
        ['a $where key', (s) => s.users.create(hostile({ ...user('u1', 'ana'), $where: 'sleep(1000)' }))],
        ['a $where filter', (s) => s.audit.list(hostile({ $where: 'true' }))],
        ['an operator patch', (s) => s.users.update('u1', hostile({ $set: { roles: ['admin'] } }))],
        [
          'a __proto__ key',
          (s) =>
            s.users.create(
              hostile(
                JSON.parse(`{"__proto__":{"roles":["admin"]},${JSON.stringify(user('u1', 'ana')).slice(1)}`),
              ),
            ),
        ],
        ['a number as an id', (s) => s.users.get(hostile(42))],
        ['a number as a message id', (s) => s.conversations.findMessage('conv-1', hostile(7))],
        ['a number as a handoff id', (s) => s.handoff.transition(hostile(1), 'queued', { priority: 1 })],
        ['an object as a limit', (s) => s.conversations.transcript('conv-1', hostile({ limit: { $gt: 0 } }))],
        ['a timestamp in another format', (s) => s.sessions.deleteExpired('2025-03-03')],
        [
          'a revision that does not follow',
          (s) => s.articles.update(editedArticle(record, 'x'), 5, articleRevision(record)),
        ],
        ['an article locale outside the product', (s) => s.articles.get(hostile('fr'), 'fees')],
        ['an item that is not an object', (s) => s.botState.write(hostile({ key: 'text' }))],
      ];

      it.each(cases)('refuses %s with StoreInputError', async (_name, call) => {
        await expect(call(store)).rejects.toBeInstanceOf(StoreInputError);
      });

      it('writes nothing when it refuses', async () => {
        for (const [, call] of cases) await call(store).catch(() => undefined);
        expect(await store.users.list()).toEqual([]);
        expect(await store.users.get('u1')).toBeNull();
        expect(await store.botState.read(['key'])).toEqual({});
      });
    });
  });
}
