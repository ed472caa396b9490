// No AWS profile at all: the view's welcome content explains and opens the config file, and a
// profile written to the files appears without reloading the window.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type CodeServer, startCodeServer } from '../harness/codeServer';
import { clearedAwsEnv } from '../harness/awsProfiles';
import { openView, openWorkbench, statusBarItem, step, treeItem, waitVisible, type Workbench } from '../harness/workbench';
import { ensureVsix } from './env';

describe('editor: no AWS profile', function () {
  this.timeout(120_000);
  let tmp: string;
  let server: CodeServer | undefined;
  let wb: Workbench | undefined;
  let configFile: string;
  let credentialsFile: string;

  before(async function () {
    this.timeout(10 * 60_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-welcome-'));
    configFile = path.join(tmp, 'aws', 'config');
    credentialsFile = path.join(tmp, 'aws', 'credentials');
    server = await startCodeServer({
      vsixPaths: [await ensureVsix()],
      env: { ...clearedAwsEnv(), AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile },
      log: (l) => console.log(`      ${l}`),
    });
    wb = await openWorkbench(server.url, { prefix: 'welcome' });
  });

  after(async function () {
    this.timeout(60_000);
    await wb?.close();
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('says no profile was found and offers to open the AWS config file', async () => {
    await openView(wb!);
    await waitVisible(wb!, wb!.page.getByText('No AWS profile was found'), 'the welcome text');
    await waitVisible(wb!, statusBarItem(wb!, 'No AWS profile'), 'the status bar says so too');
    await wb!.screenshot('no-profile');
    await step(wb!, 'click "Open AWS Config File"', () => wb!.page.getByRole('button', { name: 'Open AWS Config File' }).click());
    await waitVisible(wb!, wb!.page.locator('.tab', { hasText: 'config' }), 'the config file opens in an editor');
    assert.match(fs.readFileSync(configFile, 'utf8'), /^# AWS profiles: /, 'an example config was written');
    await wb!.screenshot('config-opened');
  });

  it('picks up a profile written to the files, without a reload', async () => {
    // Nothing listens on port 9: the new profile loads, and its endpoint fails.
    fs.appendFileSync(configFile, '\n[default]\nregion = eu-central-1\nendpoint_url = http://127.0.0.1:9\n');
    fs.writeFileSync(credentialsFile, '[default]\naws_access_key_id = test\naws_secret_access_key = test\n');
    await waitVisible(wb!, statusBarItem(wb!, 'default · eu-central-1'), 'the status bar shows the new profile', 60_000);
    await waitVisible(wb!, treeItem(wb!, 'Failed to load — retry'), 'the tree tries the new profile');
    await wb!.screenshot('profile-added');
  });
});
