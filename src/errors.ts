// Error text for people: no stack traces, no request ids; the SDK's message or name, and what to do.

import { redactSecrets } from './aws/redact';

/** What went wrong, in words, with no credential in it (see redact.ts). */
export function errorMessage(error: unknown): string {
  return redactSecrets(describeError(error));
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number }; code?: string };
    if (e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message)) {
      return `Cannot reach the API Gateway endpoint (connection refused). Is it running? ${e.message}`;
    }
    const status = e.$metadata?.httpStatusCode;
    const message = e.message && e.message !== 'UnknownError' ? e.message : e.name;
    const said = status ? `${message} (${e.name}, HTTP ${status})` : message;
    const advice = adviceFor(e.name, message);
    return advice ? `${said}. ${advice}` : said;
  }
  return String(error);
}

/** What to do about the errors AWS answers to stage commands (API_GATEWAY.md), by error name and text. */
const ADVICE: ReadonlyArray<[name: RegExp, text: RegExp, advice: string]> = [
  [/^ConflictException$/, /already exists/i, 'It exists already (made meanwhile?): refresh and choose another name.'],
  [/^ConflictException$/, /concurrent modification/i, 'Someone else changed it at the same moment: try again.'],
  [/^TooManyRequestsException$/, /./, 'API Gateway is throttling this account: wait a few seconds, then try again.'],
  [/^(AccessDenied|UnauthorizedOperation)/, /./, "The profile's IAM permissions do not allow this: ask for the apigateway permission named in the message."],
  [/^(ExpiredToken|UnrecognizedClient|InvalidSignature)/, /./, 'The credentials were refused or have expired: renew them (aws sso login, new keys), then try again.'],
  [/^NotFoundException$/, /stage/i, 'The stage no longer exists (deleted meanwhile?): the tree now shows what AWS holds.'],
  [/^BadRequestException$/, /Deployment id does not exist/i, 'The deployment no longer exists: refresh Deployments and pick another.'],
];

export function adviceFor(name: string, message: string): string | undefined {
  return ADVICE.find(([n, t]) => n.test(name) && t.test(message))?.[2];
}

export function isCancellation(error: unknown): boolean {
  return error instanceof Error && (error.name === 'CancelledError' || error.name === 'Canceled');
}

/** Not a failure: nothing to do (no snapshot kept, no stage yet). Commands show it as information. */
export class Notice extends Error {
  override name = 'Notice';
}
