import { redactSecrets } from './redact';

/** The log sink the AWS layer writes to; VS Code's LogOutputChannel fits it. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

export const silentLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

const REDACTED_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

/** The same log (VS Code's LogOutputChannel included), with credentials taken out of every line written. */
export function redactingLog<T extends object>(log: T): T {
  return new Proxy(log, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof prop !== 'string' || !REDACTED_METHODS.has(prop) || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (message: unknown, ...args: unknown[]) =>
        (value as (...a: unknown[]) => unknown).call(target, message instanceof Error ? redactSecrets(message.stack ?? message.message) : redactSecrets(String(message)), ...args.map((a) => redactSecrets(String(a))));
    },
  });
}
