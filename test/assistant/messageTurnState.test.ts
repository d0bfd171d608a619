import { ActivityTypes, MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { MessageTurnConversationState } from '../../bot/assistant/messageTurnState.js';

const conversation = { id: 'conv-state', isGroup: false, conversationType: 'personal', name: '' };

function turn(type: string): TurnContext {
  const activity: Partial<Activity> = {
    type,
    channelId: 'test',
    conversation,
    from: { id: 'visitor', name: '' },
    recipient: { id: 'bot', name: '' },
    ...(type === ActivityTypes.Event && { name: 'anything' }),
  };
  return new TurnContext(new TestAdapter(), activity);
}

/** A value that counts how often it is serialised (botbuilder's hash serialises the whole state). */
function probe(): { serialised: number; toJSON(): string } {
  return {
    serialised: 0,
    toJSON() {
      this.serialised += 1;
      return 'probe';
    },
  };
}

describe('conversation state without the change check on message turns', () => {
  it('when a message turn saves its state, then it is stored and serialised once (by the store), not hashed', async () => {
    const storage = new MemoryStorage();
    const state = new MessageTurnConversationState(storage);
    const data = state.createProperty<{ turn?: number; probe?: unknown }>('assistant');

    const first = turn(ActivityTypes.Message);
    const value = probe();
    (await data.get(first, {})).probe = value;
    (await data.get(first, {})).turn = 1;
    await state.saveChanges(first, true);
    expect(value.serialised).toBe(1);

    const second = turn(ActivityTypes.Message);
    expect(await data.get(second)).toEqual({ turn: 1, probe: 'probe' });
    // Unknown hash on a message turn: a save without force still writes (a change is never skipped).
    (await data.get(second, {})).turn = 2;
    await state.saveChanges(second, false);
    expect(await data.get(turn(ActivityTypes.Message))).toMatchObject({ turn: 2 });
  });

  it('when another kind of turn leaves the state as it was, then nothing is written; when it changes it, it is', async () => {
    const storage = new MemoryStorage();
    const state = new MessageTurnConversationState(storage);
    const data = state.createProperty<{ turn?: number }>('assistant');
    const message = turn(ActivityTypes.Message);
    (await data.get(message, {})).turn = 1;
    await state.saveChanges(message, true);

    const unchanged = turn(ActivityTypes.Event);
    await data.get(unchanged, {});
    const before = await storage.read(['test/conversations/conv-state']);
    await state.saveChanges(unchanged, false);
    const after = await storage.read(['test/conversations/conv-state']);
    // botbuilder's check found nothing to save: the stored item (its eTag) is the same.
    expect(after).toEqual(before);

    const changed = turn(ActivityTypes.Event);
    (await data.get(changed, {})).turn = 5;
    await state.saveChanges(changed, false);
    expect(await data.get(turn(ActivityTypes.Message))).toEqual({ turn: 5 });
  });
});
