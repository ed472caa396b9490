// The account settings of each connection (CloudWatch Logs role, throttle limits) as last read or
// set: Set CloudWatch Log Role ARN… from the palette shows at once in every open stage editor.
import type { Account } from './apiGateway';
import { type Connection, connectionKey } from './connection';

export type AccountListener = (connection: Connection, account: Account) => void;

export class AccountStore {
  private readonly accounts = new Map<string, Account>();
  private readonly listeners = new Set<AccountListener>();

  get(connection: Connection): Account | undefined {
    return this.accounts.get(connectionKey(connection));
  }

  /** What GetAccount or UpdateAccount answered. */
  set(connection: Connection, account: Account): void {
    this.accounts.set(connectionKey(connection), account);
    for (const l of [...this.listeners]) l(connection, account);
  }

  onDidChange(listener: AccountListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
