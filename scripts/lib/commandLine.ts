import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type AppConfig } from '../../bot/config/config.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type WithHelp<Options extends OptionsConfig> = {
  options: Options & { help: { type: 'boolean' } };
  strict: true;
};

/**
 * What the commands do alike: strict options with `--help`, numbers checked, the product's
 * settings read as the server reads them (for the commands that work on the configured store),
 * and failures as one line on stderr that starts with the command's name, never a stack trace.
 * Exit codes: 0 done, 1 failed, 2 bad options or settings.
 */
export class CommandLine {
  constructor(
    readonly name: string,
    readonly usage: string,
  ) {}

  /** Writes `name: message` to stderr and exits. */
  fail(message: string, exitCode = 1): never {
    process.stderr.write(`${this.name}: ${message}\n`);
    process.exit(exitCode);
  }

  /** Fails with the usage (exit 2): for options that are there but wrong. */
  usageError(message: string): never {
    this.fail(`${message}\n${this.usage}`, 2);
  }

  /** The parsed options; an unknown or malformed one fails with the usage, `--help` prints it and exits. */
  options<const Options extends OptionsConfig>(
    options: Options,
    args: string[] = process.argv.slice(2),
  ): ReturnType<typeof parseArgs<WithHelp<Options>>>['values'] {
    const config: WithHelp<Options> = { options: { ...options, help: { type: 'boolean' } }, strict: true };
    let values: ReturnType<typeof parseArgs<WithHelp<Options>>>['values'];
    try {
      ({ values } = parseArgs({ ...config, args }));
    } catch (error) {
      this.usageError((error as Error).message);
    }
    if ((values as { help?: boolean }).help) {
      process.stdout.write(`${this.usage}\n`);
      process.exit(0);
    }
    return values;
  }

  /** A whole number of at least `min` given as `--option`; anything else fails with the usage. */
  integer(option: string, value: string, min = 1): number {
    const parsed = Number(value);
    if (!/^\s*-?\d+\s*$/.test(value) || parsed < min)
      this.usageError(`--${option} must be a whole number of at least ${min}, not "${value}"`);
    return parsed;
  }

  /** A number from `min` to `max` given as `--option`; anything else fails with the usage. */
  number(option: string, value: string, min: number, max: number): number {
    const parsed = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max)
      this.usageError(`--${option} must be a number from ${min} to ${max}, not "${value}"`);
    return parsed;
  }

  /** Runs the command; an error ends it as one line on stderr (exit 1) instead of a stack trace. */
  async run(main: () => Promise<void>): Promise<void> {
    try {
      await main();
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
  }

  /** The settings from the environment (DATA_DIR or MONGODB_URI name the store); a bad one fails. */
  settings(exitCode = 2): AppConfig {
    try {
      return loadConfig();
    } catch (error) {
      if (error instanceof ConfigError) this.fail(error.message, exitCode);
      throw error;
    }
  }
}
