import type { Logger } from '../logging/logger.js';
import { PeriodicTask } from '../shared/periodicTask.js';
import type { AgentPresenceService } from './agentPresenceService.js';
import type { HandoffService, SweepReport } from './handoffService.js';

/**
 * Each instance's periodic pass: closes agent sockets whose sign-in ended, refreshes the
 * heartbeats of the agents whose sockets it holds, then sweeps the shared queue
 * (`HandoffService.sweep`). The timer is only a trigger; what is due is read from stored
 * timestamps, so a restarted or different instance does the same work. Tests call `runOnce`
 * instead of waiting for the timer.
 */
export class HandoffSweeper {
  private readonly task: PeriodicTask;
  private running: Promise<SweepReport> | null = null;

  constructor(
    private readonly deps: {
      service: HandoffService;
      presence: AgentPresenceService;
      intervalMs: number;
      /** The agents with a socket on this instance. */
      localAgents: () => Iterable<string>;
      /** Closes agent sockets whose sign-in ended, before their heartbeats are refreshed. */
      revalidateAgents?: () => Promise<unknown>;
      logger: Logger;
    },
  ) {
    this.task = new PeriodicTask({
      name: 'handoff sweep',
      intervalMs: deps.intervalMs,
      run: () => this.runOnce(),
      logger: deps.logger,
    });
  }

  start(): void {
    this.task.start();
  }

  /** One pass; a call while one runs gets that pass's result (and its failure, unlike the timer's). */
  runOnce(): Promise<SweepReport> {
    this.running ??= (async () => {
      try {
        await this.deps.revalidateAgents?.();
        await this.deps.presence.heartbeat(this.deps.localAgents());
        return await this.deps.service.sweep();
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Clears the timer and waits for a pass in progress, the timer's or a caller's. */
  async stop(): Promise<void> {
    await this.task.stop();
    await this.running?.catch(() => undefined);
  }
}
