// In-editor timings for `npm run bench`: how long a person waits in code-server, from clicking
// the activity-bar icon to the first tree row (activation included: every repetition opens a
// fresh window on a fresh folder), for our extension and for a minimal test-only extension
// whose tree returns the same number of rows from memory (test/bench/minimalTree), the UI's
// own floor. Also: clicking a stage until the stage editor's heading shows, beside the time
// the GetStage request took at the proxy; and the activation times our extension logs.
//
// Alone: node out/test/bench/ui.js --apis 10,1000 --reps 3 [--resources 1000]
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  type APIGatewayClient, CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand, CreateStageCommand, GetResourcesCommand,
} from '@aws-sdk/client-api-gateway';
import type { Locator, Page } from 'playwright-core';
import { type ApiProxy, startApiProxy } from '../harness/apiProxy';
import { type CodeServer, startCodeServer } from '../harness/codeServer';
import { type Emulator, startEmulator } from '../harness/emulator';
import { repoRoot } from '../harness/paths';
import { addMockMethod, sampleClient } from '../harness/seed';
import { LOCAL_PROFILE, LOCAL_REGION, writeAwsFiles } from '../harness/awsProfiles';
import { expand, openWorkbench, runCommand, treeItem, type Workbench } from '../harness/workbench';
import { ensureVsix } from '../editor/env';

export interface UiRow {
  action: string;
  scale: string;
  oursMs: number[];
  minimalMs: number[];
  requestMs?: number[];
}

export interface UiOptions {
  apiCounts: number[];
  reps: number;
  log: (l: string) => void;
  /** Creates `count` REST APIs at `endpoint` (an empty emulator). */
  seedApis: (endpoint: string, count: number) => Promise<void>;
}

/** The API whose stage the editor opens: its name sorts before every seeded one. */
const STAGE_API = '0 stage editor';
const STAGE = 'prod';
const OURS = { container: 'API Gateway' };
const MINIMAL = { container: 'Minimal Tree' };
/** Before the click: the workbench and extension host have settled, as when a person reaches for the icon. */
const SETTLE_MS = 3000;

export interface BenchEditor {
  emulator: Emulator;
  proxy: ApiProxy;
  server: CodeServer;
  /** For fresh workspace folders and the AWS files. */
  tmp: string;
  stop(): Promise<void>;
}

/** moto, the paging proxy in front of it, and code-server with our VSIX, the minimal tree and any other test extension. */
export async function startBenchEditor(log: (l: string) => void, more: { extensions?: string[]; env?: Record<string, string> } = {}): Promise<BenchEditor> {
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((e) => log(`cleanup: ${(e as Error).message}`));
  };
  try {
    const vsix = await ensureVsix();
    const minimalVsix = await packageTestExtension('minimalTree');
    const extra = await Promise.all((more.extensions ?? []).map(packageTestExtension));
    const emulator = await startEmulator({ log });
    stops.push(() => emulator.stop());
    const proxy = await startApiProxy(emulator.endpoint);
    stops.push(() => proxy.close());
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-bench-ui-'));
    stops.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
    const server = await startCodeServer({
      vsixPaths: [vsix, minimalVsix, ...extra],
      userSettings: { 'apigatewayStages.profile': LOCAL_PROFILE },
      env: { ...writeAwsFiles(path.join(tmp, 'aws'), proxy.endpoint, LOCAL_PROFILE, LOCAL_REGION), ...more.env },
      // A closed window's extension host goes at once instead of waiting hours for a reconnection.
      extraArgs: ['--reconnection-grace-time', '5'],
      log,
    });
    stops.push(() => server.stop());
    return { emulator, proxy, server, tmp, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Seeds `count` APIs (plus the stage editor's) and makes the minimal tree show as many rows. */
export async function seedBench(bench: BenchEditor, count: number, seedApis: UiOptions['seedApis']): Promise<void> {
  await bench.emulator.reset();
  await seedApis(bench.emulator.endpoint, count);
  await seedStageApi(bench.emulator.endpoint);
  setMinimalItems(bench.server.userDataDir, count + 1);
}

export async function uiTimings(opts: UiOptions): Promise<{ rows: UiRow[]; activationMs: number[]; profilesReadMs: number[] }> {
  const { log } = opts;
  const rows: UiRow[] = [];
  const bench = await startBenchEditor(log);
  const { server, proxy, tmp } = bench;
  try {
    for (const count of opts.apiCounts) {
      await seedBench(bench, count, opts.seedApis);
      const scale = `${count.toLocaleString('en-US')} APIs`;
      const view: UiRow = { action: 'open the view', scale, oursMs: [], minimalMs: [] };
      const editor: UiRow = { action: 'open the stage editor', scale, oursMs: [], minimalMs: [], requestMs: [] };
      const firstEditor: UiRow = { action: 'open the stage editor (first in a new browser)', scale, oursMs: [], minimalMs: [], requestMs: [] };
      for (let rep = 1; rep <= opts.reps; rep++) {
        const ours = await inFreshWindow(server, tmp, log, async (wb) => {
          const ms = await timeFirstRow(wb, OURS.container);
          await wb.screenshot(`ours-${count}-${rep}`);
          const edit = await timeStageEditor(wb, proxy.timings);
          return { ms, edit };
        });
        const minimal = await inFreshWindow(server, tmp, log, async (wb) => {
          const ms = await timeFirstRow(wb, MINIMAL.container);
          return { ms, page: await timeMinimalPage(wb) };
        });
        view.oursMs.push(ours.ms);
        view.minimalMs.push(minimal.ms);
        editor.oursMs.push(ours.edit.again.ms);
        editor.minimalMs.push(minimal.page.again.ms);
        editor.requestMs!.push(ours.edit.again.requestMs);
        firstEditor.oursMs.push(ours.edit.first.ms);
        firstEditor.minimalMs.push(minimal.page.first.ms);
        firstEditor.requestMs!.push(ours.edit.first.requestMs);
        log(`ui: ${scale}, run ${rep}: first row ours ${ours.ms.toFixed(0)} ms, minimal ${minimal.ms.toFixed(0)} ms; ` +
          `stage editor ${ours.edit.again.ms.toFixed(0)} ms (GetStage ${ours.edit.again.requestMs.toFixed(1)} ms, minimal page ${minimal.page.again.ms.toFixed(0)} ms), ` +
          `first in the browser ${ours.edit.first.ms.toFixed(0)} ms (GetStage ${ours.edit.first.requestMs.toFixed(1)} ms, minimal page ${minimal.page.first.ms.toFixed(0)} ms)`);
      }
      rows.push(view, editor, firstEditor);
    }
    const activationMs = readActivations(server.userDataDir, 'API Gateway Stages');
    const profilesReadMs = readProfilesRead(server.userDataDir, 'API Gateway Stages');
    log(`ui: activation (from the extension's log): ${activationMs.map((m) => m.toFixed(1)).join(', ')} ms; profiles read at ${profilesReadMs.map((m) => m.toFixed(1)).join(', ')} ms`);
    return { rows, activationMs, profilesReadMs };
  } finally {
    await bench.stop();
  }
}

/** A new window on a new empty folder (so no view is restored and the extension activates on the click); closed after `fn`. */
export async function inFreshWindow<T>(server: { baseUrl: string }, tmp: string, log: (l: string) => void, fn: (wb: Workbench) => Promise<T>): Promise<T> {
  const folder = fs.mkdtempSync(path.join(tmp, 'ws-'));
  const wb = await openWorkbench(`${server.baseUrl}?folder=${encodeURIComponent(folder)}`, { prefix: 'bench-ui', log });
  try {
    return await fn(wb);
  } finally {
    await wb.close();
  }
}

/**
 * Clicks the container's activity-bar icon and returns the milliseconds from the mouse-down to
 * the first frame painted with a tree row in the side bar, both taken in the page.
 */
export async function timeFirstRow(wb: Workbench, container: string, beforeClick?: () => Promise<unknown>): Promise<number> {
  const { page } = wb;
  const icon = page.locator(`#workbench\\.parts\\.activitybar .action-item:has([aria-label^="${container}"]), ` +
    `#workbench\\.parts\\.activitybar .action-item[aria-label^="${container}"]`).first();
  await icon.waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForTimeout(SETTLE_MS);
  await armRowWatch(page);
  await beforeClick?.();
  await icon.click();
  const handle = await page.waitForFunction(() => (window as unknown as BenchWindow).__bench?.ms, undefined, { timeout: 60_000, polling: 'raf' });
  return (await handle.jsonValue()) as number;
}

interface BenchWindow {
  __bench?: { down?: number; ms?: number; label?: string };
}

/** In the page: remembers the mouse-down, and on the first DOM change that shows a tree row in the side bar, the next paint. */
async function armRowWatch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    const state: NonNullable<BenchWindow['__bench']> = {};
    w.__bench = state;
    document.addEventListener('mousedown', () => (state.down ??= performance.now()), { capture: true, once: true });
    const sidebar = document.getElementById('workbench.parts.sidebar')!;
    const row = () => Array.from(sidebar.querySelectorAll<HTMLElement>('.monaco-list-row[role="treeitem"]'))
      .find((r) => r.offsetParent !== null && (r.querySelector('.label-name')?.textContent ?? '').trim() !== '');
    const obs = new MutationObserver(() => {
      if (state.down === undefined) return;
      const r = row();
      if (!r) return;
      obs.disconnect();
      state.label = r.querySelector('.label-name')?.textContent ?? '';
      requestAnimationFrame(() => (state.ms = performance.now() - state.down!));
    });
    obs.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class'] });
  });
}

/**
 * Expands the stage API's Stages folder, then clicks the stage (which opens the stage editor) and
 * times until the form's heading is visible, with the GetStage the click caused; twice: the first
 * editor of the window (the browser sets up webviews then), and again after closing it.
 */
export async function timeStageEditor(wb: Workbench, timings: { request: string; at: number; ms: number }[], beforeAgain?: () => Promise<unknown>, beforeClick?: () => Promise<unknown>): Promise<{ first: EditorTiming; again: EditorTiming }> {
  await expand(wb, STAGE_API);
  await expand(wb, 'Stages');
  return timeWebview(wb, treeItem(wb, STAGE).first(), timings, beforeAgain, beforeClick);
}

/** The minimal extension's floor, timed as the stage editor is: clicking a row opens a page whose heading comes from the extension. */
export async function timeMinimalPage(wb: Workbench): Promise<{ first: EditorTiming; again: EditorTiming }> {
  // Row 0 is not shown: VS Code drops a falsy tree element.
  return timeWebview(wb, treeItem(wb, 'item 1').first());
}

/** Clicks `row` and times until the visible webview's heading shows; then closes the editors and does it again. */
async function timeWebview(wb: Workbench, row: Locator, timings?: { request: string; at: number; ms: number }[], beforeAgain?: () => Promise<unknown>, beforeClick?: () => Promise<unknown>): Promise<{ first: EditorTiming; again: EditorTiming }> {
  const { page } = wb;
  await row.waitFor({ state: 'visible' });
  const open = async (): Promise<EditorTiming> => {
    await page.waitForTimeout(1000);
    await beforeClick?.();
    const before = timings?.length ?? 0;
    const started = Date.now();
    await row.locator('.label-name').click();
    const frame = page.locator('iframe.webview.ready').filter({ visible: true }).contentFrame().frameLocator('iframe#active-frame');
    await frame.locator('h1').waitFor({ state: 'visible', timeout: 60_000 });
    const ms = Date.now() - started;
    if (!timings) return { ms, requestMs: 0 };
    const getStage = timings.slice(before).find((t) => /^GET \/restapis\/[^/]+\/stages\/[^/]+$/.test(t.request));
    if (!getStage) throw new Error(`no GetStage seen at the proxy after the click (saw ${timings.slice(before).map((t) => t.request).join(', ')})`);
    return { ms, requestMs: getStage.ms };
  };
  const first = await open();
  await runCommand(wb, 'View: Close All Editors');
  await page.locator('iframe.webview').filter({ visible: true }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await beforeAgain?.();
  const again = await open();
  return { first, again };
}

interface EditorTiming {
  ms: number;
  requestMs: number;
}

/** Every `Activated in N ms` the named output channel logged, in the order of its log files. */
export function readActivations(userDataDir: string, channel: string): number[] {
  return readLogged(userDataDir, channel, /Activated in ([\d.]+) ms/g);
}

/** Every `Profiles read N ms after activation began` (our extension reads them after activate() returned). */
export function readProfilesRead(userDataDir: string, channel: string): number[] {
  return readLogged(userDataDir, channel, /Profiles read ([\d.]+) ms after activation began/g);
}

/** The numbers `pattern` (global, one group) finds in the named output channel's log files, in their order. */
function readLogged(userDataDir: string, channel: string, pattern: RegExp): number[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(`${channel}.log`)) files.push(p);
    }
  };
  walk(path.join(userDataDir, 'logs'));
  return files.sort().flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(pattern)].map((m) => Number(m[1])));
}

/** The minimal tree returns this many rows in the windows opened from now on. */
function setMinimalItems(userDataDir: string, count: number): void {
  const file = path.join(userDataDir, 'User', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(file, JSON.stringify({ ...settings, 'benchMinimal.items': count }, null, 2) + '\n');
}

/** A test-only extension folder under test/bench as a VSIX (vsce, no dependencies), in a temp folder. */
export async function packageTestExtension(name: string): Promise<string> {
  const source = path.join(repoRoot(), 'test', 'bench', name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-bench-minimal-'));
  fs.cpSync(source, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  const vsix = path.join(dir, `${name}.vsix`);
  const vsce = path.join(repoRoot(), 'node_modules', '@vscode', 'vsce', 'vsce');
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix],
      { cwd: dir, timeout: 120_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`vsce package (${name}) failed: ${err.message}\n${stdout}\n${stderr}`)) : resolve()));
  return vsix;
}

/** Runs `tasks` with at most `limit` at a time. */
async function bounded<T>(items: T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]);
  }));
}

/** For running alone: `count` empty REST APIs, eight requests at a time. */
export async function seedApisLocally(endpoint: string, count: number): Promise<void> {
  const client = sampleClient(endpoint);
  try {
    const width = String(count).length;
    await bounded(Array.from({ length: count }, (_, i) => i), 8, (i) =>
      client.send(new CreateRestApiCommand({ name: `bench-api-${String(i).padStart(width, '0')}`, description: `Benchmark API ${i}` })));
  } finally {
    client.destroy();
  }
}

/** The API whose stage the editor opens: one GET method on `/`, a deployment, stage `prod`; `resources` more paths with a GET each. */
export async function seedStageApi(endpoint: string, resources = 0, name = STAGE_API): Promise<void> {
  const client = sampleClient(endpoint);
  try {
    const api = await client.send(new CreateRestApiCommand({ name }));
    const root = (await client.send(new GetResourcesCommand({ restApiId: api.id! }))).items!.find((r) => r.path === '/')!;
    await addMockMethod(client, api.id!, root.id!, 'GET');
    await addResources(client, api.id!, root.id!, resources);
    const deployment = await client.send(new CreateDeploymentCommand({ restApiId: api.id! }));
    await client.send(new CreateStageCommand({ restApiId: api.id!, stageName: STAGE, deploymentId: deployment.id! }));
  } finally {
    client.destroy();
  }
}

async function addResources(client: APIGatewayClient, restApiId: string, parentId: string, count: number): Promise<void> {
  const width = String(count).length;
  await bounded(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    const r = await client.send(new CreateResourceCommand({ restApiId, parentId, pathPart: `r${String(i).padStart(width, '0')}` }));
    await addMockMethod(client, restApiId, r.id!, 'GET');
  });
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (require.main === module) {
  const apiCounts = (argValue('--apis') ?? '10,1000').split(',').map(Number);
  const reps = Number(argValue('--reps') ?? '3');
  const log = (l: string) => console.log(l);
  uiTimings({ apiCounts, reps, log, seedApis: seedApisLocally }).then((r) => {
    const fmt = (xs: number[] | undefined) => (xs ?? []).map((x) => x.toFixed(0)).join(' / ');
    for (const row of r.rows) {
      console.log(`${row.action.padEnd(48)} ${row.scale.padEnd(11)} ours ${fmt(row.oursMs)} ms | minimal ${fmt(row.minimalMs)} ms` +
        (row.requestMs ? ` | request ${row.requestMs.map((x) => x.toFixed(1)).join(' / ')} ms` : ''));
    }
    console.log(`activation ${r.activationMs.map((x) => x.toFixed(1)).join(' / ')} ms; profiles read at ${r.profilesReadMs.map((x) => x.toFixed(1)).join(' / ')} ms`);
    process.exit(0);
  }, (e) => {
    console.error(e);
    process.exit(1);
  });
}
