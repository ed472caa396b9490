// `npm start`'s window as a person gets it (test/harness/start.ts): the API Gateway view open on the
// first load with no click, the profile holding the extension alone (the companion that opens the
// view is a built-in, not an installed extension), and no port-forwarding pop-ups.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeServer } from '../harness/codeServer';
import { type Emulator, startEmulator } from '../harness/emulator';
import { seed } from '../harness/seed';
import { LOCAL_PROFILE, writeAwsFiles } from '../harness/awsProfiles';
import { startUserCodeServer } from '../harness/start';
import { openWorkbench, treeItem, waitVisible, type Workbench } from '../harness/workbench';
import { ensureVsix } from './env';

describe('editor: npm start', function () {
  this.timeout(120_000);
  const log = (l: string) => console.log(`      ${l}`);
  let tmp: string;
  let emulator: Emulator | undefined;
  let server: CodeServer | undefined;
  let wb: Workbench | undefined;

  before(async function () {
    this.timeout(10 * 60_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-start-test-'));
    emulator = await startEmulator({ log });
    await seed(emulator.endpoint);
    server = await startUserCodeServer({
      vsix: await ensureVsix(),
      userSettings: { 'apigatewayStages.profile': LOCAL_PROFILE },
      env: writeAwsFiles(path.join(tmp, 'aws'), emulator.endpoint),
      dir: tmp,
      log,
    });
    wb = await openWorkbench(server.url, { prefix: 'start', log });
  });

  after(async function () {
    this.timeout(60_000);
    await wb?.close();
    await server?.stop();
    await emulator?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('opens on the API Gateway view, with the sample APIs, without a click', async () => {
    await waitVisible(wb!, treeItem(wb!, 'PetStore'), 'the API Gateway view shows PetStore on the first load', 60_000);
    await wb!.screenshot('first-load');
  });

  it('installs the extension alone in the profile: the companion that opened the view is a built-in', async () => {
    assert.deepStrictEqual(await server!.listExtensions(), ['apigateway-stages.apigateway-stages']);
    assert.deepStrictEqual(fs.readdirSync(server!.extensionsDir).filter((d) => d.includes('test-host')), []);
  });

  it('turns off port forwarding, whose pop-ups announce the emulator\'s ports', async () => {
    const settings = JSON.parse(fs.readFileSync(path.join(server!.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.strictEqual(settings['remote.autoForwardPorts'], false);
    assert.strictEqual(settings['remote.restoreForwardedPorts'], false);
    const toasts = await wb!.page.locator('.notification-toast:visible').allInnerTexts();
    assert.deepStrictEqual(toasts.filter((t) => /port/i.test(t)), [], toasts.join(' | '));
  });
});
