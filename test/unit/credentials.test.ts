import { CredentialsError } from '../../src/errors';
import * as assert from 'assert/strict';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { credentialsFor } from '../../src/aws/credentials';
import { loadProfiles, type ProfileFiles } from '../../src/aws/profiles';

describe('credentials', () => {
  let dir: string;
  let files: ProfileFiles;
  const noMfa = async () => assert.fail('no MFA prompt expected');

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-creds-'));
    const script = path.join(dir, 'creds.js');
    fs.writeFileSync(script, `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIDPROC', SecretAccessKey: 'procsecret' }))`);
    const failing = path.join(dir, 'fail.js');
    fs.writeFileSync(failing, `console.error('SECRET-IN-STDERR'); process.exit(3)`);
    files = { configPath: path.join(dir, 'config'), credentialsPath: path.join(dir, 'credentials') };
    fs.writeFileSync(
      files.configPath,
      `[profile proc]\ncredential_process = ${process.execPath} ${script}\n[profile failing]\ncredential_process = ${process.execPath} ${failing} --token SECRET-IN-ARGS\n[profile nokeys]\nregion = us-east-1\n` +
        // A role whose source profile runs a failing process: the failure comes up through the role's chain.
        '[profile role-on-failing]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = failing\n',
    );
    fs.writeFileSync(files.credentialsPath, '[static]\naws_access_key_id = AKIDSTATIC\naws_secret_access_key = s3cr3t\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const provider = async (name: string) => {
    const p = (await loadProfiles(files)).find((x) => x.name === name);
    assert.ok(p, name);
    return credentialsFor(p, files, noMfa);
  };

  it('reads static keys', async () => {
    const creds = await (await provider('static'))();
    assert.equal(creds.accessKeyId, 'AKIDSTATIC');
    assert.equal(creds.secretAccessKey, 's3cr3t');
  });

  it('runs credential_process', async () => {
    const creds = await (await provider('proc'))();
    assert.equal(creds.accessKeyId, 'AKIDPROC');
  });

  it('names the profile when credential_process fails, without its command line or output', async () => {
    await assert.rejects((await provider('failing'))(), (e: Error) => {
      assert.ok(e instanceof CredentialsError);
      assert.match(e.message, /credential_process of profile "failing" failed/);
      assert.ok(!/SECRET-IN-(ARGS|STDERR)/.test(e.message), e.message);
      return true;
    });
  });

  it('a role whose source profile\'s credential_process fails: the message shows neither its command line nor its stderr', async () => {
    await assert.rejects((await provider('role-on-failing'))(), (e: Error) => {
      assert.ok(e instanceof CredentialsError);
      assert.match(e.message, /credential_process of a profile that profile "role-on-failing" takes its credentials from failed: the command failed; run it in a terminal/);
      assert.ok(!/SECRET-IN-(ARGS|STDERR)|fail\.js/.test(e.message), e.message);
      return true;
    });
  });

  it('refuses a profile without credentials before any request, naming the files to fix', async () => {
    await assert.rejects((await provider('nokeys'))(), (e: Error) => {
      assert.ok(e instanceof CredentialsError);
      assert.match(e.message, /"nokeys" has no credentials/);
      assert.ok(e.message.includes(files.configPath));
      return true;
    });
  });

  describe('SSO profiles (the real SDK; it reads the token cache under HOME)', () => {
    const saved: Record<string, string | undefined> = {};
    let ssoFiles: ProfileFiles;
    before(() => {
      const home = path.join(dir, 'home');
      fs.mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
      ssoFiles = { configPath: path.join(home, '.aws', 'config'), credentialsPath: path.join(home, '.aws', 'credentials') };
      fs.writeFileSync(
        ssoFiles.configPath,
        '[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-east-1\n' +
          '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n',
      );
      fs.writeFileSync(ssoFiles.credentialsPath, '');
      // The SDK's SSO provider reads the default files, not the paths given to fromIni: point both at ours.
      for (const [k, v] of Object.entries({ HOME: home, AWS_CONFIG_FILE: ssoFiles.configPath, AWS_SHARED_CREDENTIALS_FILE: ssoFiles.credentialsPath })) {
        saved[k] = process.env[k];
        process.env[k] = v;
      }
    });
    after(() => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    });

    const ssoProvider = async () => {
      const p = (await loadProfiles(ssoFiles)).find((x) => x.name === 'sso');
      assert.equal(p?.kind, 'sso');
      return credentialsFor(p!, ssoFiles, noMfa);
    };
    const saysLogin = (e: Error) => e instanceof CredentialsError && /Run "aws sso login --profile sso"/.test(e.message);

    it('tells the user to run aws sso login when there is no token', async () => {
      await assert.rejects((await ssoProvider())(), saysLogin);
    });

    it('tells the user to run aws sso login when the token expired', async () => {
      const cache = path.join(process.env.HOME!, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`);
      fs.writeFileSync(cache, JSON.stringify({ accessToken: 'old', expiresAt: '2020-01-01T00:00:00Z', region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' }));
      await assert.rejects((await ssoProvider())(), saysLogin);
    });
  });
});
