// What every editor (UI) test needs: the emulator seeded with SAMPLE, a throw-away AWS
// profile `local` pointing at it, code-server with the packaged extension, and the
// workbench open in chromium. Each suite gets its own; dispose() stops it all.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type ApiProxy, startApiProxy } from '../harness/apiProxy';
import { type CodeServer, startCodeServer } from '../harness/codeServer';
import { type Emulator, type EmulatorKind, startEmulator } from '../harness/emulator';
import { repoRoot } from '../harness/paths';
import { GetStageCommand, type Stage } from '@aws-sdk/client-api-gateway';
import { sampleClient, seed, type SeedResult } from '../harness/seed';
import { type AwsKeys, LOCAL_PROFILE, LOCAL_REGION, writeAwsFiles } from '../harness/awsProfiles';
import { buildVsix } from '../harness/buildVsix';
import { openWorkbench, type Workbench } from '../harness/workbench';

export interface EditorEnv {
  emulator: Emulator;
  /** In front of the emulator, counting requests: the profile's endpoint. */
  proxy: ApiProxy;
  seeded: SeedResult;
  server: CodeServer;
  wb: Workbench;
  /** The suite's temp folder (the AWS files are in `aws/`). */
  tmp: string;
  dispose(): Promise<void>;
}

export interface EditorEnvOptions {
  /** Over the defaults (profile `local`). */
  userSettings?: Record<string, unknown>;
  /** The profiles' keys (default: test/test). */
  awsKeys?: AwsKeys;
  /** The folder to open (default: an empty temp folder). */
  workspaceFolder?: string;
  /** Workspace trust on: the folder opens in Restricted Mode. */
  workspaceTrust?: boolean;
  /** More code-server arguments, e.g. `--log trace`. */
  codeServerArgs?: string[];
  /** Default: APIGW_EMULATOR, else moto. LocalStack for what moto drops (canaries). */
  emulator?: EmulatorKind;
  /** moto: IAM's AWS-managed policies (the logging check attaches one). */
  iamManagedPolicies?: boolean;
}

const log = (line: string) => console.log(`      ${line}`);

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, n) => Math.max(m, newestMtime(path.join(p, n))), st.mtimeMs);
}

/**
 * The VSIX to test: $APIGW_VSIX if set; else out/apigateway-stages.vsix, rebuilt
 * (npm run build:prod && npm run package) when missing or older than src/, media/ or package.json.
 */
export async function ensureVsix(): Promise<string> {
  if (process.env.APIGW_VSIX) return path.resolve(process.env.APIGW_VSIX);
  const root = repoRoot();
  const vsix = path.join(root, 'out', 'apigateway-stages.vsix');
  const sources = Math.max(...['src', 'media', 'package.json', 'webpack.config.js'].map((p) => newestMtime(path.join(root, p))));
  if (newestMtime(vsix) > sources) return vsix;
  return buildVsix(log);
}

export async function startEditorEnv(opts: EditorEnvOptions & { prefix: string }): Promise<EditorEnv> {
  const disposers: (() => Promise<unknown> | unknown)[] = [];
  const dispose = async () => {
    for (const fn of disposers.reverse()) {
      try {
        await fn();
      } catch (e) {
        console.error(`cleanup: ${(e as Error).message}`);
      }
    }
    disposers.length = 0;
  };
  try {
    const vsix = await ensureVsix();
    const emulator = await startEmulator({ log, kind: opts.emulator, iamManagedPolicies: opts.iamManagedPolicies });
    disposers.push(() => emulator.stop());
    const seeded = await seed(emulator.endpoint);
    const proxy = await startApiProxy(emulator.endpoint);
    disposers.push(() => proxy.close());
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-editor-'));
    disposers.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const server = await startCodeServer({
      vsixPaths: [vsix],
      userSettings: { 'apigatewayStages.profile': LOCAL_PROFILE, ...(opts.userSettings ?? {}) },
      env: writeAwsFiles(path.join(tmp, 'aws'), proxy.endpoint, LOCAL_PROFILE, LOCAL_REGION, opts.awsKeys),
      workspaceFolder: opts.workspaceFolder,
      workspaceTrust: opts.workspaceTrust,
      extraArgs: opts.codeServerArgs,
      log,
    });
    disposers.push(() => server.stop());
    const wb = await openWorkbench(server.url, { prefix: opts.prefix, log });
    disposers.push(() => wb.close());
    return { emulator, proxy, seeded, server, wb, tmp, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}

/**
 * The hooks of an editor suite whose steps build on each other: one editor for the whole suite,
 * and after the first failure the rest are skipped instead of piling up timeouts. The object
 * returned is filled in before the first step runs.
 */
export function useEditorEnv(prefix: string, opts: EditorEnvOptions = {}): EditorEnv {
  const env = {} as EditorEnv;
  let started = false;
  let broken = false;
  before(async function () {
    // The first run installs code-server (minutes); later runs start in seconds.
    this.timeout(20 * 60_000);
    Object.assign(env, await startEditorEnv({ ...opts, prefix }));
    started = true;
  });
  beforeEach(function () {
    if (broken) this.skip();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') broken = true;
  });
  after(async function () {
    this.timeout(60_000);
    if (started) await env.dispose();
  });
  return env;
}

/** `fn` with an SDK client of the emulator itself (the test's own requests skip the counting proxy), destroyed after. */
export async function withEmulator<T>(env: EditorEnv, fn: (client: ReturnType<typeof sampleClient>) => Promise<T>): Promise<T> {
  const client = sampleClient(env.emulator.endpoint);
  try {
    return await fn(client);
  } finally {
    client.destroy();
  }
}

/** A stage of PetStore as the emulator holds it. */
export function emulatorStage(env: EditorEnv, stageName: string): Promise<Stage> {
  return withEmulator(env, (c) => c.send(new GetStageCommand({ restApiId: env.seeded.apis.PetStore.id, stageName })));
}

