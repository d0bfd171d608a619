import { TestAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { AnswerChannelDataMiddleware } from '../../bot/assistant/answerChannelDataMiddleware.js';

describe('AnswerChannelDataMiddleware', () => {
  it('when replies are sent with or without channelData, then each says whether it came from an article', async () => {
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('plain text');
      await context.sendActivity({
        type: 'message',
        text: 'other data',
        channelData: { widget: { compact: true } },
      });
      await context.sendActivity({
        type: 'message',
        text: 'from an article',
        channelData: { answer: { articleId: 'case-status', locale: 'en', score: 0.9 } },
      });
      await context.sendActivity({ type: 'typing' });
    });
    adapter.use(new AnswerChannelDataMiddleware());
    await adapter
      .send('hi')
      .assertReply((reply) => expect(reply.channelData).toEqual({ answer: null }))
      .assertReply((reply) => expect(reply.channelData).toEqual({ widget: { compact: true }, answer: null }))
      .assertReply((reply) =>
        expect(reply.channelData).toEqual({ answer: { articleId: 'case-status', locale: 'en', score: 0.9 } }),
      )
      .assertReply((reply) => {
        expect(reply.type).toBe('typing');
        expect(reply.channelData).toBeUndefined();
      });
  });
});
