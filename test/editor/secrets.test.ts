// No credential leaves the profile files, and no stage variable value reaches the disk in plain text:
// with distinctive keys (an access key id, a secret key and a session token) in the profile and
// distinctive variable values on the stages, the extension is used through the UI at trace log level (the
// view, a stage editor and a save, a delete that keeps a snapshot, a request refused with an echo
// of its signed headers, an unknown stage), then every output is searched for the keys and for an
// Authorization header: the extension's logs and code-server's, global storage (snapshots
// included), the browser's storage (webview state and mementos), the page and its webviews,
// test-results/ and the temp folders.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DeleteStageCommand, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { repoRoot } from '../harness/paths';
import { sampleClient } from '../harness/seed';
import {
  clickTreeItem, contextMenu, dialogButton, expand, openView, quickInputAtStep, quickInputType, quickPickSelect, runCommand, step, treeItem, waitDialog, waitGone, waitUntil,
  waitVisible,
} from '../harness/workbench';
import { useEditorEnv } from './env';
import { showStages } from './petStoreTree';

const KEYS = {
  accessKeyId: 'AKIASECRETTEST7Q2K9Z',
  secretAccessKey: 'SecretKeyTEST0wJalrXUtnFEMIK7MDENGbPxRfiCY',
  sessionToken: `SessionTokenTEST${'IQoJb3JpZ2luX2VjEPT//////////wEaCXVzLWVhc3QtMSJHMEUCIQD'.repeat(3)}END`,
};
/**
 * Stage variable values, which often hold backend keys: one seeded on the stage that is deleted (its
 * snapshot keeps it sealed), one typed in the editor (the webview state keeps it sealed).
 */
const VARIABLES = { seeded: 'dbPassVarTEST4x7Q9', typed: 'apiKeyVarTEST8z2W5' };
/** What must appear nowhere: each key, a part of each (in case of a cut), an Authorization header's value, and the variable values. */
const NEEDLES = [
  KEYS.accessKeyId, KEYS.secretAccessKey, KEYS.sessionToken,
  'SECRETTEST7Q2K9Z', 'SecretKeyTEST', 'SessionTokenTEST',
  'AWS4-HMAC-SHA256 Credential=',
  VARIABLES.seeded, VARIABLES.typed,
];

/** A snapshot file of stage "test": `test-<hash>.json` in an API's folder of the snapshots. */
const isSnapshotOfTest = (f: string) => /stageSnapshots[\\/][^\\/]+[\\/]test-[0-9a-f]{16}\.json$/.test(f);

/** Every file under `dir` (following no links), skipping `except`. */
function filesUnder(dir: string, except: Set<string> = new Set()): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (except.has(p)) return [];
    if (e.isDirectory()) return filesUnder(p, except);
    return e.isFile() ? [p] : [];
  });
}

/** The needles found in a text or a file's bytes (as UTF-8 and as UTF-16, which SQLite and Chromium may use). */
function found(content: Buffer | string): string[] {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return NEEDLES.filter((n) => bytes.includes(Buffer.from(n, 'utf8')) || bytes.includes(Buffer.from(n, 'utf16le')));
}

describe('editor: no credential in any output', function () {
  this.timeout(180_000);
  // Trace: the SDK middleware's per-request debug lines are written too.
  const env = useEditorEnv('secrets', { awsKeys: KEYS, codeServerArgs: ['--log', 'trace'] });
  const petStore = () => env.seeded.apis.PetStore.id;
  const stageExists = async (name: string) => {
    const client = sampleClient(env.emulator.endpoint);
    try {
      await client.send(new GetStageCommand({ restApiId: petStore(), stageName: name }));
      return true;
    } catch {
      return false;
    } finally {
      client.destroy();
    }
  };
  const editor = () => env.wb.page.locator('iframe.webview.ready').filter({ visible: true }).contentFrame().frameLocator('iframe#active-frame');
  /** The extension's output channel, as VS Code writes it to disk. */
  const extensionLogs = () => filesUnder(env.server.userDataDir).filter((f) => /API Gateway Stages\.log$/.test(f));
  const extensionLogText = () => extensionLogs().map((f) => fs.readFileSync(f, 'utf8')).join('\n');

  it('opens the view and expands an API and a stage (requests signed with the keys and the token)', async () => {
    const { wb } = env;
    // A secret in a variable of each stage the test uses: test is deleted (snapshot), dev is edited (editor).
    const client = sampleClient(env.emulator.endpoint);
    try {
      for (const stageName of ['test', 'dev']) {
        await client.send(new UpdateStageCommand({ restApiId: petStore(), stageName, patchOperations: [{ op: 'replace', path: '/variables/dbPassword', value: VARIABLES.seeded }] }));
      }
    } finally {
      client.destroy();
    }
    await showStages(wb, 'prod');
    await expand(wb, 'prod');
    await waitVisible(wb, treeItem(wb, 'GET /pets/{petId}'), 'the methods of prod are listed');
  });

  it('opens a stage editor and saves a change', async () => {
    const { wb } = env;
    await clickTreeItem(wb, 'dev');
    await waitVisible(wb, editor().locator('h1', { hasText: 'Stage dev' }), 'the editor shows stage dev', 60_000);
    await step(wb, 'change the description', () => editor().locator('[aria-label="Description"]').first().locator('input, textarea').first().fill('Changed by the secrets test'));
    // A new secret typed into the variable's value: the page keeps its edits for a reload, sealed.
    await step(wb, 'type a new variable value', () => editor().locator('[aria-label="Value 1"]').first().locator('input, textarea').first().fill(VARIABLES.typed));
    await wb.page.waitForTimeout(500);
    await step(wb, 'click Save', () => editor().locator('vscode-button', { hasText: 'Save' }).first().click());
    await waitUntil(wb, 'the editor says it saved', async () => /Saved 2 changes in \d+ operations? \(one UpdateStage\)/.test(await editor().locator('body').innerText()));
    const client = sampleClient(env.emulator.endpoint);
    try {
      assert.strictEqual((await client.send(new GetStageCommand({ restApiId: petStore(), stageName: 'dev' }))).variables?.dbPassword, VARIABLES.typed, 'the value was saved');
    } finally {
      client.destroy();
    }
  });

  it('deletes a stage, which keeps a snapshot in global storage', async () => {
    const { wb } = env;
    await contextMenu(wb, 'test', 'Delete Stage…');
    await waitDialog(wb, /Delete stage "test" of PetStore\?/);
    await waitGone(wb, wb.page.locator('.notification-toast').filter({ hasText: 'Checking what uses stage' }), 'the check is over');
    await dialogButton(wb, 'Delete Stage');
    await waitUntil(wb, 'the emulator no longer has test', async () => !(await stageExists('test')));
    await waitUntil(wb, 'the snapshot file is written', async () => filesUnder(env.server.userDataDir).some(isSnapshotOfTest));
    // Its text is searched at the end (the restore below drops it): kept aside in the temp folder.
    const file = filesUnder(env.server.userDataDir).find(isSnapshotOfTest)!;
    assert.match(fs.readFileSync(file, 'utf8'), /"dbPassword": ""/, 'the snapshot keeps the variable\'s name, its value sealed');
    if (process.platform !== 'win32') assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600, 'only its owner reads it');
    fs.copyFileSync(file, path.join(env.tmp, 'snapshot-of-test.json'));
  });

  it('after a window reload, lists the snapshot from its file and restores the stage', async () => {
    const { wb } = env;
    const snapshotFile = () => filesUnder(env.server.userDataDir).some(isSnapshotOfTest);
    const reloaded = wb.page.waitForEvent('framenavigated', { predicate: (f) => f === wb.page.mainFrame(), timeout: 90_000 });
    await runCommand(wb, 'Developer: Reload Window');
    await reloaded;
    await waitVisible(wb, wb.page.locator('#workbench\\.parts\\.statusbar'), 'the window is back', 90_000);
    await openView(wb, 'API Gateway', 'REST APIs');
    await waitVisible(wb, treeItem(wb, 'PetStore'), 'tree shows PetStore', 60_000);
    await runCommand(wb, 'API Gateway: Restore Deleted Stage…');
    await quickPickSelect(wb, 'PetStore');
    await quickPickSelect(wb, 'test');
    await quickInputAtStep(wb, '3/4');
    await quickInputType(wb, 'test');
    await quickInputAtStep(wb, '4/4');
    await quickPickSelect(wb, 'Restore stage "test"', { filter: false });
    await waitUntil(wb, 'the emulator has test again', () => stageExists('test'));
    // The sealed value opened with the key VS Code keeps in its secret storage, across the window reload.
    const client = sampleClient(env.emulator.endpoint);
    try {
      assert.strictEqual((await client.send(new GetStageCommand({ restApiId: petStore(), stageName: 'test' }))).variables?.dbPassword, VARIABLES.seeded);
    } finally {
      client.destroy();
    }
    await waitUntil(wb, 'the snapshot file is dropped after the restore', async () => !snapshotFile());
  });

  it('fails requests: a signature refused with an echo of the signed headers, an unknown stage', async () => {
    const { wb } = env;
    env.proxy.fault({ kind: 'badSignature', times: 20 });
    await runCommand(wb, 'API Gateway: Refresh');
    await waitVisible(wb, treeItem(wb, 'Failed to load — retry'), 'the error node', 60_000);
    const errorRow = await treeItem(wb, 'Failed to load — retry').first().innerText();
    assert.match(errorRow, /InvalidSignatureException|signature/i);
    await wb.screenshot('signature-refused');
    env.proxy.clearFaults();
    await runCommand(wb, 'API Gateway: Refresh');
    await waitVisible(wb, treeItem(wb, 'PetStore'), 'the APIs are back', 60_000);
    // An unknown stage: the palette's Edit One Setting… on a stage deleted behind the tree's back.
    await expand(wb, 'PetStore');
    await waitVisible(wb, treeItem(wb, 'prod'), 'the stages are listed');
    const client = sampleClient(env.emulator.endpoint);
    try {
      await client.send(new DeleteStageCommand({ restApiId: petStore(), stageName: 'dev' }));
    } finally {
      client.destroy();
    }
    await contextMenu(wb, 'dev', 'Refresh');
    await waitGone(wb, treeItem(wb, 'dev'), 'dev leaves the tree');
    await waitUntil(wb, 'the GetStage of a deleted stage is logged as failed', async () => /GetStage failed after/.test(extensionLogText()));
  });

  it('leaves the keys in no log, storage, page, snapshot or test artifact', async () => {
    const { wb } = env;
    await wb.screenshot('before-search');
    // The log files are written a moment after the lines: wait for a line of the last step.
    await waitUntil(wb, 'the extension log is on disk with the refused request', async () => /InvalidSignatureException/.test(extensionLogText()));
    const logText = extensionLogText();
    await step(wb, 'the log is the one of this run, at debug level, and redacted', async () => {
      assert.ok(extensionLogs().length >= 1, 'no log file of the extension');
      assert.match(logText, /\[debug\] GetStages: HTTP 200 in \d+ ms/, 'the debug lines of the SDK middleware are not in the log: is the level trace?');
      assert.match(logText, /Deleted stage test of PetStore/);
      // The refused request's echo is there (the search below checks it holds no token).
      assert.match(logText, /x-amz-security-token:/, 'the echoed canonical request is not in the log');
    });

    const leaks: string[] = [];
    const check = (where: string, content: Buffer | string) => {
      const hits = found(content);
      if (hits.length) leaks.push(`${where}: ${hits.join(', ')}`);
    };

    // The page, every frame (the webviews included) and the browser's storage: mementos, webview state.
    for (const frame of wb.page.frames()) check(`frame ${frame.url().slice(0, 80)}`, await frame.content().catch(() => ''));
    check('page text', await wb.page.locator('body').innerText());
    const browserStorage = await wb.page.evaluate(async () => {
      const out: string[] = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
      for (const info of await indexedDB.databases()) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open(info.name!);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        for (const store of Array.from({ length: db.objectStoreNames.length }, (_, i) => db.objectStoreNames.item(i)!)) {
          const all = await new Promise<unknown[]>((resolve, reject) => {
            const r = db.transaction(store).objectStore(store).getAll();
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
          out.push(`${info.name}/${store}: ${JSON.stringify(all, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v))}`);
        }
        db.close();
      }
      return out;
    });
    assert.ok(browserStorage.length > 2, 'the browser storage was not read');
    browserStorage.forEach((text, i) => check(`browser storage ${i}`, text));

    // Files: code-server's data (its log, the extension host and output logs, global storage with the
    // snapshots, state databases, the workspace), test-results/, the suite's temp folder, except the
    // AWS credentials file itself (where the keys belong).
    const credentials = path.join(env.tmp, 'aws', 'credentials');
    const files = [
      // The installed extension's code is not output (its bundle holds the SDK's signing code).
      ...filesUnder(env.server.dataDir, new Set([env.server.extensionsDir])),
      ...filesUnder(path.join(repoRoot(), 'test-results')),
      ...filesUnder(env.tmp, new Set([credentials])),
    ];
    assert.ok(files.includes(path.join(env.tmp, 'snapshot-of-test.json')), 'the snapshot file is not searched');
    for (const f of files) check(f, fs.readFileSync(f));
    wb.log(`searched ${files.length} files, ${wb.page.frames().length} frames, ${browserStorage.length} browser stores`);
    // The credentials file does hold them: the search would find a leak.
    assert.deepStrictEqual(found(fs.readFileSync(credentials)).slice(0, 3), [KEYS.accessKeyId, KEYS.secretAccessKey, KEYS.sessionToken]);
    assert.deepStrictEqual(leaks, []);
  });
});
