// A workspace cannot send the user's signed requests elsewhere: a folder whose .vscode/settings.json
// sets apigatewayStages.endpoint to another server is opened, trusted and in Restricted Mode; that
// server gets no request, the profile's endpoint (the counting proxy) gets them all. The workspace's
// profile and region count only while the workspace is trusted, and trusting it says so. Select AWS
// Profile never edits the shared .vscode/settings.json unless the user chooses this workspace.
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { SECOND_PROFILE } from '../harness/awsProfiles';
import {
  notifications, openView, quickPickLabels, quickPickSelect, runCommand, statusBarItem, step, treeItem, waitUntil, waitVisible,
} from '../harness/workbench';
import { useEditorEnv } from './env';

interface Rogue {
  readonly endpoint: string;
  /** `METHOD /path` of every request that reached it. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** The server a hostile workspace would like the requests to go to: it records them and answers 500. */
async function startRogue(): Promise<Rogue> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(500);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** A folder to open, with the hostile settings written once the rogue server is up (before code-server starts). */
function hostileWorkspace(): { folder: string; rogue: () => Rogue } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-hostile-'));
  let rogue: Rogue | undefined;
  before(async () => {
    rogue = await startRogue();
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({
      'apigatewayStages.endpoint': rogue.endpoint,
      'apigatewayStages.profile': SECOND_PROFILE,
      'apigatewayStages.region': 'eu-west-1',
    }, null, 2));
  });
  after(async () => {
    await rogue?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  return { folder, rogue: () => rogue! };
}

describe('editor: workspace settings cannot redirect requests', function () {
  this.timeout(180_000);

  describe('a trusted workspace', () => {
    const ws = hostileWorkspace();
    const env = useEditorEnv('trust-trusted', { workspaceFolder: ws.folder });

    it("uses the workspace's profile and region but not its endpoint: every request goes to the profile's endpoint", async () => {
      const { wb } = env;
      await openView(wb, 'API Gateway', 'REST APIs');
      // eu-west-1 holds no API of the sample: the view is empty, after a GetRestApis at the profile's endpoint.
      await waitVisible(wb, statusBarItem(wb, `${SECOND_PROFILE} · eu-west-1`), 'status bar shows the workspace profile and region', 60_000);
      await step(wb, 'the GetRestApis went to the profile endpoint, none to the workspace one', async () => {
        for (let i = 0; i < 100 && !env.proxy.requests.includes('GET /restapis') && !ws.rogue().requests.length; i++) await wb.page.waitForTimeout(200);
        await wb.screenshot('trusted');
        assert.deepStrictEqual(ws.rogue().requests, [], 'a request reached the endpoint set by the workspace');
        assert.ok(env.proxy.requests.includes('GET /restapis'), env.proxy.requests.join(', '));
      });
    });

    it('Select AWS Profile asks where to save when the workspace sets the profile: user settings leave .vscode/settings.json as it is', async () => {
      const { wb } = env;
      const settingsFile = path.join(ws.folder, '.vscode', 'settings.json');
      const shared = fs.readFileSync(settingsFile, 'utf8');
      await runCommand(wb, 'API Gateway: Select AWS Profile');
      await quickPickSelect(wb, 'local');
      await waitUntil(wb, 'it asks where to save', async () => (await quickPickLabels(wb)).includes('This workspace'));
      const where = await quickPickLabels(wb);
      assert.ok(where.includes('This workspace') && where.includes('User settings'), where.join(' | '));
      await wb.screenshot('where-to-save');
      await quickPickSelect(wb, 'User settings');
      await waitUntil(wb, 'the user settings hold the profile', async () => /"apigatewayStages\.profile": "local"/.test(userSettings()));
      assert.strictEqual(fs.readFileSync(settingsFile, 'utf8'), shared, 'the shared settings file is untouched');
      // The workspace's setting still comes first, as the item said.
      await waitVisible(wb, statusBarItem(wb, `${SECOND_PROFILE} · eu-west-1`), 'the workspace profile stays');

      await runCommand(wb, 'API Gateway: Select AWS Profile');
      await quickPickSelect(wb, 'local');
      await quickPickSelect(wb, 'This workspace');
      await waitUntil(wb, 'chosen: the workspace file holds it', async () => /"apigatewayStages\.profile": "local"/.test(fs.readFileSync(settingsFile, 'utf8')));
      await waitVisible(wb, statusBarItem(wb, 'local · eu-west-1'), 'the view uses it');
    });
    const userSettings = () => {
      const file = path.join(env.server.userDataDir, 'User', 'settings.json');
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    };
  });

  describe('a workspace in Restricted Mode', () => {
    const ws = hostileWorkspace();
    const env = useEditorEnv('trust-restricted', { workspaceFolder: ws.folder, workspaceTrust: true });

    it('ignores its endpoint and its region: the APIs of the user settings and profile are listed', async () => {
      const { wb } = env;
      await waitVisible(wb, statusBarItem(wb, /Restricted Mode/), 'the window is in Restricted Mode', 60_000);
      await openView(wb, 'API Gateway', 'REST APIs');
      await waitVisible(wb, treeItem(wb, 'PetStore'), 'tree shows PetStore (us-east-1, the profile endpoint)', 60_000);
      await waitVisible(wb, statusBarItem(wb, 'local · us-east-1'), 'status bar shows the profile region');
      assert.ok(env.proxy.requests.includes('GET /restapis'), env.proxy.requests.join(', '));
      await wb.screenshot('restricted');
      assert.deepStrictEqual(ws.rogue().requests, [], 'a request reached the endpoint set by the workspace');
    });

    it('trusting the workspace lets its profile and region count, and says so', async () => {
      const { wb } = env;
      await runCommand(wb, 'Workspaces: Manage Workspace Trust');
      const trust = wb.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first();
      await waitVisible(wb, trust, 'the trust editor offers Trust', 30_000);
      await trust.click();
      await waitVisible(wb, statusBarItem(wb, `${SECOND_PROFILE} · eu-west-1`), 'the workspace profile and region count now', 60_000);
      await waitUntil(wb, 'a message says what changed', async () =>
        (await notifications(wb)).some((n) => n.includes(`API Gateway uses profile ${SECOND_PROFILE} (was local) and region eu-west-1 (was us-east-1)`)));
      await wb.screenshot('trusted-now');
      assert.deepStrictEqual(ws.rogue().requests, [], 'still nothing to the workspace endpoint');
    });
  });
});
