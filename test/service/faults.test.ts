// Every action of the extension against every fault, at the AWS layer: the same ApiGateway calls,
// plans (runPlan) and StageStore the commands use, with the real SDK through the fault-injecting
// proxy in front of moto. Each cell ends one of two ways: retried and succeeded (throttling and
// transient errors), or a message that says what happened and what to do, with AWS's state then
// read back as it is. Prints the matrix (action × fault → outcome) and its counts.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type APIGatewayClient, CreateStageCommand, GetAccountCommand, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import type { ApiGateway, Stage } from '../../src/aws/apiGateway';
import { DEFAULT_TIMEOUTS } from '../../src/aws/clientPool';
import type { Connection } from '../../src/aws/connection';
import { PlanCancelled, PlanError, runPlan } from '../../src/aws/planRunner';
import { type AwsSession } from '../../src/aws/session';
import { StageStore, withoutMetadata } from '../../src/aws/stageStore';
import { errorMessage, isCancellation } from '../../src/errors';
import { changeDeploymentPlan, createStagePlan, deletePlan, deployPlan, restorePlan } from '../../src/model/plans';
import { type ApiProxy, type FaultKind, matcher, startApiProxy } from '../harness/apiProxy';
import { type Emulator, startEmulator } from '../harness/emulator';
import { sampleClient, seed, type SeedResult } from '../harness/seed';
import { readySession } from '../harness/testSession';

/** Short timeouts for the hang cells; one test below checks the real defaults. */
const TEST_TIMEOUTS = { connectMs: 300, requestMs: 300, timeoutRetries: 1 };

interface FaultCase {
  readonly label: string;
  readonly kind: FaultKind;
  readonly times: number;
  readonly outcome: 'retried' | 'message';
  /** What the message must say: what happened and what to do. */
  readonly says?: RegExp;
}

const FAULTS: readonly FaultCase[] = [
  { label: '429 ×1', kind: 'throttle', times: 1, outcome: 'retried' },
  { label: '500 ×1', kind: 'error500', times: 1, outcome: 'retried' },
  { label: '503 ×1', kind: 'error503', times: 1, outcome: 'retried' },
  { label: 'reset ×1', kind: 'reset', times: 1, outcome: 'retried' },
  { label: 'hang ×1', kind: 'hang', times: 1, outcome: 'retried' },
  { label: '500 always', kind: 'error500', times: Infinity, outcome: 'message', says: /internal error \(HTTP 500.*tried 5 times.*try again/ },
  { label: '503 always', kind: 'error503', times: Infinity, outcome: 'message', says: /unavailable.*HTTP 503.*tried 5 times.*Try again/ },
  { label: 'reset always', kind: 'reset', times: Infinity, outcome: 'message', says: /connection to API Gateway was cut.*tried 2 times.*Check your network/ },
  { label: 'hang always', kind: 'hang', times: Infinity, outcome: 'message', says: /No answer from API Gateway within 0.3 s \(tried 2 times\): the request timed out\. Check/ },
  { label: 'truncated', kind: 'truncated', times: 1, outcome: 'message', says: /answer could not be read: cut short or not JSON \(HTTP 20[01]\)\. (Try again|If it was a change)/ },
  { label: 'HTML', kind: 'notJson', times: 1, outcome: 'message', says: /answered with a web page.*endpoint setting/ },
  { label: '403 denied', kind: 'accessDenied', times: 1, outcome: 'message', says: /not authorized.*IAM permissions do not allow this/ },
  { label: 'expired', kind: 'expiredToken', times: 1, outcome: 'message', says: /expired.*renew them/ },
  // AWS echoes the signed headers: the message must say what to do and carry no credential.
  { label: 'bad signature', kind: 'badSignature', times: 1, outcome: 'message', says: /^(?!.*(AWS4-HMAC-SHA256 Credential=|x-amz-security-token:[^\s*])).*refused or have expired.*renew them/s },
  { label: '404 gone', kind: 'notFound', times: 1, outcome: 'message', says: /no longer exists/ },
];

interface World {
  gateway: ApiGateway;
  store: StageStore;
  connection: Connection;
  direct: APIGatewayClient;
  api: string;
  deployments: string[];
}

interface Action {
  readonly name: string;
  /** The operation the fault hits. */
  readonly operation: string;
  /** Makes what the action needs (straight to moto). */
  readonly setup?: (w: World) => Promise<void>;
  readonly run: (w: World) => Promise<unknown>;
  /** Whether AWS holds the action's change (writes only): after a retry it must; after a message, only if the request got through. */
  readonly applied?: (w: World) => Promise<boolean>;
  /** Faults that cannot happen to this operation (a 404 of the account). */
  readonly notFor?: readonly FaultKind[];
}

/** DeleteStage and the flushes answer 202 with no body: there is nothing to cut short. */
const NO_BODY: readonly FaultKind[] = ['truncated'];

let cell = 0;
const stageOf = async (w: World, name: string): Promise<Stage | undefined> =>
  w.direct.send(new GetStageCommand({ restApiId: w.api, stageName: name })).then(withoutMetadata, () => undefined);
const fresh = (prefix: string) => `${prefix}${cell}`;

const ACTIONS: readonly Action[] = [
  { name: 'open the view', operation: 'GetRestApis', run: async (w) => assert.ok((await w.gateway.listRestApis()).some((a) => a.name === 'PetStore')), notFor: ['notFound'] },
  { name: 'expand Stages', operation: 'GetStages', run: async (w) => assert.ok((await w.store.forApi(w.connection, w.api, () => w.gateway).load()).some((s) => s.stageName === 'dev')) },
  { name: 'expand Resources', operation: 'GetResources', run: async (w) => assert.ok((await w.gateway.listResources(w.api)).length > 1) },
  { name: 'expand Deployments', operation: 'GetDeployments', run: async (w) => assert.ok((await w.gateway.listDeployments(w.api)).length >= 2) },
  {
    name: 'create',
    operation: 'CreateStage',
    run: (w) => runPlan(w.gateway, createStagePlan({ restApiId: w.api, stageName: fresh('new'), deploymentId: w.deployments[0] })),
    applied: async (w) => !!(await stageOf(w, fresh('new'))),
  },
  {
    name: 'change deployment',
    operation: 'UpdateStage',
    setup: (w) => w.direct.send(new UpdateStageCommand({ restApiId: w.api, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/deploymentId', value: w.deployments[0] }] })).then(),
    run: (w) => runPlan(w.gateway, changeDeploymentPlan(w.api, 'dev', w.deployments[1])),
    applied: async (w) => (await stageOf(w, 'dev'))?.deploymentId === w.deployments[1],
  },
  {
    name: 'deploy',
    operation: 'CreateDeployment',
    setup: async (w) => void (w.deployments = (await w.gateway.listDeployments(w.api)).map((d) => d.id!)),
    run: (w) => runPlan(w.gateway, deployPlan({ restApiId: w.api, stageName: 'dev', existing: true, description: fresh('deploy') })),
    applied: async (w) => (await w.gateway.listDeployments(w.api)).some((d) => d.description === fresh('deploy')),
  },
  {
    name: 'delete',
    operation: 'DeleteStage',
    setup: (w) => w.direct.send(new CreateStageCommand({ restApiId: w.api, stageName: fresh('del'), deploymentId: w.deployments[0] })).then(),
    run: (w) => runPlan(w.gateway, deletePlan(w.api, fresh('del'))),
    applied: async (w) => !(await stageOf(w, fresh('del'))),
    notFor: NO_BODY,
  },
  {
    name: 'restore',
    operation: 'CreateStage',
    run: (w) => runPlan(w.gateway, restorePlan(w.api, { stageName: fresh('back'), deploymentId: w.deployments[0], variables: { a: 'b' }, tracingEnabled: true })),
    applied: async (w) => (await stageOf(w, fresh('back')))?.variables?.a === 'b',
  },
  ...(['GetStage', 'GetResources', 'GetAccount'] as const).map((operation): Action => ({
    name: `open the editor (${operation})`,
    operation,
    run: (w) => allSettled([w.gateway.getStage(w.api, 'prod'), w.gateway.listResources(w.api), w.gateway.getAccount()]),
    notFor: operation === 'GetAccount' ? ['notFound'] : [],
  })),
  ...(['GetStage', 'UpdateStage'] as const).map((operation): Action => ({
    name: `save (${operation})`,
    operation,
    run: async (w) => {
      const stage = await w.gateway.getStage(w.api, 'test');
      assert.equal(stage.stageName, 'test');
      return w.gateway.updateStage(w.api, 'test', [{ op: 'replace', path: '/description', value: fresh('saved') }]);
    },
    applied: async (w) => (await stageOf(w, 'test'))?.description === fresh('saved'),
  })),
  {
    name: 'set the role',
    operation: 'UpdateAccount',
    run: (w) => w.gateway.setCloudWatchRoleArn(`arn:aws:iam::123456789012:role/${fresh('role')}`),
    applied: async (w) => (await w.direct.send(new GetAccountCommand({}))).cloudwatchRoleArn?.endsWith(`/${fresh('role')}`) ?? false,
    notFor: ['notFound'],
  },
  { name: 'flush stage cache', operation: 'FlushStageCache', run: (w) => w.gateway.flushStageCache(w.api, 'prod'), notFor: NO_BODY },
  { name: 'flush authorizers cache', operation: 'FlushStageAuthorizersCache', run: (w) => w.gateway.flushAuthorizersCache(w.api, 'prod'), notFor: NO_BODY },
];

describe('faults: every action × every fault, at the AWS layer', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let proxy: ApiProxy;
  let seeded: SeedResult;
  let dir: string;
  let session: AwsSession;
  let world: World;
  const outcomes = new Map<string, string>();

  before(async function () {
    this.timeout(600_000); // the first run on a machine installs moto into .cache/moto-venv
    emulator = await startEmulator();
    seeded = await seed(emulator.endpoint);
    proxy = await startApiProxy(emulator.endpoint);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-faults-'));
    fs.writeFileSync(path.join(dir, 'config'), `[profile local]\nregion = us-east-1\nendpoint_url = ${proxy.endpoint}\n`);
    fs.writeFileSync(path.join(dir, 'credentials'), '[local]\naws_access_key_id = test\naws_secret_access_key = test\n');
  });
  after(async () => {
    printMatrix(outcomes);
    await proxy?.close();
    await emulator?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A new session per cell: each client's retry quota starts full, as after a pause. */
  beforeEach(async () => {
    cell++;
    proxy.clearFaults();
    session = await readySession(dir);
    session.timeouts = TEST_TIMEOUTS;
    const api = seeded.apis.PetStore;
    world = {
      gateway: session.api(),
      store: new StageStore(),
      connection: session.state.kind === 'ready' ? session.state.connection : assert.fail(),
      direct: sampleClient(emulator.endpoint),
      api: api.id,
      deployments: [...api.deploymentIds],
    };
  });
  afterEach(() => {
    proxy.clearFaults();
    session.dispose();
    world.direct.destroy();
  });

  for (const action of ACTIONS) {
    describe(action.name, () => {
      for (const f of FAULTS) {
        if (action.notFor?.includes(f.kind)) continue;
        it(`${f.label} → ${f.outcome}`, async () => {
          await action.setup?.(world);
          const sent = proxy.requests.length;
          const fault = proxy.fault({ operation: action.operation, kind: f.kind, times: f.times, retryAfter: '0.2' });
          const error = await action.run(world).then(() => undefined, (e: unknown) => e);
          proxy.clearFaults();
          assert.ok(fault.hits >= 1, `the fault hit ${action.operation}`);
          const attempts = proxy.requests.slice(sent).filter((r) => matchesOperation(r, action.operation)).length;
          if (f.outcome === 'retried') {
            assert.equal(error, undefined, `expected a retry that succeeds; got: ${errorMessage(error)}`);
            assert.equal(attempts, 2, 'one failed attempt and one retry');
            if (action.applied) assert.ok(await action.applied(world), 'the change is in AWS');
          } else {
            assert.ok(error, 'expected a failure');
            const cause = error instanceof PlanError ? error.cause : error;
            assert.match(errorMessage(error), f.says!);
            assert.equal(errorMessage(error), errorMessage(cause), 'a failed plan says what its request said');
            assert.doesNotMatch(errorMessage(error), /Deserialization error|@smithy|\$response/, 'no SDK internals');
            // A failed read changed nothing; after a failed write whose fate is unknown, the message says to look.
            const unknownFate = ['error500', 'error503', 'reset', 'hang', 'truncated'].includes(f.kind);
            const maybeApplied = /may have been applied: refresh to see what AWS holds/;
            if (unknownFate && !action.operation.startsWith('Get')) assert.match(errorMessage(error), maybeApplied);
            else assert.doesNotMatch(errorMessage(error), maybeApplied);
            // Only a truncated answer came from moto: a write went through; every other fault answered in moto's place.
            const writeGotThrough = f.kind === 'truncated' && !action.operation.startsWith('Get');
            if (action.applied) assert.equal(await action.applied(world), writeGotThrough, 'AWS holds what got through');
          }
          outcomes.set(`${action.name}|${f.label}`, f.outcome);
        });
      }
    });
  }

  describe('a store read that fails leaves the store as AWS holds it', () => {
    it('GetStage 404 (deleted meanwhile) removes the stage; a 503 keeps what was known', async () => {
      const api = world.store.forApi(world.connection, world.api, () => world.gateway);
      await api.load();
      proxy.fault({ operation: 'GetStage', kind: 'error503', times: Infinity });
      await assert.rejects(api.reloadStage('prod'), (e) => /unavailable/.test(errorMessage(e)));
      assert.ok(api.get('prod'), 'a transient failure forgets nothing');
      proxy.clearFaults();
      proxy.fault({ operation: 'GetStage', kind: 'notFound' });
      assert.equal(await api.reloadStage('prod'), undefined);
      assert.ok(!api.names().includes('prod') && api.names().includes('dev'), 'a stage AWS no longer has is gone, the others stay');
    });
  });

  describe('a plan that fails part way, and Retry the Rest', () => {
    it('deploy: CreateDeployment done, UpdateStage fails (503 always): PlanError says what was done; the rest, retried, completes', async () => {
      await world.direct.send(new UpdateStageCommand({ restApiId: world.api, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/deploymentId', value: world.deployments[0] }] }));
      const plan = deployPlan({ restApiId: world.api, stageName: 'dev', existing: true, description: 'part way' });
      proxy.fault({ operation: 'UpdateStage', kind: 'error503', times: Infinity });
      const e = await runPlan(world.gateway, plan).then(() => assert.fail('expected a PlanError'), (x: unknown) => x);
      assert.ok(e instanceof PlanError);
      assert.deepEqual([e.done.map((r) => r.op), e.failed.op, e.rest.length], [['CreateDeployment'], 'UpdateStage', 0]);
      const made = e.partial.deployment?.id;
      assert.ok(made, 'the new deployment is reported');
      assert.equal((await stageOf(world, 'dev'))?.deploymentId, world.deployments[0], 'the stage did not move');
      proxy.clearFaults();
      const result = await runPlan(world.gateway, [e.failed, ...e.rest], e.partial);
      assert.equal(result.stage?.deploymentId, made);
      assert.equal((await stageOf(world, 'dev'))?.deploymentId, made);
      assert.equal((await world.gateway.listDeployments(world.api)).filter((d) => d.description === 'part way').length, 1, 'one deployment, not two');
    });
  });

  describe('cancel', () => {
    it('a cancel during a hung request ends it at once; AWS holds what was done; the rest was not sent', async () => {
      const name = fresh('cancel');
      const plan = restorePlan(world.api, { stageName: name, deploymentId: world.deployments[0], variables: { a: 'b' }, methodSettings: { '*/*': { metricsEnabled: true } } });
      assert.deepEqual(plan.map((r) => r.op), ['CreateStage', 'UpdateStage'], 'a two-step plan');
      session.timeouts = { ...TEST_TIMEOUTS, requestMs: 60_000 };
      world.gateway = session.api();
      proxy.fault({ operation: 'UpdateStage', kind: 'hang', times: Infinity });
      const abort = new AbortController();
      const sent = proxy.requests.length;
      const running = runPlan(world.gateway, plan, {}, abort.signal).then(() => assert.fail('expected a cancel'), (x: unknown) => x);
      await waitFor(() => proxy.requests.slice(sent).some((r) => r.startsWith('PATCH ')));
      abort.abort();
      const e = await running;
      assert.ok(e instanceof PlanCancelled);
      assert.ok(isCancellation(e), 'commands treat it as a cancel');
      assert.deepEqual([e.done.map((r) => r.op), e.failed.op, e.inFlight], [['CreateStage'], 'UpdateStage', true]);
      assert.equal(e.partial.stage?.stageName, name, 'what CreateStage returned is reported');
      const now = await stageOf(world, name);
      assert.ok(now, 'the stage CreateStage made is there');
      assert.equal(now.variables?.a, 'b', 'CreateStage took the variables');
    });

    it('a cancel between requests sends nothing more', async () => {
      const abort = new AbortController();
      abort.abort();
      const sent = proxy.requests.length;
      const e = await runPlan(world.gateway, createStagePlan({ restApiId: world.api, stageName: fresh('never'), deploymentId: world.deployments[0] }), {}, abort.signal).catch((x: unknown) => x);
      assert.ok(e instanceof PlanCancelled);
      assert.equal(e.inFlight, false);
      assert.equal(proxy.requests.length, sent, 'no request');
    });
  });

  describe('the real default timeouts', () => {
    it(`a hung GetStage ends with a message after at most 2 × ${DEFAULT_TIMEOUTS.requestMs / 1000} s`, async function () {
      this.timeout(2 * DEFAULT_TIMEOUTS.requestMs + 5_000);
      session.timeouts = DEFAULT_TIMEOUTS;
      proxy.fault({ operation: 'GetStage', kind: 'hang', times: Infinity });
      await assert.rejects(session.api().getStage(world.api, 'dev'), (e: unknown) => {
        assert.match(errorMessage(e), /No answer from API Gateway within 10 s \(tried 2 times\): the request timed out/);
        return true;
      });
    });
  });
});

/** Like Promise.all, but waits for every request: none is left to land in the next test. */
async function allSettled(all: Promise<unknown>[]): Promise<unknown[]> {
  const settled = await Promise.allSettled(all);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled;
}

/** Whether a request of the proxy's log (`METHOD /path`) is of this operation. */
function matchesOperation(request: string, operation: string): boolean {
  const [method, p] = request.split(' ');
  return matcher(operation)(method, p);
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(condition(), 'waited 4 s');
}

/** The matrix, one row per action, and its counts; a cell not reached (a failed test) shows FAIL. */
function printMatrix(outcomes: Map<string, string>): void {
  const width = Math.max(...ACTIONS.map((a) => a.name.length));
  const short = { retried: 'retry ok', message: 'message' } as Record<string, string>;
  const lines = [`${'action'.padEnd(width)} | ${FAULTS.map((f) => f.label.padEnd(12)).join(' | ')}`];
  const counts: Record<string, number> = { 'retried and succeeded': 0, 'message': 0, 'n/a': 0, 'FAILED': 0 };
  for (const a of ACTIONS) {
    const cells = FAULTS.map((f) => {
      if (a.notFor?.includes(f.kind)) {
        counts['n/a']++;
        return 'n/a';
      }
      const o = outcomes.get(`${a.name}|${f.label}`);
      counts[o === 'retried' ? 'retried and succeeded' : o === 'message' ? 'message' : 'FAILED']++;
      return o ? short[o] : 'FAILED';
    });
    lines.push(`${a.name.padEnd(width)} | ${cells.map((c) => c.padEnd(12)).join(' | ')}`);
  }
  console.log(`\nFault matrix (action × fault → outcome):\n${lines.join('\n')}`);
  console.log(`Fault matrix counts: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
}
