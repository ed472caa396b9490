// Reads AWS profiles from the shared config and credentials files (the AWS CLI's conventions).
import * as os from 'os';
import * as path from 'path';
import { loadSharedConfigFiles, type ParsedIniData } from '@smithy/core/config';

export type ProfileKind = 'static' | 'sso' | 'assumeRole' | 'process' | 'webIdentity' | 'unknown';

export interface ProfileInfo {
  readonly name: string;
  readonly kind: ProfileKind;
  readonly region?: string;
  /** `endpoint_url` of the profile, or of its `services` section for API Gateway. */
  readonly endpointUrl?: string;
  readonly mfaSerial?: string;
  /** Why the profile cannot give credentials as written, with the fix. */
  readonly problem?: string;
}

export interface ProfileFiles {
  readonly configPath: string;
  readonly credentialsPath: string;
}

/** Environment variables: process.env, or a test's own. */
export type Env = Readonly<Record<string, string | undefined>>;

export function profileFiles(env: Env = process.env): ProfileFiles {
  const home = env.HOME || env.USERPROFILE || os.homedir();
  return {
    configPath: env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
    credentialsPath: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
  };
}

export function defaultProfileName(env: Env = process.env): string {
  return env.AWS_PROFILE || 'default';
}

export async function loadProfiles(files: ProfileFiles = profileFiles()): Promise<ProfileInfo[]> {
  const parsed = await loadSharedConfigFiles({
    filepath: files.credentialsPath,
    configFilepath: files.configPath,
    ignoreCache: true,
  });
  return describeProfiles(parsed.configFile, parsed.credentialsFile);
}

// `[sso-session x]` and `[services x]` sections are keyed `sso-session.x` and `services.x`.
const NON_PROFILE_SECTION = /^(sso-session|services)\./;

/** Pure: turns parsed ini data into profile descriptions, sorted by name. */
export function describeProfiles(config: ParsedIniData, credentials: ParsedIniData): ProfileInfo[] {
  const names = new Set<string>();
  for (const data of [config, credentials]) {
    for (const key of Object.keys(data)) {
      if (!NON_PROFILE_SECTION.test(key)) names.add(key);
    }
  }
  return [...names].sort().map((name) => describeProfile(name, config, credentials));
}

function describeProfile(name: string, config: ParsedIniData, credentials: ParsedIniData): ProfileInfo {
  // The credentials file wins over config for the same key, as in the SDK.
  const p: Record<string, string | undefined> = { ...config[name], ...credentials[name] };
  const kind = kindOf(p);
  return {
    name,
    kind,
    region: p.region || undefined,
    endpointUrl: serviceEndpoint(p, config) || p.endpoint_url || undefined,
    mfaSerial: p.mfa_serial || undefined,
    problem: problemOf(name, kind, p, config),
  };
}

function kindOf(p: Record<string, string | undefined>): ProfileKind {
  if (p.role_arn && p.web_identity_token_file) return 'webIdentity';
  if (p.role_arn) return 'assumeRole';
  if (p.sso_session || p.sso_start_url || p.sso_account_id) return 'sso';
  if (p.credential_process) return 'process';
  if (p.aws_access_key_id || p.aws_secret_access_key) return 'static';
  return 'unknown';
}

function problemOf(
  name: string,
  kind: ProfileKind,
  p: Record<string, string | undefined>,
  config: ParsedIniData,
): string | undefined {
  switch (kind) {
    case 'static':
      if (!p.aws_access_key_id) return `Profile "${name}" has aws_secret_access_key but no aws_access_key_id.`;
      if (!p.aws_secret_access_key) return `Profile "${name}" has aws_access_key_id but no aws_secret_access_key.`;
      return undefined;
    case 'assumeRole':
      if (!p.source_profile && !p.credential_source) {
        return `Profile "${name}" has role_arn but neither source_profile nor credential_source.`;
      }
      return undefined;
    case 'sso': {
      if (p.sso_session && !config[`sso-session.${p.sso_session}`]) {
        return `Profile "${name}" names sso_session "${p.sso_session}", but there is no [sso-session ${p.sso_session}] section.`;
      }
      const missing = ['sso_account_id', 'sso_role_name'].filter((k) => !p[k]);
      if (!p.sso_session && !p.sso_start_url) missing.unshift('sso_start_url');
      return missing.length ? `Profile "${name}" is missing ${missing.join(', ')} for SSO.` : undefined;
    }
    case 'unknown':
      return `Profile "${name}" has no credentials: add aws_access_key_id and aws_secret_access_key, SSO settings, role_arn, or credential_process.`;
    default:
      return undefined;
  }
}

/** `services = name` in a profile points to a `[services name]` section with `api_gateway = \n endpoint_url = ...`. */
function serviceEndpoint(p: Record<string, string | undefined>, config: ParsedIniData): string | undefined {
  if (!p.services) return undefined;
  const section = config[`services.${p.services}`];
  return section?.['api_gateway.endpoint_url'] || undefined;
}
