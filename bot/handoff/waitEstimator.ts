export interface WaitEstimatorOptions {
  /** Assignments older than this say nothing about the current pace. */
  windowMs: number;
  /** Minutes one agent is assumed to need per chat while there is no recent pace to go on. */
  fallbackMinutesPerChat: number;
  /** The longest estimate given; beyond it the number means little and would only alarm. */
  maxMinutes: number;
}

const DEFAULTS: WaitEstimatorOptions = { windowMs: 60 * 60_000, fallbackMinutesPerChat: 6, maxMinutes: 120 };

/** A window shorter than this would turn two quick assignments into an absurd pace. */
const MIN_SPAN_MS = 5 * 60_000;

/**
 * Estimated wait in whole minutes for a queue position, from the pace of recent assignments in
 * the visitor's language (how many chats agents took in the last hour): position ÷ pace. With
 * fewer than two recent assignments there is no pace, so the agents online and a typical chat
 * length stand in. Pure: the caller supplies the assignment times and the current time.
 */
export class WaitEstimator {
  private readonly options: WaitEstimatorOptions;

  constructor(options: Partial<WaitEstimatorOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  get windowMs(): number {
    return this.options.windowMs;
  }

  estimate(input: {
    position: number;
    recentAssignments: readonly Date[];
    agentsOnline: number;
    now: Date;
  }): number | null {
    const { position, agentsOnline, now } = input;
    if (position < 1) return null;
    const since = now.getTime() - this.options.windowMs;
    const times = input.recentAssignments
      .map((at) => at.getTime())
      .filter((at) => at >= since && at <= now.getTime());
    let minutes: number;
    if (times.length >= 2) {
      const spanMs = Math.max(now.getTime() - Math.min(...times), MIN_SPAN_MS);
      const perMinute = times.length / (spanMs / 60_000);
      minutes = position / perMinute;
    } else if (agentsOnline > 0) {
      minutes = (position * this.options.fallbackMinutesPerChat) / agentsOnline;
    } else {
      return null;
    }
    return Math.min(this.options.maxMinutes, Math.max(1, Math.ceil(minutes)));
  }
}
