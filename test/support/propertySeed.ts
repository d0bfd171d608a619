import type { Parameters } from 'fast-check';

/**
 * The seed of this run's property-based tests: `FC_SEED` from the environment to replay a run,
 * otherwise a fresh one. Printed by every property test (fast-check also prints it with a failure's
 * counterexample), so any failure can be replayed with `FC_SEED=<seed> npx vitest run <file>`.
 */
export const PROPERTY_SEED: number = process.env.FC_SEED
  ? Number.parseInt(process.env.FC_SEED, 10)
  : Math.floor(Math.random() * 0x7fffffff);

/** fast-check parameters with this run's seed; prints which property runs with it. */
export function seeded<T>(property: string, parameters: Parameters<T> = {}): Parameters<T> {
  console.info(`[fast-check] ${property}: seed ${PROPERTY_SEED} (replay with FC_SEED=${PROPERTY_SEED})`);
  return { ...parameters, seed: PROPERTY_SEED };
}
