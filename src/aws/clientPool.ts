// One API Gateway client per (profile, region, endpoint), reused, with retries and bounded concurrency.
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { AwsCredentialIdentityProvider, RetryErrorInfo, RetryStrategyV2, StandardRetryToken as RetryToken } from '@smithy/types';
import { type Connection, connectionKey } from './connection';
import { errorMessage, NotApiGatewayAnswer } from '../errors';
import { Limiter } from './limiter';
import type { Logger } from './logger';

export interface ClientPoolOptions {
  readonly credentials: (connection: Connection) => AwsCredentialIdentityProvider;
  readonly log: Logger;
  /** Requests in flight at once, over all clients of the pool. */
  readonly maxConcurrent?: number;
  /** Attempts per request, the first included; throttling and transient errors are retried with backoff. */
  readonly maxAttempts?: number;
  /** Called once per HTTP attempt with the operation name (for tests and metrics). */
  readonly onRequest?: (operation: string, connection: Connection) => void;
}

/** Longer than any request with its retries: a retired client is not destroyed under a running command. */
const RETIRED_CLIENT_GRACE_MS = 5 * 60_000;

/**
 * API Gateway's control plane answers in well under a second, a 500-item page in a few: a request
 * with no answer after 10 s is not coming. Connecting takes milliseconds; 5 s allows a slow VPN.
 * A timed-out request is retried once (the SDK would retry it up to maxAttempts times), so a hung
 * endpoint ends with a message after about 2 × 10 s; the other retries are for throttling and 5xx.
 */
export interface RequestTimeouts {
  readonly connectMs: number;
  readonly requestMs: number;
  /** Retries after a timeout, per request. */
  readonly timeoutRetries: number;
}

export const DEFAULT_TIMEOUTS: RequestTimeouts = { connectMs: 5_000, requestMs: 10_000, timeoutRetries: 1 };

export class ClientPool {
  private readonly clients = new Map<string, APIGatewayClient>();
  private readonly limiter: Limiter;
  private timeoutsInUse: RequestTimeouts = DEFAULT_TIMEOUTS;

  constructor(private readonly options: ClientPoolOptions) {
    this.limiter = new Limiter(options.maxConcurrent ?? 4);
  }

  get(connection: Connection): APIGatewayClient {
    const key = connectionKey(connection);
    let client = this.clients.get(key);
    if (!client) {
      client = this.create(connection);
      this.clients.set(key, client);
    }
    return client;
  }

  get timeouts(): RequestTimeouts {
    return this.timeoutsInUse;
  }

  /** New timeouts for the clients made from now on (tests shorten them); drops the current clients. */
  set timeouts(t: RequestTimeouts) {
    this.timeoutsInUse = t;
    this.clear();
  }

  /**
   * Drops every client, e.g. after the profile files changed. A command still running keeps its
   * client until it ends: each is destroyed only after a grace period longer than any request.
   */
  clear(): void {
    const old = [...this.clients.values()];
    this.clients.clear();
    if (old.length) setTimeout(() => old.forEach((c) => c.destroy()), RETIRED_CLIENT_GRACE_MS).unref();
  }

  /** Destroys every client now (the extension is going away). */
  dispose(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private create(connection: Connection): APIGatewayClient {
    const { log, onRequest } = this.options;
    const client = new APIGatewayClient({
      region: connection.region,
      endpoint: connection.endpoint,
      credentials: this.options.credentials(connection),
      retryStrategy: new TimeoutBoundRetry(this.options.maxAttempts ?? 5, this.timeoutsInUse.timeoutRetries),
      requestHandler: {
        connectionTimeout: this.timeoutsInUse.connectMs,
        requestTimeout: this.timeoutsInUse.requestMs,
        // Without it the SDK only logs a warning when requestTimeout passes, and waits on.
        throwOnRequestTimeout: true,
      },
    });
    // Runs once per attempt, after the retry middleware: each HTTP request takes a slot.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = String(context.commandName ?? 'request').replace(/Command$/, '');
        return this.limiter.run(async () => {
          onRequest?.(operation, connection);
          const started = Date.now();
          try {
            const result = await next(args);
            log.debug(`${operation} ${Date.now() - started} ms (${connection.profile}, ${connection.region})`);
            return result;
          } catch (e) {
            // Which request failed: a read that failed changed nothing, a write may have been applied.
            if (e && typeof e === 'object') (e as { $operation?: string }).$operation ??= operation;
            log.warn(`${operation} failed after ${Date.now() - started} ms: ${errorMessage(e)}`);
            throw e;
          }
        });
      },
      { step: 'finalizeRequest', priority: 'low', name: 'apigatewayStagesLimiter' },
    );
    // Below the deserializer: the raw answer. API Gateway answers JSON or nothing; a proxy's or
    // sign-in page's HTML 200 would otherwise pass for the answer of a request with no body (DeleteStage).
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const response = result.response as { statusCode?: number; body?: unknown };
        if (response?.body && typeof (response.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
          const chunks: Uint8Array[] = [];
          for await (const chunk of response.body as AsyncIterable<Uint8Array>) chunks.push(chunk);
          const body = Buffer.concat(chunks);
          if (/^\s*</.test(body.subarray(0, 64).toString('utf8'))) throw new NotApiGatewayAnswer(response.statusCode, 'a web page');
          response.body = new Uint8Array(body);
        }
        return result;
      },
      { step: 'deserialize', priority: 'low', name: 'apigatewayStagesNotHtml' },
    );
    return client;
  }
}

/** The SDK's standard retries, but a request that timed out is retried at most `timeoutRetries` times. */
class TimeoutBoundRetry implements RetryStrategyV2 {
  private readonly standard: StandardRetryStrategy;
  private readonly timeoutsOf = new WeakMap<RetryToken, number>();

  constructor(maxAttempts: number, private readonly timeoutRetries: number) {
    this.standard = new StandardRetryStrategy(maxAttempts);
  }

  acquireInitialRetryToken(scope: string): Promise<RetryToken> {
    return this.standard.acquireInitialRetryToken(scope);
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const timeouts = (this.timeoutsOf.get(token) ?? 0) + (isTimeout(info.error) ? 1 : 0);
    if (timeouts > this.timeoutRetries) throw new Error('No retry: timed out again');
    const next = await this.standard.refreshRetryTokenForRetry(token, info);
    this.timeoutsOf.set(next, timeouts);
    return next;
  }

  recordSuccess(token: RetryToken): void {
    this.standard.recordSuccess(token);
  }
}

function isTimeout(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'TimeoutError';
}
