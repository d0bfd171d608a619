import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type AppConfig } from '../../bot/config/config.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type WithHelp<Options extends OptionsConfig> = {
  options: Options & { help: { type: 'boolean' } };
  strict: true;
};

/**
 * What the commands that work on the configured store (knowledge:import, knowledge:export,
 * user:create) do alike: strict options with `--help`, the product's settings read as the server
 * reads them, and failures as one line on stderr that starts with the command's name. Exit codes:
 * 0 done, 1 failed, 2 bad options or settings.
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

  /** The parsed options; an unknown or malformed one fails with the usage, `--help` prints it and exits. */
  options<const Options extends OptionsConfig>(
    options: Options,
  ): ReturnType<typeof parseArgs<WithHelp<Options>>>['values'] {
    const config: WithHelp<Options> = { options: { ...options, help: { type: 'boolean' } }, strict: true };
    let values: ReturnType<typeof parseArgs<WithHelp<Options>>>['values'];
    try {
      ({ values } = parseArgs(config));
    } catch (error) {
      this.fail(`${(error as Error).message}\n${this.usage}`, 2);
    }
    if ((values as { help?: boolean }).help) {
      process.stdout.write(`${this.usage}\n`);
      process.exit(0);
    }
    return values;
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
