import { ActivityTypes, ConversationState, type StoreItem, type TurnContext } from 'botbuilder';

/** What botbuilder keeps of a loaded state in the turn: the state, and its hash ('' = unknown). */
interface CachedState {
  state: StoreItem;
  hash: string;
}

/**
 * botbuilder's ConversationState, without its change check on message turns. A message always
 * changes the conversation's state (it counts itself in it: `ConversationData.turn`), and the
 * assistant saves it with `force`; botbuilder would still serialise and hash the whole state when
 * it loads it, and again after saving it, for a comparison nobody makes. On a message turn the
 * hash is left unknown (''), which only ever means "changed": a save without `force` then writes
 * (never skips a change). Other turns (events, members added) keep botbuilder's check as it is.
 */
export class MessageTurnConversationState extends ConversationState {
  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    if (context.activity.type !== ActivityTypes.Message)
      return super.load(context, force) as Promise<StoreItem>;
    const cached = context.turnState.get<CachedState | undefined>(this.cacheKey());
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const state = (items[key] as StoreItem | undefined) ?? {};
    context.turnState.set(this.cacheKey(), { state, hash: '' } satisfies CachedState);
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    if (!force || context.activity.type !== ActivityTypes.Message) return super.saveChanges(context, force);
    const cached = context.turnState.get<CachedState | undefined>(this.cacheKey()) ?? { state: {}, hash: '' };
    // As botbuilder writes it: '*' overwrites whatever is stored (its last-writer-wins).
    cached.state.eTag = '*';
    await this.storage.write({ [await this.storageKey(context)]: cached.state });
    cached.hash = '';
    context.turnState.set(this.cacheKey(), cached);
  }

  /** botbuilder's key of the loaded state in the turn state (BotState keeps it private). */
  private cacheKey(): symbol {
    return this['stateKey'] as symbol;
  }
}
