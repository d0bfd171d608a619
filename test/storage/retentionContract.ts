/**
 * The store methods retention and the abuse limits rely on, held to the same behaviour on every
 * backend (registered from embedded.test.ts and mongodb.test.ts next to the main contract).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../bot/storage/ports.js';
import {
  analyticsEvent,
  at,
  auditEntry,
  feedback,
  handoffEntry,
  serviceRequest,
} from './fixtures/records.js';
import { anyString } from '../support/matchers.js';

export function describeRetentionContract(backend: string, openFresh: () => Promise<Store>): void {
  describe(`Store contract, retention and limits: ${backend}`, () => {
    let store: Store;
    let opened: Store | undefined;
    beforeEach(async () => {
      opened = store = await openFresh();
    });
    afterEach(async () => {
      await opened?.close();
      opened = undefined;
    });

    it('audit: a repeated entry is stored once with its count, concurrent repeats all counted; old entries deleted', async () => {
      const repeated = auditEntry('blocked-1', { action: 'login_blocked', actor: 'ana', target: null });
      await Promise.all(
        Array.from({ length: 12 }, (_, index) => store.audit.recordRepeated({ ...repeated, at: at(index) })),
      );
      const [stored] = await store.audit.list({ action: 'login_blocked' });
      expect(stored).toMatchObject({ id: 'blocked-1', count: 12, at: anyString() });
      expect(await store.audit.list()).toHaveLength(1);

      await store.audit.record(auditEntry('old', { at: at(-10) }));
      await store.audit.record(auditEntry('new', { at: at(100) }));
      expect(await store.audit.deleteBefore(at(50))).toBe(2);
      expect((await store.audit.list()).map((entry) => entry.id)).toEqual(['new']);
    });

    it('bot state: items not written since the cutoff are deleted, newer ones stay', async () => {
      await store.botState.write({ 'webchat/conversations/a': { name: 'kept' } });
      const justAfter = new Date(Date.now() + 60_000).toISOString();
      const justBefore = new Date(Date.now() - 60_000).toISOString();
      expect(await store.botState.deleteUnchangedSince(justBefore)).toBe(0);
      expect(await store.botState.read(['webchat/conversations/a'])).toHaveProperty(
        'webchat/conversations/a',
      );
      expect(await store.botState.deleteUnchangedSince(justAfter)).toBe(1);
      expect(await store.botState.read(['webchat/conversations/a'])).toEqual({});
    });

    it("analytics and feedback: the visitor's words are emptied before the cutoff, the records stay", async () => {
      await store.analytics.record(analyticsEvent('old', { at: at(0), text: 'my name is Ana' }));
      await store.analytics.record(analyticsEvent('no-text', { at: at(1), text: null }));
      await store.analytics.record(analyticsEvent('new', { at: at(100), text: 'recent' }));
      expect(await store.analytics.forgetTextBefore(at(50))).toBe(1);
      expect(await store.analytics.forgetTextBefore(at(50))).toBe(0);
      const events = await store.analytics.list({ from: at(-1), to: at(200) });
      expect(events.map((event) => [event.id, event.text])).toEqual([
        ['old', null],
        ['no-text', null],
        ['new', 'recent'],
      ]);

      await store.feedback.add(feedback('old', { at: at(0), question: 'call Ana' }));
      await store.feedback.add(feedback('new', { at: at(100), question: 'recent' }));
      expect(await store.feedback.forgetQuestionsBefore(at(50))).toBe(1);
      const votes = await store.feedback.list({ from: at(-1), to: at(200) });
      expect(votes.map((vote) => [vote.id, vote.question, vote.helpful])).toEqual([
        ['old', '', true],
        ['new', 'recent', true],
      ]);
    });

    it('service requests: closed ones before the cutoff are deleted, open ones stay', async () => {
      await store.serviceRequests.create(serviceRequest('closed-old'));
      await store.serviceRequests.create(serviceRequest('closed-new'));
      await store.serviceRequests.create(serviceRequest('open-old'));
      await store.serviceRequests.close('closed-old', 'agent-1', at(10));
      await store.serviceRequests.close('closed-new', 'agent-1', at(100));
      expect(await store.serviceRequests.deleteClosedBefore(at(50))).toBe(1);
      expect((await store.serviceRequests.list()).map((request) => request.id).sort()).toEqual([
        'closed-new',
        'open-old',
      ]);
    });

    it('handoff: the address key counts only queued entries and goes with the queue; ended questions are emptied', async () => {
      await store.handoff.enqueue(handoffEntry('h1', 'c1'), { queuedFrom: 'address-a' });
      await store.handoff.enqueue(handoffEntry('h2', 'c2'), { queuedFrom: 'address-a' });
      await store.handoff.enqueue(handoffEntry('h3', 'c3'), { queuedFrom: 'address-b' });
      await store.handoff.enqueue(handoffEntry('h4', 'c4'));
      expect(await store.handoff.countQueuedFrom('address-a')).toBe(2);
      expect(await store.handoff.get('h1')).not.toHaveProperty('queuedFrom');

      const claimed = await store.handoff.claimNext({ locales: ['en'], agentId: 'agent-1', at: at(1) });
      expect(claimed?.id).toBe('h1');
      expect(await store.handoff.countQueuedFrom('address-a')).toBe(1);
      await store.handoff.transition('h2', 'queued', {
        status: 'ended',
        endedAt: at(2),
        endReason: 'abandoned',
      });
      expect(await store.handoff.countQueuedFrom('address-a')).toBe(0);
      // Given back to the queue later (its agent left): it no longer counts against anyone.
      await store.handoff.transition('h1', 'assigned', { status: 'queued', agentId: null, assignedAt: null });
      expect(await store.handoff.countQueuedFrom('address-a')).toBe(0);
      expect(await store.handoff.countQueuedFrom('address-b')).toBe(1);

      await store.handoff.transition('h3', 'queued', {
        status: 'ended',
        endedAt: at(100),
        endReason: 'expired',
      });
      expect(await store.handoff.forgetQuestionsEndedBefore(at(50))).toBe(1);
      expect((await store.handoff.get('h2'))?.question).toBe('');
      expect((await store.handoff.get('h3'))?.question).toBe('I need help with my case');
      expect((await store.handoff.get('h4'))?.question).toBe('I need help with my case');
    });
  });
}
