// The throw-away AWS profiles that point the SDK at the local emulator (npm start, host and editor tests).
import * as fs from 'fs';
import * as path from 'path';

export const LOCAL_PROFILE = 'local';
export const LOCAL_REGION = 'us-east-1';
export const SECOND_PROFILE = 'local-eu';
export const SECOND_REGION = 'eu-west-1';

/** AWS variables that would override the throw-away files (credentials, profile, region, endpoint). */
export const AWS_ENV_TO_CLEAR = [
  'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_API_GATEWAY',
  'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
];

/** An environment overlay that removes every variable in AWS_ENV_TO_CLEAR. */
export function clearedAwsEnv(): Record<string, undefined> {
  return Object.fromEntries(AWS_ENV_TO_CLEAR.map((k) => [k, undefined]));
}

/** Keys for the throw-away profiles: moto takes any. */
export interface AwsKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * Writes an AWS config + credentials pair with one profile (dummy keys, `endpoint_url`) into
 * `dir`, plus SECOND_PROFILE in SECOND_REGION; returns the environment that points the SDK at
 * them and nothing else.
 */
export function writeAwsFiles(
  dir: string, endpoint: string, profile = LOCAL_PROFILE, region = LOCAL_REGION, keys: AwsKeys = { accessKeyId: 'test', secretAccessKey: 'test' },
): Record<string, string | undefined> {
  fs.mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'config');
  const credentials = path.join(dir, 'credentials');
  // A second profile on the same emulator, in another region, to try switching profiles.
  const profiles: [string, string][] = [[profile, region], [SECOND_PROFILE, SECOND_REGION]];
  fs.writeFileSync(config, `# Throw-away profiles for the local emulator (written by the test harness)\n` +
    profiles.map(([p, r]) => `[profile ${p}]\nregion = ${r}\nendpoint_url = ${endpoint}\n`).join(''));
  const token = keys.sessionToken ? `aws_session_token = ${keys.sessionToken}\n` : '';
  fs.writeFileSync(credentials, profiles.map(([p]) => `[${p}]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n${token}`).join(''));
  return { ...clearedAwsEnv(), AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
}
