// Error text for people: no stack traces, no request ids; the SDK's message or name, and what to do.

import type { PlanResult } from './aws/planRunner';
import { redactSecrets } from './aws/redact';
import type { PlanStep } from './model/plans';

/** What went wrong, in words, with no credential in it (see redact.ts). */
export function errorMessage(error: unknown): string {
  return redactSecrets(describeError(error));
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const e = error as ErrorFacts;
    if (e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message)) {
      return `Cannot reach the API Gateway endpoint (connection refused). Is it running? ${e.message}`;
    }
    const unimplemented = (e as ErrorFacts).unimplementedAt;
    if (unimplemented) {
      return `This endpoint (${unimplemented}) does not implement ${e.$operation ?? 'this operation'}: an emulator implements only part of API Gateway. Nothing was changed.`;
    }
    const transport = transportProblem(e)?.trimEnd();
    if (transport) return transport;
    const status = e.$metadata?.httpStatusCode;
    const message = e.message && e.message !== 'UnknownError' ? e.message : e.name;
    const said = status ? `${message} (${e.name}, HTTP ${status})` : message;
    const advice = adviceFor(e.name, message);
    const fate = (e as ErrorFacts).fate ? ` ${fateOf(e as ErrorFacts)}` : '';
    return `${advice ? `${said}. ${advice}` : said}${fate}`;
  }
  return String(error);
}

/** What to do about the errors AWS answers to stage commands (API_GATEWAY.md), by error name and text. */
const ADVICE: ReadonlyArray<[name: RegExp, text: RegExp, advice: string]> = [
  [/^ConflictException$/, /already exists/i, 'It exists already (made meanwhile?): refresh and choose another name.'],
  [/^ConflictException$/, /concurrent modification/i, 'Someone else changed it at the same moment: try again.'],
  [/^TooManyRequestsException$/, /./, 'API Gateway is throttling this account: wait a few seconds, then try again.'],
  [/^(AccessDenied|UnauthorizedOperation)/, /./, "The profile's IAM permissions do not allow this: ask for the permission named in the message."],
  [/^(ExpiredToken|UnrecognizedClient|InvalidSignature|SignatureDoesNotMatch)/, /./, 'The credentials were refused or have expired: renew them (aws sso login, new keys), then try again.'],
  [/^NotFoundException$/, /stage/i, 'The stage no longer exists (deleted meanwhile?): the tree now shows what AWS holds.'],
  [/^NotFoundException$/, /API identifier/i, 'The REST API no longer exists (deleted meanwhile?): refresh the view.'],
  [/^BadRequestException$/, /Deployment id does not exist/i, 'The deployment no longer exists: refresh Deployments and pick another.'],
  // AWS's refusal of DeleteDeployment while a stage (or its canary) runs the deployment.
  [/^BadRequestException$/, /Active stages pointing to this deployment/i, 'A stage or a canary still runs it (moved there meanwhile?): point them at another deployment first, with Change Deployment….'],
  [/^NotFoundException$/, /Invalid Deployment identifier/i, 'The deployment no longer exists (deleted meanwhile?): refresh Deployments.'],
  // UpdateAccount with a role API Gateway cannot assume or that may not write logs (or IAM has not propagated a new one yet).
  [/^BadRequestException$/, /^The role ARN does not have required permissions/, 'The role must trust apigateway.amazonaws.com and have AmazonAPIGatewayPushToCloudWatchLogs (a new role takes up to a minute to be usable): Check CloudWatch Logging Setup… tells what is missing.'],
];

/** Said after a failed write whose fate is unknown. */
const MAYBE_APPLIED_WRITE = 'If it was a change, it may have been applied: refresh to see what AWS holds, then try again.';

type ErrorFacts = Error & { $metadata?: { httpStatusCode?: number; attempts?: number }; code?: string; $operation?: string; fate?: string; unimplementedAt?: string };

/** What a write's failure left: read back (`fate`, from the plan runner), or not known. */
function fateOf(e: ErrorFacts): string {
  if (/^Get/.test(e.$operation ?? '')) return '';
  if (e.fate === 'was not applied (read back)') return 'Nothing was changed: reading it back showed the change is not there. Try again.';
  if (e.fate) return `The change ${e.fate}: refresh to see what AWS holds, then try again.`;
  return MAYBE_APPLIED_WRITE;
}

/**
 * Failures below API Gateway's own errors: the connection, the time out, an answer that is not
 * API Gateway's JSON, a 5xx. The SDK retried them already (`attempts`), so say so.
 */
function transportProblem(e: ErrorFacts): string | undefined {
  // A read changed nothing; a write (or a request we cannot name) may have been applied before the failure.
  const MAYBE_APPLIED = fateOf(e);
  const attempts = e.$metadata?.attempts ?? 1;
  const tries = attempts > 1 ? ` (tried ${attempts} times)` : '';
  const status = e.$metadata?.httpStatusCode;
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE' || /socket hang up/.test(e.message)) {
    return `The connection to API Gateway was cut before an answer came${tries}. Check your network, VPN or proxy, then try again. ${MAYBE_APPLIED}`;
  }
  if (e.name === 'TimeoutError') {
    const ms = /(\d+) ms/.exec(e.message)?.[1];
    const within = ms ? ` within ${Number(ms) / 1000} s` : '';
    if (/establish a connection/.test(e.message)) {
      return `Could not connect to API Gateway${within}${tries}. Check your network, VPN or proxy and the endpoint setting, then try again.`;
    }
    return `No answer from API Gateway${within}${tries}: the request timed out. Check your network, VPN or proxy and the endpoint setting, then try again. ${MAYBE_APPLIED}`;
  }
  if (isKind(e, UnexpectedAnswer)) {
    const change = /^Get/.test(e.$operation ?? '') ? 'Nothing was changed.' : 'The change may or may not have been applied: the view now shows what AWS holds.';
    return `${e.message}: a proxy, or a wrong endpoint setting? ${change} Check the endpoint setting and any proxy, then try again.`;
  }
  const kind = (e as { kind?: string }).kind;
  if (/Deserialization error/.test(e.message) || isKind(e, NotApiGatewayAnswer)) {
    if ((isKind(e, NotApiGatewayAnswer) && kind === 'a web page') || /'<'|<html|<!DOCTYPE/i.test(e.message)) {
      return `The endpoint answered with a web page, not API Gateway's JSON (HTTP ${status ?? '?'}): a proxy or network sign-in page, or a wrong endpoint setting? Check them, then try again.${MAYBE_APPLIED ? ` ${MAYBE_APPLIED}` : ''}`;
    }
    return `API Gateway's answer could not be read: cut short or not JSON (HTTP ${status ?? '?'}). ${MAYBE_APPLIED || 'Try again.'}`;
  }
  if (status === 503 || e.name === 'ServiceUnavailableException') {
    return `API Gateway is unavailable for now (HTTP 503)${tries}. Try again in a minute. ${MAYBE_APPLIED}`;
  }
  if (status !== undefined && status >= 500) {
    return `API Gateway had an internal error (HTTP ${status}: ${e.message || e.name})${tries}. It is usually brief: try again in a minute. ${MAYBE_APPLIED}`;
  }
  return undefined;
}

export function adviceFor(name: string, message: string): string | undefined {
  return ADVICE.find(([n, t]) => n.test(name) && t.test(message))?.[2];
}

/**
 * Whether the failure came after a request was sent (the error of a request or of a plan's step, which
 * the client pool marks with its operation): only then does the log hold more than the message.
 */
export function requestWasSent(error: unknown): boolean {
  const e = error as { $operation?: unknown; $metadata?: { httpStatusCode?: number } } | undefined;
  return typeof e === 'object' && e !== null && (e.$operation !== undefined || e.$metadata?.httpStatusCode !== undefined);
}

/** A cancel from anywhere: the user's (Cancelled), an MFA prompt's (CancelledError), a plan's (PlanCancelled), VS Code's (CancellationError). */
export function isCancellation(error: unknown): boolean {
  return error instanceof Error && (error.name === CancelledError.kind || error.name === Cancelled.kind);
}

// Every error class of the extension. Each has a `kind`, its `name`: another bundle (the tests' scripted
// prompter) has its own copy of a class, and an error wrapped by PlanError keeps its name, so whether an
// error is of a class is asked with isKind, never with instanceof or its name alone.

/** `kind`: the name its errors carry; undefined for a class whose errors carry another's name (PlanError: its cause's). */
type ErrorClass<E extends Error> = (abstract new (...args: never[]) => E) & { readonly kind: string | undefined };

/** The base of an error class whose errors carry `kind` as their name. */
function kindOfError<K extends string>(kind: K) {
  return class extends Error {
    static readonly kind: K = kind;
    override name = kind;
  };
}

/** Whether `error` is of the class `K`: an instance of it, or an error with its name (from another bundle, or wrapped). */
export function isKind<E extends Error>(error: unknown, K: ErrorClass<E>): error is E {
  return error instanceof K || (K.kind !== undefined && error instanceof Error && error.name === K.kind);
}

/** Not a failure: nothing to do (no snapshot kept, no stage yet). Commands show it as information. */
export class Notice extends kindOfError('Notice') {}

/** A bug: a state the code should make impossible (e.g. a wizard that ended without a field its steps fill). */
export class InternalError extends kindOfError('InternalError') {
  constructor(message: string) {
    super(`Internal error: ${message}. Please report it.`);
  }
}

/** The user pressed Back: the wizard shows the previous step. */
export class GoBack extends kindOfError('GoBack') {}

/** The user closed a prompt: commands end silently (see isCancellation). Named as VS Code's own CancellationError. */
export class Cancelled extends kindOfError('Canceled') {
  constructor() {
    super('Cancelled');
  }
}

/** An error the user has already been shown: the command's error path logs it without a second message. */
export class Handled extends kindOfError('Handled') {
  constructor(override readonly cause: unknown) {
    super(errorMessage(cause));
  }
}

/** A save of the stage editor that did not send: VS Code keeps the tab dirty (and the editor open, when it was closing) and says why. */
export class NotSaved extends kindOfError('NotSaved') {}

/** Create Stage on an API without a deployment (a stage needs one): the command offers Deploy to Stage instead. */
export class NoDeployment extends kindOfError('NoDeployment') {}

/** A second command on a stage (or the Stages folder) while one runs on it. */
export class BusyError extends kindOfError('BusyError') {}

/** No credentials for the profile, in words a person can act on. */
export class CredentialsError extends kindOfError('CredentialsError') {
  constructor(message: string, readonly profile: string) {
    super(message);
  }
}

/** The MFA prompt was closed. */
export class CancelledError extends kindOfError('CancelledError') {
  constructor(message = 'Cancelled') {
    super(message);
  }
}

/** Sealed text that cannot be opened: the key is gone (another machine, a reset keychain) or the text was changed. */
export class SealedError extends kindOfError('SealedError') {}

/** An answer that is not API Gateway's: a write may or may not have been applied. */
export class UnexpectedAnswer extends kindOfError('UnexpectedAnswer') {
  readonly $metadata: { httpStatusCode?: number };
  constructor(readonly what: string, status: number | undefined, readonly $operation?: string) {
    super(`The endpoint answered ${what} (HTTP ${status ?? '?'}), not what API Gateway answers${$operation ? ` to ${$operation}` : ''}`);
    this.$metadata = { httpStatusCode: status };
  }
}

/** A body that is not JSON: a web page (a proxy's or a network sign-in page), or an answer cut short. */
export class NotApiGatewayAnswer extends kindOfError('NotApiGatewayAnswer') {
  readonly $metadata: { httpStatusCode?: number };
  /** The operation it answered, when known (a read changed nothing; a write may have been applied). */
  $operation?: string;
  constructor(status: number | undefined, readonly kind: 'a web page' | 'cut short' | 'text') {
    super(`The endpoint answered ${kind === 'cut short' ? 'JSON cut short' : kind}, not JSON (HTTP ${status ?? '?'})`);
    this.$metadata = { httpStatusCode: status };
  }
}

/** A value of the wrong type in an answer (answers.ts), said with where (built only when something is wrong). */
export class BadValue extends kindOfError('BadValue') {
  readonly path: string[] = [];
  constructor(readonly problem: (at: string) => string) {
    super('bad value');
  }
}

/**
 * Thrown when a plan's step fails: `done` were sent and succeeded, `failed` and the rest were not applied
 * (or, `fate` says, maybe). Named as its cause, so errorMessage and isKind see the request's error through it.
 */
export class PlanError extends Error {
  /** Told by instanceof only: its name is its cause's (this bundle makes every PlanError). */
  static readonly kind: string | undefined = undefined;
  constructor(
    readonly done: readonly PlanStep[],
    readonly failed: PlanStep,
    readonly rest: readonly PlanStep[],
    override readonly cause: unknown,
    readonly partial: PlanResult,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = cause instanceof Error ? cause.name : 'PlanError';
    // What errorMessage reads of the request's error, so the plan's failure says the same.
    for (const key of ['$metadata', '$operation', 'code', 'fate', 'kind', 'unimplementedAt'] as const) {
      const value = (cause as Record<string, unknown> | undefined)?.[key];
      if (value !== undefined) (this as Record<string, unknown>)[key] = value;
    }
  }
}

/**
 * The plan was cancelled: `done` succeeded; `failed` is the step under way when the cancel came
 * (sent or not: AWS may have applied it, so read the stage again) or the next one; `rest` was not sent.
 * Its name marks it a cancellation (isCancellation).
 */
export class PlanCancelled extends PlanError {
  constructor(done: readonly PlanStep[], failed: PlanStep, rest: readonly PlanStep[], partial: PlanResult, readonly inFlight: boolean) {
    super(done, failed, rest, new Error('Cancelled'), partial);
    this.name = Cancelled.kind;
  }
}
