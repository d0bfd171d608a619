import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import type { HandoffStore, PresenceStore } from '../storage/ports.js';
import type { HandoffEntry } from './records.js';
import { AgentAvailability } from './agentAvailability.js';
import type { BusinessHours } from './businessHours/index.js';
import type { HandoffEvents } from './handoffEvents.js';
import type { HandoffPolicy } from './handoffPolicy.js';
import { QueueStandings } from './queueStandings.js';
import { WaitEstimator } from './waitEstimator.js';
import { systemClock, type Clock } from '../shared/clock.js';

export interface HandoffServiceDeps {
  handoff: HandoffStore;
  presence: PresenceStore;
  hours: BusinessHours;
  policy: HandoffPolicy;
  events: HandoffEvents;
  logger: Logger;
  clock?: Clock;
  estimator?: WaitEstimator;
  newId?: () => string;
}

/**
 * What every part of the handoff queue (admission, assignment, dispatch, closing, sweep) works
 * over: the stores, the policy and the clock, with the defaults filled in once. Nothing here holds
 * state between calls; the store is the only memory.
 */
export interface HandoffContext extends Omit<HandoffServiceDeps, 'clock' | 'newId' | 'estimator'> {
  clock: Clock;
  newId: () => string;
  availability: AgentAvailability;
  standings: QueueStandings;
}

export function handoffContext(deps: HandoffServiceDeps): HandoffContext {
  const clock = deps.clock ?? systemClock;
  const availability = new AgentAvailability(deps.policy);
  return {
    handoff: deps.handoff,
    presence: deps.presence,
    hours: deps.hours,
    policy: deps.policy,
    events: deps.events,
    logger: deps.logger,
    clock,
    newId: deps.newId ?? randomUUID,
    availability,
    standings: new QueueStandings({
      handoff: deps.handoff,
      presence: deps.presence,
      availability,
      estimator: deps.estimator ?? new WaitEstimator(),
      clock,
    }),
  };
}

/** The store patch that ends an entry now for `reason`. */
export function endPatch(
  context: Pick<HandoffContext, 'clock'>,
  reason: NonNullable<HandoffEntry['endReason']>,
): Partial<HandoffEntry> {
  return { status: 'ended', endReason: reason, endedAt: context.clock.now().toISOString() };
}

/** Tells everyone where each waiting visitor stands now. */
export async function publishStandings(context: Pick<HandoffContext, 'standings' | 'events'>): Promise<void> {
  const standings = await context.standings.compute();
  await context.events.standings(standings);
}
