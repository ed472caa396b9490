// A proxy in front of the emulator that behaves as API Gateway does where moto and LocalStack do not,
// and fails on demand:
// - paging: both ignore `limit` and `position`; the proxy forwards each request unchanged,
//   then slices the `item` array of a list answer at `position`;
// - FlushStageCache and FlushStageAuthorizersCache, which moto (404) and LocalStack (501) lack: 202 when the stage exists;
// - UpdateDeployment `replace /description`, which moto lacks (500, a page): kept here and shown in its deployments' answers;
// - GetDeployment `embed=apisummary`, which both ignore: the proxy notes each CreateDeployment's methods
//   (from GetResources right after) and answers them as `apiSummary`; deployments made past it have none;
// - AWS's answers to calls no emulator has (GetSdkTypes, GetSdk): a fault of kind `answer`;
// - faults (faultAnswers.ts): `fault()` makes matching requests get an error, a reset, no answer,
//   a page or text that is not API Gateway's; or forwards them (the write is applied) and then loses,
//   delays, cuts short or retypes the answer.
import * as http from 'http';
import type { AddressInfo } from 'net';
import { alterTypes, answerError, answerInPlace, type FaultKind, FORWARDED } from './faultAnswers';

export { FAULT_KINDS, type FaultKind, FORWARDED } from './faultAnswers';

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
  /** delayAnswer: how long the emulator's answer is held (default 1000 ms, over the tests' 300 ms timeouts). */
  readonly delayMs?: number;
  /** delayAnswer: what then becomes of it (default `write`). */
  readonly afterDelay?: 'write' | 'drop';
  /** merge: the fields put into the emulator's JSON answer. */
  readonly merge?: Record<string, unknown>;
  /** answer: what is answered (status 200 unless given). */
  readonly answer?: { readonly status?: number; readonly headers?: Readonly<Record<string, string>>; readonly body: string | Uint8Array };
}

export interface Fault {
  /** Requests this fault answered so far. */
  readonly hits: number;
  /** stringTypes, badTypes: the values changed so far (none: the fault proved nothing). */
  readonly altered: number;
  clear(): void;
}

export interface ApiProxy {
  readonly endpoint: string;
  /** The next `count` requests get 429 TooManyRequestsException without reaching the emulator. */
  throttleNext(count: number): void;
  /** Makes matching requests fail; the first fault that matches a request answers it. */
  fault(spec: FaultSpec): Fault;
  /** Drops every fault and ends the requests held by `hang` and `delayAnswer`. */
  clearFaults(): void;
  /** The `limit` of every list request so far, in order. */
  readonly limits: string[];
  /**
   * Every request that reached the proxy, as `METHOD /path` (no query), in order; requests to `POST /`
   * (STS, WAF v2) add what they call: `POST / Action=GetCallerIdentity`, `POST / AWSWAF_20190729.AssociateWebACL`.
   */
  readonly requests: string[];
  /** The query string of each request of `requests`, at the same index ('' for none). */
  readonly queries: string[];
  /** The body of each request in `requests`, as text, at the same index (what a write sent, where no emulator keeps it). */
  readonly bodies: string[];
  /** Every answered request: its arrival (performance.now() of this process) and the milliseconds to its answer's end, in order of answers. */
  readonly timings: { request: string; at: number; ms: number }[];
  close(): Promise<void>;
}

/**
 * The requests of the operations the extension sends, as `METHOD /path` patterns. STS and WAF v2 share
 * the endpoint and `POST /`: a third part names the call (STS's form `Action`, WAF's `x-amz-target`).
 */
export const OPERATIONS: Readonly<Record<string, string>> = {
  GetRestApis: 'GET /restapis',
  GetStages: 'GET /restapis/*/stages',
  GetStage: 'GET /restapis/*/stages/*',
  CreateStage: 'POST /restapis/*/stages',
  UpdateStage: 'PATCH /restapis/*/stages/*',
  DeleteStage: 'DELETE /restapis/*/stages/*',
  GetDeployments: 'GET /restapis/*/deployments',
  CreateDeployment: 'POST /restapis/*/deployments',
  GetDeployment: 'GET /restapis/*/deployments/*',
  UpdateDeployment: 'PATCH /restapis/*/deployments/*',
  DeleteDeployment: 'DELETE /restapis/*/deployments/*',
  GetExport: 'GET /restapis/*/stages/*/exports/*',
  GetSdkTypes: 'GET /sdktypes',
  GetSdk: 'GET /restapis/*/stages/*/sdks/*',
  GetResources: 'GET /restapis/*/resources',
  GetAccount: 'GET /account',
  UpdateAccount: 'PATCH /account',
  FlushStageCache: 'DELETE /restapis/*/stages/*/cache/data',
  FlushStageAuthorizersCache: 'DELETE /restapis/*/stages/*/cache/authorizers',
  GetDomainNames: 'GET /domainnames',
  GetBasePathMappings: 'GET /domainnames/*/basepathmappings',
  GetBasePathMapping: 'GET /domainnames/*/basepathmappings/*',
  CreateBasePathMapping: 'POST /domainnames/*/basepathmappings',
  GetUsagePlans: 'GET /usageplans',
  GetUsagePlan: 'GET /usageplans/*',
  UpdateUsagePlan: 'PATCH /usageplans/*',
  GetClientCertificate: 'GET /clientcertificates/*',
  GetDocumentationVersion: 'GET /restapis/*/documentation/versions/*',
  TagResource: 'POST /tags/*',
  UntagResource: 'DELETE /tags/*',
  GetApiMappings: 'GET /v2/domainnames/*/apimappings',
  CreateApiMapping: 'POST /v2/domainnames/*/apimappings',
  GetCallerIdentity: 'POST / Action=GetCallerIdentity',
  AssociateWebACL: 'POST / AWSWAF_20190729.AssociateWebACL',
  GetWebACL: 'POST / AWSWAF_20190729.GetWebACL',
  GetWebACLForResource: 'POST / AWSWAF_20190729.GetWebACLForResource',
  ListWebACLs: 'POST / AWSWAF_20190729.ListWebACLs',
  DisassociateWebACL: 'POST / AWSWAF_20190729.DisassociateWebACL',
  GetClientCertificates: 'GET /clientcertificates',
  GenerateClientCertificate: 'POST /clientcertificates',
  GetDocumentationVersions: 'GET /restapis/*/documentation/versions',
  CreateDocumentationVersion: 'POST /restapis/*/documentation/versions',
  // IAM (form Action) and CloudWatch Logs (x-amz-target), for Check CloudWatch Logging Setup….
  GetRole: 'POST / Action=GetRole',
  ListAttachedRolePolicies: 'POST / Action=ListAttachedRolePolicies',
  ListRolePolicies: 'POST / Action=ListRolePolicies',
  GetRolePolicy: 'POST / Action=GetRolePolicy',
  CreateRole: 'POST / Action=CreateRole',
  AttachRolePolicy: 'POST / Action=AttachRolePolicy',
  UpdateAssumeRolePolicy: 'POST / Action=UpdateAssumeRolePolicy',
  DescribeLogGroups: 'POST / Logs_20140328.DescribeLogGroups',
  PutRetentionPolicy: 'POST / Logs_20140328.PutRetentionPolicy',
};

const PAGED_LIST = /^\/restapis(\/[^/]+\/(resources|deployments))?\/?$/;
const FLUSH = /^\/restapis\/([^/]+)\/stages\/([^/]+)\/cache\/(data|authorizers)$/;
const DEPLOYMENTS = /^\/restapis\/([^/]+)\/deployments(?:\/([^/]+))?\/?$/;

interface ActiveFault {
  readonly spec: FaultSpec;
  readonly matches: (method: string, path: string, call?: string) => boolean;
  left: number;
  hits: number;
  altered: number;
}

export interface ApiProxyOptions {
  /**
   * The page size of a list request that sends no `limit`. AWS's is 25; left out, such a request
   * gets every item in one page (what the tests expect of the emulator). The bench sets 25, so the
   * AWS CLI, which sends no limit, pages as it does on AWS.
   */
  readonly defaultLimit?: number;
}

/** What a `POST /` request calls: WAF v2's `x-amz-target`, or STS's form `Action=...`; undefined for REST requests. */
function callOf(req: http.IncomingMessage, body: Buffer): string | undefined {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target;
  if (!/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) return undefined;
  const action = new URLSearchParams(body.toString('utf8')).get('Action');
  return action ? `Action=${action}` : undefined;
}

export async function startApiProxy(target: string, port = 0, options: ApiProxyOptions = {}): Promise<ApiProxy> {
  const upstream = new URL(target);
  let throttled = 0;
  let faults: ActiveFault[] = [];
  /** Answers held by `hang` and `delayAnswer`, ended by clearFaults() or close(). */
  const held = new Set<http.ServerResponse>();
  /**
   * delayAnswer's requests until the emulator has answered them. The client may give up first (a slow
   * emulator); later requests wait for them, so a read-back finds the write applied, as the fault says.
   */
  const applying = new Set<Promise<void>>();
  const limits: string[] = [];
  /** Descriptions set by the proxy's own UpdateDeployment (moto has none), by `api/deployment`. */
  const descriptions = new Map<string, string>();
  const described = (api: string, body: Buffer): Buffer => {
    if (!descriptions.size) return body;
    const json = JSON.parse(body.toString('utf8')) as { id?: string; description?: string; item?: { id?: string; description?: string }[] };
    for (const d of json.item ?? [json]) if (d.id && descriptions.has(`${api}/${d.id}`)) d.description = descriptions.get(`${api}/${d.id}`);
    return Buffer.from(JSON.stringify(json));
  };
  /** The methods each deployment made through the proxy took, by `api/deployment`: its `apiSummary`. */
  const summaries = new Map<string, unknown>();
  const snapshot = (req: http.IncomingMessage, api: string, deployment: Buffer, done: () => void) => {
    const id = (JSON.parse(deployment.toString('utf8')) as { id?: string }).id;
    // The client's headers: moto tells the service from the signature's credential scope.
    const { 'content-length': _length, 'content-type': _type, ...headers } = req.headers;
    const get = http.request({ host: upstream.hostname, port: upstream.port, path: `/restapis/${api}/resources?embed=methods`, method: 'GET', headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        if (id && answer.statusCode === 200) summaries.set(`${api}/${id}`, apiSummaryOf(Buffer.concat(chunks)));
        done();
      });
    });
    get.on('error', done);
    get.end();
  };
  const requests: string[] = [];
  const queries: string[] = [];
  const bodies: string[] = [];
  const timings: { request: string; at: number; ms: number }[] = [];

  const forward = (req: http.IncomingMessage, path: string, onAnswer: (status: number, headers: http.IncomingHttpHeaders, body: Buffer) => void, res: http.ServerResponse, method = req.method) => {
    // Another method than the client's (a read in place of a write) sends no body.
    const { 'content-length': _length, ...bodiless } = req.headers;
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, path, method, headers: method === req.method ? req.headers : bodiless },
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

  // The whole request is read first: STS and WAF v2 are told apart by their body or a header.
  const handle = (req: http.IncomingMessage, res: http.ServerResponse, requestBody: Buffer, arrived: number) => {
    const url = new URL(req.url ?? '/', target);
    const method = req.method ?? 'GET';
    const call = callOf(req, requestBody);
    const name = `${method} ${url.pathname}${call ? ` ${call}` : ''}`;
    requests.push(name);
    queries.push(url.search.replace(/^\?/, ''));
    bodies.push(requestBody.toString('utf8'));
    res.once('finish', () => timings.push({ request: name, at: arrived, ms: performance.now() - arrived }));
    if (throttled > 0) {
      throttled--;
      answerError(res, 429, 'TooManyRequestsException', 'Too Many Requests');
      return;
    }
    const fault = faults.find((f) => f.left > 0 && f.matches(method, url.pathname, call));
    if (fault) {
      fault.left--;
      fault.hits++;
    }
    if (fault?.spec.kind === 'answer') {
      const a = fault.spec.answer!;
      const body = typeof a.body === 'string' ? Buffer.from(a.body) : Buffer.from(a.body);
      res.writeHead(a.status ?? 200, { ...a.headers, 'content-length': String(body.length) });
      res.end(body);
      return;
    }
    if (fault && !FORWARDED.has(fault.spec.kind)) {
      answerInPlace(fault.spec.kind, fault.spec.retryAfter, req, res, held, call);
      return;
    }
    let applied = () => {};
    if (fault?.spec.kind === 'delayAnswer') {
      const pending = new Promise<void>((resolve) => (applied = resolve));
      applying.add(pending);
      void pending.then(() => applying.delete(pending));
    }
    const write = (status: number, headers: http.IncomingHttpHeaders, body: Buffer) => {
      if (res.destroyed) return; // the client gave up on a delayed answer
      res.writeHead(status, { ...headers, 'content-length': String(body.length) });
      res.end(body);
    };
    // The emulator's answer, as the fault leaves it (the request was applied either way).
    const send = (status: number, headers: http.IncomingHttpHeaders, body: Buffer) => {
      applied();
      const kind = fault?.spec.kind;
      if (kind === 'dropAnswer') {
        res.socket?.destroy();
      } else if (kind === 'delayAnswer') {
        held.add(res);
        res.on('close', () => held.delete(res));
        const timer = setTimeout(() => {
          held.delete(res);
          if (fault?.spec.afterDelay === 'drop') res.socket?.destroy();
          else write(status, headers, body);
        }, fault?.spec.delayMs ?? 1000);
        res.on('close', () => clearTimeout(timer));
      } else if (kind === 'merge' && status < 300) {
        write(status, headers, Buffer.from(JSON.stringify({ ...(JSON.parse(body.toString('utf8')) as object), ...fault!.spec.merge })));
      } else if ((kind === 'stringTypes' || kind === 'badTypes') && status < 300) {
        const changed = alterTypes(kind, body);
        fault!.altered += changed.altered;
        write(status, headers, changed.body);
      } else {
        write(status, headers, kind === 'truncated' && status < 300 ? body.subarray(0, Math.floor(body.length / 2)) : body);
      }
    };
    const flush = method === 'DELETE' ? FLUSH.exec(url.pathname) : null;
    if (flush) {
      // API Gateway answers 202 with no body; moto has no such route: ask moto whether the stage exists.
      forward(req, `/restapis/${flush[1]}/stages/${flush[2]}`, (status, headers, body) =>
        status === 200 ? send(202, {}, Buffer.alloc(0)) : send(status, headers, body), res, 'GET').on('error', applied).end();
      return;
    }
    const deployments = DEPLOYMENTS.exec(url.pathname);
    if (deployments?.[2] && method === 'PATCH') {
      forward(req, req.url ?? '/', (status, headers, body) => {
        if (status < 500 || body[0] === 0x7b) return send(status, headers, body); // the emulator's own answer (LocalStack's)
        // moto: no UpdateDeployment. Its `replace /description` is kept here, on a deployment moto has.
        forward(req, url.pathname, (got, gotHeaders, deployment) => {
          if (got !== 200) return send(got, gotHeaders, deployment);
          const patch = (JSON.parse(requestBody.toString('utf8')) as { patchOperations?: { op?: string; path?: string; value?: string }[] }).patchOperations ?? [];
          for (const o of patch) if (o.op === 'replace' && o.path === '/description') descriptions.set(`${deployments[1]}/${deployments[2]}`, o.value ?? '');
          send(200, { 'content-type': 'application/json' }, described(deployments[1], deployment));
        }, res, 'GET').on('error', applied).end();
      }, res).on('error', applied).end(requestBody);
      return;
    }
    const list = method === 'GET' && PAGED_LIST.test(url.pathname);
    if (list) limits.push(url.searchParams.get('limit') ?? '(none)');
    if (list && !url.searchParams.has('limit') && options.defaultLimit) url.searchParams.set('limit', String(options.defaultLimit));
    const paged = list && url.searchParams.has('limit');
    forward(req, req.url ?? '/', (status, headers, body) => {
      if (deployments && !deployments[2] && method === 'POST' && status < 300) return snapshot(req, deployments[1], body, () => send(status, headers, body));
      if (deployments?.[2] && method === 'GET' && status === 200 && url.searchParams.getAll('embed').includes('apisummary')) {
        const summary = summaries.get(`${deployments[1]}/${deployments[2]}`);
        if (summary) body = Buffer.from(JSON.stringify({ ...(JSON.parse(body.toString('utf8')) as object), apiSummary: summary }));
      }
      if (deployments && method === 'GET' && status === 200) body = described(deployments[1], body);
      if (paged && status === 200) body = Buffer.from(page(body.toString('utf8'), url.searchParams));
      send(status, headers, body);
    }, res).on('error', applied).end(requestBody);
  };

  const server = http.createServer((req, res) => {
    const arrived = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void Promise.all(applying).then(() => handle(req, res, Buffer.concat(chunks), arrived)));
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
    queries,
    bodies,
    timings,
    throttleNext: (count) => {
      throttled = count;
    },
    fault: (spec) => {
      const active: ActiveFault = { spec, matches: matcher(spec.operation), left: spec.times ?? 1, hits: 0, altered: 0 };
      faults.push(active);
      return {
        get hits() {
          return active.hits;
        },
        get altered() {
          return active.altered;
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

/**
 * An SDK operation name or `METHOD /path [call]` with `*` for one path segment. Without a call, a
 * pattern matches whatever the request calls; with one, only requests that call it (see callOf).
 */
export function matcher(operation: string | undefined): (method: string, path: string, call?: string) => boolean {
  if (!operation) return () => true;
  const pattern = OPERATIONS[operation] ?? operation;
  const [method, path, wanted] = pattern.split(' ');
  if (!path) throw new Error(`Unknown operation "${operation}": an SDK name (${Object.keys(OPERATIONS).join(', ')}) or "METHOD /path"`);
  const re = new RegExp(`^${path.split('/').map((s) => (s === '*' ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`);
  return (m, p, call) => m === method && re.test(p) && (wanted === undefined || call === wanted);
}

/** Whether a request of the proxy's log (`METHOD /path [call]`) is of this operation. */
export function isOperation(request: string, operation: string): boolean {
  const [method, path, call] = request.split(' ');
  return matcher(operation)(method, path, call);
}

/** GetResources `embed=methods` → GetDeployment's `apiSummary`: path → verb → authorization type, API key required. */
function apiSummaryOf(resources: Buffer): Record<string, Record<string, { authorizationType?: string; apiKeyRequired?: boolean }>> {
  type Method = { authorizationType?: string; apiKeyRequired?: boolean };
  const json = JSON.parse(resources.toString('utf8')) as { item?: { path?: string; resourceMethods?: Record<string, Method> }[] };
  const out: Record<string, Record<string, Method>> = {};
  for (const r of json.item ?? []) {
    const methods = Object.entries(r.resourceMethods ?? {});
    if (r.path && methods.length) out[r.path] = Object.fromEntries(methods.map(([verb, m]) => [verb, { authorizationType: m.authorizationType ?? 'NONE', apiKeyRequired: !!m.apiKeyRequired }]));
  }
  return out;
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
