// IAM and CloudWatch Logs for Check CloudWatch Logging Setup…: the reads it makes, and the writes of
// its fixes (ApiGateway.send hands them here). The SDK modules load when the check first runs.
import type { PlanStep } from '../model/plans';
import { type Denied, executionLogGroupName, type LogGroupFacts, type LoggingFacts, type Read, roleNameOfArn, type RoleFacts } from '../model/loggingChecks';
import type { ApiGateway } from './apiGateway';

type LoggingStep = Extract<PlanStep, { op: 'CreateRole' | 'AttachRolePolicy' | 'UpdateAssumeRolePolicy' | 'PutRetentionPolicy' }>;

export const LOGGING_OPS: ReadonlySet<PlanStep['op']> = new Set(['CreateRole', 'AttachRolePolicy', 'UpdateAssumeRolePolicy', 'PutRetentionPolicy']);
export const isLoggingStep = (step: PlanStep): step is LoggingStep => LOGGING_OPS.has(step.op);

/** IAM's or CloudWatch Logs' refusal to a caller without the permission (IAM: AccessDenied; Logs: AccessDeniedException). */
export function isAccessDenied(e: unknown): boolean {
  const err = e as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return /^AccessDenied/.test(err?.name ?? '') || /^AccessDenied/.test(err?.Code ?? '');
}

/** The permission a refusal names (`... is not authorized to perform: iam:GetRole on ...`), else the one the call needs. */
export function deniedPermission(e: unknown, needed: string): string {
  return /not authorized to perform: ([\w-]+:[\w*]+)/.exec((e as Error | undefined)?.message ?? '')?.[1] ?? needed;
}

const isNoSuchEntity = (e: unknown) => /^NoSuchEntity/.test((e as { name?: string } | undefined)?.name ?? '');

/** The read, or what it was refused for. */
async function orDenied<T>(read: () => Promise<T>, permission: string): Promise<Read<T>> {
  try {
    return await read();
  } catch (e) {
    if (isAccessDenied(e)) return { denied: deniedPermission(e, permission) } satisfies Denied;
    throw e;
  }
}

/** GetRole: the role's trust policy (IAM returns it URL-encoded), or undefined when there is no such role. */
export async function getRole(gateway: ApiGateway, roleName: string): Promise<RoleFacts | undefined> {
  const iam = await gateway.other('iam');
  const { GetRoleCommand } = await import('@aws-sdk/client-iam');
  try {
    const out = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    return { name: out.Role?.RoleName ?? roleName, arn: out.Role?.Arn, trustPolicy: decodePolicy(out.Role?.AssumeRolePolicyDocument ?? '') };
  } catch (e) {
    if (isNoSuchEntity(e)) return undefined;
    throw e;
  }
}

/** ListAttachedRolePolicies, every page: the policies' ARNs. */
export async function attachedPolicies(gateway: ApiGateway, roleName: string): Promise<string[]> {
  const iam = await gateway.other('iam');
  const { paginateListAttachedRolePolicies } = await import('@aws-sdk/client-iam');
  const out: string[] = [];
  for await (const page of paginateListAttachedRolePolicies({ client: iam }, { RoleName: roleName })) for (const p of page.AttachedPolicies ?? []) if (p.PolicyArn) out.push(p.PolicyArn);
  return out;
}

/** ListRolePolicies, then GetRolePolicy for each: the inline documents, decoded. */
export async function inlinePolicies(gateway: ApiGateway, roleName: string): Promise<{ name: string; document: string }[]> {
  const iam = await gateway.other('iam');
  const { paginateListRolePolicies, GetRolePolicyCommand } = await import('@aws-sdk/client-iam');
  const names: string[] = [];
  for await (const page of paginateListRolePolicies({ client: iam }, { RoleName: roleName })) names.push(...(page.PolicyNames ?? []));
  const out: { name: string; document: string }[] = [];
  for (const name of names) {
    const p = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
    out.push({ name, document: decodePolicy(p.PolicyDocument ?? '') });
  }
  return out;
}

/** DescribeLogGroups with the name as prefix; the group whose name is exactly it. */
export async function logGroup(gateway: ApiGateway, name: string): Promise<LogGroupFacts> {
  const logs = await gateway.other('logs');
  const { DescribeLogGroupsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
  let next: string | undefined;
  do {
    const page = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken: next }));
    const found = page.logGroups?.find((g) => g.logGroupName === name);
    if (found) return { name, exists: true, retentionInDays: found.retentionInDays ?? undefined };
    next = page.logGroups?.length ? page.nextToken : undefined;
  } while (next);
  return { name, exists: false };
}

/**
 * Everything the checklist needs: GetAccount, then (with a role) GetRole, ListAttachedRolePolicies,
 * ListRolePolicies (+ GetRolePolicy each, only without the managed policy), and (with a stage) DescribeLogGroups.
 */
export async function readLoggingFacts(gateway: ApiGateway, region: string, stage?: { restApiId: string; stageName: string }): Promise<LoggingFacts> {
  const roleArn = (await gateway.getAccount()).cloudwatchRoleArn ?? '';
  const roleName = roleArn ? roleNameOfArn(roleArn) : undefined;
  const group = stage ? orDenied(() => logGroup(gateway, executionLogGroupName(stage.restApiId, stage.stageName)), 'logs:DescribeLogGroups') : undefined;
  let facts: LoggingFacts = { region, roleArn, stage };
  if (roleName) {
    const role = await orDenied(() => getRole(gateway, roleName), 'iam:GetRole');
    facts = { ...facts, role };
    if (role && !('denied' in role)) {
      const attached = await orDenied(() => attachedPolicies(gateway, roleName), 'iam:ListAttachedRolePolicies');
      const managed = Array.isArray(attached) && attached.some((a) => /\/AmazonAPIGatewayPushToCloudWatchLogs$/.test(a));
      const inline = managed ? [] : await orDenied(() => inlinePolicies(gateway, roleName), 'iam:ListRolePolicies');
      facts = { ...facts, attached, inline };
    }
  }
  return group ? { ...facts, logGroup: await group } : facts;
}

/** IAM returns policy documents URL-encoded (RFC 3986); an emulator may not. */
export function decodePolicy(text: string): string {
  if (/^\s*[{[]/.test(text)) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** One write of a logging fix; the answer for CreateRole (the role), nothing for the others. */
export async function sendLoggingStep(gateway: ApiGateway, step: LoggingStep, signal?: AbortSignal): Promise<unknown> {
  const o = { abortSignal: signal };
  if (step.op === 'PutRetentionPolicy') {
    const logs = await gateway.other('logs');
    const { PutRetentionPolicyCommand } = await import('@aws-sdk/client-cloudwatch-logs');
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: step.logGroupName, retentionInDays: step.retentionInDays }), o);
    return undefined;
  }
  const iam = await gateway.other('iam');
  const m = await import('@aws-sdk/client-iam');
  switch (step.op) {
    case 'CreateRole':
      return (await iam.send(new m.CreateRoleCommand({ RoleName: step.roleName, AssumeRolePolicyDocument: step.assumeRolePolicyDocument, Description: step.description }), o)).Role;
    case 'AttachRolePolicy':
      await iam.send(new m.AttachRolePolicyCommand({ RoleName: step.roleName, PolicyArn: step.policyArn }), o);
      return undefined;
    case 'UpdateAssumeRolePolicy':
      await iam.send(new m.UpdateAssumeRolePolicyCommand({ RoleName: step.roleName, PolicyDocument: step.policyDocument }), o);
      return undefined;
  }
}
