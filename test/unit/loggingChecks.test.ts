import * as assert from 'assert/strict';
import {
  type CheckItem, documentsForAdministrator, executionLogGroupName, type LoggingFacts, loggingChecklist, loggingReport, missingLogActions, parsePolicy,
  PUSH_TO_CLOUDWATCH_POLICY_ARN, REQUIRED_LOG_ACTIONS, RETENTION_DAYS, roleNameOfArn, roleNameProblem, trustPolicyAllowsApiGateway, trustPolicyWithApiGateway,
} from '../../src/model/loggingChecks';
import { attachPolicyPlan, createLoggingRolePlan, fixTrustPlan, NEW_ROLE_ARN, retentionPlan } from '../../src/model/loggingPlans';
import { describePlan, stageOfStep } from '../../src/model/plans';
import { APIGATEWAY_TRUST_POLICY, PUSH_TO_CLOUDWATCH_POLICY } from '../../src/model/cloudWatch';
import { isRoleNotUsable } from '../../src/aws/planRunner';
import { decodePolicy, deniedPermission, isAccessDenied } from '../../src/aws/loggingSetup';
import { errorMessage } from '../../src/errors';
import { iamRegion } from '../../src/aws/clientPool';

const ROLE = 'arn:aws:iam::123456789012:role/logs';
const trust = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const GOOD_TRUST = APIGATEWAY_TRUST_POLICY;
const allLogs = (actions: string | string[], resource: string | string[] = '*') => JSON.stringify({ Statement: { Effect: 'Allow', Action: actions, Resource: resource } });

const byId = (items: CheckItem[]) => Object.fromEntries(items.map((i) => [i.id, i]));
const statuses = (items: CheckItem[]) => Object.fromEntries(items.map((i) => [i.id, i.status]));

const healthy: LoggingFacts = {
  region: 'us-east-1',
  roleArn: ROLE,
  role: { name: 'logs', trustPolicy: GOOD_TRUST },
  attached: [PUSH_TO_CLOUDWATCH_POLICY_ARN],
  inline: [],
  stage: { restApiId: 'abc123', stageName: 'prod' },
  logGroup: { name: 'API-Gateway-Execution-Logs_abc123/prod', exists: true, retentionInDays: 30 },
};

describe('logging checks: the checklist', () => {
  it('all passed on a role set up as the console guide says', () => {
    assert.deepEqual(statuses(loggingChecklist(healthy)), { roleArn: 'passed', roleExists: 'passed', trust: 'passed', permissions: 'passed', logGroup: 'passed', retention: 'passed' });
  });

  it('no role ARN: failed with Create and Set existing; the rest skipped', () => {
    const items = loggingChecklist({ region: 'eu-west-1', roleArn: '' });
    const i = byId(items);
    assert.equal(i.roleArn.status, 'failed');
    assert.deepEqual(i.roleArn.fixes, ['createRole', 'setExistingRole']);
    assert.match(i.roleArn.detail, /No CloudWatch Logs role is set for eu-west-1/);
    for (const id of ['roleExists', 'trust', 'permissions', 'logGroup', 'retention']) assert.equal(i[id].status, 'skipped', id);
  });

  it('a role that does not exist: failed, Create the role offered', () => {
    const i = byId(loggingChecklist({ ...healthy, role: undefined, attached: undefined, inline: undefined }));
    assert.equal(i.roleExists.status, 'failed');
    assert.match(i.roleExists.detail, /no role named logs/);
    assert.deepEqual(i.roleExists.fixes, ['createRole', 'setExistingRole']);
    assert.equal(i.trust.status, 'skipped');
    assert.equal(i.permissions.status, 'skipped');
  });

  it('not allowed to read IAM: the missing permission named, the documents offered', () => {
    const i = byId(loggingChecklist({ ...healthy, role: { denied: 'iam:GetRole' } }));
    assert.equal(i.roleExists.status, 'failed');
    assert.match(i.roleExists.detail, /lacks iam:GetRole/);
    assert.deepEqual(i.roleExists.fixes, ['copyDocuments']);
    const p = byId(loggingChecklist({ ...healthy, attached: { denied: 'iam:ListAttachedRolePolicies' } }));
    assert.match(p.permissions.detail, /lacks iam:ListAttachedRolePolicies/);
    const g = byId(loggingChecklist({ ...healthy, logGroup: { denied: 'logs:DescribeLogGroups' } }));
    assert.match(g.logGroup.detail, /lacks logs:DescribeLogGroups/);
    assert.equal(g.retention.status, 'skipped');
  });

  it('a trust policy without API Gateway: Fix the trust policy', () => {
    const i = byId(loggingChecklist({ ...healthy, role: { name: 'logs', trustPolicy: trust({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }) } }));
    assert.equal(i.trust.status, 'failed');
    assert.deepEqual(i.trust.fixes, ['fixTrust']);
  });

  it('no managed policy, no inline statements: Attach the policy, the missing actions named', () => {
    const i = byId(loggingChecklist({ ...healthy, attached: [], inline: [] }));
    assert.equal(i.permissions.status, 'failed');
    assert.deepEqual(i.permissions.fixes, ['attachPolicy']);
    for (const a of REQUIRED_LOG_ACTIONS) assert.match(i.permissions.detail, new RegExp(a));
  });

  it('equivalent inline statements pass', () => {
    const i = byId(loggingChecklist({ ...healthy, attached: [], inline: [{ name: 'p', document: PUSH_TO_CLOUDWATCH_POLICY }] }));
    assert.equal(i.permissions.status, 'passed');
  });

  it('no stage: the log group checks are skipped; a missing group says when API Gateway makes it', () => {
    assert.equal(byId(loggingChecklist({ ...healthy, stage: undefined, logGroup: undefined })).logGroup.status, 'skipped');
    const i = byId(loggingChecklist({ ...healthy, logGroup: { name: 'x', exists: false } }));
    assert.equal(i.logGroup.status, 'failed');
    assert.match(i.logGroup.detail, /first request it logs/);
    assert.equal(i.retention.status, 'skipped');
  });

  it('"never expire" gets a cost note and Set retention', () => {
    const i = byId(loggingChecklist({ ...healthy, logGroup: { name: 'x', exists: true } }));
    assert.equal(i.retention.status, 'failed');
    assert.match(i.retention.detail, /Never expire.*billed/);
    assert.deepEqual(i.retention.fixes, ['setRetention']);
  });

  it('the report marks each item', () => {
    const text = loggingReport(healthy, loggingChecklist({ ...healthy, logGroup: { name: 'x', exists: true } }));
    assert.match(text, /^CloudWatch logging setup \(stage prod of API abc123, us-east-1\)/);
    assert.match(text, /\[x\] The account has a CloudWatch Logs role/);
    assert.match(text, /\[ \] Its logs expire/);
  });

  it('the documents for an administrator hold the trust policy and the permissions', () => {
    const text = documentsForAdministrator();
    assert.ok(text.includes(APIGATEWAY_TRUST_POLICY) && text.includes(PUSH_TO_CLOUDWATCH_POLICY) && text.includes(PUSH_TO_CLOUDWATCH_POLICY_ARN));
  });
});

describe('logging checks: trust policy', () => {
  const ok = (statement: object) => trustPolicyAllowsApiGateway(trust(statement));
  it('Action as a string or a list, sts:* or *; Service as a string or a list', () => {
    assert.ok(ok({ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }));
    assert.ok(ok({ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'apigateway.amazonaws.com'] }, Action: ['sts:TagSession', 'sts:AssumeRole'] }));
    assert.ok(ok({ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:*' }));
    assert.ok(ok({ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: '*' }));
  });
  it('Deny, another service, another action, an AWS principal, a condition: not trusted', () => {
    assert.ok(!ok({ Effect: 'Deny', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }));
    assert.ok(!ok({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }));
    assert.ok(!ok({ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:TagSession' }));
    assert.ok(!ok({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }));
    assert.ok(!ok({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }));
    assert.ok(!trustPolicyAllowsApiGateway('not json'));
  });
  it('URL-encoded documents (as IAM returns them) are read', () => {
    assert.ok(trustPolicyAllowsApiGateway(encodeURIComponent(GOOD_TRUST)));
    assert.equal(decodePolicy(encodeURIComponent(GOOD_TRUST)), GOOD_TRUST);
    assert.equal(decodePolicy(GOOD_TRUST), GOOD_TRUST);
  });
  it('the fix adds API Gateway\'s statement and keeps the others', () => {
    const lambda = { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' };
    const fixed = JSON.parse(trustPolicyWithApiGateway(trust(lambda))) as { Version: string; Statement: object[] };
    assert.equal(fixed.Version, '2012-10-17');
    assert.deepEqual(fixed.Statement, [lambda, { Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    assert.ok(trustPolicyAllowsApiGateway(JSON.stringify(fixed)));
    // A single statement (not a list) is kept too.
    const single = JSON.parse(trustPolicyWithApiGateway(JSON.stringify({ Version: '2012-10-17', Statement: lambda }))) as { Statement: object[] };
    assert.deepEqual(single.Statement[0], lambda);
    assert.equal(single.Statement.length, 2);
  });
});

describe('logging checks: permissions', () => {
  it('logs:* or * on every resource covers all', () => {
    assert.deepEqual(missingLogActions([allLogs('logs:*')]), []);
    assert.deepEqual(missingLogActions([allLogs('*')]), []);
    assert.deepEqual(missingLogActions([allLogs('logs:*', 'arn:aws:logs:*:*:*')]), []);
    assert.deepEqual(missingLogActions([allLogs(['logs:Create*', 'logs:Describe*', 'logs:PutLogEvents'])]), []);
  });
  it('statements of several policies together', () => {
    assert.deepEqual(missingLogActions([allLogs(['logs:CreateLogGroup', 'logs:CreateLogStream']), allLogs(['logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents'])]), []);
  });
  it('a missing action, a narrower resource, a Deny: named as missing', () => {
    assert.deepEqual(missingLogActions([allLogs(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'])]), ['logs:PutLogEvents']);
    assert.deepEqual(missingLogActions([allLogs('logs:*', 'arn:aws:logs:us-east-1:123456789012:log-group:mine:*')]), [...REQUIRED_LOG_ACTIONS]);
    assert.deepEqual(missingLogActions([JSON.stringify({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] })]), [...REQUIRED_LOG_ACTIONS]);
    assert.deepEqual(missingLogActions([]), [...REQUIRED_LOG_ACTIONS]);
  });
  it('parsePolicy refuses what is not a JSON object', () => {
    assert.equal(parsePolicy('[]'), undefined);
    assert.equal(parsePolicy('%7B'), undefined);
  });
});

describe('logging checks: names, plans, errors', () => {
  it('the role name of an ARN, with a path or none', () => {
    assert.equal(roleNameOfArn(ROLE), 'logs');
    assert.equal(roleNameOfArn('arn:aws:iam::123456789012:role/service-role/apigw'), 'apigw');
    assert.equal(roleNameOfArn('arn:aws-cn:iam::123456789012:role/x'), 'x');
    assert.equal(roleNameOfArn('arn:aws:iam::123456789012:user/bob'), undefined);
  });
  it('the role name validator says what is wrong', () => {
    assert.equal(roleNameProblem('APIGatewayLogs'), undefined);
    assert.match(roleNameProblem('x'.repeat(65))!, /at most 64 characters; this one has 65/);
    assert.match(roleNameProblem('a/b')!, /not "\/"/);
    assert.match(roleNameProblem('a b')!, /not a space/);
    assert.match(roleNameProblem('a\tb')!, /U\+0009/);
    assert.match(roleNameProblem('')!, /Enter a role name/);
  });
  it('the execution log group name and the retention values', () => {
    assert.equal(executionLogGroupName('abc123', 'prod'), 'API-Gateway-Execution-Logs_abc123/prod');
    assert.equal(RETENTION_DAYS.length, 22);
    assert.ok(RETENTION_DAYS.includes(3653) && !(RETENTION_DAYS as readonly number[]).includes(2));
  });
  it('the plans, as the review shows them; none is a stage step', () => {
    const create = createLoggingRolePlan('apigw-logs');
    assert.deepEqual(create.map((s) => s.op), ['CreateRole', 'AttachRolePolicy', 'UpdateAccount']);
    assert.deepEqual(create[2], { op: 'UpdateAccount', patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: NEW_ROLE_ARN }] });
    const lines = describePlan([...create, ...fixTrustPlan('r', GOOD_TRUST), ...attachPolicyPlan('r'), ...retentionPlan('g', 30)]);
    assert.equal(lines[0], 'CreateRole (IAM) apigw-logs');
    assert.ok(lines.includes('  PolicyArn = arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs'));
    assert.ok(lines.includes('    {"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"sts:AssumeRole"}'));
    assert.ok(lines.includes('UpdateAssumeRolePolicy (IAM) r'));
    assert.ok(lines.includes('  PolicyDocument: 2 statements'));
    assert.deepEqual(lines.slice(-2), ['PutRetentionPolicy (CloudWatch Logs) g', '  retentionInDays = 30']);
    for (const s of [...create, ...retentionPlan('g', 1)]) assert.equal(stageOfStep(s), undefined);
  });
  it("AWS's refusal of a role not usable yet, both wordings; other 400s are not", () => {
    const e = (message: string, name = 'BadRequestException') => Object.assign(new Error(message), { name });
    assert.ok(isRoleNotUsable(e('The role ARN does not have required permissions set to API Gateway')));
    assert.ok(isRoleNotUsable(e('The role ARN does not have required permissions configured. Please grant trust permission for API Gateway and add the required role policy.')));
    assert.ok(!isRoleNotUsable(e('Invalid ARN specified in the request')));
    assert.ok(!isRoleNotUsable(e('The role ARN does not have required permissions set to API Gateway', 'AccessDeniedException')));
    assert.match(errorMessage(e('The role ARN does not have required permissions set to API Gateway')), /Check CloudWatch Logging Setup…/);
  });
  it("IAM's AccessDenied and Logs' AccessDeniedException: the permission named", () => {
    const denied = Object.assign(new Error('User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:GetRole on resource: role x'), { name: 'AccessDenied' });
    assert.ok(isAccessDenied(denied));
    assert.equal(deniedPermission(denied, 'iam:X'), 'iam:GetRole');
    assert.ok(isAccessDenied(Object.assign(new Error('no'), { name: 'AccessDeniedException' })));
    assert.equal(deniedPermission(new Error('no'), 'logs:DescribeLogGroups'), 'logs:DescribeLogGroups');
    assert.ok(!isAccessDenied(Object.assign(new Error('x'), { name: 'NoSuchEntityException' })));
  });
});

describe('logging checks: the IAM client\'s region', () => {
  it('IAM is global: us-east-1 on AWS (the partition\'s own region in China and GovCloud); an emulator\'s endpoint keeps the region', () => {
    const c = (region: string, endpoint?: string) => ({ profile: 'p', region, endpoint });
    assert.equal(iamRegion(c('eu-west-3')), 'us-east-1');
    assert.equal(iamRegion(c('cn-northwest-1')), 'cn-north-1');
    assert.equal(iamRegion(c('us-gov-east-1')), 'us-gov-west-1');
    assert.equal(iamRegion(c('eu-west-3', 'http://127.0.0.1:4566')), 'eu-west-3');
  });
});
