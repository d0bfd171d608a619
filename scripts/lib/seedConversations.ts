/**
 * What finished conversations leave in the store, for measuring a turn with many on record: each
 * has a question, the answer (with its suggested actions and answer data, as the assistant sends
 * them), the "was this helpful?" that follows, its bot state and an analytics event, alternately on
 * the widget and on the Bot Framework channel.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../../bot/storage/ports.js';

const ANSWER =
  'You can check your case status online with the receipt number printed on the notice we mailed ' +
  'you. Enter it without dashes, including the three letters at the start. If the status has not ' +
  'changed for a long time, check the processing times for your form and office before you ask ' +
  'about your case. You can also sign up for a USCIS online account to get updates by email.';

export async function seedConversations(store: Store, count: number, now = new Date()): Promise<void> {
  for (let n = 0; n < count; n += 1) {
    const id = `seed-${n.toString(36)}-${createHash('sha1').update(String(n)).digest('hex').slice(0, 12)}`;
    const channel = n % 2 === 0 ? 'socket' : 'botframework';
    const locale = n % 3 === 0 ? 'es' : 'en';
    const at = new Date(now.getTime() - (count - n) * 30_000).toISOString();
    const reference = {
      activityId: `a-${n}`,
      user: { id: `visitor:${id}`, name: '', role: 'user' },
      bot: { id: 'assistant', name: 'Virtual assistant', role: 'bot' },
      conversation: { id, isGroup: false, conversationType: 'personal', name: '' },
      channelId: channel === 'socket' ? 'webchat' : 'emulator',
      locale,
      serviceUrl: channel === 'socket' ? 'urn:socket' : 'http://127.0.0.1:9/unused',
    };
    await store.conversations.create({
      id,
      channel,
      locale,
      tokenHash: channel === 'socket' ? createHash('sha256').update(`token-${id}`).digest('hex') : null,
      reference: JSON.stringify(reference),
      createdAt: at,
      lastActivityAt: at,
    });
    const entry = (messageId: string, role: 'visitor' | 'bot', text: string, activity: object) =>
      store.conversations.append({
        conversationId: id,
        messageId,
        role,
        text,
        locale,
        at,
        agentId: null,
        activity: JSON.stringify({ type: 'message', text, locale, ...activity }),
      });
    await entry(`q-${n}`, 'visitor', 'How do I check the status of my case online?', { textFormat: 'plain' });
    await entry(`a-${n}`, 'bot', ANSWER, {
      textFormat: 'markdown',
      channelData: { answer: { articleId: 'case-status-online', locale, score: 0.83 }, role: 'bot' },
      suggestedActions: {
        actions: ['Processing times', 'Change of address', 'Talk to a person'].map((title) => ({
          type: 'imBack',
          title,
          value: title,
        })),
        to: [],
      },
    });
    await entry(`f-${n}`, 'bot', 'Was this helpful?', {
      channelData: { answer: null, feedbackFor: 'case-status-online' },
      suggestedActions: { actions: [{ type: 'postBack', title: 'Yes', value: { helpful: true } }], to: [] },
    });
    await store.conversations.finishTurn(id, 1);
    const stateKey = `${reference.channelId}/conversations/${id}`;
    await store.botState.write({
      [stateKey]: {
        dialogState: {
          dialogStack: [
            { id: 'main', state: { options: {}, values: { instanceId: `i-${n}` }, stepIndex: 0 } },
          ],
        },
        conversationLocale: { locale, chosen: false },
        lastAnswer: {
          articleId: 'case-status-online',
          question: 'How do I check the status of my case online?',
        },
      },
    });
    await store.analytics.record({
      id: `e-${n}`,
      type: 'question',
      conversationId: id,
      locale,
      at,
      decision: 'answer',
      articleId: 'case-status-online',
      score: 0.83,
      text: 'How do I check the status of my case online?',
      outcome: null,
    });
  }
}
