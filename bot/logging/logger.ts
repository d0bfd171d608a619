import { pino, type Logger, type LoggerOptions } from 'pino';
import { maskPersonalData, maskPersonalDataDeep } from '../privacy/personalData.js';

export type { Logger };

export interface LoggerSettings {
  level: string;
  /** Human-readable lines for development; JSON otherwise. */
  pretty: boolean;
}

/**
 * The product's logger. Every argument of every log call (message, structured fields, errors)
 * passes through the personal-data mask before pino serialises it, so no receipt number, A-number,
 * SSN, email or phone number reaches a log line, whichever module logged it.
 */
export function createLogger(settings: LoggerSettings, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: 'virtual-assistant' },
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: {
      logMethod(args, method) {
        const masked = args.map((arg: unknown) =>
          typeof arg === 'string' ? maskPersonalData(arg) : maskPersonalDataDeep(arg),
        );
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
    serializers: {
      err: (error: unknown) => maskPersonalDataDeep(pino.stdSerializers.err(error as Error)),
    },
  };
  if (destination) return pino(options, destination);
  if (settings.pretty) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' },
      },
    });
  }
  return pino(options);
}
