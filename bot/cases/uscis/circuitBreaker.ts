/**
 * Stops calling a failing service for a while. After `failureThreshold` consecutive failed lookups
 * the circuit opens and lookups answer "unavailable" at once; after `cooldownMs` one probe is let
 * through (half-open): success closes the circuit, failure opens it for another cool-down.
 */
export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  now: () => number;
}

export class CircuitBreaker {
  #state: CircuitState = 'closed';
  #consecutiveFailures = 0;
  #openedAt = 0;
  #probeInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  /** The state as of now (an open circuit whose cool-down has passed reports half-open). */
  get state(): CircuitState {
    if (this.#state === 'open' && this.#coolDownOver()) return 'half_open';
    return this.#state;
  }

  /** May a lookup call the service now? In half-open, only one probe at a time may. */
  tryAcquire(): boolean {
    if (this.#state === 'closed') return true;
    if (this.#state === 'open') {
      if (!this.#coolDownOver()) return false;
      this.#state = 'half_open';
    }
    if (this.#probeInFlight) return false;
    this.#probeInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.#state = 'closed';
    this.#consecutiveFailures = 0;
    this.#probeInFlight = false;
  }

  /** Returns true when this failure opened the circuit (worth a log line). */
  recordFailure(): boolean {
    this.#probeInFlight = false;
    if (this.#state === 'half_open') {
      this.#open();
      return true;
    }
    this.#consecutiveFailures += 1;
    if (this.#state === 'closed' && this.#consecutiveFailures >= this.options.failureThreshold) {
      this.#open();
      return true;
    }
    return false;
  }

  /** An outcome that says nothing about the service's health (e.g. we were told to slow down). */
  recordNeutral(): void {
    this.#probeInFlight = false;
  }

  #open(): void {
    this.#state = 'open';
    this.#openedAt = this.options.now();
  }

  #coolDownOver(): boolean {
    return this.options.now() - this.#openedAt >= this.options.cooldownMs;
  }
}
