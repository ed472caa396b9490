// Every request that changes AWS, as data: a plan is a list of typed steps, previewed before it is
// sent, logged (with secrets hidden) and run by one runner (src/aws/planRunner.ts). Unit-tested.
import type { CanarySettings, CreateDeploymentCommandInput, CreateStageCommandInput, PatchOperation } from '@aws-sdk/client-api-gateway';
import { REMOVE_CANARY } from './canary';
import { splitPatch } from './patchPaths';

export type CreateStageInput = CreateStageCommandInput & { restApiId: string; stageName: string; deploymentId: string };
export type DeploymentInput = CreateDeploymentCommandInput & { restApiId: string };

export type PlanStep =
  | { readonly op: 'CreateStage'; readonly input: CreateStageInput }
  | { readonly op: 'UpdateStage'; readonly restApiId: string; readonly stageName: string; readonly patchOperations: PatchOperation[] }
  | { readonly op: 'DeleteStage'; readonly restApiId: string; readonly stageName: string }
  | { readonly op: 'CreateDeployment'; readonly input: DeploymentInput }
  | { readonly op: 'FlushStageCache'; readonly restApiId: string; readonly stageName: string }
  | { readonly op: 'FlushStageAuthorizersCache'; readonly restApiId: string; readonly stageName: string }
  /** Tags are not patchable: TagResource and UntagResource on the stage's ARN. */
  | { readonly op: 'TagResource'; readonly resourceArn: string; readonly stageName: string; readonly tags: Record<string, string> }
  | { readonly op: 'UntagResource'; readonly resourceArn: string; readonly stageName: string; readonly tagKeys: string[] }
  /** The account's settings of the region (the CloudWatch Logs role). */
  | { readonly op: 'UpdateAccount'; readonly patchOperations: PatchOperation[] }
  /** WAF v2: a regional web ACL on the stage's ARN. */
  | { readonly op: 'AssociateWebACL'; readonly webAclArn: string; readonly resourceArn: string; readonly stageName: string }
  /** A custom domain's single-level base path ('' is the root) to the stage. */
  | { readonly op: 'CreateBasePathMapping'; readonly domainName: string; readonly basePath: string; readonly restApiId: string; readonly stage: string }
  /** API Gateway v2: a multi-level mapping (`v1/orders`), which v1 cannot make. */
  | { readonly op: 'CreateApiMapping'; readonly domainName: string; readonly apiMappingKey: string; readonly apiId: string; readonly stage: string }
  | { readonly op: 'UpdateUsagePlan'; readonly usagePlanId: string; readonly usagePlanName: string; readonly patchOperations: PatchOperation[] }
  /** A deployment's own fields (only `/description` is patchable on AWS). */
  | { readonly op: 'UpdateDeployment'; readonly restApiId: string; readonly deploymentId: string; readonly patchOperations: PatchOperation[] }
  | { readonly op: 'DeleteDeployment'; readonly restApiId: string; readonly deploymentId: string }
  | { readonly op: 'DisassociateWebACL'; readonly resourceArn: string; readonly stageName: string }
  /** A new client certificate of the region (not of a stage): a second send makes a second certificate. */
  | { readonly op: 'GenerateClientCertificate'; readonly description: string }
  /** A snapshot of the API's documentation, named, and set on the stage. */
  | { readonly op: 'CreateDocumentationVersion'; readonly restApiId: string; readonly documentationVersion: string; readonly stageName: string; readonly description: string }
  /** IAM (global): a role for API Gateway's logs, its managed policy, its trust policy. */
  | { readonly op: 'CreateRole'; readonly roleName: string; readonly assumeRolePolicyDocument: string; readonly description?: string }
  | { readonly op: 'AttachRolePolicy'; readonly roleName: string; readonly policyArn: string }
  | { readonly op: 'UpdateAssumeRolePolicy'; readonly roleName: string; readonly policyDocument: string }
  /** CloudWatch Logs: how long a log group keeps its logs. */
  | { readonly op: 'PutRetentionPolicy'; readonly logGroupName: string; readonly retentionInDays: number };

export type PlanOp = PlanStep['op'];

/** Stands for the id of the deployment that the plan's CreateDeployment makes; filled in when it is known. */
export const NEW_DEPLOYMENT_ID = '<new deployment>';

/** Stands for the id of the client certificate that the plan's GenerateClientCertificate makes. */
export const NEW_CLIENT_CERTIFICATE_ID = '<new client certificate>';

/** The stage a step changes, if it changes one (for the tree's busy marks and the shared stages). */
export function stageOfStep(step: PlanStep): string | undefined {
  if (step.op === 'CreateStage' || step.op === 'CreateDeployment') return step.input.stageName;
  // Every other step that names a stage changes it; mappings name theirs `stage` and change only the domain.
  return 'stageName' in step ? step.stageName : undefined;
}

/** UpdateStage in parts AWS accepts (over 50 operations it answers "Update size too large"). */
export function updateStageSteps(restApiId: string, stageName: string, patch: readonly PatchOperation[]): PlanStep[] {
  return splitPatch(patch).map((part) => ({ op: 'UpdateStage', restApiId, stageName, patchOperations: part }));
}

/** `removeCanary`: the stage's canary goes first (all traffic then moves), as the review offered. */
export function changeDeploymentPlan(restApiId: string, stageName: string, deploymentId: string, removeCanary = false): PlanStep[] {
  const move: PatchOperation = { op: 'replace', path: '/deploymentId', value: deploymentId };
  return [{ op: 'UpdateStage', restApiId, stageName, patchOperations: removeCanary ? [REMOVE_CANARY, move] : [move] }];
}

export interface Deploy {
  readonly restApiId: string;
  readonly stageName: string;
  /** The stage exists: it keeps its settings. */
  readonly existing: boolean;
  readonly description?: string;
  /** For a new stage. */
  readonly stageDescription?: string;
  /** The existing stage's canary is removed as it moves (AWS refuses a plain deployment to a canary stage). */
  readonly removeCanary?: boolean;
  /** The existing stage's canary, as read: the new deployment becomes the canary's, with the same share, overrides and cache use. */
  readonly toCanary?: CanarySettings;
}

/**
 * A new stage: one CreateDeployment with `stageName`. An existing stage: CreateDeployment, then
 * `replace /deploymentId`, because CreateDeployment with the `stageName` of an existing stage wipes
 * its settings on moto and LocalStack (AWS keeps them); moving a stage keeps them everywhere.
 */
export function deployPlan(d: Deploy): PlanStep[] {
  const input: DeploymentInput = { restApiId: d.restApiId };
  if (d.description) input.description = d.description;
  if (!d.existing) {
    input.stageName = d.stageName;
    if (d.stageDescription) input.stageDescription = d.stageDescription;
    return [{ op: 'CreateDeployment', input }];
  }
  if (d.toCanary) {
    // AWS: the stage keeps its deployment and settings; the canary takes the new deployment.
    const { percentTraffic, stageVariableOverrides, useStageCache } = d.toCanary;
    input.stageName = d.stageName;
    input.canarySettings = { percentTraffic: percentTraffic ?? 0, stageVariableOverrides, useStageCache };
    return [{ op: 'CreateDeployment', input }];
  }
  return [{ op: 'CreateDeployment', input }, ...changeDeploymentPlan(d.restApiId, d.stageName, NEW_DEPLOYMENT_ID, d.removeCanary)];
}

export function deletePlan(restApiId: string, stageName: string): PlanStep[] {
  return [{ op: 'DeleteStage', restApiId, stageName }];
}

export function flushPlan(which: 'FlushStageCache' | 'FlushStageAuthorizersCache', restApiId: string, stageName: string): PlanStep[] {
  return [{ op: which, restApiId, stageName }];
}

export function setRolePlan(roleArn: string): PlanStep[] {
  return [{ op: 'UpdateAccount', patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: roleArn }] }];
}

/** Edit Deployment Description…: `replace /description` (AWS takes '' as no description). */
export function deploymentDescriptionPlan(restApiId: string, deploymentId: string, description: string): PlanStep[] {
  return [{ op: 'UpdateDeployment', restApiId, deploymentId, patchOperations: [{ op: 'replace', path: '/description', value: description }] }];
}

export function deleteDeploymentPlan(restApiId: string, deploymentId: string): PlanStep[] {
  return [{ op: 'DeleteDeployment', restApiId, deploymentId }];
}

export interface DescribeOptions {
  /**
   * For the log: stage variable values (and a canary's variable overrides) show as `(hidden)`. They
   * often hold backend keys; the user sees them in the preview, the log on disk never does.
   */
  readonly hideSecrets?: boolean;
}

/** One line per request, and one per patch operation or field (planPreview puts them under their heading). */
export function describePlan(plan: readonly PlanStep[], options: DescribeOptions = {}): string[] {
  return plan.flatMap((step) => describeStep(step, options));
}

/** A plan's requests as every preview shows them: the review step, a modal, the stage editor's review, the log. */
export interface PlanPreview {
  /** "Requests": a review step's separator, the editor's list; a modal and the log end it with a colon. */
  readonly heading: string;
  /** "1 request", "3 requests": what the item that sends says ("sends 3 requests"). */
  readonly count: string;
  /** One line per request, and one per patch operation or field, indented. */
  readonly lines: readonly string[];
  /** The heading and the lines as text: a modal's detail, the log. */
  readonly text: string;
}

/** The one format of a plan's requests: every review and the log use it, so they say the same in the same words. */
export function planPreview(plan: readonly PlanStep[], options: DescribeOptions = {}): PlanPreview {
  const heading = 'Requests';
  const lines = describePlan(plan, options);
  return { heading, count: `${plan.length} request${plan.length === 1 ? '' : 's'}`, lines, text: lines.length ? `${heading}:\n${lines.join('\n')}` : `${heading}: none` };
}

const HIDDEN = '(hidden)';

/** Paths whose values are secret: `/variables/x`, `/canarySettings/stageVariableOverrides/x`. */
export const isSecretPath = (path: string | undefined): boolean => !!path && /^\/(variables|canarySettings\/stageVariableOverrides)\//.test(path);

export function describeStep(r: PlanStep, options: DescribeOptions = {}): string[] {
  const ops = (patch: readonly PatchOperation[]) => patch.map((o) => `  ${o.op} ${o.from ? `${o.from} → ` : ''}${o.path}${o.value === undefined ? '' : ` = ${options.hideSecrets && isSecretPath(o.path) ? HIDDEN : JSON.stringify(o.value)}`}`);
  const count = (patch: readonly PatchOperation[]) => `${patch.length} operation${patch.length === 1 ? '' : 's'}`;
  switch (r.op) {
    case 'CreateStage': {
      const { restApiId: _api, stageName, ...fields } = r.input;
      return [`CreateStage ${stageName}`, ...fieldLines(fields, options)];
    }
    case 'CreateDeployment': {
      const { restApiId: _api, ...fields } = r.input;
      const where = fields.canarySettings ? ` (the canary of stage ${fields.stageName})` : fields.stageName ? ` (makes stage ${fields.stageName})` : '';
      return [`CreateDeployment${where}`, ...fieldLines(fields, options)];
    }
    case 'DeleteStage':
    case 'FlushStageCache':
    case 'FlushStageAuthorizersCache':
      return [`${r.op} ${r.stageName}`];
    case 'UpdateStage':
      return [`UpdateStage ${r.stageName} (${count(r.patchOperations)})`, ...ops(r.patchOperations)];
    case 'TagResource':
      return [`TagResource stage ${r.stageName}`, ...Object.entries(r.tags).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`)];
    case 'UntagResource':
      return [`UntagResource stage ${r.stageName}: ${r.tagKeys.join(', ')}`];
    case 'UpdateAccount':
      return [`UpdateAccount (${count(r.patchOperations)})`, ...ops(r.patchOperations)];
    case 'AssociateWebACL':
      return [`AssociateWebACL stage ${r.stageName} → ${r.webAclArn}`];
    case 'DisassociateWebACL':
      return [`DisassociateWebACL stage ${r.stageName}`];
    case 'GenerateClientCertificate':
      return [`GenerateClientCertificate`, `  description = ${JSON.stringify(r.description)}`];
    case 'CreateDocumentationVersion':
      return [`CreateDocumentationVersion ${JSON.stringify(r.documentationVersion)} (set on stage ${r.stageName})`, ...(r.description ? [`  description = ${JSON.stringify(r.description)}`] : [])];
    case 'CreateBasePathMapping':
      return [`CreateBasePathMapping ${r.domainName}/${r.basePath} → stage ${r.stage}`];
    case 'CreateApiMapping':
      return [`CreateApiMapping (API Gateway v2) ${r.domainName}/${r.apiMappingKey} → stage ${r.stage}`];
    case 'UpdateUsagePlan':
      return [`UpdateUsagePlan "${r.usagePlanName}" (${count(r.patchOperations)})`, ...ops(r.patchOperations)];
    case 'UpdateDeployment':
      return [`UpdateDeployment ${r.deploymentId} (${count(r.patchOperations)})`, ...ops(r.patchOperations)];
    case 'DeleteDeployment':
      return [`DeleteDeployment ${r.deploymentId}`];
    case 'CreateRole':
      return [`CreateRole (IAM) ${r.roleName}`, ...(r.description ? [`  Description = ${JSON.stringify(r.description)}`] : []), ...documentLines('AssumeRolePolicyDocument', r.assumeRolePolicyDocument)];
    case 'AttachRolePolicy':
      return [`AttachRolePolicy (IAM) ${r.roleName}`, `  PolicyArn = ${r.policyArn}`];
    case 'UpdateAssumeRolePolicy':
      return [`UpdateAssumeRolePolicy (IAM) ${r.roleName}`, ...documentLines('PolicyDocument', r.policyDocument)];
    case 'PutRetentionPolicy':
      return [`PutRetentionPolicy (CloudWatch Logs) ${r.logGroupName}`, `  retentionInDays = ${r.retentionInDays}`];
  }
}

/** A policy document, one line of its compact JSON a statement (a quick pick row does not wrap). */
function documentLines(field: string, document: string): string[] {
  let statements: unknown[] | undefined;
  try {
    const doc = JSON.parse(document) as { Statement?: unknown };
    statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : undefined;
  } catch {
    statements = undefined;
  }
  if (!statements) return [`  ${field} = ${document}`];
  return [`  ${field}: ${statements.length} statement${statements.length === 1 ? '' : 's'}`, ...statements.map((s) => `    ${JSON.stringify(s)}`)];
}

/** `  name = value` per field set, in the request's own order; secret maps as their names. */
function fieldLines(fields: object, options: DescribeOptions): string[] {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `  ${k} = ${JSON.stringify(options.hideSecrets ? hideSecretFields(k, v) : v)}`);
}

function hideSecretFields(field: string, value: unknown): unknown {
  const hide = (m: unknown) => (m && typeof m === 'object' ? Object.fromEntries(Object.keys(m).map((k) => [k, HIDDEN])) : m);
  if (field === 'variables') return hide(value);
  if (field === 'canarySettings' && value && typeof value === 'object') {
    const c = value as { stageVariableOverrides?: unknown };
    return c.stageVariableOverrides ? { ...c, stageVariableOverrides: hide(c.stageVariableOverrides) } : c;
  }
  return value;
}
