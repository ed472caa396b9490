// A reload (Refresh, a settings change) keeps the clients and their credentials unless the
// profile files changed: no new MFA prompt, AssumeRole or credential_process run per refresh.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { silentLogger } from '../../src/aws/logger';
import { AwsSession } from '../../src/aws/session';
import { type Emulator, emulatorKind, startEmulator } from '../harness/emulator';

const KIND = emulatorKind();

describe(`session reload and credentials, against ${KIND}`, function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let dir: string;
  let runs: string;

  before(async () => {
    emulator = await startEmulator();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-reload-'));
    runs = path.join(dir, 'runs');
    const script = path.join(dir, 'creds.js');
    // Counts its runs in a file, then prints credentials.
    fs.writeFileSync(
      script,
      `require('fs').appendFileSync(${JSON.stringify(runs)}, 'x'); console.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIDPROC', SecretAccessKey: 's' }))`,
    );
    fs.writeFileSync(path.join(dir, 'config'), `[profile proc]\nregion = us-east-1\nendpoint_url = ${emulator.endpoint}\ncredential_process = ${process.execPath} ${script}\n`);
    fs.writeFileSync(path.join(dir, 'credentials'), '');
  });
  after(async () => {
    await emulator?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const credentialRuns = () => (fs.existsSync(runs) ? fs.readFileSync(runs, 'utf8').length : 0);

  it('resolves credentials once across reloads, and again after the files change', async () => {
    const s = new AwsSession({
      log: silentLogger,
      askMfa: async () => undefined,
      env: { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') },
    });
    await s.reload({ profile: 'proc' });
    await s.api().listRestApis();
    await s.reload({ profile: 'proc' });
    await s.api().listRestApis();
    assert.equal(credentialRuns(), 1);

    // Keys rotated: the credentials file was written.
    fs.writeFileSync(path.join(dir, 'credentials'), '\n');
    await s.reload({ profile: 'proc' });
    await s.api().listRestApis();
    assert.equal(credentialRuns(), 2);
    s.dispose();
  });
});
