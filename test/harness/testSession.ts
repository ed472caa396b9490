// A session as the extension makes it, for service tests: the profile files in `dir`, no MFA prompt
// expected, already reloaded on `profile` and ready.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { silentLogger } from '../../src/aws/logger';
import { AwsSession, type SessionOptions } from '../../src/aws/session';

export async function readySession(
  dir: string,
  profile = 'local',
  options: Partial<Pick<SessionOptions, 'pageSize' | 'onRequest' | 'log'>> & { env?: Record<string, string> } = {},
): Promise<AwsSession> {
  const session = new AwsSession({
    log: silentLogger,
    askMfa: async () => assert.fail('no MFA prompt expected'),
    ...options,
    env: { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), ...options.env },
  });
  const state = await session.reload({ profile });
  assert.equal(state.kind, 'ready', `profile ${profile}: ${JSON.stringify(state)}`);
  return session;
}

/** A throw-away folder with the AWS files of profile `local` on `endpoint` (test keys); the caller removes it. */
export function localProfileDir(prefix: string, endpoint: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(dir, 'config'), `[profile local]\nregion = us-east-1\nendpoint_url = ${endpoint}\n`);
  fs.writeFileSync(path.join(dir, 'credentials'), '[local]\naws_access_key_id = test\naws_secret_access_key = test\n');
  return dir;
}
