// Check CloudWatch Logging Setup…: from what GetAccount, IAM and CloudWatch Logs said, the checklist
// of why a stage's execution logs may stay empty, each failed item with its fix. Pure, unit-tested.
import { APIGATEWAY_TRUST_POLICY, PUSH_TO_CLOUDWATCH_POLICY } from './cloudWatch';

export const PUSH_TO_CLOUDWATCH_POLICY_ARN = 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs';
export const APIGATEWAY_SERVICE = 'apigateway.amazonaws.com';

/** What the managed policy allows that API Gateway's logging needs. */
export const REQUIRED_LOG_ACTIONS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents'] as const;

/** The retention periods CloudWatch Logs accepts, in days. */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** A read IAM or CloudWatch Logs refused: the permission it needs. */
export interface Denied {
  readonly denied: string;
}

export type Read<T> = T | Denied;
export const isDenied = (r: unknown): r is Denied => !!r && typeof r === 'object' && 'denied' in r;

export interface RoleFacts {
  readonly name: string;
  readonly arn?: string;
  /** The trust policy (AssumeRolePolicyDocument), decoded. */
  readonly trustPolicy: string;
}

export interface LogGroupFacts {
  readonly name: string;
  readonly exists: boolean;
  /** Undefined: never expires. */
  readonly retentionInDays?: number;
}

/** What the check read. Undefined where it did not get that far (no role to read, no stage). */
export interface LoggingFacts {
  readonly region: string;
  /** GetAccount's cloudwatchRoleArn ('' when none). */
  readonly roleArn: string;
  /** GetRole: undefined when there is no such role. */
  readonly role?: Read<RoleFacts | undefined>;
  /** ListAttachedRolePolicies: the policies' ARNs. */
  readonly attached?: Read<readonly string[]>;
  /** ListRolePolicies + GetRolePolicy: the inline policies' documents, decoded. */
  readonly inline?: Read<readonly { readonly name: string; readonly document: string }[]>;
  /** For the stage at hand (none for the account-only check). */
  readonly stage?: { readonly restApiId: string; readonly stageName: string };
  readonly logGroup?: Read<LogGroupFacts>;
}

export type CheckId = 'roleArn' | 'roleExists' | 'trust' | 'permissions' | 'logGroup' | 'retention';
export type CheckStatus = 'passed' | 'failed' | 'skipped';
export type FixKind = 'createRole' | 'setExistingRole' | 'fixTrust' | 'attachPolicy' | 'setRetention' | 'copyDocuments';

export interface CheckItem {
  readonly id: CheckId;
  readonly label: string;
  readonly status: CheckStatus;
  /** What is wrong and what fixes it (or what passed). */
  readonly detail: string;
  /** The fixes offered, first the usual one. */
  readonly fixes: readonly FixKind[];
}

export const FIX_LABELS: Readonly<Record<FixKind, string>> = {
  createRole: 'Create the role and set it…',
  setExistingRole: 'Set an existing role…',
  fixTrust: 'Fix the trust policy…',
  attachPolicy: 'Attach the policy…',
  setRetention: "Set the log group's retention…",
  copyDocuments: 'Copy policy and trust documents',
};

/** The execution log group API Gateway writes a stage's logs to. */
export function executionLogGroupName(restApiId: string, stageName: string): string {
  return `API-Gateway-Execution-Logs_${restApiId}/${stageName}`;
}

/** The role's name of an IAM role ARN (`arn:aws:iam::123:role/path/name` → `name`), or undefined. */
export function roleNameOfArn(arn: string): string | undefined {
  const m = /^arn:aws[\w-]*:iam::\d{12}:role\/(?:[^/]*\/)*([\w+=,.@-]+)$/.exec(arn.trim());
  return m?.[1];
}

/** IAM's rule for a role name: 1 to 64 characters, letters, digits and `+=,.@_-`. */
export function roleNameProblem(value: string): string | undefined {
  if (!value) return 'Enter a role name: 1 to 64 characters, letters, digits and + = , . @ _ -.';
  if (value.length > 64) return `A role name has at most 64 characters; this one has ${value.length}.`;
  const bad = [...value].find((c) => !/[\w+=,.@-]/.test(c) || /[^\x20-\x7e]/.test(c));
  if (bad) return `A role name may hold only letters, digits and + = , . @ _ -; not ${describeChar(bad)}.`;
  return undefined;
}

function describeChar(c: string): string {
  if (c === ' ') return 'a space';
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f || /\s/.test(c)) return `the control or space character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${c}"`;
}

// ---- Policy documents

interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: unknown;
  Principal?: string | { Service?: string | string[] } & Record<string, unknown>;
  Resource?: string | string[];
  Condition?: unknown;
}

interface PolicyDocument {
  Version?: string;
  Statement?: Statement | Statement[];
}

/** A policy document as IAM returns it: JSON, maybe URL-encoded (GetRole, GetRolePolicy). Undefined when it is neither. */
export function parsePolicy(text: string): PolicyDocument | undefined {
  for (const candidate of [text, safeDecode(text)]) {
    if (candidate === undefined) continue;
    try {
      const doc = JSON.parse(candidate) as unknown;
      if (doc && typeof doc === 'object' && !Array.isArray(doc)) return doc as PolicyDocument;
    } catch {
      // try the decoded text
    }
  }
  return undefined;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Whether an IAM action pattern (`logs:*`, `*`, `sts:AssumeRole`) covers the action; IAM compares case-insensitively. */
function covers(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}

const allows = (s: Statement) => s.Effect === 'Allow' && !s.Condition;

/** A statement that lets API Gateway assume the role. */
function trustsApiGateway(s: Statement): boolean {
  if (!allows(s)) return false;
  if (!list(s.Action).some((a) => covers(a, 'sts:AssumeRole'))) return false;
  const p = s.Principal;
  if (!p || typeof p === 'string') return false;
  return list(p.Service).includes(APIGATEWAY_SERVICE);
}

/** Whether the trust policy lets apigateway.amazonaws.com assume the role (an Allow with sts:AssumeRole and no condition). */
export function trustPolicyAllowsApiGateway(trustPolicy: string): boolean {
  return list(parsePolicy(trustPolicy)?.Statement).some(trustsApiGateway);
}

/** The trust policy with API Gateway's statement added; every statement there is kept. */
export function trustPolicyWithApiGateway(trustPolicy: string): string {
  const doc = parsePolicy(trustPolicy) ?? {};
  const ours = (JSON.parse(APIGATEWAY_TRUST_POLICY) as { Statement: Statement[] }).Statement[0];
  return JSON.stringify({ ...doc, Version: doc.Version ?? '2012-10-17', Statement: [...list(doc.Statement), ours] }, null, 2);
}

/** The logging actions the inline documents together do not allow (on every resource, `*` or a logs ARN pattern covering all). */
export function missingLogActions(documents: readonly string[]): string[] {
  const statements = documents.flatMap((d) => list(parsePolicy(d)?.Statement)).filter(allows);
  return REQUIRED_LOG_ACTIONS.filter((action) => !statements.some((s) => list(s.Action).some((a) => covers(a, action)) && list(s.Resource).some(coversAllLogs)));
}

/** A Resource that covers every log group and stream of the account: `*`, `arn:aws:logs:*`, `arn:aws:logs:*:*:*` and the like. */
function coversAllLogs(resource: string): boolean {
  return resource === '*' || /^arn:aws[\w-]*:logs:(\*|[\w-]+):(\*|\d{12}):\*$/.test(resource) || /^arn:aws[\w-]*:logs:\*$/.test(resource);
}

// ---- The checklist

const deniedDetail = (d: Denied, what: string) =>
  `Not allowed to ${what}: your profile lacks ${d.denied}. Copy the policy and trust documents for an administrator, or ask for ${d.denied}.`;

/** The checks, in order; each failed item names its fixes. */
export function loggingChecklist(f: LoggingFacts): CheckItem[] {
  const items: CheckItem[] = [];
  const add = (id: CheckId, label: string, status: CheckStatus, detail: string, fixes: FixKind[] = []) => items.push({ id, label, status, detail, fixes });
  const skip = (id: CheckId, label: string, why: string) => add(id, label, 'skipped', why);

  add('roleArn', 'The account has a CloudWatch Logs role', f.roleArn ? 'passed' : 'failed',
    f.roleArn ? f.roleArn : `No CloudWatch Logs role is set for ${f.region}: API Gateway cannot write execution logs. Create one, or set a role you have.`,
    f.roleArn ? [] : ['createRole', 'setExistingRole']);

  const roleName = f.roleArn ? roleNameOfArn(f.roleArn) : undefined;
  const role = f.role;
  let roleOk = false;
  if (!f.roleArn) skip('roleExists', 'The role exists', 'No role to look at.');
  else if (!roleName) add('roleExists', 'The role exists', 'failed', `${f.roleArn} is not the ARN of an IAM role. Create one, or set another.`, ['createRole', 'setExistingRole']);
  else if (isDenied(role)) add('roleExists', 'The role exists', 'failed', deniedDetail(role, `read role ${roleName}`), ['copyDocuments']);
  else if (!role) {
    add('roleExists', 'The role exists', 'failed', `There is no role named ${roleName} in this account: API Gateway cannot write logs with it. Create it (and set it), or set another.`, ['createRole', 'setExistingRole']);
  } else {
    roleOk = true;
    add('roleExists', 'The role exists', 'passed', roleName);
  }

  const trustLabel = `Its trust policy lets ${APIGATEWAY_SERVICE} assume it`;
  if (!roleOk || !role || isDenied(role)) skip('trust', trustLabel, 'No role to look at.');
  else if (trustPolicyAllowsApiGateway(role.trustPolicy)) add('trust', trustLabel, 'passed', 'An Allow statement for sts:AssumeRole names the service.');
  else add('trust', trustLabel, 'failed', `API Gateway may not assume ${role.name}: its trust policy has no Allow statement for sts:AssumeRole by ${APIGATEWAY_SERVICE}. Fix: add that statement (the others are kept).`, ['fixTrust']);

  const permLabel = 'It may write logs (AmazonAPIGatewayPushToCloudWatchLogs or equivalent)';
  if (!roleOk) skip('permissions', permLabel, 'No role to look at.');
  else if (isDenied(f.attached)) add('permissions', permLabel, 'failed', deniedDetail(f.attached, "list the role's policies"), ['copyDocuments']);
  else if (f.attached?.includes(PUSH_TO_CLOUDWATCH_POLICY_ARN)) add('permissions', permLabel, 'passed', 'The managed policy is attached.');
  else if (isDenied(f.inline)) add('permissions', permLabel, 'failed', deniedDetail(f.inline, "read the role's inline policies"), ['copyDocuments']);
  else {
    const missing = missingLogActions((f.inline ?? []).map((p) => p.document));
    if (!missing.length) add('permissions', permLabel, 'passed', 'Its inline policies allow every action API Gateway needs.');
    else add('permissions', permLabel, 'failed', `The role may not ${missing.join(', ')} (on every log group). Fix: attach AmazonAPIGatewayPushToCloudWatchLogs.`, ['attachPolicy']);
  }

  const groupName = f.stage ? executionLogGroupName(f.stage.restApiId, f.stage.stageName) : undefined;
  const groupLabel = groupName ? `The execution log group ${groupName} exists` : 'The execution log group exists';
  const group = f.logGroup;
  if (!groupName) skip('logGroup', groupLabel, 'No stage: the account alone was checked.');
  else if (isDenied(group)) add('logGroup', groupLabel, 'failed', deniedDetail(group, 'list log groups'), ['copyDocuments']);
  else if (!group?.exists) {
    add('logGroup', groupLabel, 'failed', 'Not there yet: API Gateway makes it at the first request it logs, once the role works and the stage logs (Logging level INFO or ERROR), after a deployment.');
  } else add('logGroup', groupLabel, 'passed', 'API Gateway has written logs here.');

  const retentionLabel = 'Its logs expire (retention)';
  if (!groupName || isDenied(group) || !group?.exists) skip('retention', retentionLabel, 'No log group to look at.');
  else if (group.retentionInDays === undefined) {
    add('retention', retentionLabel, 'failed', 'Never expire: the logs are kept, and billed for storage, for ever. Set a retention to bound the cost.', ['setRetention']);
  } else add('retention', retentionLabel, 'passed', `Kept ${group.retentionInDays} day${group.retentionInDays === 1 ? '' : 's'}.`);
  return items;
}

/** The checklist as text (Copy report). */
export function loggingReport(f: LoggingFacts, items: readonly CheckItem[]): string {
  const mark: Record<CheckStatus, string> = { passed: '[x]', failed: '[ ]', skipped: '[-]' };
  const where = f.stage ? `stage ${f.stage.stageName} of API ${f.stage.restApiId}, ${f.region}` : f.region;
  return [`CloudWatch logging setup (${where})`, ...items.map((i) => `${mark[i.status]} ${i.label}: ${i.detail}`)].join('\n');
}

/** What an administrator needs to set it up: the trust policy and the permissions, as documents. */
export function documentsForAdministrator(): string {
  return [
    'Trust policy of the role (API Gateway may assume it):',
    APIGATEWAY_TRUST_POLICY,
    '',
    `Permissions: attach ${PUSH_TO_CLOUDWATCH_POLICY_ARN}, or this inline policy:`,
    PUSH_TO_CLOUDWATCH_POLICY,
    '',
    'Then set the role in API Gateway\'s settings of the region (UpdateAccount /cloudwatchRoleArn).',
  ].join('\n');
}
