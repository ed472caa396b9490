// `npm start`: the extension in a real VS Code (code-server) in your browser.
//
//   node out/test/harness/start.js          local emulator (moto) seeded with sample APIs,
//                                           a throw-away AWS profile `local` pointing at it
//   node out/test/harness/start.js --aws    your own AWS profiles (~/.aws, AWS_* env); also APIGW_USE_AWS=1
//   --emulator localstack                   LocalStack instead of moto (also APIGW_EMULATOR=localstack)
//   PORT=9000 node out/test/harness/start.js   another port (default 8080)
//   --no-build                              use the existing out/apigateway-stages.vsix as it is
//
// Builds and packages the extension, installs code-server on first use (minutes, cached in
// .cache/), prints the URL, and keeps running until Ctrl-C, which stops everything it started.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type CodeServer, ensureCodeServer, type Log, startCodeServer } from './codeServer';
import { type EmulatorKind, emulatorKind, startEmulator } from './emulator';
import { LOCAL_PROFILE, LOCAL_REGION, writeAwsFiles } from './awsProfiles';
import { buildVsix } from './buildVsix';
import { stageHostExtension } from './hostExtension';
import { portFree } from './net';
import { repoRoot } from './paths';
import { TagResourceCommand } from '@aws-sdk/client-api-gateway';
import { stageArn } from '../../src/model/arns';
import { sampleClient, seed } from './seed';

/** The view container the page should show on load (package.json `viewsContainers`). */
export const VIEW_CONTAINER = 'apigatewayStages';

const log: Log = (line) => console.log(`[start] ${line}`);

const cleanups: (() => Promise<unknown> | unknown)[] = [];
let stopping = false;
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (cleanups.length) log('stopping…');
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (e) {
      console.error(`[start] cleanup: ${(e as Error).message}`);
    }
  }
  process.exit(code);
}

/**
 * code-server as `npm start` runs it for a person: the extension installed in the profile and nothing
 * else; the test host's companion, which opens the API Gateway view when the page loads, runs as a
 * built-in extension, out of the profile the user sees. Its settings turn off port-forwarding pop-ups.
 */
export function startUserCodeServer(o: { vsix: string; port?: number; userSettings?: Record<string, unknown>; env?: Record<string, string | undefined>; dir: string; log: Log }): Promise<CodeServer> {
  return startCodeServer({
    vsixPaths: [o.vsix],
    builtinExtensionDirs: [stageHostExtension(o.dir)],
    port: o.port,
    userSettings: o.userSettings,
    env: { ...o.env, APIGW_HOST_OPEN_VIEW: VIEW_CONTAINER },
    workspaceFolder: path.join(o.dir, 'workspace'),
    log: o.log,
  });
}

/** `--emulator <kind>` or `--emulator=<kind>`, else APIGW_EMULATOR, else moto. */
function emulatorFlag(argv: string[]): EmulatorKind {
  const at = argv.findIndex((a) => a === '--emulator' || a.startsWith('--emulator='));
  if (at < 0) return emulatorKind();
  const value = argv[at].includes('=') ? argv[at].slice('--emulator='.length) : argv[at + 1];
  if (!value) throw new Error('--emulator needs a value: moto or localstack');
  return emulatorKind({ APIGW_EMULATOR: value });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const useAws = argv.includes('--aws') || process.env.APIGW_USE_AWS === '1';
  const build = !argv.includes('--no-build');
  const kind = emulatorFlag(argv);
  const port = Number(process.env.PORT || 8080);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT=${process.env.PORT} is not a port number`);
  // Before minutes of building: say at once when the port is taken.
  if (!(await portFree(port))) throw new Error(`Port ${port} on 127.0.0.1 is already in use. Stop what uses it, or run with PORT=<another port>.`);

  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void stopAll(0));

  const root = repoRoot();
  const vsix = build ? await buildVsix(log) : path.join(root, 'out', 'apigateway-stages.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`No ${vsix}: run without --no-build`);
  await ensureCodeServer(log);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-start-'));
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  let env: Record<string, string | undefined> = {};
  const userSettings: Record<string, unknown> = {};
  if (useAws) {
    log('using your own AWS profiles (--aws): nothing is emulated, calls go to AWS');
  } else {
    const emulator = await startEmulator({ log, kind, iamManagedPolicies: true });
    cleanups.push(() => emulator.stop());
    const seeded = await seed(emulator.endpoint, undefined, { deploymentsApart: true });
    await markStackManaged(emulator.endpoint, seeded.apis['Orders API'].id, 'v1', 'orders-stack');
    log(`${emulator.kind} ${emulator.endpoint} seeded with the sample APIs (PetStore, Orders API, Empty API) in ${LOCAL_REGION}; Orders API's v1 as made by the CloudFormation stack orders-stack`);
    env = writeAwsFiles(path.join(tmp, 'aws'), emulator.endpoint);
    userSettings['apigatewayStages.profile'] = LOCAL_PROFILE;
  }
  const server = await startUserCodeServer({ vsix, port, userSettings, env, dir: tmp, log });
  cleanups.push(() => server.stop());

  const watch = setInterval(() => {
    try {
      process.kill(server.pid, 0);
    } catch {
      clearInterval(watch);
      console.error(`[start] code-server stopped by itself:\n${server.logTail(20)}`);
      void stopAll(1);
    }
  }, 2000);
  cleanups.push(() => clearInterval(watch));

  console.log('');
  console.log(`  API Gateway Stages is running in VS Code (code-server):`);
  console.log(`    ${server.url}`);
  console.log(useAws ? '  Profiles: yours (~/.aws or AWS_CONFIG_FILE).' : `  Profile: ${LOCAL_PROFILE} (${kind}, region ${LOCAL_REGION}).`);
  console.log(`  Logs: ${server.logFile}`);
  console.log('  Press Ctrl-C to stop.');
  console.log('');
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`[start] ${e instanceof Error ? e.message : e}`);
    void stopAll(1);
  });
}

/** A stage tagged as CloudFormation tags what it makes, so a newcomer sees how an owned stage shows. */
async function markStackManaged(endpoint: string, restApiId: string, stageName: string, stack: string): Promise<void> {
  const client = sampleClient(endpoint);
  try {
    await client.send(new TagResourceCommand({ resourceArn: stageArn(LOCAL_REGION, restApiId, stageName), tags: { 'aws:cloudformation:stack-name': stack } }));
  } finally {
    client.destroy();
  }
}
