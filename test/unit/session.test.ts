import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { silentLogger } from '../../src/aws/logger';
import { AwsSession, stateProblem } from '../../src/aws/session';

describe('session state (no requests)', () => {
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-session-'));
    fs.writeFileSync(path.join(dir, 'config'), '[profile work]\nregion = eu-west-1\n[default]\nregion = us-west-2\n');
    fs.writeFileSync(path.join(dir, 'credentials'), '[work]\naws_access_key_id = a\naws_secret_access_key = b\n[default]\naws_access_key_id = c\naws_secret_access_key = d\n');
    env = { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') };
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const session = (e = env) => new AwsSession({ log: silentLogger, askMfa: async () => undefined, env: e });

  it('starts in a starting state and refuses requests until loaded', () => {
    const s = session();
    assert.equal(s.state.kind, 'starting');
    assert.throws(() => s.api(), /Reading AWS profiles/);
  });

  it('uses AWS_PROFILE, else default, when no profile is set', async () => {
    const a = await session({ ...env, AWS_PROFILE: 'work' }).reload({});
    assert.equal(a.kind === 'ready' && a.connection.region, 'eu-west-1');
    const b = await session().reload({});
    assert.equal(b.kind === 'ready' && b.profile.name, 'default');
  });

  it('says when there is no profile at all, naming the files', async () => {
    const state = await session({ AWS_CONFIG_FILE: path.join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none2') }).reload({});
    assert.equal(state.kind, 'noProfiles');
    assert.equal(stateProblem(state), `No AWS profile found in ${path.join(dir, 'none')} or ${path.join(dir, 'none2')}.`);
  });

  for (const [setting, value, message] of [
    ['endpoint', 'localhost:4566', /apigatewayStages\.endpoint: "localhost:4566" must start with http/],
    ['endpoint', 'not a url', /apigatewayStages\.endpoint: "not a url" is not a URL/],
    ['region', 'Frankfurt', /apigatewayStages\.region: "Frankfurt" is not a region name/],
  ] as const) {
    it(`rejects ${setting} "${value}" before any request`, async () => {
      const s = session();
      const state = await s.reload({ profile: 'work', [setting]: value });
      assert.equal(state.kind, 'invalid');
      assert.throws(() => s.api(), message);
    });
  }
});
