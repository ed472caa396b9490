// Check CloudWatch Logging Setup… in the extension host, through the test proxy: the checklist, each
// fix reviewed then sent, a taken role name said plainly, IAM's AccessDenied, and the wait for IAM.
// (The host's moto has no AWS-managed policies: AttachRolePolicy gets IAM's recorded answer from the
// proxy here; the editor and service tests attach the real policy on a moto that has it.)
import * as assert from 'assert/strict';
import type * as vscode from 'vscode';
import { GetAccountCommand, UpdateAccountCommand } from '@aws-sdk/client-api-gateway';
import { CloudWatchLogsClient, CreateLogGroupCommand, DeleteLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, DeleteRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import type { ExtensionApi } from '../../src/extension';
import { APIGATEWAY_TRUST_POLICY } from '../../src/model/cloudWatch';
import { executionLogGroupName } from '../../src/model/loggingChecks';
import { isOperation } from '../harness/apiProxy';
import { iamErrorAnswer, jsonAnswer } from '../harness/faultAnswers';
import { SAMPLE, type SeedResult } from '../harness/seed';
import { emulatorClient, runScripted, useApiProxy, useFreshSample, useRecordingNotifier } from './commandHelpers';
import { stageNode } from './treeHelpers';

const LAMBDA_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const direct = <T>(C: new (c: object) => T): T => new C({ endpoint: process.env.APIGW_TEST_ENDPOINT, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

describe('Check CloudWatch Logging Setup…', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let seeded: SeedResult;
  const env = useApiProxy(useFreshSample((s) => ({ api, seeded } = s)));
  const notices = useRecordingNotifier(() => api);
  const iam = direct(IAMClient);
  const logs = direct(CloudWatchLogsClient);
  const made: string[] = [];
  afterEach(async () => {
    // The next test (and file) starts with the sample's account role, and none of ours.
    await emulatorClient().send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: SAMPLE.cloudwatchRoleArn }] }));
    for (const name of made.splice(0)) await iam.send(new DeleteRoleCommand({ RoleName: name })).catch(() => undefined);
  });
  after(() => {
    iam.destroy();
    logs.destroy();
  });

  const group = () => executionLogGroupName(seeded.apis.PetStore.id, 'prod');
  const makeRole = async (name: string, trust = APIGATEWAY_TRUST_POLICY) => {
    made.push(name);
    return (await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }))).Role!;
  };
  const setAccountRole = (arn: string) => emulatorClient().send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: arn }] }));
  const sentSince = (from: number) => env.proxy.requests.slice(from);
  const count = (requests: string[], op: string) => requests.filter((r) => isOperation(r, op)).length;
  /** The checklist's rows as asked (icons stripped), from the n-th checklist shown. */
  const checklist = (p: { asked: { kind: string; title: string; labels?: string[] }[] }, n = 0) => p.asked.filter((a) => a.kind === 'pick' && /^Check CloudWatch Logging Setup \(/.test(a.title))[n]?.labels ?? [];

  it('from a stage: the checklist with the missing role failed and its fix named; GetAccount, GetRole, DescribeLogGroups only', async () => {
    const from = env.proxy.requests.length;
    const p = await runScripted(api, 'checkCloudWatchLogging', ['cancel'], await stageNode(api, 'prod'));
    assert.deepEqual(checklist(p), [
      'The account has a CloudWatch Logs role',
      'The role exists',
      'Its trust policy lets apigateway.amazonaws.com assume it',
      'It may write logs (AmazonAPIGatewayPushToCloudWatchLogs or equivalent)',
      `The execution log group ${group()} exists`,
      'Its logs expire (retention)',
      'Copy report',
    ]);
    const rows = p.asked[0].items as (vscode.QuickPickItem & { item?: { status: string } })[];
    const icon = (r: vscode.QuickPickItem) => (r.iconPath as vscode.ThemeIcon | undefined)?.id;
    assert.deepEqual(rows.filter((r) => r.item).map(icon), ['pass', 'error', 'circle-slash', 'circle-slash', 'error', 'circle-slash']);
    assert.match(rows[1].description ?? '', /Fix: Create the role and set it… or Set an existing role…/);
    assert.match(rows[1].detail ?? '', /no role named APIGatewayPushToCloudWatchLogs/);
    assert.match(p.asked[0].placeholder ?? '', /2 checks failed/);
    const sent = sentSince(from);
    assert.deepEqual([count(sent, 'GetAccount'), count(sent, 'GetRole'), count(sent, 'DescribeLogGroups')], [1, 1, 1]);
    assert.ok(sent.every((r) => /GET |Action=Get|DescribeLogGroups/.test(r)), `only reads: ${sent.join(', ')}`);
  });

  it('Create the role and set it: reviewed, then CreateRole, AttachRolePolicy, UpdateAccount, retried once while IAM propagates; checked again', async () => {
    // The host's moto lacks the AWS-managed policy: IAM's own success answer.
    env.proxy.fault({ operation: 'AttachRolePolicy', kind: 'answer', answer: { status: 200, headers: { 'content-type': 'text/xml' }, body: '<AttachRolePolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></AttachRolePolicyResponse>' } });
    const refusal = jsonAnswer({ message: 'The role ARN does not have required permissions set to API Gateway' }, 400);
    env.proxy.fault({ operation: 'UpdateAccount', kind: 'answer', answer: { ...refusal, headers: { ...refusal.headers, 'x-amzn-errortype': 'BadRequestException' } } });
    made.push('apigw-logs-host');
    const from = env.proxy.requests.length;
    const p = await runScripted(api, 'checkCloudWatchLogging', [
      { pick: /The role exists/ },
      { pick: 'Create the role and set it…' },
      { input: 'apigw-logs-host' },
      { pick: 'Create role apigw-logs-host and set it' },
      'cancel',
    ], await stageNode(api, 'prod'));
    const review = p.asked.find((a) => a.kind === 'pick' && /create the role|Create role/.test(a.title))!;
    assert.ok(review.labels!.includes('CreateRole (IAM) apigw-logs-host'), review.labels!.join('\n'));
    assert.ok(review.labels!.includes('PolicyArn = arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs'));
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'apigw-logs-host' }))).Role!;
    assert.equal((await emulatorClient().send(new GetAccountCommand({}))).cloudwatchRoleArn, role.Arn);
    const sent = sentSince(from);
    assert.deepEqual([count(sent, 'CreateRole'), count(sent, 'AttachRolePolicy'), count(sent, 'UpdateAccount')], [1, 1, 2]);
    // Checked again after the fix: the role now passes.
    assert.equal(checklist(p, 1)[1], 'The role exists');
    const again = (p.asked.filter((a) => a.kind === 'pick' && /^Check CloudWatch Logging Setup \(/.test(a.title))[1].items ?? []) as vscode.QuickPickItem[];
    assert.equal((again[1].iconPath as vscode.ThemeIcon | undefined)?.id, 'pass');
  });

  it('a taken role name is said plainly, before any write', async () => {
    await makeRole('TakenName');
    const from = env.proxy.requests.length;
    await runScripted(api, 'checkCloudWatchLogging', [{ pick: /The role exists/ }, { pick: 'Create the role and set it…' }, { input: 'TakenName' }], await stageNode(api, 'prod'));
    assert.ok(notices().shown.some((s) => s.message === 'A role named TakenName already exists in this account: pick it with Set CloudWatch Log Role ARN…, or choose another name.'), JSON.stringify(notices().shown));
    assert.equal(count(sentSince(from), 'CreateRole'), 0);
  });

  it("IAM's AccessDenied: the item names iam:GetRole; picking it copies the trust and permission documents", async () => {
    env.proxy.fault({ operation: 'GetRole', kind: 'answer', times: Infinity, answer: iamErrorAnswer('AccessDenied', 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:GetRole on resource: role APIGatewayPushToCloudWatchLogs') });
    const p = await runScripted(api, 'checkCloudWatchLogging', [{ pick: /The role exists/ }, 'cancel'], await stageNode(api, 'prod'));
    const row = (p.asked[0].items as vscode.QuickPickItem[])[1];
    assert.match(row.detail ?? '', /lacks iam:GetRole/);
    assert.match(row.description ?? '', /Copy policy and trust documents/);
    // Through ctx.notifier (the recording one here), as every copy.
    assert.equal(notices().copied.length, 1, JSON.stringify(notices().copied));
    const copied = notices().copied[0];
    assert.match(copied, /apigateway\.amazonaws\.com/);
    assert.match(copied, /logs:PutLogEvents/);
  });

  it('Fix the trust policy: UpdateAssumeRolePolicy adds API Gateway, the Lambda statement kept', async () => {
    const role = await makeRole('lambda-trust', LAMBDA_TRUST);
    await setAccountRole(role.Arn!);
    await runScripted(api, 'checkCloudWatchLogging', [{ pick: /trust policy lets/ }, { pick: 'Let API Gateway assume role lambda-trust' }, 'cancel'], await stageNode(api, 'prod'));
    const doc = (await iam.send(new GetRoleCommand({ RoleName: 'lambda-trust' }))).Role!.AssumeRolePolicyDocument!;
    const services = (JSON.parse(/^\{/.test(doc) ? doc : decodeURIComponent(doc)) as { Statement: { Principal: { Service: string } }[] }).Statement.map((s) => s.Principal.Service);
    assert.deepEqual(services, ['lambda.amazonaws.com', 'apigateway.amazonaws.com']);
  });

  it("Set the log group's retention: a value CloudWatch allows, then PutRetentionPolicy", async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: group() }));
    try {
      const p = await runScripted(api, 'checkCloudWatchLogging', [{ pick: /Its logs expire/ }, { pick: '30 days' }, { pick: `Keep the logs of ${group()} for 30 days` }, 'cancel'], await stageNode(api, 'prod'));
      assert.ok(p.asked.some((a) => a.labels?.includes('3653 days (10 years)')));
      const g = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group() }))).logGroups?.find((x) => x.logGroupName === group());
      assert.equal(g?.retentionInDays, 30);
    } finally {
      await logs.send(new DeleteLogGroupCommand({ logGroupName: group() }));
    }
  });

  it('from the palette, the account alone: no stage asked, no log group read', async () => {
    const from = env.proxy.requests.length;
    const p = await runScripted(api, 'checkCloudWatchLogging', [{ pick: /^Account settings only/ }, 'cancel']);
    assert.match(checklist(p)[4], /^The execution log group exists$/);
    assert.equal(count(sentSince(from), 'DescribeLogGroups'), 0);
  });
});
