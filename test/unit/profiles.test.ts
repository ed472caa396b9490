import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultProfileName, describeProfiles, loadProfiles, profileFiles } from '../../src/aws/profiles';

const CONFIG = `
[default]
region = us-west-2

[profile sso-new]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Dev
region = eu-west-1

[profile sso-legacy]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Dev

[profile sso-broken]
sso_session = nowhere
sso_account_id = 1
sso_role_name = x

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = default
mfa_serial = arn:aws:iam::111122223333:mfa/me

[profile role-broken]
role_arn = arn:aws:iam::111122223333:role/Admin

[profile proc]
credential_process = /usr/local/bin/get-creds --json

[profile local]
region = us-east-1
endpoint_url = http://127.0.0.1:5000

[profile via-services]
services = local-svc
endpoint_url = http://ignored:1

[services local-svc]
api_gateway =
  endpoint_url = http://127.0.0.1:4566

[profile empty]
output = json
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIDEXAMPLE
aws_secret_access_key = secret

[local]
aws_access_key_id = test
aws_secret_access_key = test

[half]
aws_access_key_id = AKIDONLY
`;

describe('profiles', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-profiles-'));
    fs.writeFileSync(path.join(dir, 'config'), CONFIG);
    fs.writeFileSync(path.join(dir, 'credentials'), CREDENTIALS);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const load = () => loadProfiles({ configPath: path.join(dir, 'config'), credentialsPath: path.join(dir, 'credentials') });
  const byName = async () => new Map((await load()).map((p) => [p.name, p]));

  it('lists profiles from both files, sorted, without sso-session or services sections', async () => {
    const names = (await load()).map((p) => p.name);
    assert.deepEqual(names, ['admin', 'default', 'empty', 'half', 'local', 'proc', 'role-broken', 'sso-broken', 'sso-legacy', 'sso-new', 'via-services']);
  });

  it('classifies each kind of profile', async () => {
    const p = await byName();
    assert.equal(p.get('default')?.kind, 'static');
    assert.equal(p.get('sso-new')?.kind, 'sso');
    assert.equal(p.get('sso-legacy')?.kind, 'sso');
    assert.equal(p.get('admin')?.kind, 'assumeRole');
    assert.equal(p.get('proc')?.kind, 'process');
    assert.equal(p.get('empty')?.kind, 'unknown');
  });

  it('merges config and credentials for the same profile, keeping region and endpoint', async () => {
    const local = (await byName()).get('local');
    assert.equal(local?.kind, 'static');
    assert.equal(local?.region, 'us-east-1');
    assert.equal(local?.endpointUrl, 'http://127.0.0.1:5000');
    assert.equal(local?.problem, undefined);
  });

  it('prefers the api_gateway endpoint of a services section over endpoint_url', async () => {
    assert.equal((await byName()).get('via-services')?.endpointUrl, 'http://127.0.0.1:4566');
  });

  it('keeps the MFA serial of an assume-role profile', async () => {
    assert.equal((await byName()).get('admin')?.mfaSerial, 'arn:aws:iam::111122223333:mfa/me');
  });

  it('explains broken entries, naming the profile and what is missing', async () => {
    const p = await byName();
    assert.match(p.get('half')?.problem ?? '', /"half".*no aws_secret_access_key/);
    assert.match(p.get('role-broken')?.problem ?? '', /"role-broken".*neither source_profile nor credential_source/);
    assert.match(p.get('sso-broken')?.problem ?? '', /"sso-broken".*no \[sso-session nowhere\]/);
    assert.match(p.get('empty')?.problem ?? '', /"empty" has no credentials/);
    for (const ok of ['default', 'sso-new', 'sso-legacy', 'admin', 'proc', 'local']) assert.equal(p.get(ok)?.problem, undefined, ok);
  });

  it('reports an SSO profile without start URL', () => {
    const [p] = describeProfiles({ x: { sso_account_id: '1', sso_role_name: 'r' } }, {});
    assert.match(p.problem ?? '', /missing sso_start_url/);
  });

  it('gives no profiles for missing files', async () => {
    const none = await loadProfiles({ configPath: path.join(dir, 'nope'), credentialsPath: path.join(dir, 'nope2') });
    assert.deepEqual(none, []);
  });

  it('finds the files through AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else under HOME', () => {
    assert.deepEqual(profileFiles({ AWS_CONFIG_FILE: '/a/c', AWS_SHARED_CREDENTIALS_FILE: '/a/k', HOME: '/h' }), { configPath: '/a/c', credentialsPath: '/a/k' });
    assert.deepEqual(profileFiles({ HOME: '/h' }), { configPath: path.join('/h', '.aws', 'config'), credentialsPath: path.join('/h', '.aws', 'credentials') });
  });

  it('takes the default profile from AWS_PROFILE, else "default"', () => {
    assert.equal(defaultProfileName({ AWS_PROFILE: 'work' }), 'work');
    assert.equal(defaultProfileName({}), 'default');
  });
});
