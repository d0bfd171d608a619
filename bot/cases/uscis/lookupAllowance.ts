/**
 * Each visitor's share of the day's Case Status API budget: lookups per conversation and per
 * address, within the process's daily budget (DailyRequestBudget), so one visitor, or one script
 * opening many conversations from one address, cannot spend everybody's lookups. Counted per
 * quota day in `timeZone`, like the budget; answered from the cache, or shared with a lookup in
 * flight, a lookup costs nothing and is not counted.
 *
 * In this process's memory: the maps hold one number per conversation and address seen today and
 * are emptied when the day changes (new conversations per address are limited by the channels).
 */
import { DateTime } from 'luxon';
import type { CaseStatusRequester } from '../caseStatusProvider.js';

export interface LookupAllowanceOptions {
  perConversation: number;
  perAddress: number;
  timeZone: string;
  now: () => number;
}

export class LookupAllowance {
  #day = '';
  readonly #byConversation = new Map<string, number>();
  readonly #byAddress = new Map<string, number>();

  constructor(private readonly options: LookupAllowanceOptions) {}

  /** Counts one lookup for `requester`; false (and nothing counted) when either share is used up. */
  tryConsume(requester: CaseStatusRequester | undefined): boolean {
    if (requester === undefined) return true;
    this.#rollOver();
    const { conversationId, address } = requester;
    const conversationUsed = this.#byConversation.get(conversationId) ?? 0;
    const addressUsed = address === null ? 0 : (this.#byAddress.get(address) ?? 0);
    if (conversationUsed >= this.options.perConversation) return false;
    if (address !== null && addressUsed >= this.options.perAddress) return false;
    this.#byConversation.set(conversationId, conversationUsed + 1);
    if (address !== null) this.#byAddress.set(address, addressUsed + 1);
    return true;
  }

  #rollOver(): void {
    const day = DateTime.fromMillis(this.options.now(), { zone: this.options.timeZone }).toISODate() ?? '';
    if (day === this.#day) return;
    this.#day = day;
    this.#byConversation.clear();
    this.#byAddress.clear();
  }
}
