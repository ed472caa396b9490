// An assume-role profile with mfa_serial: the MFA prompt is asked, STS (the emulator's) answers, API Gateway calls work.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { silentLogger } from '../../src/aws/logger';
import { AwsSession } from '../../src/aws/session';
import { isCancellation } from '../../src/errors';
import { APIGatewayClient, CreateRestApiCommand } from '@aws-sdk/client-api-gateway';
import { type Emulator, emulatorKind, startEmulator } from '../harness/emulator';
import { SAMPLE, seed } from '../harness/seed';

const KIND = emulatorKind();
const ROLE_ACCOUNT = '123456789012';

describe(`assume-role profile with MFA, against ${KIND}`, function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let dir: string;
  const savedSts = process.env.AWS_ENDPOINT_URL_STS;

  before(async () => {
    emulator = await startEmulator();
    await seed(emulator.endpoint);
    // The SDK's own STS client (inside fromIni) finds the emulator through the AWS convention.
    process.env.AWS_ENDPOINT_URL_STS = emulator.endpoint;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-role-'));
    fs.writeFileSync(
      path.join(dir, 'config'),
      `[profile admin]\nrole_arn = arn:aws:iam::${ROLE_ACCOUNT}:role/Admin\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/dev\nregion = us-east-1\nendpoint_url = ${emulator.endpoint}\n[profile base]\nregion = us-east-1\n`,
    );
    fs.writeFileSync(path.join(dir, 'credentials'), '[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n');
  });
  after(async () => {
    if (savedSts === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
    else process.env.AWS_ENDPOINT_URL_STS = savedSts;
    await emulator?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function session(askMfa: (profile: string, serial: string) => Promise<string | undefined>) {
    return new AwsSession({
      log: silentLogger,
      askMfa,
      env: { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') },
    });
  }

  // The seed went in with keys `test`: moto keeps every key in one account (123456789012, the
  // role's too); LocalStack puts `test` in 000000000000 and the role's credentials in the role's
  // account, as AWS would. An API made with keys of the role's account (LocalStack takes a
  // 12-digit key id as the account) tells the two apart.
  it('asks for the MFA code of the role, then lists the role account\'s APIs with the assumed credentials (moto: one account for all keys)', async () => {
    const roleAccount = new APIGatewayClient({
      endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: ROLE_ACCOUNT, secretAccessKey: 'test' },
    });
    await roleAccount.send(new CreateRestApiCommand({ name: 'In the role account' }));
    roleAccount.destroy();
    const asked: string[] = [];
    const s = session(async (profile, serial) => {
      asked.push(`${profile} ${serial}`);
      return '123456';
    });
    const state = await s.reload({ profile: 'admin' });
    assert.equal(state.kind === 'ready' && state.profile.kind, 'assumeRole');
    const apis = await s.api().listRestApis();
    const expected = {
      moto: [...SAMPLE.apis.map((a) => a.name), 'In the role account'],
      localstack: ['In the role account'],
    }[KIND];
    assert.deepEqual(apis.map((a) => a.name).sort(), expected.sort());
    assert.deepEqual(asked, ['admin arn:aws:iam::123456789012:mfa/dev']);
  });

  it('stops quietly, sending no API Gateway request, when the MFA prompt is cancelled', async () => {
    const s = session(async () => undefined);
    await s.reload({ profile: 'admin' });
    await assert.rejects(s.api().listRestApis(), (e: unknown) => isCancellation(e));
    assert.equal(s.requestCounts.get('GetRestApis') ?? 0, 0);
  });
});
