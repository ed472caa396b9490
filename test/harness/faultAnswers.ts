// The answers of the test proxy's faults (apiProxy.ts): what API Gateway, or whatever stands between
// it and the user, answers when something goes wrong. Two kinds: answers made up in the emulator's
// place (the request is not applied), and changes to the emulator's own answer (it is applied).
import type * as http from 'http';

export type FaultKind =
  // Made up in the emulator's place: the request is not applied.
  | 'throttle' // 429 TooManyRequestsException with Retry-After
  | 'error500'
  | 'error503'
  | 'reset' // the connection is destroyed before any answer
  | 'hang' // no answer until the client gives up (or the proxy closes)
  | 'notJson' // 200 text/html: a proxy's or captive portal's page
  | 'htmlAfterBlankLines' // the same page after 70 blank lines (a sniffer that reads the first line sees nothing)
  | 'textOk' // 200 text/plain `OK`
  | 'noContent' // 204, no body
  | 'emptyOk' // 200, no body
  | 'foreignJson' // 200 `{"message":"hello"}`: JSON, not API Gateway's
  | 'accessDenied' // 403 AccessDeniedException
  | 'expiredToken' // 403 ExpiredTokenException
  | 'badSignature' // 403 InvalidSignatureException echoing what was signed, token and Authorization included, as AWS does
  | 'notFound' // 404 NotFoundException: the stage (or API) was deleted meanwhile
  // Forwarded: the emulator applies the request, then its answer is lost or changed.
  | 'truncated' // its JSON body stops half way
  | 'dropAnswer' // the client's connection is destroyed instead of the answer
  | 'delayAnswer' // held `delayMs`, longer than the client waits, then written (or dropped)
  | 'stringTypes' // every boolean and number becomes a string ("true", "300"): AWS's types are still readable
  | 'badTypes' // every boolean becomes "yes": not a value of its type
  | 'merge' // the answer with `merge`'s fields put in: what AWS would hold and the emulator drops (a canary on moto). Not in the fault matrix
  | 'answer'; // `answer` given in the emulator's place: AWS's answer to a call no emulator has (GetSdkTypes, GetSdk). Not in the fault matrix

export const FAULT_KINDS: readonly FaultKind[] = [
  'throttle', 'error500', 'error503', 'reset', 'hang', 'notJson', 'htmlAfterBlankLines', 'textOk', 'noContent', 'emptyOk', 'foreignJson',
  'accessDenied', 'expiredToken', 'badSignature', 'notFound', 'truncated', 'dropAnswer', 'delayAnswer', 'stringTypes', 'badTypes',
];

/** Faults that forward the request: the emulator applies a write, whatever the client then sees. */
export const FORWARDED: ReadonlySet<FaultKind> = new Set(['truncated', 'dropAnswer', 'delayAnswer', 'stringTypes', 'badTypes', 'merge']);

export function answerError(res: http.ServerResponse, status: number, type: string | undefined, message: string, headers: http.OutgoingHttpHeaders = {}): void {
  jsonError(res, status, type, message, headers);
}

function jsonError(res: http.ServerResponse, status: number, type: string | undefined, message: string, headers: http.OutgoingHttpHeaders = {}): void {
  const body = JSON.stringify({ message });
  res.writeHead(status, { 'content-type': 'application/json', ...(type ? { 'x-amzn-errortype': type } : {}), ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function answer(res: http.ServerResponse, status: number, contentType: string | undefined, body: string): void {
  res.writeHead(status, { ...(contentType ? { 'content-type': contentType } : {}), 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

const SIGN_IN_PAGE = '<html><head><title>Sign in to the network</title></head><body><h1>Proxy authentication required</h1></body></html>';

/** The service a request is signed for (its credential scope): `iam` answers errors in XML. */
function signedFor(req: http.IncomingMessage): string | undefined {
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
}

/** IAM's codes for what API Gateway names otherwise (IAM says AccessDenied, SignatureDoesNotMatch, ServiceFailure…). */
const IAM_CODES: Readonly<Record<string, string>> = {
  TooManyRequestsException: 'Throttling',
  ServiceUnavailableException: 'ServiceUnavailable',
  AccessDeniedException: 'AccessDenied',
  ExpiredTokenException: 'ExpiredToken',
  InvalidSignatureException: 'SignatureDoesNotMatch',
};

/** Answers a request in the emulator's place, as API Gateway (or what stands before it) does in each failure; IAM's errors in its XML. */
export function answerInPlace(kind: FaultKind, retryAfter: string | undefined, req: http.IncomingMessage, res: http.ServerResponse, held: Set<http.ServerResponse>, call?: string): void {
  const iam = signedFor(req) === 'iam';
  const answerError = (status: number, type: string | undefined, message: string, headers: http.OutgoingHttpHeaders = {}) => {
    if (!iam) return jsonError(res, status, type, message, headers);
    const a = iamErrorAnswer(IAM_CODES[type ?? ''] ?? type ?? 'ServiceFailure', message.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;')), status);
    res.writeHead(status, { ...a.headers, ...headers, 'content-length': String(Buffer.byteLength(a.body)) });
    res.end(a.body);
  };
  const action = iam ? `iam:${(call ?? '').replace(/^Action=/, '')}` : `apigateway:${req.method}`;
  switch (kind) {
    case 'throttle':
      return answerError(429, 'TooManyRequestsException', 'Too Many Requests', { 'retry-after': retryAfter ?? '1' });
    case 'error500':
      return answerError(500, undefined, 'Internal server error');
    case 'error503':
      return answerError(503, 'ServiceUnavailableException', 'Service Unavailable');
    case 'accessDenied':
      return answerError(403, 'AccessDeniedException',
        `User: arn:aws:iam::123456789012:user/tester is not authorized to perform: ${action} on resource: arn:aws:apigateway:us-east-1::${new URL(req.url ?? '/', 'http://x').pathname}`);
    case 'expiredToken':
      return answerError(403, 'ExpiredTokenException', 'The security token included in the request is expired');
    case 'badSignature':
      return answerError(403, 'InvalidSignatureException', signatureEcho(req));
    case 'notFound':
      return answerError(404, 'NotFoundException', /\/stages\//.test(req.url ?? '') ? 'Invalid stage identifier specified' : 'Invalid API identifier specified');
    case 'notJson':
      return answer(res, 200, 'text/html', SIGN_IN_PAGE);
    case 'htmlAfterBlankLines':
      return answer(res, 200, 'text/html', `${'\n'.repeat(70)}<!DOCTYPE html>\n${SIGN_IN_PAGE}`);
    case 'textOk':
      return answer(res, 200, 'text/plain', 'OK');
    case 'noContent':
      return answer(res, 204, undefined, '');
    case 'emptyOk':
      return answer(res, 200, 'application/json', '');
    case 'foreignJson':
      return answer(res, 200, 'application/json', '{"message":"hello"}');
    case 'reset':
      req.socket.destroy();
      return;
    case 'hang':
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    case 'truncated':
    case 'dropAnswer':
    case 'delayAnswer':
    case 'stringTypes':
    case 'badTypes':
    case 'merge':
      throw new Error(`${kind} forwards the request; its answer is not made up`);
    case 'answer':
      throw new Error('answer gives its own answer (apiProxy.ts)');
  }
}

/**
 * The emulator's JSON answer with its types changed: `stringTypes` turns every boolean and number
 * into its text, `badTypes` every boolean into "yes". Also how many values were changed: a fault
 * that changed nothing proves nothing. A body that is not JSON is left as it is.
 */
export function alterTypes(kind: 'stringTypes' | 'badTypes', body: Buffer): { body: Buffer; altered: number } {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { body, altered: 0 };
  }
  let altered = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'boolean') {
      altered++;
      return kind === 'badTypes' ? 'yes' : String(v);
    }
    if (typeof v === 'number' && kind === 'stringTypes') {
      altered++;
      return String(v);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(json);
  return altered ? { body: Buffer.from(JSON.stringify(out)), altered } : { body, altered };
}

/** AWS's answer to a request signed with the wrong secret: it echoes the canonical request, credentials included. */
function signatureEcho(req: http.IncomingMessage): string {
  const h = req.headers;
  const signed = ['host', 'x-amz-date', 'x-amz-security-token'].filter((n) => h[n] !== undefined);
  return [
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    '',
    'The Canonical String for this request should have been',
    `'${req.method}`,
    new URL(req.url ?? '/', 'http://x').pathname,
    '',
    ...signed.map((n) => `${n}:${String(h[n])}`),
    '',
    `${signed.join(';')}'`,
    '',
    `Authorization: ${String(h.authorization)}`,
  ].join('\n');
}

/** An `answer` fault's answer: JSON as AWS sends it (dates as epoch seconds), with its status. */
export function jsonAnswer(json: unknown, status = 200): { status: number; headers: Record<string, string>; body: string } {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) };
}


/** An `answer` fault's answer as IAM (query protocol, XML) sends an error: AccessDenied for a caller without the permission. */
export function iamErrorAnswer(code: string, message: string, status = 403): { status: number; headers: Record<string, string>; body: string } {
  const body = `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>4b5c7f1e-0000-4000-8000-000000000000</RequestId></ErrorResponse>`;
  return { status, headers: { 'content-type': 'text/xml' }, body };
}
