// Every action of the extension against every fault, at the AWS layer: the same ApiGateway calls,
// plans (runPlan) and StageStore the commands use, with the real SDK through the fault-injecting
// proxy in front of the emulator. What a cell must end in depends on what the fault hits: a read is
// retried or fails saying nothing changed; an idempotent write (the role, a flush) is retried by the
// SDK; a guarded write (create, change deployment, deploy, delete, restore, save) is never sent
// blindly twice: a lost answer is read back, and the plan goes on (recovered) or sends it once more.
// Each cell ends retried and succeeded, recovered, coerced (an answer's types), or a message that
// says what happened, whether the change was applied, and what to do; AWS's state is then read back.
// Prints the matrix (action × fault → outcome) and its counts.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  APIGatewayClient, CreateDeploymentCommand, CreateDomainNameCommand, CreateStageCommand, CreateUsagePlanCommand, GetAccountCommand, GetBasePathMappingCommand, GetStageCommand,
  GetUsagePlanCommand, type PatchOperation, UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { promoteOps, REMOVE_CANARY } from '../../src/model/canary';
import { emulatorKind } from '../harness/emulatorKind';
import type { ApiGateway, Stage } from '../../src/aws/apiGateway';
import { DEFAULT_TIMEOUTS, GUARDED_WRITES } from '../../src/aws/clientPool';
import type { Connection } from '../../src/aws/connection';
import { type PlanResult, runPlan } from '../../src/aws/planRunner';
import { type AwsSession } from '../../src/aws/session';
import { StageStore, withoutMetadata } from '../../src/aws/stageStore';
import { errorMessage, isCancellation, PlanCancelled, PlanError } from '../../src/errors';
import { changeDeploymentPlan, deleteDeploymentPlan, deletePlan, deployPlan, deploymentDescriptionPlan, flushPlan, setRolePlan, updateStageSteps } from '../../src/model/plans';
import { createStagePlan, restorePlan } from '../../src/model/rebuild';
import { stageArn } from '../../src/model/arns';
import { webAclPlan } from '../../src/model/webAcl';
import { publishDocumentationPlan } from '../../src/model/documentationVersion';
import { CreateWebACLCommand, ListWebACLsCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { CreatePolicyCommand, CreateRoleCommand, GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { CloudWatchLogsClient, CreateLogGroupCommand, DeleteRetentionPolicyCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { APIGATEWAY_TRUST_POLICY, PUSH_TO_CLOUDWATCH_POLICY } from '../../src/model/cloudWatch';
import { fixTrustPlan, retentionPlan } from '../../src/model/loggingPlans';
import { NO_REFERENCES, type StageReferences } from '../../src/model/references';
import { type ApiProxy, type FaultKind, FORWARDED, isOperation, startApiProxy } from '../harness/apiProxy';
import { type Emulator, startEmulator } from '../harness/emulator';
import { sampleClient, seed, type SeedResult } from '../harness/seed';
import { readySession } from '../harness/testSession';

/** Signs nothing: the emulators take the region and service from the credential scope (for raw requests). */
const SIGNED_AS_TEST = 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0';

/** Short timeouts for the hang and delay cells; one test below checks the real defaults. */
const TEST_TIMEOUTS = { connectMs: 300, requestMs: 300, timeoutRetries: 1 };

/** What the faulted request is: a read, a write the SDK may send again, a write sent again only after a read-back. */
type Kind = 'read' | 'idempotent' | 'guarded';
const kindOf = (operation: string): Kind => (GUARDED_WRITES.has(operation) ? 'guarded' : /^Get/.test(operation) ? 'read' : 'idempotent');

type Outcome = 'retried' | 'recovered' | 'coerced' | 'message';

/**
 * What a message says of the change. `nothing`: a read, nothing changed (no word of a change applied).
 * `refused`: AWS answered no (the message says why, and no word of a change applied). `maybe`: the
 * change may or may not have been applied. `not applied`: a read-back showed it is not there.
 */
type Fate = 'nothing' | 'refused' | 'maybe' | 'not applied';

interface Expected {
  readonly outcome: Outcome;
  /** What the message must say: what happened and what to do. */
  readonly says?: RegExp;
  readonly fate?: Fate;
}

interface FaultCase {
  readonly label: string;
  readonly kind: FaultKind;
  readonly times: number;
  readonly expect: (kind: Kind) => Expected;
}

const retried = (): Expected => ({ outcome: 'retried' });
/** The answer is lost but the request was applied: a guarded write reads it back; the others are sent again. */
const lost = (k: Kind): Expected => ({ outcome: k === 'guarded' ? 'recovered' : 'retried' });
/** A message; what it says of the change follows from the kind of request and whether AWS or something else answered. */
const message = (says: RegExp, writeFate: Fate) => (k: Kind): Expected => ({ outcome: 'message', says, fate: k === 'read' ? 'nothing' : writeFate });
/** Every attempt fails: the SDK tries reads and idempotent writes `sdkTries` times; a guarded write is sent twice, read back after each. */
const always = (says: (tries: number) => RegExp, sdkTries: number) => (k: Kind): Expected =>
  k === 'guarded' ? { outcome: 'message', says: says(2), fate: 'not applied' } : { outcome: 'message', says: says(sdkTries), fate: k === 'read' ? 'nothing' : 'maybe' };

const NOT_API_GATEWAY = (status: string) => new RegExp(`^The endpoint answered .*\\(HTTP ${status}\\), not what API Gateway answers to \\w+: a proxy, or a wrong endpoint setting\\? .*Check the endpoint setting`);
const WEB_PAGE = /answered with a web page.*endpoint setting/;
const UNREADABLE = /answer could not be read: cut short or not JSON \(HTTP 20[01]\)\. (Try again|If it was a change)/;

const FAULTS: readonly FaultCase[] = [
  { label: '429 ×1', kind: 'throttle', times: 1, expect: retried },
  { label: '500 ×1', kind: 'error500', times: 1, expect: retried },
  { label: '503 ×1', kind: 'error503', times: 1, expect: retried },
  { label: 'reset ×1', kind: 'reset', times: 1, expect: retried },
  { label: 'hang ×1', kind: 'hang', times: 1, expect: retried },
  { label: '500 always', kind: 'error500', times: Infinity, expect: always((n) => new RegExp(`internal error \\(HTTP 500.*tried ${n} times.*try again`), 5) },
  { label: '503 always', kind: 'error503', times: Infinity, expect: always((n) => new RegExp(`unavailable.*HTTP 503.*tried ${n} times.*Try again`), 5) },
  { label: 'reset always', kind: 'reset', times: Infinity, expect: always((n) => new RegExp(`connection to API Gateway was cut.*tried ${n} times.*Check your network`), 2) },
  { label: 'hang always', kind: 'hang', times: Infinity, expect: always((n) => new RegExp(`No answer from API Gateway within 0.3 s \\(tried ${n} times\\): the request timed out\\. Check`), 2) },
  // Forwarded, the body cut in half: a guarded write reads back and finds it applied.
  { label: 'truncated', kind: 'truncated', times: 1, expect: (k) => (k === 'guarded' ? lost(k) : message(UNREADABLE, 'maybe')(k)) },
  { label: 'HTML', kind: 'notJson', times: 1, expect: message(WEB_PAGE, 'maybe') },
  { label: '403 denied', kind: 'accessDenied', times: 1, expect: message(/not authorized.*IAM permissions do not allow this/, 'refused') },
  { label: 'expired', kind: 'expiredToken', times: 1, expect: message(/expired.*renew them/, 'refused') },
  // AWS echoes the signed headers: the message must say what to do and carry no credential.
  { label: 'bad signature', kind: 'badSignature', times: 1, expect: message(/^(?!.*(AWS4-HMAC-SHA256 Credential=|x-amz-security-token:[^\s*])).*refused or have expired.*renew them/s, 'refused') },
  { label: '404 gone', kind: 'notFound', times: 1, expect: message(/no longer exists/, 'refused') },
  // Applied, then the answer is lost: the connection cut, or held past the client's timeout.
  { label: 'drop answer', kind: 'dropAnswer', times: 1, expect: lost },
  { label: 'delay answer', kind: 'delayAnswer', times: 1, expect: lost },
  // Not API Gateway's answers, made up in its place (nothing applied): never taken for success.
  { label: 'text OK', kind: 'textOk', times: 1, expect: message(UNREADABLE, 'maybe') },
  { label: '204 empty', kind: 'noContent', times: 1, expect: message(NOT_API_GATEWAY('204'), 'maybe') },
  { label: '200 empty', kind: 'emptyOk', times: 1, expect: message(NOT_API_GATEWAY('200'), 'maybe') },
  { label: 'blank+HTML', kind: 'htmlAfterBlankLines', times: 1, expect: message(WEB_PAGE, 'maybe') },
  { label: 'foreign JSON', kind: 'foreignJson', times: 1, expect: message(NOT_API_GATEWAY('200'), 'maybe') },
  // The emulator's answer, retyped: "300" for 300 is read as AWS's type; "yes" for a boolean is refused.
  { label: 'string types', kind: 'stringTypes', times: 1, expect: () => ({ outcome: 'coerced' }) },
  { label: 'bad types', kind: 'badTypes', times: 1, expect: message(/answered "yes" where \S+ is true or false \(HTTP 20[01]\)/, 'maybe') },
];

/** What each fate must read like. */
const FATE_TEXT: Record<Fate, (m: string) => void> = {
  'nothing': (m) => assert.doesNotMatch(m, /applied/, 'a read changed nothing'),
  'refused': (m) => assert.doesNotMatch(m, /applied/, 'AWS refused it: nothing to say of a change applied'),
  'maybe': (m) => assert.match(m, /(may have been applied: refresh to see what AWS holds|may or may not have been applied)/),
  'not applied': (m) => assert.match(m, /Nothing was changed: reading it back showed the change is not there\. Try again\./),
};

interface World {
  gateway: ApiGateway;
  store: StageStore;
  connection: Connection;
  direct: APIGatewayClient;
  api: string;
  region: string;
  deployments: string[];
}

interface Action {
  readonly name: string;
  /** The operation the fault hits. */
  readonly operation: string;
  /** The read the plan runner makes after a guarded write's answer was lost. */
  readonly readBack?: string;
  /** Makes what the action needs (straight to the emulator). */
  readonly setup?: (w: World) => Promise<void>;
  readonly run: (w: World) => Promise<unknown>;
  /** Whether AWS holds the action's change (writes only): after a success it must; after a message, only if the request got through. */
  readonly applied?: (w: World) => Promise<boolean>;
  /** Checks what a successful run returned (the stage, the deployment, the account, as AWS holds them). */
  readonly returns?: (w: World, result: PlanResult) => void;
  /** Writes sent through the runner's guard: each at most twice, never a 409 of our own resend. */
  readonly guarded?: boolean;
  /** Faults that cannot happen to this operation, or change nothing it reads. */
  readonly notFor?: readonly FaultKind[];
}

/** DeleteStage and the flushes answer 202 with no body: nothing to cut short or retype. */
const NO_BODY: readonly FaultKind[] = ['truncated', 'stringTypes', 'badTypes'];

let cell = 0;
/** The deployment the delete action made for its cell. */
let unused = '';
const stageOf = async (w: World, name: string): Promise<Stage | undefined> =>
  w.direct.send(new GetStageCommand({ restApiId: w.api, stageName: name })).then(withoutMetadata, () => undefined);
const fresh = (prefix: string) => `${prefix}${cell}`;
const moveDev = async (w: World, deploymentId: string): Promise<void> =>
  void (await w.direct.send(new UpdateStageCommand({ restApiId: w.api, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/deploymentId', value: deploymentId }] })));

/** The deployments the deploy action made (never more than one). */
async function deploymentsMade(w: World): Promise<string[]> {
  const made = (await w.gateway.listDeployments(w.api)).filter((d) => d.description === fresh('deploy')).map((d) => d.id!);
  assert.ok(made.length <= 1, `one deployment, not ${made.length}: a CreateDeployment was sent again after it was applied`);
  return made;
}

/** A deleted stage as its snapshot holds it: what restore makes again. */
const SNAPSHOT = (name: string): Stage => ({ stageName: name, variables: { a: 'b' }, tracingEnabled: true });

const ACTIONS: readonly Action[] = [
  // badTypes on the lists below turns booleans the extension never reads (disableExecuteApiEndpoint, a method's apiKeyRequired), or none.
  { name: 'open the view', operation: 'GetRestApis', run: (w) => read(w.gateway.listRestApis(), (apis) => apis.some((a) => a.name === 'PetStore')), notFor: ['notFound', 'badTypes'] },
  { name: 'expand Stages', operation: 'GetStages', run: (w) => read(w.store.forApi(w.connection, w.api, () => w.gateway).load(), (stages) => stages.some((s) => s.stageName === 'dev')) },
  { name: 'expand Resources', operation: 'GetResources', run: (w) => read(w.gateway.listResources(w.api), (resources) => resources.length > 1), notFor: ['badTypes'] },
  { name: 'expand Deployments', operation: 'GetDeployments', run: (w) => read(w.gateway.listDeployments(w.api), (deployments) => deployments.length >= 2), notFor: ['badTypes'] },
  {
    name: 'create',
    operation: 'CreateStage',
    readBack: 'GetStage',
    guarded: true,
    run: (w) => runPlan(w.gateway, createStagePlan({ restApiId: w.api, region: w.region, stageName: fresh('new'), deploymentId: w.deployments[0] }).plan),
    applied: async (w) => (await stageOf(w, fresh('new')))?.deploymentId === w.deployments[0],
    returns: (w, r) => assert.deepEqual([r.stage?.stageName, r.stage?.deploymentId], [fresh('new'), w.deployments[0]]),
  },
  {
    name: 'change deployment',
    operation: 'UpdateStage',
    readBack: 'GetStage',
    guarded: true,
    setup: (w) => moveDev(w, w.deployments[0]),
    run: (w) => runPlan(w.gateway, changeDeploymentPlan(w.api, 'dev', w.deployments[1])),
    applied: async (w) => (await stageOf(w, 'dev'))?.deploymentId === w.deployments[1],
    returns: (w, r) => assert.deepEqual([r.stage?.stageName, r.stage?.deploymentId], ['dev', w.deployments[1]]),
  },
  {
    name: 'deploy',
    operation: 'CreateDeployment',
    readBack: 'GetDeployments',
    guarded: true,
    run: (w) => runPlan(w.gateway, deployPlan({ restApiId: w.api, stageName: 'dev', existing: true, description: fresh('deploy') })),
    applied: async (w) => {
      const made = await deploymentsMade(w);
      return made.length === 1 && (await stageOf(w, 'dev'))?.deploymentId === made[0];
    },
    returns: (w, r) => assert.deepEqual([r.deployment?.description, r.stage?.deploymentId], [fresh('deploy'), r.deployment?.id]),
    notFor: ['badTypes'], // a deployment has no boolean
  },
  {
    name: 'delete',
    operation: 'DeleteStage',
    readBack: 'GetStage',
    guarded: true,
    setup: (w) => w.direct.send(new CreateStageCommand({ restApiId: w.api, stageName: fresh('del'), deploymentId: w.deployments[0] })).then(),
    run: (w) => runPlan(w.gateway, deletePlan(w.api, fresh('del'))),
    applied: async (w) => !(await stageOf(w, fresh('del'))),
    returns: (_w, r) => assert.equal(r.stage, undefined),
    notFor: NO_BODY,
  },
  {
    name: 'restore',
    operation: 'CreateStage',
    readBack: 'GetStage',
    guarded: true,
    run: (w) => runPlan(w.gateway, restorePlan(SNAPSHOT(fresh('back')), NO_REFERENCES, { restApiId: w.api, region: w.region, stageName: fresh('back'), deploymentId: w.deployments[0], canary: 'keep' }).plan),
    applied: async (w) => (await stageOf(w, fresh('back')))?.variables?.a === 'b',
    returns: (_w, r) => assert.deepEqual([r.stage?.stageName, r.stage?.variables?.a], [fresh('back'), 'b']),
  },
  ...(['GetStage', 'GetResources', 'GetAccount'] as const).map((operation): Action => ({
    name: `open the editor (${operation})`,
    operation,
    run: (w) => allSettled([w.gateway.getStage(w.api, 'prod'), w.gateway.listResources(w.api), w.gateway.getAccount()]),
    // An account has no boolean; a resource's are not read (only its methods' names).
    notFor: operation === 'GetAccount' ? ['notFound', 'badTypes'] : operation === 'GetResources' ? ['badTypes'] : [],
  })),
  // The editor's save: the stage is read before the write (read before write), then the plan runs.
  ...(['GetStage', 'UpdateStage'] as const).map((operation): Action => ({
    name: `save (${operation})`,
    operation,
    readBack: 'GetStage',
    guarded: true,
    run: async (w) => {
      const stage = await w.gateway.getStage(w.api, 'test');
      assert.equal(stage.stageName, 'test');
      return { ...(await runPlan(w.gateway, updateStageSteps(w.api, 'test', [{ op: 'replace', path: '/description', value: fresh('saved') }]))), read: stage };
    },
    applied: async (w) => (await stageOf(w, 'test'))?.description === fresh('saved'),
    returns: (_w, r) => assert.equal(r.stage?.description, fresh('saved')),
  })),
  {
    name: 'set the role',
    operation: 'UpdateAccount',
    run: (w) => runPlan(w.gateway, setRolePlan(`arn:aws:iam::123456789012:role/${fresh('role')}`)),
    applied: async (w) => (await w.direct.send(new GetAccountCommand({}))).cloudwatchRoleArn?.endsWith(`/${fresh('role')}`) ?? false,
    returns: (_w, r) => assert.match(r.account?.cloudwatchRoleArn ?? '', new RegExp(`/${fresh('role')}$`)),
    notFor: ['notFound', 'badTypes'], // an account has no boolean
  },
  { name: 'flush stage cache', operation: 'FlushStageCache', run: (w) => runPlan(w.gateway, flushPlan('FlushStageCache', w.api, 'prod')), notFor: NO_BODY },
  { name: 'flush authorizers cache', operation: 'FlushStageAuthorizersCache', run: (w) => runPlan(w.gateway, flushPlan('FlushStageAuthorizersCache', w.api, 'prod')), notFor: NO_BODY },
  {
    // moto has no UpdateDeployment: the proxy keeps the description (apiProxy.ts), so it is read through the proxy.
    name: 'edit deployment description',
    operation: 'UpdateDeployment',
    readBack: 'GetDeployment',
    guarded: true,
    run: (w) => runPlan(w.gateway, deploymentDescriptionPlan(w.api, w.deployments[0], fresh('described'))),
    applied: async (w) => (await w.gateway.getDeployment(w.api, w.deployments[0]))?.description === fresh('described'),
    returns: (w, r) => assert.deepEqual([r.deployment?.id, r.deployment?.description], [w.deployments[0], fresh('described')]),
    notFor: ['badTypes'], // a deployment has no boolean
  },
  {
    name: 'delete deployment',
    operation: 'DeleteDeployment',
    readBack: 'GetDeployments',
    guarded: true,
    // A deployment no stage runs: AWS refuses to delete the others.
    setup: async (w) => void (unused = (await w.direct.send(new CreateDeploymentCommand({ restApiId: w.api, description: fresh('unused') }))).id!),
    run: (w) => runPlan(w.gateway, deleteDeploymentPlan(w.api, unused)),
    applied: async (w) => !(await w.gateway.listDeployments(w.api)).some((d) => d.id === unused),
    returns: (_w, r) => assert.equal(r.deployment, undefined),
    notFor: NO_BODY,
  },
  ...securityActions(),
  ...loggingActions(),
];

describe('faults: every action × every fault, at the AWS layer', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let proxy: ApiProxy;
  let seeded: SeedResult;
  let dir: string;
  let session: AwsSession;
  let world: World;
  const outcomes = new Map<string, Outcome>();

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
      region: seeded.region,
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
        const kind = kindOf(action.operation);
        const expected = f.expect(kind);
        it(`${f.label} → ${expected.outcome}`, async () => {
          await action.setup?.(world);
          const from = proxy.requests.length;
          const fault = proxy.fault({ operation: action.operation, kind: f.kind, times: f.times, retryAfter: '0.2' });
          let result: unknown;
          const error = await action.run(world).then((r) => void (result = r), (e: unknown) => e);
          proxy.clearFaults();
          assert.ok(fault.hits >= 1, `the fault hit ${action.operation}`);
          if (f.kind === 'stringTypes' || f.kind === 'badTypes') assert.ok(fault.altered > 0, 'the fault changed a value of the answer');
          const log = proxy.requests.slice(from);
          const sends = log.flatMap((r, i) => (isOperation(r, action.operation) ? [i] : []));
          const writeGotThrough = expected.outcome !== 'message' || (FORWARDED.has(f.kind) && kind !== 'read');
          if (expected.outcome === 'message') {
            assert.ok(error, 'expected a failure');
            const text = errorMessage(error);
            const cause = error instanceof PlanError ? error.cause : error;
            assert.match(text, expected.says!);
            assert.equal(text, errorMessage(cause), 'a failed plan says what its request said');
            assert.doesNotMatch(text, /Deserialization error|@smithy|\$response/, 'no SDK internals');
            FATE_TEXT[expected.fate!](text);
            // A guarded write is sent again only after a read-back showed it was not applied.
            if (kind === 'guarded') assert.equal(sends.length, expected.fate === 'not applied' ? 2 : 1, `${action.operation} sent: ${log.join(', ')}`);
          } else {
            assert.equal(error, undefined, `expected success; got: ${errorMessage(error)}`);
            const once = expected.outcome !== 'retried';
            assert.equal(sends.length, once ? 1 : 2, once ? 'sent once' : 'one failed attempt and one retry');
            if (expected.outcome === 'recovered') {
              assert.ok(log.slice(sends[0] + 1).some((r) => isOperation(r, action.readBack!)), `${action.readBack} read back after the lost answer: ${log.join(', ')}`);
            }
            if (expected.outcome === 'retried' && kind === 'guarded' && f.kind !== 'throttle') {
              assert.ok(log.slice(sends[0] + 1, sends[1]).some((r) => isOperation(r, action.readBack!)), `read back before the second send: ${log.join(', ')}`);
            }
            if (action.returns && result) action.returns(world, result as PlanResult);
            // What reaches the tree and the form has AWS's types ("300" became 300); resources have none the extension reads.
            if (expected.outcome === 'coerced') assert.ok(typedValues(result) > 0 || action.operation === 'GetResources', 'the answer had typed values');
          }
          if (action.applied) assert.equal(await action.applied(world), writeGotThrough, writeGotThrough ? 'AWS holds the change' : 'AWS does not hold the change');
          if (action.guarded) {
            const writes = log.filter((r) => !r.startsWith('GET '));
            for (const w of new Set(writes)) assert.ok(writes.filter((x) => x === w).length <= 2, `${w} sent more than twice: ${log.join(', ')}`);
            if (error) assert.doesNotMatch(errorMessage(error), /already exists|HTTP 409|ConflictException/, 'no conflict with our own first send');
          }
          outcomes.set(`${action.name}|${f.label}`, expected.outcome);
        });
      }
    });
  }

  describe("the proxy's faults do what they say (else the matrix could pass for nothing)", () => {
    /** The SDK alone through the proxy: one attempt, none of the extension's checks. */
    const bare = (requestMs: number) => new APIGatewayClient({
      endpoint: proxy.endpoint, region: world.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1,
      requestHandler: { requestTimeout: requestMs, throwOnRequestTimeout: true },
    });
    const create = (client: APIGatewayClient, name: string) => client.send(new CreateStageCommand({ restApiId: world.api, stageName: name, deploymentId: world.deployments[0] }));
    const failure = (p: Promise<unknown>) => p.then(() => assert.fail('expected a failure'), (e: unknown) => e as { name?: string; code?: string; message?: string });

    it('dropAnswer: the write is applied and the client sees its connection reset', async () => {
      const client = bare(5_000);
      const fault = proxy.fault({ operation: 'CreateStage', kind: 'dropAnswer' });
      const e = await failure(create(client, fresh('drop')));
      client.destroy();
      assert.match(`${e.code} ${e.message}`, /ECONNRESET|socket hang up/);
      assert.equal(fault.hits, 1);
      assert.equal((await stageOf(world, fresh('drop')))?.deploymentId, world.deployments[0], 'the stage is in the emulator');
    });

    it('delayAnswer: the write is applied and the client times out; a client that waits gets the answer, or a reset (afterDelay drop)', async () => {
      const impatient = bare(TEST_TIMEOUTS.requestMs);
      proxy.fault({ operation: 'CreateStage', kind: 'delayAnswer' });
      const e = await failure(create(impatient, fresh('late')));
      impatient.destroy();
      assert.equal(e.name, 'TimeoutError', e.message);
      assert.ok(await stageOf(world, fresh('late')), 'the stage is in the emulator');
      const patient = bare(10_000);
      proxy.fault({ operation: 'CreateStage', kind: 'delayAnswer', delayMs: 400 });
      assert.equal((await create(patient, fresh('waited'))).stageName, fresh('waited'), 'the held answer is written');
      proxy.fault({ operation: 'CreateStage', kind: 'delayAnswer', delayMs: 400, afterDelay: 'drop' });
      assert.match(`${(await failure(create(patient, fresh('dropped')))).message}`, /ECONNRESET|socket hang up/);
      patient.destroy();
      assert.ok(await stageOf(world, fresh('dropped')), 'the stage is in the emulator');
    });

    it('the made-up answers are exactly what they say, and nothing reaches the emulator', async () => {
      const post = (name: string) => fetch(`${proxy.endpoint}/restapis/${world.api}/stages`, {
        method: 'POST',
        headers: { 'authorization': SIGNED_AS_TEST, 'content-type': 'application/json' },
        body: JSON.stringify({ stageName: name, deploymentId: world.deployments[0] }),
      });
      const made: [FaultKind, number, string | null, (body: string) => boolean][] = [
        ['textOk', 200, 'text/plain', (b) => b === 'OK'],
        ['noContent', 204, null, (b) => b === ''],
        ['emptyOk', 200, 'application/json', (b) => b === ''],
        ['htmlAfterBlankLines', 200, 'text/html', (b) => /^\n{70}<!DOCTYPE html>/.test(b) && !/^\n{71}/.test(b)],
        ['foreignJson', 200, 'application/json', (b) => b === '{"message":"hello"}'],
      ];
      for (const [kind, status, type, body] of made) {
        const name = fresh(kind.toLowerCase());
        proxy.fault({ operation: 'CreateStage', kind });
        const res = await post(name);
        const text = await res.text();
        assert.deepEqual([res.status, res.headers.get('content-type'), body(text)], [status, type, true], `${kind}: ${res.status} ${JSON.stringify(text.slice(0, 80))}`);
        assert.equal(await stageOf(world, name), undefined, `${kind}: not applied`);
      }
      // The same request with no fault makes the stage: "not applied" above is the fault's doing.
      assert.ok((await post(fresh('control'))).ok);
      assert.ok(await stageOf(world, fresh('control')), 'the request without a fault is applied');
    });

    it("stringTypes and badTypes retype the emulator's own answer, and nothing else", async () => {
      const get = async () => (await fetch(`${proxy.endpoint}/restapis/${world.api}/stages/prod`, { headers: { authorization: SIGNED_AS_TEST } })).json() as Promise<unknown>;
      const plain = await get();
      const leaves = (v: unknown, at = ''): [string, unknown][] =>
        v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => leaves(x, `${at}/${k}`)) : [[at, v]];
      const typed = leaves(plain).filter(([, v]) => typeof v === 'boolean' || typeof v === 'number');
      assert.ok(typed.some(([, v]) => typeof v === 'boolean') && typed.some(([, v]) => typeof v === 'number'), 'the stage has booleans and numbers to retype');
      for (const kind of ['stringTypes', 'badTypes'] as const) {
        const fault = proxy.fault({ operation: 'GetStage', kind });
        const retyped = new Map(leaves(await get()));
        const want = (v: unknown) => (typeof v === 'boolean' ? (kind === 'badTypes' ? 'yes' : String(v)) : typeof v === 'number' && kind === 'stringTypes' ? String(v) : v);
        assert.deepEqual([...retyped.keys()], leaves(plain).map(([k]) => k), `${kind}: the same fields`);
        for (const [at, v] of leaves(plain)) assert.equal(retyped.get(at), want(v), `${kind} ${at}`);
        assert.equal(fault.altered, typed.filter(([, v]) => kind === 'stringTypes' || typeof v === 'boolean').length, `${kind}: counted`);
      }
    });

    it('OPERATIONS names what the SDK sends, STS and WAF v2 on POST / told apart', async () => {
      const g = world.gateway;
      const webAcl = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/acl/1234';
      const stage = stageArn(world.region, world.api, 'prod');
      const calls: [string, () => Promise<unknown>][] = [
        ['GetUsagePlan', () => g.getUsagePlan('nope')],
        ['UpdateUsagePlan', () => g.send({ op: 'UpdateUsagePlan', usagePlanId: 'nope', usagePlanName: 'x', patchOperations: [{ op: 'add', path: '/apiStages', value: `${world.api}:prod` }] })],
        ['GetBasePathMapping', () => g.getBasePathMapping('api.example.com', 'v1')],
        ['CreateBasePathMapping', () => g.send({ op: 'CreateBasePathMapping', domainName: 'api.example.com', basePath: 'v1', restApiId: world.api, stage: 'prod' })],
        ['GetClientCertificate', () => g.clientCertificateExists('nope')],
        ['GetDocumentationVersion', () => g.documentationVersionExists(world.api, '1')],
        ['GetApiMappings', () => g.apiMappingKeys('api.example.com')],
        ['CreateApiMapping', () => g.send({ op: 'CreateApiMapping', domainName: 'api.example.com', apiMappingKey: 'v1/orders', apiId: world.api, stage: 'prod' })],
        ['GetCallerIdentity', () => g.accountId()],
        ['AssociateWebACL', () => g.send({ op: 'AssociateWebACL', webAclArn: webAcl, resourceArn: stage, stageName: 'prod' })],
        ['GetWebACL', () => g.webAclExists(webAcl)],
        ['GetWebACLForResource', () => g.webAclOf(stage)],
      ];
      for (const [operation, call] of calls) {
        // A 404 is not retried: the one request the call sent, and only it, meets the fault.
        const fault = proxy.fault({ operation, kind: 'notFound', times: Infinity });
        const from = proxy.requests.length;
        await call().catch(() => undefined);
        fault.clear();
        const sent = proxy.requests.slice(from);
        assert.equal(fault.hits, 1, `${operation}: ${sent.join(', ')}`);
        assert.equal(sent.filter((r) => isOperation(r, operation)).length, 1, `${operation} names one request: ${sent.join(', ')}`);
      }
      assert.ok(proxy.requests.includes('POST / Action=GetCallerIdentity') && proxy.requests.includes('POST / AWSWAF_20190729.AssociateWebACL'), 'the log names what POST / calls');
    });
  });

  describe("a restore's base path mapping and usage plan: a lost answer is read back too", () => {
    const DOMAIN = 'api.example.com';
    let domainMade = false;
    interface Other {
      readonly operation: 'UpdateUsagePlan' | 'CreateBasePathMapping';
      readonly readBack: string;
      /** What the snapshot held (made in the emulator first), and whether AWS now holds it for `stage`. */
      readonly refs: (w: World) => Promise<StageReferences>;
      readonly applied: (w: World, refs: StageReferences, stage: string) => Promise<boolean>;
    }
    const OTHERS: readonly Other[] = [
      {
        operation: 'UpdateUsagePlan',
        readBack: 'GetUsagePlan',
        refs: async (w) => ({ mappings: [], usagePlans: [{ id: (await w.direct.send(new CreateUsagePlanCommand({ name: fresh('plan') }))).id!, name: fresh('plan') }] }),
        applied: async (w, refs, stage) =>
          !!(await w.direct.send(new GetUsagePlanCommand({ usagePlanId: refs.usagePlans[0].id }))).apiStages?.some((s) => s.apiId === w.api && s.stage === stage),
      },
      {
        operation: 'CreateBasePathMapping',
        readBack: 'GetBasePathMapping',
        refs: async (w) => {
          if (!domainMade) await w.direct.send(new CreateDomainNameCommand({ domainName: DOMAIN, regionalCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/test', endpointConfiguration: { types: ['REGIONAL'] } }));
          domainMade = true;
          return { mappings: [{ domainName: DOMAIN, basePath: fresh('v'), multiLevel: false }], usagePlans: [] };
        },
        applied: (w, refs, stage) => w.direct.send(new GetBasePathMappingCommand({ domainName: DOMAIN, basePath: refs.mappings[0].basePath })).then((m) => m.stage === stage && m.restApiId === w.api, () => false),
      },
    ];
    const LOST: readonly [FaultKind, number, 'recovered' | 'retried' | 'message'][] = [['dropAnswer', 1, 'recovered'], ['error500', 1, 'retried'], ['error500', Infinity, 'message']];
    for (const other of OTHERS) {
      for (const [kind, times, outcome] of LOST) {
        it(`${other.operation}, ${kind} ${times === Infinity ? 'always' : `×${times}`}: ${outcome}`, async () => {
          const refs = await other.refs(world);
          const name = fresh('full');
          const { plan } = restorePlan(SNAPSHOT(name), refs, { restApiId: world.api, region: world.region, stageName: name, deploymentId: world.deployments[0], canary: 'keep' });
          assert.deepEqual(plan.map((r) => r.op), ['CreateStage', other.operation]);
          const from = proxy.requests.length;
          proxy.fault({ operation: other.operation, kind, times });
          const error = await runPlan(world.gateway, plan).then(() => undefined, (e: unknown) => e);
          proxy.clearFaults();
          const log = proxy.requests.slice(from);
          const sends = log.flatMap((r, i) => (isOperation(r, other.operation) ? [i] : []));
          assert.equal(sends.length, outcome === 'recovered' ? 1 : 2, log.join(', '));
          assert.ok(log.slice(sends[0] + 1, sends[1]).some((r) => isOperation(r, other.readBack)), `read back after the first send: ${log.join(', ')}`);
          assert.equal(await other.applied(world, refs, name), outcome !== 'message');
          if (outcome === 'message') {
            assert.ok(error instanceof PlanError && error.failed.op === other.operation, errorMessage(error));
            assert.deepEqual(error.done.map((r) => r.op), ['CreateStage'], 'the stage was made: the message says what was done');
            FATE_TEXT['not applied'](errorMessage(error));
          } else assert.equal(error, undefined, errorMessage(error));
        });
      }
    }
  });

  // moto drops canaries, so only LocalStack can show that a canary change whose answer was lost is found applied.
  if (emulatorKind() === 'localstack') {
    describe("a canary's UpdateStage whose answer is lost is read back, not sent twice (LocalStack; moto drops canaries)", () => {
      const CHANGES: readonly [string, PatchOperation[]][] = [
        ['Delete Canary: remove /canarySettings', [REMOVE_CANARY]],
        ["the canary's share: replace /canarySettings/percentTraffic", [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '25' }]],
        ["a canary override: replace /canarySettings/stageVariableOverrides/backend", [{ op: 'replace', path: '/canarySettings/stageVariableOverrides/backend', value: 'canary.internal' }]],
        // The copy is told by the deployment while the canary stays; by the removal when it goes.
        ['Promote Canary, removing it: copy /canarySettings/deploymentId, remove /canarySettings', promoteOps({ percentTraffic: 10 }, false)],
        ['Promote Canary, keeping it at 0%: copy /canarySettings/deploymentId, replace /canarySettings/percentTraffic', promoteOps({ percentTraffic: 10 }, true)],
      ];
      for (const [label, patch] of CHANGES) {
        it(`${label}, dropAnswer: recovered`, async () => {
          const name = fresh('canary');
          // A canary release needs the stage first (as on AWS).
          await world.direct.send(new CreateStageCommand({ restApiId: world.api, stageName: name, deploymentId: world.deployments[0] }));
          await world.direct.send(new CreateDeploymentCommand({ restApiId: world.api, stageName: name, canarySettings: { percentTraffic: 10 } }));
          assert.ok((await world.gateway.getStage(world.api, name)).canarySettings, 'LocalStack keeps the canary');
          const from = proxy.requests.length;
          proxy.fault({ operation: 'UpdateStage', kind: 'dropAnswer', times: 1 });
          const error = await runPlan(world.gateway, updateStageSteps(world.api, name, patch)).then(() => undefined, (e: unknown) => e);
          proxy.clearFaults();
          const log = proxy.requests.slice(from);
          assert.equal(error, undefined, errorMessage(error));
          assert.equal(log.filter((r) => isOperation(r, 'UpdateStage')).length, 1, `sent once: ${log.join(', ')}`);
          assert.ok(log.some((r) => isOperation(r, 'GetStage')), `read back: ${log.join(', ')}`);
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
      await moveDev(world, world.deployments[0]);
      const plan = deployPlan({ restApiId: world.api, stageName: 'dev', existing: true, description: 'part way' });
      proxy.fault({ operation: 'UpdateStage', kind: 'error503', times: Infinity });
      const e = await runPlan(world.gateway, plan).then(() => assert.fail('expected a PlanError'), (x: unknown) => x);
      assert.ok(e instanceof PlanError);
      assert.deepEqual([e.done.map((r) => r.op), e.failed.op, e.rest.length], [['CreateDeployment'], 'UpdateStage', 0]);
      assert.match(errorMessage(e), /Nothing was changed: reading it back showed the change is not there/, 'the failed step was read back');
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
      const snapshot: Stage = { stageName: name, variables: { a: 'b' }, methodSettings: { '*/*': { metricsEnabled: true } } };
      const { plan } = restorePlan(snapshot, NO_REFERENCES, { restApiId: world.api, region: world.region, stageName: name, deploymentId: world.deployments[0], canary: 'keep' });
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
      assert.equal(proxy.requests.slice(sent).filter((r) => r.startsWith('PATCH ')).length, 1, 'a cancelled write is not read back nor sent again');
    });

    it('a cancel between requests sends nothing more', async () => {
      const abort = new AbortController();
      abort.abort();
      const sent = proxy.requests.length;
      const { plan } = createStagePlan({ restApiId: world.api, region: world.region, stageName: fresh('never'), deploymentId: world.deployments[0] });
      const e = await runPlan(world.gateway, plan, {}, abort.signal).catch((x: unknown) => x);
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

/**
 * Web ACL on moto (it has WAF v2; LocalStack has not): WAF answers `{}`, nothing to retype, and a 404 is
 * not how WAF says "gone". Client certificates and documentation versions on LocalStack (moto has neither).
 */
function securityActions(): Action[] {
  if (emulatorKind() !== 'moto') return localStackSecurityActions();
  const stage = (w: World) => stageArn(w.region, w.api, 'dev');
  return [{
    name: 'disassociate web ACL',
    operation: 'DisassociateWebACL',
    // Only when not associated: moto keeps a second association of the same pair, and one Disassociate leaves the other.
    setup: async (w) => {
      const arn = await webAclOf(w, 'faults-acl');
      if (!(await w.gateway.webAclOf(stage(w)))) await w.gateway.send({ op: 'AssociateWebACL', webAclArn: arn, resourceArn: stage(w), stageName: 'dev' });
    },
    run: (w) => runPlan(w.gateway, webAclPlan(w.region, w.api, 'dev', undefined)),
    applied: async (w) => (await w.gateway.webAclOf(stage(w))) === undefined,
    notFor: [...NO_BODY, 'notFound'],
  }];
}

function localStackSecurityActions(): Action[] {
  /** The certificates the action made (never more than one: a second GenerateClientCertificate makes a second). */
  const made = async (w: World) => {
    const all = (await w.gateway.listClientCertificates()).filter((c) => c.description === fresh('cert'));
    assert.ok(all.length <= 1, `one certificate, not ${all.length}: GenerateClientCertificate was sent again after it was applied`);
    return all;
  };
  return [
    {
      name: 'generate client certificate',
      operation: 'GenerateClientCertificate',
      readBack: 'GetClientCertificates',
      guarded: true,
      run: (w) => runPlan(w.gateway, [{ op: 'GenerateClientCertificate', description: fresh('cert') }]),
      applied: async (w) => (await made(w)).length === 1,
      returns: (_w, r) => assert.equal(r.clientCertificate?.description, fresh('cert')),
      notFor: ['notFound', 'badTypes'], // a certificate has no boolean; nothing to be gone
    },
    {
      name: 'publish documentation version',
      operation: 'CreateDocumentationVersion',
      readBack: 'GetDocumentationVersion',
      guarded: true,
      run: (w) => runPlan(w.gateway, publishDocumentationPlan(w.api, 'prod', fresh('v'), 'faults')),
      applied: async (w) => !!(await w.gateway.getDocumentationVersion(w.api, fresh('v'))),
      returns: (_w, r) => assert.deepEqual([r.documentationVersion?.version, r.documentationVersion?.description], [fresh('v'), 'faults']),
      notFor: ['badTypes'], // a documentation version has no boolean
    },
  ];
}

/**
 * The logging check's fixes. IAM answers XML (query protocol; the proxy's errors for it too): retyping
 * JSON does not apply, nor API Gateway's 404 (IAM's is NoSuchEntity). PutRetentionPolicy (CloudWatch
 * Logs, JSON) answers 200 with no body: an empty 200 is its success.
 */
function loggingActions(): Action[] {
  const IAM_JSON_FAULTS: FaultKind[] = ['notFound', 'stringTypes', 'badTypes'];
  const service = async <T>(w: World, C: new (c: object) => T): Promise<T> => {
    const endpoint = await w.direct.config.endpoint!();
    return new C({ endpoint: `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`, region: w.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  };
  const iam = (w: World) => service(w, IAMClient);
  const logs = (w: World) => service(w, CloudWatchLogsClient);
  const trustOf = async (w: World, name: string) => {
    const doc = (await (await iam(w)).send(new GetRoleCommand({ RoleName: name }))).Role?.AssumeRolePolicyDocument ?? '';
    return /^\s*\{/.test(doc) ? doc : decodeURIComponent(doc);
  };
  const LAMBDA_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  /** A customer-managed copy of the push policy: the faults emulator has no AWS-managed ones. */
  let policyArn = '';
  const group = 'faults-execution-logs';
  const days = () => 30;
  return [
    {
      name: 'create role',
      operation: 'CreateRole',
      readBack: 'GetRole',
      guarded: true,
      // IAM warmed up: LocalStack's first IAM request takes longer than the cells' 300 ms timeout.
      setup: async (w) => void (await (await iam(w)).send(new ListRolesCommand({ MaxItems: 1 }))),
      run: (w) => runPlan(w.gateway, [{ op: 'CreateRole', roleName: fresh('role'), assumeRolePolicyDocument: JSON.stringify(JSON.parse(APIGATEWAY_TRUST_POLICY)) }]),
      applied: async (w) => (await iam(w)).send(new GetRoleCommand({ RoleName: fresh('role') })).then(() => true, () => false),
      returns: (_w, r) => assert.equal(r.role?.RoleName, fresh('role')),
      notFor: IAM_JSON_FAULTS,
    },
    {
      name: 'attach role policy',
      operation: 'AttachRolePolicy',
      setup: async (w) => {
        const c = await iam(w);
        await c.send(new CreateRoleCommand({ RoleName: fresh('attach'), AssumeRolePolicyDocument: APIGATEWAY_TRUST_POLICY }));
        if (!policyArn) policyArn = (await c.send(new CreatePolicyCommand({ PolicyName: 'faults-push', PolicyDocument: PUSH_TO_CLOUDWATCH_POLICY }))).Policy!.Arn!;
      },
      run: (w) => runPlan(w.gateway, [{ op: 'AttachRolePolicy', roleName: fresh('attach'), policyArn }]),
      applied: async (w) => ((await (await iam(w)).send(new ListAttachedRolePoliciesCommand({ RoleName: fresh('attach') }))).AttachedPolicies ?? []).some((p) => p.PolicyArn === policyArn),
      notFor: IAM_JSON_FAULTS,
    },
    {
      name: 'fix trust policy',
      operation: 'UpdateAssumeRolePolicy',
      setup: async (w) => void (await (await iam(w)).send(new CreateRoleCommand({ RoleName: fresh('trust'), AssumeRolePolicyDocument: LAMBDA_TRUST }))),
      run: (w) => runPlan(w.gateway, fixTrustPlan(fresh('trust'), LAMBDA_TRUST)),
      applied: async (w) => (await trustOf(w, fresh('trust'))).includes('apigateway.amazonaws.com'),
      notFor: IAM_JSON_FAULTS,
    },
    {
      name: 'set log retention',
      operation: 'PutRetentionPolicy',
      setup: async (w) => {
        const c = await logs(w);
        const there = (await c.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups?.some((g) => g.logGroupName === group);
        if (!there) await c.send(new CreateLogGroupCommand({ logGroupName: group }));
        // Never expiring before each cell: a failed cell must not find an earlier cell's value.
        else await c.send(new DeleteRetentionPolicyCommand({ logGroupName: group }));
      },
      run: (w) => runPlan(w.gateway, retentionPlan(group, days())),
      applied: async (w) => (await (await logs(w)).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups?.find((g) => g.logGroupName === group)?.retentionInDays === days(),
      // No body to cut short or retype; CloudWatch Logs says "gone" as ResourceNotFoundException, not API Gateway's 404.
      notFor: [...NO_BODY, 'notFound', 'emptyOk'],
    },
  ];
}

/** A regional web ACL of that name in the emulator, made once (straight to it). */
async function webAclOf(w: World, name: string): Promise<string> {
  const endpoint = await w.direct.config.endpoint!();
  const waf = new WAFV2Client({ endpoint: `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`, region: w.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    const listed = (await waf.send(new ListWebACLsCommand({ Scope: 'REGIONAL' }))).WebACLs?.find((a) => a.Name === name);
    if (listed?.ARN) return listed.ARN;
    const made = await waf.send(new CreateWebACLCommand({
      Name: name, Scope: 'REGIONAL', DefaultAction: { Allow: {} }, VisibilityConfig: { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: name },
    }));
    return made.Summary!.ARN!;
  } finally {
    waf.destroy();
  }
}

/** A read's answer, once `holds` says it is right. */
async function read<T>(answer: Promise<T>, holds: (t: T) => boolean): Promise<T> {
  const t = await answer;
  assert.ok(holds(t), 'the read returned what AWS holds');
  return t;
}

const BOOLEANS = new Set(['cacheClusterEnabled', 'tracingEnabled', 'metricsEnabled', 'dataTraceEnabled', 'cachingEnabled', 'cacheDataEncrypted', 'requireAuthorizationForCacheControl', 'useStageCache']);
const NUMBERS = new Set(['throttlingBurstLimit', 'throttlingRateLimit', 'cacheTtlInSeconds', 'burstLimit', 'rateLimit', 'percentTraffic']);
const DATES = new Set(['createdDate', 'lastUpdatedDate']);

/** How many values of a typed field (a boolean, number or date of AWS's) the result holds; fails at one of another type. */
function typedValues(v: unknown, at = ''): number {
  if (!v || typeof v !== 'object' || v instanceof Date) return 0;
  let n = 0;
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || x === null) continue;
    const want = BOOLEANS.has(k) ? 'boolean' : NUMBERS.has(k) ? 'number' : DATES.has(k) ? 'date' : undefined;
    if (!want) n += typedValues(x, `${at}/${k}`);
    else {
      assert.ok(want === 'date' ? x instanceof Date : typeof x === want, `${at}/${k} is a ${want}: ${JSON.stringify(x)}`);
      n++;
    }
  }
  return n;
}

/** Like Promise.all, but waits for every request: none is left to land in the next test. */
async function allSettled(all: Promise<unknown>[]): Promise<unknown[]> {
  const settled = await Promise.allSettled(all);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(condition(), 'waited 4 s');
}

/**
 * The matrix, one row per action, and its counts; a cell not reached (a failed test) shows FAILED.
 * The counts line keeps its format (docs/RELIABILITY.md quotes it): a cell that succeeded at once with an
 * answer's types coerced counts as succeeded, and the line after it says how many those are.
 */
function printMatrix(outcomes: Map<string, Outcome>): void {
  const width = Math.max(...ACTIONS.map((a) => a.name.length));
  const short: Record<Outcome, string> = { retried: 'retry ok', recovered: 'recovered', coerced: 'coerced ok', message: 'message' };
  const column = Math.max(...FAULTS.map((f) => f.label.length));
  const lines = [`${'action'.padEnd(width)} | ${FAULTS.map((f) => f.label.padEnd(column)).join(' | ')}`];
  const counts: Record<string, number> = { 'retried and succeeded': 0, 'recovered': 0, 'message': 0, 'n/a': 0, 'FAILED': 0 };
  let coerced = 0;
  for (const a of ACTIONS) {
    const cells = FAULTS.map((f) => {
      if (a.notFor?.includes(f.kind)) {
        counts['n/a']++;
        return 'n/a';
      }
      const o = outcomes.get(`${a.name}|${f.label}`);
      if (o === 'coerced') coerced++;
      counts[o === 'retried' || o === 'coerced' ? 'retried and succeeded' : o ?? 'FAILED']++;
      return o ? short[o] : 'FAILED';
    });
    lines.push(`${a.name.padEnd(width)} | ${cells.map((c) => c.padEnd(column)).join(' | ')}`);
  }
  console.log(`\nFault matrix (action × fault → outcome):\n${lines.join('\n')}`);
  console.log(`Fault matrix counts: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`(of those that succeeded, ${coerced} at once with the answer's types coerced: string types)\n`);
}
