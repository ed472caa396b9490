// One API Gateway client per (profile, region, endpoint), reused, with retries and bounded concurrency.
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { type Connection, connectionKey } from './connection';
import { errorMessage } from '../errors';
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

export class ClientPool {
  private readonly clients = new Map<string, APIGatewayClient>();
  private readonly limiter: Limiter;

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
      maxAttempts: this.options.maxAttempts ?? 5,
      retryMode: 'standard',
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
            log.warn(`${operation} failed after ${Date.now() - started} ms: ${errorMessage(e)}`);
            throw e;
          }
        });
      },
      { step: 'finalizeRequest', priority: 'low', name: 'apigatewayStagesLimiter' },
    );
    return client;
  }
}
