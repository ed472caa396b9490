// The current profile, region and endpoint, and the API Gateway reads for them.
import { ApiGateway } from './apiGateway';
import { ClientPool } from './clientPool';
import { type Connection, type ConnectionSettings, endpointProblem, regionProblem, resolveConnection } from './connection';
import { credentialsFor, type MfaPrompt } from './credentials';
import type { Logger } from './logger';
import { defaultProfileName, loadProfiles, type ProfileFiles, profileFiles, type ProfileInfo } from './profiles';

type Env = Readonly<Record<string, string | undefined>>;

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
  | { readonly kind: 'badSetting'; readonly message: string }
  | { readonly kind: 'ready'; readonly profile: ProfileInfo; readonly connection: Connection };

export class AwsSession {
  private readonly env: Env;
  private readonly pool: ClientPool;
  private profileList: ProfileInfo[] = [];
  private current: SessionState;
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

  /** Re-reads the profile files and resolves the connection from the settings. */
  async reload(settings: ConnectionSettings): Promise<SessionState> {
    this.profileList = await loadProfiles(this.files);
    this.pool.clear();
    const wanted = settings.profile?.trim() || defaultProfileName(this.env);
    const profile = this.profileNamed(wanted);
    const badSetting = settingsProblem(settings);
    if (badSetting) {
      this.current = { kind: 'badSetting', message: badSetting };
    } else if (this.profileList.length === 0) {
      this.current = { kind: 'noProfiles', files: this.files };
    } else if (!profile) {
      this.current = { kind: 'unknownProfile', profile: wanted, files: this.files };
    } else {
      this.current = { kind: 'ready', profile, connection: resolveConnection(settings, profile, this.env) };
    }
    this.options.log.info(`Session: ${describeState(this.current)}`);
    return this.current;
  }

  /** API Gateway for the current connection; throws with the fix when there is none. */
  api(): ApiGateway {
    const state = this.current;
    if (state.kind !== 'ready') throw new Error(stateProblem(state));
    return new ApiGateway(this.pool.get(state.connection), this.options.pageSize);
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
    case 'badSetting':
      return state.message;
    case 'ready':
      return '';
  }
}

/** Bad region or endpoint settings are caught here, before any request. */
function settingsProblem(settings: ConnectionSettings): string | undefined {
  const region = settings.region?.trim();
  const endpoint = settings.endpoint?.trim();
  const problem = (region && regionProblem(region)) || (endpoint && endpointProblem(endpoint));
  if (!problem) return undefined;
  return `Setting apigatewayStages.${region && regionProblem(region) ? 'region' : 'endpoint'}: ${problem}`;
}

function describeState(state: SessionState): string {
  if (state.kind !== 'ready') return stateProblem(state);
  const c = state.connection;
  return `profile ${c.profile} (${state.profile.kind}), region ${c.region}, endpoint ${c.endpoint ?? 'AWS'}`;
}
