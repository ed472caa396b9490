// One client per (profile, region, endpoint) and service, reused, with retries, bounded concurrency
// and the answer checks of answers.ts. API Gateway's client is made at once; API Gateway v2, WAF v2,
// STS, IAM and CloudWatch Logs only when a command first needs them (their modules load then, not at activation).
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { STSClient } from '@aws-sdk/client-sts';
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { AwsCredentialIdentityProvider, MiddlewareStack, RetryErrorInfo, RetryStrategyV2, StandardRetryToken as RetryToken } from '@smithy/types';
import { checkOutput, checkRawAnswer, checkXmlAnswer, parseFailure } from './answers';
import { type Connection, connectionKey } from './connection';
import { errorMessage, isKind, NotApiGatewayAnswer, UnexpectedAnswer } from '../errors';
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

/**
 * Writes that must not be sent twice blindly: a second CreateStage after a lost answer gets 409, a
 * second CreateDeployment makes a second deployment. The SDK retries them only when AWS said it did
 * not take them (throttling) or they never left (no connection); else the plan runner reads back first.
 */
export const GUARDED_WRITES: ReadonlySet<string> = new Set([
  'CreateStage', 'UpdateStage', 'DeleteStage', 'CreateDeployment', 'CreateBasePathMapping', 'CreateApiMapping', 'UpdateUsagePlan',
  // A second DeleteDeployment answers 404: read back, it is not taken for someone else's delete.
  'UpdateDeployment', 'DeleteDeployment',
  'GenerateClientCertificate', 'CreateDocumentationVersion',
  // A second CreateRole answers EntityAlreadyExists: read back, it is not taken for someone else's role.
  'CreateRole',
]);

export interface OtherClients {
  readonly apigatewayv2: ApiGatewayV2Client;
  readonly wafv2: WAFV2Client;
  readonly sts: STSClient;
  readonly iam: IAMClient;
  readonly logs: CloudWatchLogsClient;
}

type Service = 'apigateway' | keyof OtherClients;

/** The clients of one connection. */
interface Entry {
  /** One provider for all of them: an assumed role with MFA asks for its code once, not once per service. */
  readonly credentials: AwsCredentialIdentityProvider;
  readonly apigateway: APIGatewayClient;
  readonly others: { [K in keyof OtherClients]?: Promise<OtherClients[K]> };
  account?: Promise<string>;
}

/** A client of any of the services: the pool adds the same middlewares to each, whatever its input and output types. */
interface AnyClient {
  destroy(): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: MiddlewareStack<any, any>;
}

export class ClientPool {
  private readonly entries = new Map<string, Entry>();
  /** Custom endpoints (by connection) that have answered as API Gateway does: an emulator, not a wrong address. */
  private readonly answeringEndpoints = new Set<string>();
  private readonly limiter: Limiter;
  private timeoutsInUse: RequestTimeouts = DEFAULT_TIMEOUTS;

  constructor(private readonly options: ClientPoolOptions) {
    this.limiter = new Limiter(options.maxConcurrent ?? 4);
  }

  get(connection: Connection): APIGatewayClient {
    return this.entry(connection).apigateway;
  }

  /** The client of another service on the same connection (same credentials, region and endpoint). */
  other<K extends keyof OtherClients>(connection: Connection, service: K): Promise<OtherClients[K]> {
    const entry = this.entry(connection);
    let made = entry.others[service] as Promise<OtherClients[K]> | undefined;
    if (!made) {
      made = this.makeOther(connection, service);
      entry.others[service] = made as never;
      made.catch(() => (entry.others[service] = undefined));
    }
    return made;
  }

  /** The AWS account of the connection's credentials: one STS GetCallerIdentity per connection. */
  accountId(connection: Connection): Promise<string> {
    const entry = this.entry(connection);
    if (!entry.account) {
      const pending = (async () => {
        const sts = await this.other(connection, 'sts');
        const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
        const me = await sts.send(new GetCallerIdentityCommand({}));
        if (!me.Account) throw new Error('STS GetCallerIdentity answered without an account id.');
        return me.Account;
      })();
      entry.account = pending;
      // A failure is not remembered: the next command asks again.
      pending.catch(() => {
        if (entry.account === pending) entry.account = undefined;
      });
    }
    return entry.account;
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
    const old = [...this.entries.values()];
    this.entries.clear();
    if (old.length) setTimeout(() => old.forEach(destroyEntry), RETIRED_CLIENT_GRACE_MS).unref();
  }

  /** Destroys every client now (the extension is going away). */
  dispose(): void {
    for (const entry of this.entries.values()) destroyEntry(entry);
    this.entries.clear();
  }

  private entry(connection: Connection): Entry {
    const key = connectionKey(connection);
    let entry = this.entries.get(key);
    if (!entry) {
      const credentials = shared(this.options.credentials(connection));
      entry = { credentials, apigateway: this.instrument(new APIGatewayClient(this.config(connection, credentials)), connection, 'apigateway'), others: {} };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private config(connection: Connection, credentials: AwsCredentialIdentityProvider) {
    return {
      region: connection.region,
      // The emulators serve every service on one endpoint; on AWS (no endpoint) each has its own.
      endpoint: connection.endpoint,
      credentials,
      retryStrategy: new GuardedRetry(this.options.maxAttempts ?? 5, this.timeoutsInUse.timeoutRetries),
      requestHandler: {
        connectionTimeout: this.timeoutsInUse.connectMs,
        requestTimeout: this.timeoutsInUse.requestMs,
        // Without it the SDK only logs a warning when requestTimeout passes, and waits on.
        throwOnRequestTimeout: true,
      },
    };
  }

  private async makeOther<K extends keyof OtherClients>(connection: Connection, service: K): Promise<OtherClients[K]> {
    const config = this.config(connection, this.entry(connection).credentials);
    let client: AnyClient;
    if (service === 'apigatewayv2') client = new (await import('@aws-sdk/client-apigatewayv2')).ApiGatewayV2Client(config);
    else if (service === 'wafv2') client = new (await import('@aws-sdk/client-wafv2')).WAFV2Client(config);
    else if (service === 'iam') client = new (await import('@aws-sdk/client-iam')).IAMClient({ ...config, region: iamRegion(connection) });
    else if (service === 'logs') client = new (await import('@aws-sdk/client-cloudwatch-logs')).CloudWatchLogsClient(config);
    else client = new (await import('@aws-sdk/client-sts')).STSClient(config);
    return this.instrument(client, connection, service) as unknown as OtherClients[K];
  }

  private instrument<C extends AnyClient>(client: C, connection: Connection, service: Service): C {
    const { log, onRequest } = this.options;
    const customEndpoint = connection.endpoint ? connectionKey(connection) : undefined;
    // Runs once per attempt, after the retry middleware: each HTTP request takes a slot.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = String(context.commandName ?? 'request').replace(/Command$/, '');
        return this.limiter.run(async () => {
          onRequest?.(operation, connection);
          const started = Date.now();
          try {
            const result = await next(args);
            if (customEndpoint) this.answeringEndpoints.add(customEndpoint);
            // Every request that changes AWS is in the log at its default level; reads (many, for the tree) at debug.
            const status = (result.response as { statusCode?: number } | undefined)?.statusCode;
            const line = `${operation}: HTTP ${status ?? '?'} in ${Date.now() - started} ms (${connection.profile}, ${connection.region})`;
            if (isRead(operation)) log.debug(line);
            else log.info(line);
            return result;
          } catch (e) {
            if (e && typeof e === 'object') {
              // Which request failed: a read that failed changed nothing, a write may have been applied.
              (e as { $operation?: string }).$operation ??= operation;
              if (customEndpoint && this.answeringEndpoints.has(customEndpoint) && notImplemented(e)) (e as { unimplementedAt?: string }).unimplementedAt = connection.endpoint;
            }
            log.warn(`${operation} failed after ${Date.now() - started} ms: ${errorMessage(e)}`);
            throw e;
          }
        });
      },
      { step: 'finalizeRequest', priority: 'low', name: 'apigatewayStagesLimiter' },
    );
    if (service === 'sts') return client; // XML (awsQuery): the SDK's own parser checks it
    // Below the deserializer: the raw answer, which must be the service's JSON.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const response = result.response as { statusCode?: number; body?: unknown };
        const operation = String(context.commandName ?? '').replace(/Command$/, '');
        let body: Uint8Array = new Uint8Array();
        if (response?.body && typeof (response.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
          body = await collect(response.body as NodeJS.ReadableStream);
          response.body = body;
        }
        // IAM answers XML (awsQuery); the others JSON.
        (service === 'iam' ? checkXmlAnswer : checkRawAnswer)(operation, response?.statusCode ?? 0, body);
        return result;
      },
      { step: 'deserialize', priority: 'low', name: 'apigatewayStagesRawAnswer' },
    );
    // Above everything: the deserialized output, in AWS's types.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = String(context.commandName ?? '').replace(/Command$/, '');
        let result;
        try {
          result = await next(args);
        } catch (e) {
          // The SDK's own parse failed: a page, or JSON cut short (named here, from the body the raw check kept).
          const named = parseFailure(e);
          if (!named) throw e;
          named.$operation = (e as { $operation?: string }).$operation ?? operation;
          throw named;
        }
        const output = checkOutput(operation, result.output);
        return output === result.output ? result : { ...result, output };
      },
      { step: 'initialize', priority: 'high', name: 'apigatewayStagesOutput' },
    );
    return client;
  }
}

/** The whole body, in one buffer (the SDK reads it from there: Buffer is a Uint8Array). Events, not `for await`: on the way of every answer. */
function collect(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('error', reject);
    stream.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
  });
}

/** Credentials resolved once and shared until 5 minutes before they expire (or a failure): every client of a connection uses them. */
function shared(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: ReturnType<AwsCredentialIdentityProvider> | undefined;
  let renewAt = 0;
  return (options) => {
    if (!current || Date.now() >= renewAt) {
      const made = provider(options);
      current = made;
      renewAt = Infinity;
      made.then(
        (c) => {
          if (current === made && c.expiration) renewAt = c.expiration.getTime() - 5 * 60_000;
        },
        () => {
          if (current === made) current = undefined;
        },
      );
    }
    return current;
  };
}

function destroyEntry(entry: Entry): void {
  entry.apigateway.destroy();
  for (const other of Object.values(entry.others)) void other?.then((c) => (c as AnyClient).destroy(), () => undefined);
}

/**
 * The SDK's standard retries, except: a request that timed out is retried at most `timeoutRetries`
 * times, and a guarded write only when AWS throttled it or it never reached AWS.
 */
class GuardedRetry implements RetryStrategyV2 {
  private readonly standard: StandardRetryStrategy;
  private readonly timeoutsOf = new WeakMap<RetryToken, number>();

  constructor(maxAttempts: number, private readonly timeoutRetries: number) {
    this.standard = new StandardRetryStrategy(maxAttempts);
  }

  acquireInitialRetryToken(scope: string): Promise<RetryToken> {
    return this.standard.acquireInitialRetryToken(scope);
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const error = info.error as { $operation?: string };
    if (GUARDED_WRITES.has(error.$operation ?? '') && !notTaken(info.error)) throw new Error('No retry: the plan runner reads back first');
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

/** A request that changes nothing: API Gateway's, WAF's, STS's, IAM's and CloudWatch Logs' reads. */
function isRead(operation: string): boolean {
  return /^(Get|List|Describe)/.test(operation);
}

/**
 * IAM is global: one endpoint per partition, signed for its region (us-east-1 for aws, and so on).
 * With a custom endpoint (an emulator) the connection's region is kept: the endpoint serves IAM too.
 */
export function iamRegion(connection: Connection): string {
  if (connection.endpoint) return connection.region;
  if (connection.region.startsWith('cn-')) return 'cn-north-1';
  if (connection.region.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}

/**
 * An emulator's way of saying it has no such operation: 501, or a 404 that is not API Gateway's JSON
 * (moto has no route for FlushStageCache: its 404 is a page). Only counted for a custom endpoint that
 * has answered as API Gateway before: a wrong address answers everything with pages.
 */
function notImplemented(error: object): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 501 || (status === 404 && (isKind(error, NotApiGatewayAnswer) || isKind(error, UnexpectedAnswer)));
}

/** AWS said it did not take the request (throttled), or it never left this machine (no connection). */
export function notTaken(error: unknown): boolean {
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  if (!e) return false;
  if (e.$metadata?.httpStatusCode === 429 || /^(TooManyRequests|Throttling)/.test(e.name ?? '')) return true;
  if (e.code === 'ECONNREFUSED' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(e.message ?? '')) return true;
  return e.name === 'TimeoutError' && /establish a connection/.test(e.message ?? '');
}
