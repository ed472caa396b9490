// After a write whose answer was lost (a timeout, a cut connection, a 5xx, an answer cut short), AWS
// is read to find out whether it took it: the plan then goes on, sends it once more, or says it
// cannot tell. A guess would either send a change twice (two deployments, a "409 already exists"
// taken for someone else's stage) or report a change as failed that is live.
import type { Stage } from '@aws-sdk/client-api-gateway';
import { type ApiGateway, isNotFound } from './apiGateway';
import type { PlanStep } from '../model/plans';
import { methodSettingsByPath } from '../model/patchPaths';
import { getRole } from './loggingSetup';
import { parsePolicy } from '../model/loggingChecks';

export type Fate =
  /** AWS holds the change; `answer` stands for the lost answer (the stage, the deployment, the plan). */
  | { readonly applied: true; readonly answer?: unknown }
  | { readonly applied: false }
  /** The read could not tell (several candidates, a read that failed). */
  | { readonly applied: 'unknown'; readonly why: string };

const UNKNOWN = (why: string): Fate => ({ applied: 'unknown', why });

/** AWS's clock and ours may differ by up to 5 minutes (SigV4 refuses more): a deployment made since `sentAt` minus that is a candidate. */
const CLOCK_SKEW_MS = 5 * 60_000;

export async function readBack(gateway: ApiGateway, step: PlanStep, sentAt: number): Promise<Fate> {
  try {
    return await read(gateway, step, sentAt);
  } catch (e) {
    return UNKNOWN(`reading it back failed too (${(e as Error).message})`);
  }
}

async function read(gateway: ApiGateway, step: PlanStep, sentAt: number): Promise<Fate> {
  const stage = (restApiId: string, name: string) => gateway.getStage(restApiId, name).then((s): Stage | undefined => s, (e: unknown) => {
    if (isNotFound(e)) return undefined;
    throw e;
  });
  switch (step.op) {
    case 'CreateStage': {
      const s = await stage(step.input.restApiId, step.input.stageName);
      // There, on our deployment: ours (a stage made by someone else at the same second is not told apart).
      return s && s.deploymentId === step.input.deploymentId ? { applied: true, answer: s } : { applied: false };
    }
    case 'UpdateStage': {
      const s = await stage(step.restApiId, step.stageName);
      if (!s) return { applied: false };
      return step.patchOperations.every((o) => holds(s, o)) ? { applied: true, answer: s } : { applied: false };
    }
    case 'DeleteStage':
      return (await stage(step.restApiId, step.stageName)) ? { applied: false } : { applied: true };
    case 'CreateDeployment': {
      const all = await gateway.listDeployments(step.input.restApiId);
      const made = all.filter((d) => (d.description ?? '') === (step.input.description ?? '') && (!d.createdDate || d.createdDate.getTime() >= sentAt - CLOCK_SKEW_MS));
      if (made.some((d) => !d.createdDate)) return UNKNOWN('the endpoint gives deployments no date');
      if (made.length === 1) return { applied: true, answer: made[0] };
      return made.length === 0 ? { applied: false } : UNKNOWN(`${made.length} deployments with that description were made in the last minutes`);
    }
    case 'UpdateAccount': {
      const account = await gateway.getAccount();
      return step.patchOperations.every((o) => o.path === '/cloudwatchRoleArn' && account.cloudwatchRoleArn === o.value) ? { applied: true, answer: account } : { applied: false };
    }
    case 'CreateBasePathMapping': {
      const m = await gateway.getBasePathMapping(step.domainName, step.basePath);
      return m && m.restApiId === step.restApiId && m.stage === step.stage ? { applied: true, answer: m } : { applied: false };
    }
    case 'CreateApiMapping': {
      const m = (await gateway.apiMappingKeys(step.domainName)).get(step.apiMappingKey);
      return m && m.apiId === step.apiId && m.stage === step.stage ? { applied: true, answer: m } : { applied: false };
    }
    case 'UpdateUsagePlan': {
      const plan = await gateway.getUsagePlan(step.usagePlanId);
      if (!plan) return { applied: false };
      const added = step.patchOperations.filter((o) => o.op === 'add' && o.path === '/apiStages').map((o) => o.value);
      const ok = added.every((v) => plan.apiStages?.some((s) => `${s.apiId}:${s.stage}` === v));
      return ok ? { applied: true, answer: plan } : { applied: false };
    }
    case 'UpdateDeployment': {
      const d = await gateway.getDeployment(step.restApiId, step.deploymentId);
      if (!d) return { applied: false };
      const fields = d as Record<string, unknown>;
      return step.patchOperations.every((o) => o.op === 'replace' && (fields[(o.path ?? '').slice(1)] ?? '') === (o.value ?? '')) ? { applied: true, answer: d } : { applied: false };
    }
    case 'DeleteDeployment':
      // The list, not GetDeployment: moto answers a deployment that is gone with a 500 page, not a 404.
      return (await gateway.listDeployments(step.restApiId)).some((d) => d.id === step.deploymentId) ? { applied: false } : { applied: true };
    case 'GenerateClientCertificate': {
      // Ours: the one made since it was sent with its description (AWS names no other way to tell).
      const made = (await gateway.listClientCertificates()).filter((c) => (c.description ?? '') === step.description && (!c.createdDate || c.createdDate.getTime() >= sentAt - CLOCK_SKEW_MS));
      if (made.some((c) => !c.createdDate)) return UNKNOWN('the endpoint gives client certificates no date');
      if (made.length === 1) return { applied: true, answer: made[0] };
      return made.length === 0 ? { applied: false } : UNKNOWN(`${made.length} client certificates with that description were made in the last minutes`);
    }
    case 'CreateDocumentationVersion': {
      // The command checked the version was not taken before it was sent.
      const v = await gateway.getDocumentationVersion(step.restApiId, step.documentationVersion);
      return v ? { applied: true, answer: v } : { applied: false };
    }
    case 'CreateRole': {
      // Ours: there, with the trust policy sent (the command checked the name was free before).
      const role = await getRole(gateway, step.roleName);
      if (!role) return { applied: false };
      const same = JSON.stringify(parsePolicy(role.trustPolicy)) === JSON.stringify(parsePolicy(step.assumeRolePolicyDocument));
      return same ? { applied: true, answer: { RoleName: role.name, Arn: role.arn } } : UNKNOWN(`a role named ${step.roleName} is there, with another trust policy`);
    }
    // Sending these twice does no harm: the SDK retries them itself, they never come here.
    case 'AttachRolePolicy':
    case 'UpdateAssumeRolePolicy':
    case 'PutRetentionPolicy':
    case 'FlushStageCache':
    case 'FlushStageAuthorizersCache':
    case 'TagResource':
    case 'UntagResource':
    case 'AssociateWebACL':
    case 'DisassociateWebACL':
      return UNKNOWN('not read back');
  }
}

/** Whether the stage shows the effect of one patch operation (values compared as the strings they were sent as). */
function holds(s: Stage, o: { op?: string; path?: string; value?: string; from?: string }): boolean {
  const path = o.path ?? '';
  const parts = path.split('/').slice(1);
  if (o.op === 'copy') return copied(s, o.from);
  if (o.op === 'remove') {
    if (path === '/canarySettings') return !s.canarySettings;
    if (parts[0] === 'variables') return s.variables?.[parts[1]] === undefined;
    if (path === '/accessLogSettings') return !s.accessLogSettings?.destinationArn;
    if (parts.length === 2) return !s.methodSettings?.[`${parts[0]}/${parts[1]}`];
    return false;
  }
  const v = o.value;
  const same = (x: unknown) => x !== undefined && x !== null && String(x) === v;
  if (parts[0] === 'variables') return s.variables?.[parts[1]] === v;
  if (parts[0] === 'accessLogSettings') return same((s.accessLogSettings as Record<string, unknown> | undefined)?.[parts[1]]);
  if (parts[0] === 'canarySettings') {
    const c = s.canarySettings as Record<string, unknown> | undefined;
    return parts[1] === 'stageVariableOverrides' ? s.canarySettings?.stageVariableOverrides?.[parts[2]] === v : parts.length === 2 && same(c?.[parts[1]]);
  }
  // `replace /clientCertificateId` with '' clears it: AWS then leaves the field out.
  if (parts.length === 1) return v === '' ? !(s as Record<string, unknown>)[parts[0]] : same((s as Record<string, unknown>)[parts[0]]);
  const found = methodSettingsByPath(s.methodSettings ?? {}, path);
  return found !== undefined && same(found);
}

/**
 * A promote's `copy` from the canary: told only while the canary is there. When the same patch removes
 * it, that removal tells (an UpdateStage is applied whole or not at all).
 */
function copied(s: Stage, from: string | undefined): boolean {
  const c = s.canarySettings;
  if (!c) return true;
  if (from === '/canarySettings/deploymentId') return s.deploymentId === c.deploymentId;
  if (from === '/canarySettings/stageVariableOverrides') return Object.entries(c.stageVariableOverrides ?? {}).every(([k, v]) => s.variables?.[k] === v);
  return false;
}

