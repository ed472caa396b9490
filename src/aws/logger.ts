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

/**
 * A log entry as written: credentials out, and no way for a name from AWS to fake a line. Every
 * line after the first is indented (a log line starts with its timestamp), other line and
 * paragraph separators and control characters (ANSI escapes included) are shown as `\u{…}`.
 */
export function logText(message: string): string {
  return redactSecrets(message)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)
    .replace(/\r\n|\r|\n/g, '\n    ');
}

/** The same log (VS Code's LogOutputChannel included), with every entry written through logText. */
export function redactingLog<T extends object>(log: T): T {
  return new Proxy(log, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof prop !== 'string' || !REDACTED_METHODS.has(prop) || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (message: unknown, ...args: unknown[]) =>
        (value as (...a: unknown[]) => unknown).call(target, logText(message instanceof Error ? message.stack ?? message.message : String(message)), ...args.map((a) => logText(String(a))));
    },
  });
}
