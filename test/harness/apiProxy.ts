// A proxy in front of the emulator that behaves as API Gateway does where moto and LocalStack do not:
// - paging: both ignore `limit` and `position`; the proxy forwards each request unchanged,
//   then slices the `item` array of a list answer at `position`;
// - throttling: on demand it answers the next requests with 429 TooManyRequestsException.
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface ApiProxy {
  readonly endpoint: string;
  /** The next `count` requests get 429 TooManyRequestsException without reaching the emulator. */
  throttleNext(count: number): void;
  /** The `limit` of every list request so far, in order. */
  readonly limits: string[];
  /** Every request that reached the proxy, as `METHOD /path` (no query), in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

const PAGED_LIST = /^\/restapis(\/[^/]+\/(resources|deployments))?\/?$/;

export async function startApiProxy(target: string, port = 0): Promise<ApiProxy> {
  const upstream = new URL(target);
  let throttled = 0;
  const limits: string[] = [];
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${new URL(req.url ?? '/', target).pathname}`);
    if (throttled > 0) {
      throttled--;
      req.resume();
      res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
      res.end(JSON.stringify({ message: 'Too Many Requests' }));
      return;
    }
    const url = new URL(req.url ?? '/', target);
    const list = req.method === 'GET' && PAGED_LIST.test(url.pathname);
    if (list) limits.push(url.searchParams.get('limit') ?? '(none)');
    const paged = list && url.searchParams.has('limit');
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          let body = Buffer.concat(chunks);
          if (paged && answer.statusCode === 200) body = Buffer.from(page(body.toString('utf8'), url.searchParams));
          const headers = { ...answer.headers, 'content-length': String(body.length) };
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    forward.on('error', (e) => {
      res.writeHead(502);
      res.end(String(e));
    });
    req.pipe(forward);
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
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    limits,
    requests,
    throttleNext: (count) => {
      throttled = count;
    },
    // Keep-alive sockets would hold close() open: the endpoint goes down at once, as a crash would.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
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
