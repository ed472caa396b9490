// The current profile, region and endpoint, and the API Gateway reads for them.
import * as fs from 'fs/promises';
import { ApiGateway } from './apiGateway';
import { ClientPool, type RequestTimeouts } from './clientPool';
import { type Connection, type ConnectionSettings, endpointProblem, regionProblem, resolveConnection } from './connection';
import { credentialsFor, type MfaPrompt } from './credentials';
import type { Logger } from './logger';
import { defaultProfileName, type Env, loadProfiles, type ProfileFiles, profileFiles, type ProfileInfo } from './profiles';

export interface SessionOptions {
  readonly log: Logger;
  readonly askMfa: MfaPrompt;
  readonly env?: Env;
  readonly pageSize?: number;
  readonly onRequest?: (operation: string, connection: Connection) => void;
}

export type SessionState =
  | { readonly kind: 'starting' }
  | { readonly kind: 'noProfiles'; readonly files: ProfileFiles }
  | { readonly kind: 'unknownProfile'; readonly profile: string; readonly files: ProfileFiles }
  /** A bad setting, or profile files that cannot be read. */
  | { readonly kind: 'invalid'; readonly message: string; readonly fix: 'settings' | 'files' }
  | { readonly kind: 'ready'; readonly profile: ProfileInfo; readonly connection: Connection };

export class AwsSession {
  private readonly env: Env;
  private readonly pool: ClientPool;
  private profileList: ProfileInfo[] = [];
  private current: SessionState;
  private fingerprint = '';
  private shownKey = '';
  private revisionCount = 0;
  /** HTTP requests sent, per operation, since the session was made: what each action costs. */
  readonly requestCounts = new Map<string, number>();

  constructor(private readonly options: SessionOptions) {
    this.env = options.env ?? process.env;
    this.current = { kind: 'starting' };
    this.pool = new ClientPool({
      log: options.log,
      onRequest: (operation, connection) => {
        this.requestCounts.set(operation, (this.requestCounts.get(operation) ?? 0) + 1);
        options.onRequest?.(operation, connection);
      },
      credentials: (c) => credentialsFor(this.profileNamed(c.profile) ?? { name: c.profile, kind: 'unknown' }, this.files, options.askMfa),
    });
  }

  get files(): ProfileFiles {
    return profileFiles(this.env);
  }

  get profiles(): readonly ProfileInfo[] {
    return this.profileList;
  }

  get state(): SessionState {
    return this.current;
  }

  /** Goes up when a reload changed the state, the connection or the profile files; not for a reload that changed nothing. */
  get revision(): number {
    return this.revisionCount;
  }

  /**
   * Re-reads the profile files and resolves the connection from the settings. Clients (and the
   * credentials they hold, MFA-assumed roles included) are kept unless the files changed.
   */
  async reload(settings: ConnectionSettings): Promise<SessionState> {
    const files = this.files;
    try {
      const [profiles, fingerprint] = await Promise.all([loadProfiles(files), filesFingerprint(files)]);
      this.profileList = profiles;
      if (fingerprint !== this.fingerprint) this.pool.clear();
      this.fingerprint = fingerprint;
    } catch (e) {
      this.current = { kind: 'invalid', fix: 'files', message: `Could not read AWS profiles from ${files.configPath} or ${files.credentialsPath}: ${e instanceof Error ? e.message : String(e)}` };
      return this.settled();
    }
    const wanted = settings.profile?.trim() || defaultProfileName(this.env);
    const profile = this.profileNamed(wanted);
    const badSetting = settingsProblem(settings);
    if (badSetting) {
      this.current = { kind: 'invalid', fix: 'settings', message: badSetting };
    } else if (this.profileList.length === 0) {
      this.current = { kind: 'noProfiles', files: this.files };
    } else if (!profile) {
      this.current = { kind: 'unknownProfile', profile: wanted, files: this.files };
    } else {
      this.current = { kind: 'ready', profile, connection: resolveConnection(settings, profile, this.env) };
    }
    return this.settled();
  }

  private settled(): SessionState {
    const key = `${describeState(this.current)}|${this.fingerprint}`;
    if (key !== this.shownKey) {
      this.shownKey = key;
      this.revisionCount++;
      this.options.log.info(`Session: ${describeState(this.current)}`);
    }
    return this.current;
  }

  /** API Gateway for the current connection; throws with the fix when there is none. */
  api(): ApiGateway {
    const state = this.current;
    if (state.kind !== 'ready') throw new Error(stateProblem(state));
    return this.apiFor(state.connection);
  }

  /** API Gateway for a given connection: nodes keep talking to the one they were loaded from. */
  apiFor(connection: Connection): ApiGateway {
    return new ApiGateway(this.pool.get(connection), this.options.pageSize, {
      other: (service) => this.pool.other(connection, service),
      accountId: () => this.pool.accountId(connection),
    });
  }

  /** Connection and request timeouts of the clients (tests shorten them). */
  get timeouts(): RequestTimeouts {
    return this.pool.timeouts;
  }

  set timeouts(t: RequestTimeouts) {
    this.pool.timeouts = t;
  }

  dispose(): void {
    this.pool.dispose();
  }

  private profileNamed(name: string): ProfileInfo | undefined {
    return this.profileList.find((p) => p.name === name);
  }
}

export function stateProblem(state: SessionState): string {
  switch (state.kind) {
    case 'starting':
      return 'Reading AWS profiles…';
    case 'noProfiles':
      return `No AWS profile found in ${state.files.configPath} or ${state.files.credentialsPath}.`;
    case 'unknownProfile':
      return `Profile "${state.profile}" is not in ${state.files.configPath} or ${state.files.credentialsPath}. Select another profile.`;
    case 'invalid':
      return state.message;
    case 'ready':
      return '';
  }
}

/** Bad region or endpoint settings are caught here, before any request. */
function settingsProblem(settings: ConnectionSettings): string | undefined {
  const region = settings.region?.trim();
  const endpoint = settings.endpoint?.trim();
  const regionBad = region ? regionProblem(region) : undefined;
  if (regionBad) return `Setting apigatewayStages.region: ${regionBad}`;
  const endpointBad = endpoint ? endpointProblem(endpoint) : undefined;
  return endpointBad ? `Setting apigatewayStages.endpoint: ${endpointBad}` : undefined;
}

/** Changes when either file is written (keys rotated, profile edited), so clients are rebuilt then. */
async function filesFingerprint(files: ProfileFiles): Promise<string> {
  const stamp = (file: string) => fs.stat(file).then((st) => `${st.size}@${st.mtimeMs}`, () => 'none');
  return (await Promise.all([stamp(files.configPath), stamp(files.credentialsPath)])).join('|');
}

function describeState(state: SessionState): string {
  if (state.kind !== 'ready') return stateProblem(state);
  const c = state.connection;
  return `profile ${c.profile} (${state.profile.kind}), region ${c.region}, endpoint ${c.endpoint ?? 'AWS'}`;
}
