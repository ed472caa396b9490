// A proxy in front of the emulator that behaves as API Gateway does where moto and LocalStack do not,
// and fails on demand:
// - paging: both ignore `limit` and `position`; the proxy forwards each request unchanged,
//   then slices the `item` array of a list answer at `position`;
// - FlushStageCache and FlushStageAuthorizersCache, which moto (404) and LocalStack (501) lack: 202 when the stage exists;
// - faults: `fault()` makes matching requests answer 429, 500, 503, 403 AccessDenied or
//   ExpiredToken, 403 InvalidSignature (echoing the signed headers, as AWS does), 404, a reset
//   connection, no answer at all, a body cut short or an HTML page.
import * as http from 'http';
import type { AddressInfo } from 'net';

/**
 * What a faulty request gets. All but `truncated` answer in moto's place, so the request is not
 * applied; `truncated` forwards it (a write is applied) and cuts the answer's body in half.
 */
export type FaultKind =
  | 'throttle' // 429 TooManyRequestsException with Retry-After
  | 'error500'
  | 'error503'
  | 'reset' // the connection is destroyed before any answer
  | 'hang' // no answer until the client gives up (or the proxy closes)
  | 'truncated' // 200 whose JSON body stops half way
  | 'notJson' // 200 text/html: a proxy's or captive portal's page
  | 'accessDenied' // 403 AccessDeniedException
  | 'expiredToken' // 403 ExpiredTokenException
  | 'badSignature' // 403 InvalidSignatureException echoing what was signed, token and Authorization included, as AWS does
  | 'notFound'; // 404 NotFoundException: the stage (or API) was deleted meanwhile

export const FAULT_KINDS: readonly FaultKind[] = [
  'throttle', 'error500', 'error503', 'reset', 'hang', 'truncated', 'notJson', 'accessDenied', 'expiredToken', 'badSignature', 'notFound',
];

export interface FaultSpec {
  /**
   * Which requests: an SDK operation name (`GetStage`, see OPERATIONS) or `METHOD /path` where `*`
   * stands for one path segment (`GET /restapis/*\/stages/*`). Every request when left out.
   */
  readonly operation?: string;
  readonly kind: FaultKind;
  /** How many matching requests fail (default 1); `Infinity` for all of them until cleared. */
  readonly times?: number;
  /** Retry-After of a 429, in seconds (default "1"). */
  readonly retryAfter?: string;
}

export interface Fault {
  /** Requests this fault answered so far. */
  readonly hits: number;
  clear(): void;
}

export interface ApiProxy {
  readonly endpoint: string;
  /** The next `count` requests get 429 TooManyRequestsException without reaching the emulator. */
  throttleNext(count: number): void;
  /** Makes matching requests fail; the first fault that matches a request answers it. */
  fault(spec: FaultSpec): Fault;
  /** Drops every fault and ends the requests held by `hang`. */
  clearFaults(): void;
  /** The `limit` of every list request so far, in order. */
  readonly limits: string[];
  /** Every request that reached the proxy, as `METHOD /path` (no query), in order. */
  readonly requests: string[];
  /** Every answered request: its arrival (performance.now() of this process) and the milliseconds to its answer's end, in order of answers. */
  readonly timings: { request: string; at: number; ms: number }[];
  close(): Promise<void>;
}

/** The requests of the operations the extension sends, as `METHOD /path` patterns. */
export const OPERATIONS: Readonly<Record<string, string>> = {
  GetRestApis: 'GET /restapis',
  GetStages: 'GET /restapis/*/stages',
  GetStage: 'GET /restapis/*/stages/*',
  CreateStage: 'POST /restapis/*/stages',
  UpdateStage: 'PATCH /restapis/*/stages/*',
  DeleteStage: 'DELETE /restapis/*/stages/*',
  GetDeployments: 'GET /restapis/*/deployments',
  CreateDeployment: 'POST /restapis/*/deployments',
  GetResources: 'GET /restapis/*/resources',
  GetAccount: 'GET /account',
  UpdateAccount: 'PATCH /account',
  FlushStageCache: 'DELETE /restapis/*/stages/*/cache/data',
  FlushStageAuthorizersCache: 'DELETE /restapis/*/stages/*/cache/authorizers',
  GetDomainNames: 'GET /domainnames',
  GetBasePathMappings: 'GET /domainnames/*/basepathmappings',
  GetUsagePlans: 'GET /usageplans',
  TagResource: 'POST /tags/*',
  UntagResource: 'DELETE /tags/*',
};

const PAGED_LIST = /^\/restapis(\/[^/]+\/(resources|deployments))?\/?$/;
const FLUSH = /^\/restapis\/([^/]+)\/stages\/([^/]+)\/cache\/(data|authorizers)$/;

interface ActiveFault {
  readonly spec: FaultSpec;
  readonly matches: (method: string, path: string) => boolean;
  left: number;
  hits: number;
}

export interface ApiProxyOptions {
  /**
   * The page size of a list request that sends no `limit`. AWS's is 25; left out, such a request
   * gets every item in one page (what the tests expect of the emulator). The bench sets 25, so the
   * AWS CLI, which sends no limit, pages as it does on AWS.
   */
  readonly defaultLimit?: number;
}

export async function startApiProxy(target: string, port = 0, options: ApiProxyOptions = {}): Promise<ApiProxy> {
  const upstream = new URL(target);
  let throttled = 0;
  let faults: ActiveFault[] = [];
  /** Requests held by `hang`, ended by clearFaults() or close(). */
  const held = new Set<http.ServerResponse>();
  const limits: string[] = [];
  const requests: string[] = [];
  const timings: { request: string; at: number; ms: number }[] = [];

  const forward = (req: http.IncomingMessage, path: string, onAnswer: (status: number, headers: http.IncomingHttpHeaders, body: Buffer) => void, res: http.ServerResponse, method = req.method) => {
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, path, method, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => onAnswer(answer.statusCode ?? 502, answer.headers, Buffer.concat(chunks)));
      },
    );
    out.on('error', (e) => {
      res.writeHead(502);
      res.end(String(e));
    });
    return out;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    const method = req.method ?? 'GET';
    requests.push(`${method} ${url.pathname}`);
    const arrived = performance.now();
    res.once('finish', () => timings.push({ request: `${method} ${url.pathname}`, at: arrived, ms: performance.now() - arrived }));
    if (throttled > 0) {
      throttled--;
      req.resume();
      answerError(res, 429, 'TooManyRequestsException', 'Too Many Requests');
      return;
    }
    const fault = faults.find((f) => f.left > 0 && f.matches(method, url.pathname));
    if (fault) {
      fault.left--;
      fault.hits++;
    }
    const send = (status: number, headers: http.IncomingHttpHeaders, body: Buffer) => {
      if (fault?.spec.kind === 'truncated' && status < 300) body = body.subarray(0, Math.floor(body.length / 2));
      res.writeHead(status, { ...headers, 'content-length': String(body.length) });
      res.end(body);
    };
    if (fault && fault.spec.kind !== 'truncated') {
      req.resume();
      answerFault(fault.spec, req, res, held);
      return;
    }
    const flush = method === 'DELETE' ? FLUSH.exec(url.pathname) : null;
    if (flush) {
      // API Gateway answers 202 with no body; moto has no such route: ask moto whether the stage exists.
      req.resume();
      forward(req, `/restapis/${flush[1]}/stages/${flush[2]}`, (status, headers, body) =>
        status === 200 ? send(202, {}, Buffer.alloc(0)) : send(status, headers, body), res, 'GET').end();
      return;
    }
    const list = method === 'GET' && PAGED_LIST.test(url.pathname);
    if (list) limits.push(url.searchParams.get('limit') ?? '(none)');
    if (list && !url.searchParams.has('limit') && options.defaultLimit) url.searchParams.set('limit', String(options.defaultLimit));
    const paged = list && url.searchParams.has('limit');
    req.pipe(forward(req, req.url ?? '/', (status, headers, body) => {
      if (paged && status === 200) body = Buffer.from(page(body.toString('utf8'), url.searchParams));
      send(status, headers, body);
    }, res));
  });
  // Longer than any retry backoff: else the SDK may reuse a socket the proxy is just closing
  // (Node's 5 s default), and a retry meets ECONNRESET instead of the answer under test.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  const release = () => {
    for (const res of held) res.destroy();
    held.clear();
  };
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    limits,
    requests,
    timings,
    throttleNext: (count) => {
      throttled = count;
    },
    fault: (spec) => {
      const active: ActiveFault = { spec, matches: matcher(spec.operation), left: spec.times ?? 1, hits: 0 };
      faults.push(active);
      return {
        get hits() {
          return active.hits;
        },
        clear: () => {
          faults = faults.filter((f) => f !== active);
        },
      };
    },
    clearFaults: () => {
      faults = [];
      release();
    },
    // Keep-alive sockets would hold close() open: the endpoint goes down at once, as a crash would.
    close: () =>
      new Promise((resolve) => {
        release();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function answerError(res: http.ServerResponse, status: number, type: string | undefined, message: string, headers: http.OutgoingHttpHeaders = {}): void {
  const body = JSON.stringify({ message });
  res.writeHead(status, { 'content-type': 'application/json', ...(type ? { 'x-amzn-errortype': type } : {}), ...headers, 'content-length': String(body.length) });
  res.end(body);
}

/** The answers API Gateway (or what stands between it and the user) gives in each failure. */
function answerFault(spec: FaultSpec, req: http.IncomingMessage, res: http.ServerResponse, held: Set<http.ServerResponse>): void {
  switch (spec.kind) {
    case 'throttle':
      return answerError(res, 429, 'TooManyRequestsException', 'Too Many Requests', { 'retry-after': spec.retryAfter ?? '1' });
    case 'error500':
      return answerError(res, 500, undefined, 'Internal server error');
    case 'error503':
      return answerError(res, 503, 'ServiceUnavailableException', 'Service Unavailable');
    case 'accessDenied':
      return answerError(res, 403, 'AccessDeniedException',
        `User: arn:aws:iam::123456789012:user/tester is not authorized to perform: apigateway:${req.method} on resource: arn:aws:apigateway:us-east-1::${new URL(req.url ?? '/', 'http://x').pathname}`);
    case 'expiredToken':
      return answerError(res, 403, 'ExpiredTokenException', 'The security token included in the request is expired');
    case 'badSignature':
      return answerError(res, 403, 'InvalidSignatureException', signatureEcho(req));
    case 'notFound':
      return answerError(res, 404, 'NotFoundException', /\/stages\//.test(req.url ?? '') ? 'Invalid stage identifier specified' : 'Invalid API identifier specified');
    case 'notJson': {
      const body = '<html><head><title>Sign in to the network</title></head><body><h1>Proxy authentication required</h1></body></html>';
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(body.length) });
      res.end(body);
      return;
    }
    case 'reset':
      req.socket.destroy();
      return;
    case 'hang':
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    case 'truncated':
      throw new Error('truncated answers are forwarded, not made up');
  }
}

/** An SDK operation name or `METHOD /path` with `*` for one segment. */
export function matcher(operation: string | undefined): (method: string, path: string) => boolean {
  if (!operation) return () => true;
  const pattern = OPERATIONS[operation] ?? operation;
  const [method, path] = pattern.split(' ');
  if (!path) throw new Error(`Unknown operation "${operation}": an SDK name (${Object.keys(OPERATIONS).join(', ')}) or "METHOD /path"`);
  const re = new RegExp(`^${path.split('/').map((s) => (s === '*' ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`);
  return (m, p) => m === method && re.test(p);
}

/** `position` is the offset of the next item, as an opaque-looking token. */
function page(json: string, query: URLSearchParams): string {
  const all = JSON.parse(json) as { item?: unknown[] };
  const items = all.item ?? [];
  const limit = Number(query.get('limit'));
  const start = query.has('position') ? Number(Buffer.from(query.get('position') ?? '', 'base64url').toString()) : 0;
  const end = start + limit;
  const out: { item: unknown[]; position?: string } = { item: items.slice(start, end) };
  if (end < items.length) out.position = Buffer.from(String(end)).toString('base64url');
  return JSON.stringify(out);
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
