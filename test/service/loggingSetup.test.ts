// Check CloudWatch Logging Setup… at the AWS layer, on moto (IAM's managed policies loaded) and on
// LocalStack (APIGW_EMULATOR=localstack): the reads, each fix plan, and, through the test proxy,
// AWS's answers no emulator gives (AccessDenied from IAM, UpdateAccount refusing a role IAM has not propagated).
import { PlanError } from '../../src/errors';
import * as assert from 'assert/strict';
import * as fs from 'fs';
import { GetAccountCommand, UpdateAccountCommand } from '@aws-sdk/client-api-gateway';
import { AttachRolePolicyCommand, CreateRoleCommand, GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { readLoggingFacts } from '../../src/aws/loggingSetup';
import { runPlan } from '../../src/aws/planRunner';
import { APIGATEWAY_TRUST_POLICY, PUSH_TO_CLOUDWATCH_POLICY } from '../../src/model/cloudWatch';
import { executionLogGroupName, loggingChecklist, PUSH_TO_CLOUDWATCH_POLICY_ARN } from '../../src/model/loggingChecks';
import { attachPolicyPlan, createLoggingRolePlan, fixTrustPlan, retentionPlan } from '../../src/model/loggingPlans';
import { type ApiProxy, isOperation, startApiProxy } from '../harness/apiProxy';
import { iamErrorAnswer, jsonAnswer } from '../harness/faultAnswers';
import { SAMPLE } from '../harness/seed';
import { useSeededEmulator } from '../harness/serviceHooks';
import { localProfileDir, readySession } from '../harness/testSession';

const LAMBDA_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const statuses = (items: ReturnType<typeof loggingChecklist>) => Object.fromEntries(items.map((i) => [i.id, i.status]));
const decode = (doc: string | undefined) => JSON.parse(/^\s*\{/.test(doc ?? '') ? doc! : decodeURIComponent(doc ?? '')) as { Statement: { Principal?: { Service?: string } }[] };

describe('logging setup (IAM, CloudWatch Logs)', function () {
  this.timeout(60_000);
  const w = useSeededEmulator('apigw-logging-', { iamManagedPolicies: true });
  const client = <T>(C: new (c: object) => T): T => new C({ endpoint: w.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  let iam: IAMClient;
  let logs: CloudWatchLogsClient;
  beforeEach(() => {
    iam = client(IAMClient);
    logs = client(CloudWatchLogsClient);
  });
  afterEach(() => {
    iam.destroy();
    logs.destroy();
  });
  const api = () => w.seeded.apis.PetStore.id;
  const group = () => executionLogGroupName(api(), 'prod');
  const makeRole = (name: string, trust = APIGATEWAY_TRUST_POLICY) => iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
  const setRole = (arn: string) => w.direct.send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: arn }] }));

  it('the seeded role does not exist: GetAccount, then GetRole answers none; the checklist offers Create', async () => {
    const facts = await readLoggingFacts(w.gateway, 'us-east-1');
    assert.equal(facts.roleArn, SAMPLE.cloudwatchRoleArn);
    assert.equal(facts.role, undefined);
    assert.deepEqual(w.sent, ['GetAccount', 'GetRole']);
    const items = loggingChecklist(facts);
    assert.deepEqual(statuses(items), { roleArn: 'passed', roleExists: 'failed', trust: 'skipped', permissions: 'skipped', logGroup: 'skipped', retention: 'skipped' });
  });

  it('Create the role and set it: CreateRole, AttachRolePolicy, UpdateAccount with the new ARN; the check then passes the role', async () => {
    const result = await runPlan(w.gateway, createLoggingRolePlan('apigw-logs'));
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'apigw-logs' }))).Role!;
    assert.equal(result.role?.Arn, role.Arn);
    assert.equal(decode(role.AssumeRolePolicyDocument).Statement[0].Principal?.Service, 'apigateway.amazonaws.com');
    const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'apigw-logs' }))).AttachedPolicies?.map((p) => p.PolicyArn);
    assert.deepEqual(attached, [PUSH_TO_CLOUDWATCH_POLICY_ARN]);
    assert.equal((await w.direct.send(new GetAccountCommand({}))).cloudwatchRoleArn, role.Arn);
    w.sent.length = 0;
    const items = loggingChecklist(await readLoggingFacts(w.gateway, 'us-east-1'));
    assert.deepEqual(statuses(items).trust, 'passed');
    assert.deepEqual(statuses(items).permissions, 'passed');
    // The managed policy is attached: no inline policy is read.
    assert.deepEqual(w.sent, ['GetAccount', 'GetRole', 'ListAttachedRolePolicies']);
  });

  it('a name taken: CreateRole answers EntityAlreadyExists, nothing else is sent', async () => {
    await makeRole('taken');
    const e = await runPlan(w.gateway, createLoggingRolePlan('taken')).then(() => assert.fail('expected EntityAlreadyExists'), (x: unknown) => x);
    assert.ok(e instanceof PlanError);
    assert.match((e.cause as Error).name, /^EntityAlreadyExists/);
    assert.deepEqual(w.sent.filter((o) => o !== 'GetRole'), ['CreateRole']);
    assert.equal((await w.direct.send(new GetAccountCommand({}))).cloudwatchRoleArn, SAMPLE.cloudwatchRoleArn);
  });

  it('Fix the trust policy: UpdateAssumeRolePolicy adds API Gateway and keeps the Lambda statement', async () => {
    const made = (await makeRole('lambda-too', LAMBDA_TRUST)).Role!;
    await setRole(made.Arn!);
    const before = loggingChecklist(await readLoggingFacts(w.gateway, 'us-east-1'));
    assert.equal(statuses(before).trust, 'failed');
    const role = await readLoggingFacts(w.gateway, 'us-east-1');
    await runPlan(w.gateway, fixTrustPlan('lambda-too', (role.role as { trustPolicy: string }).trustPolicy));
    const services = decode((await iam.send(new GetRoleCommand({ RoleName: 'lambda-too' }))).Role!.AssumeRolePolicyDocument).Statement.map((s) => s.Principal?.Service);
    assert.deepEqual(services, ['lambda.amazonaws.com', 'apigateway.amazonaws.com']);
    assert.equal(statuses(loggingChecklist(await readLoggingFacts(w.gateway, 'us-east-1'))).trust, 'passed');
  });

  it('Attach the policy: AttachRolePolicy; equivalent inline statements pass too (GetRolePolicy read)', async () => {
    const made = (await makeRole('bare')).Role!;
    await setRole(made.Arn!);
    assert.equal(statuses(loggingChecklist(await readLoggingFacts(w.gateway, 'us-east-1'))).permissions, 'failed');
    await runPlan(w.gateway, attachPolicyPlan('bare'));
    assert.equal(statuses(loggingChecklist(await readLoggingFacts(w.gateway, 'us-east-1'))).permissions, 'passed');

    const inline = (await makeRole('inline')).Role!;
    await iam.send(new PutRolePolicyCommand({ RoleName: 'inline', PolicyName: 'push', PolicyDocument: PUSH_TO_CLOUDWATCH_POLICY }));
    await setRole(inline.Arn!);
    w.sent.length = 0;
    assert.equal(statuses(loggingChecklist(await readLoggingFacts(w.gateway, 'us-east-1'))).permissions, 'passed');
    assert.deepEqual(w.sent, ['GetAccount', 'GetRole', 'ListAttachedRolePolicies', 'ListRolePolicies', 'GetRolePolicy']);
  });

  it('the stage\'s log group: missing, then there and never expiring (cost note), then PutRetentionPolicy sets 30 days', async () => {
    const stage = { restApiId: api(), stageName: 'prod' };
    const ids = (f: Awaited<ReturnType<typeof readLoggingFacts>>) => statuses(loggingChecklist(f));
    assert.equal(ids(await readLoggingFacts(w.gateway, 'us-east-1', stage)).logGroup, 'failed');
    await logs.send(new CreateLogGroupCommand({ logGroupName: group() }));
    // A group whose name starts the same is not taken for it.
    await logs.send(new CreateLogGroupCommand({ logGroupName: `${group()}-other` }));
    const never = loggingChecklist(await readLoggingFacts(w.gateway, 'us-east-1', stage));
    assert.deepEqual([statuses(never).logGroup, statuses(never).retention], ['passed', 'failed']);
    assert.match(never.find((i) => i.id === 'retention')!.detail, /billed/);
    await runPlan(w.gateway, retentionPlan(group(), 30));
    const described = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group() }))).logGroups?.find((g) => g.logGroupName === group());
    assert.equal(described?.retentionInDays, 30);
    assert.equal(ids(await readLoggingFacts(w.gateway, 'us-east-1', stage)).retention, 'passed');
  });

  describe('answers no emulator gives, through the proxy', () => {
    let proxy: ApiProxy;
    let dir = '';
    beforeEach(async () => {
      proxy = await startApiProxy(w.emulator.endpoint);
      dir = localProfileDir('apigw-logging-proxy-', proxy.endpoint);
    });
    afterEach(async () => {
      await proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("IAM's AccessDenied (XML, 403): the item names iam:GetRole and offers the documents; nothing else of IAM is asked", async () => {
      await makeRole('APIGatewayPushToCloudWatchLogs');
      const session = await readySession(dir);
      try {
        proxy.fault({ operation: 'GetRole', kind: 'answer', answer: iamErrorAnswer('AccessDenied', 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:GetRole on resource: role APIGatewayPushToCloudWatchLogs because no identity-based policy allows the iam:GetRole action') });
        const facts = await readLoggingFacts(session.api(), 'us-east-1');
        assert.deepEqual(facts.role, { denied: 'iam:GetRole' });
        const item = loggingChecklist(facts).find((i) => i.id === 'roleExists')!;
        assert.equal(item.status, 'failed');
        assert.match(item.detail, /lacks iam:GetRole/);
        assert.deepEqual(item.fixes, ['copyDocuments']);
        assert.ok(!proxy.requests.some((r) => isOperation(r, 'ListAttachedRolePolicies')));
      } finally {
        session.dispose();
      }
    });

    it("UpdateAccount after a new role: AWS's 400 twice while IAM propagates, then it passes; the wait is said", async () => {
      const session = await readySession(dir);
      try {
        const refusal = jsonAnswer({ message: 'The role ARN does not have required permissions set to API Gateway' }, 400);
        proxy.fault({ operation: 'UpdateAccount', kind: 'answer', times: 2, answer: { ...refusal, headers: { ...refusal.headers, 'x-amzn-errortype': 'BadRequestException' } } });
        const waits: string[] = [];
        const started = Date.now();
        const result = await runPlan(session.api(), createLoggingRolePlan('slow-iam'), {}, undefined, undefined, (m) => waits.push(m));
        assert.equal(waits.length, 2);
        assert.match(waits[0], /^Waiting for IAM: .*trying again in 2 s/);
        assert.match(waits[1], /trying again in 4 s/);
        assert.ok(Date.now() - started >= 6000, 'waited 2 s, then 4 s');
        assert.equal(proxy.requests.filter((r) => isOperation(r, 'UpdateAccount')).length, 3);
        assert.match(result.account?.cloudwatchRoleArn ?? '', /role\/slow-iam$/);
      } finally {
        session.dispose();
      }
    });

    it('the same 400 to a plain Set Role (no role made by the plan) is not retried', async () => {
      const session = await readySession(dir);
      try {
        proxy.fault({ operation: 'UpdateAccount', kind: 'answer', answer: { ...jsonAnswer({ message: 'The role ARN does not have required permissions set to API Gateway' }, 400), headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'BadRequestException' } } });
        const e = await runPlan(session.api(), [{ op: 'UpdateAccount', patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: 'arn:aws:iam::123456789012:role/x' }] }]).then(() => undefined, (x: unknown) => x);
        assert.ok(e instanceof PlanError);
        assert.equal(proxy.requests.filter((r) => isOperation(r, 'UpdateAccount')).length, 1);
      } finally {
        session.dispose();
      }
    });
  });

  it('the managed policy exists on this emulator (moto only with MOTO_IAM_LOAD_MANAGED_POLICIES)', async () => {
    await makeRole('probe');
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'probe', PolicyArn: PUSH_TO_CLOUDWATCH_POLICY_ARN }));
  });
});
