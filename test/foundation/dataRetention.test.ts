import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../bot/auth/sessionTokens.js';
import { TestClock } from '../handoff/support/agentClient.js';
import { filesContaining } from '../support/dataFiles.js';
import { dataDirWithKeptIndex, postActivity, startTestApp, type TestApp } from '../support/testApp.js';

const DAY_MS = 86_400_000;

/**
 * Personal data really goes: values planted in every store that holds visitors' data (and the
 * audit log) through the product's own paths where there is one, then retention runs, and every
 * file in DATA_DIR is searched for them as bytes. Whatever the storage format is, the values are
 * in the files before retention (the search can find them) and in none after.
 */
describe('data retention: nothing personal outlives its period', () => {
  const dirs: string[] = [];
  let running: TestApp | undefined;
  afterEach(async () => {
    await running?.stop({ keepData: true });
    running = undefined;
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('when retention runs after the periods, then no planted value is left in any data file', async () => {
    const dataDir = await dataDirWithKeptIndex('va-retention-');
    dirs.push(dataDir);
    // Saturday: out of hours, so asking for an agent offers to leave a message.
    const clock = new TestClock(new Date('2026-03-07T15:00:00.000Z'));
    // Bot state is stamped with the system time (botbuilder's Storage has no clock of its own).
    clock.set(new Date());
    const env = { DATA_DIR: dataDir, TRANSCRIPT_RETENTION_DAYS: '30', AUDIT_RETENTION_DAYS: '80' };
    running = await startTestApp(env, { clock });
    const { baseUrl, app } = running;
    const { store } = app;

    const planted = {
      transcriptAndAnalytics: 'Quillonwright-transcript',
      abandonedName: 'Quillonwright Abandoned',
      abandonedEmail: 'quillon.abandoned@example.org',
      serviceRequest: 'Quillonwright-request',
      feedback: 'Quillonwright-feedback',
      handoffQuestion: 'Quillonwright-handoff',
      auditUsername: 'quillonwright-audit',
      sessionHash: hashToken('quillonwright-session-token'),
    };

    // A visitor's question (transcript, analytics text, the assistant's memory in bot state).
    const say = (conversationId: string, text: string, value?: unknown) =>
      postActivity(baseUrl, {
        conversation: { id: conversationId },
        from: { id: `visitor-${conversationId}` },
        text,
        ...(value === undefined ? {} : { value }),
      });
    expect(
      (await say('retention-question', `Where is my card, ${planted.transcriptAndAnalytics}?`)).status,
    ).toBe(200);

    // A leave-a-message dialog abandoned after the name and e-mail: only bot state holds them.
    await say('retention-abandoned', 'Leave a message', { type: 'leave_message' });
    await say('retention-abandoned', planted.abandonedName);
    const asked = await say('retention-abandoned', planted.abandonedEmail);
    expect(asked.activities.map((activity) => String(activity.text)).join('\n')).toContain(
      'What is your question?',
    );

    // A message left out of hours, answered and closed by an agent.
    await say('retention-request', 'Leave a message', { type: 'leave_message' });
    await say('retention-request', planted.serviceRequest);
    await say('retention-request', '(202) 555-0143');
    await say('retention-request', 'When will my permit arrive?');
    await say('retention-request', 'no');
    await say('retention-request', 'Send it', { type: 'leave_message_review', action: 'send' });
    const [request] = await store.serviceRequests.list({ status: 'open' });
    expect(request?.name).toBe(planted.serviceRequest);
    await store.serviceRequests.close(request!.id, 'agent-1', clock.now().toISOString());

    // Feedback on an answer, and a live chat that ended, with the visitor's question.
    await store.feedback.add({
      id: 'feedback-1',
      conversationId: 'retention-question',
      articleId: 'replace-green-card',
      locale: 'en',
      question: `How do I replace my card, ${planted.feedback}?`,
      helpful: true,
      at: clock.now().toISOString(),
    });
    await store.handoff.enqueue({
      id: 'handoff-1',
      conversationId: 'retention-question',
      channel: 'botframework',
      locale: 'en',
      status: 'queued',
      priority: 0,
      queuedAt: clock.now().toISOString(),
      assignedAt: null,
      endedAt: null,
      endReason: null,
      agentId: null,
      question: `Talk to a person about ${planted.handoffQuestion}`,
    });
    await store.handoff.transition('handoff-1', 'queued', {
      status: 'ended',
      endedAt: clock.now().toISOString(),
      endReason: 'abandoned',
    });

    // A sign-in session nobody signed out of, and a failed sign-in in the audit log.
    await store.sessions.create({
      tokenHash: planted.sessionHash,
      userId: 'user-1',
      roles: ['agent'],
      createdAt: clock.now().toISOString(),
      expiresAt: new Date(clock.now().getTime() + 25 * DAY_MS).toISOString(),
    });
    const failed = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: planted.auditUsername, password: 'not the password' }),
    });
    expect(failed.status).toBe(401);

    // Closing compacts the embedded store: the files then hold exactly what is stored.
    await running.stop({ keepData: true });
    running = undefined;
    const before = await filesContaining(dataDir, Object.values(planted));
    for (const [value, files] of Object.entries(before))
      expect(files, `${value} before retention`).not.toEqual([]);

    // Within the periods, retention keeps everything.
    clock.advance(20 * DAY_MS);
    running = await startTestApp(env, { clock });
    await running.app.retention.sweep();
    await running.stop({ keepData: true });
    running = undefined;
    const kept = await filesContaining(dataDir, Object.values(planted));
    for (const [value, files] of Object.entries(kept))
      expect(files, `${value} within the period`).not.toEqual([]);

    // Past the visitors' period (30 days; the audit log keeps 80), none of their data is left.
    clock.advance(45 * DAY_MS);
    running = await startTestApp(env, { clock });
    await running.app.retention.sweep();
    // What reports count stays: the analytics event and the vote, without the visitor's words.
    const events = await running.app.store.analytics.list({
      from: new Date(0).toISOString(),
      to: clock.now().toISOString(),
    });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.text === null)).toBe(true);
    const votes = await running.app.store.feedback.list({
      from: new Date(0).toISOString(),
      to: clock.now().toISOString(),
    });
    expect(votes).toMatchObject([{ id: 'feedback-1', helpful: true, question: '' }]);
    await running.stop({ keepData: true });
    running = undefined;
    const visitorDataLeft = await filesContaining(
      dataDir,
      Object.values(planted).filter((value) => value !== planted.auditUsername),
    );
    expect(Object.entries(visitorDataLeft).filter(([, files]) => files.length > 0)).toEqual([]);
    // The audit log keeps its longer period...
    expect((await filesContaining(dataDir, [planted.auditUsername]))[planted.auditUsername]).not.toEqual([]);
    clock.advance(20 * DAY_MS);
    running = await startTestApp(env, { clock });
    await running.app.retention.sweep();
    await running.stop({ keepData: true });
    running = undefined;
    // ...and then lets go too.
    const left = await filesContaining(dataDir, Object.values(planted));
    expect(Object.entries(left).filter(([, files]) => files.length > 0)).toEqual([]);
  });
});
