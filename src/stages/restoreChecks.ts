// Before a restore sends anything: what of the snapshot can come back, what is still in place (AWS
// does not document whether a deleted stage's usage-plan entry, base path mapping and web ACL
// association survive the delete; moto keeps all three), and what is gone. Only the reads a snapshot
// needs: a stage with nothing around it costs one GetStages and one GetDeployments, as before.
import type { Deployment, Stage } from '../aws/apiGateway';
import { errorMessage } from '../errors';
import { stageArn } from '../model/arns';
import { mappingText, type StageReferences } from '../model/references';
import type { RestoreChoices } from '../model/rebuild';
import type { ApiTarget } from './targets';

/** What the checks read: the API's connection and gateway (no editor needed: the service tests run them against the emulators). */
type CheckTarget = Pick<ApiTarget, 'gateway' | 'connection' | 'restApiId'>;

export interface RestoreCheck {
  /** The API's deployments, newest first. */
  readonly deployments: (Deployment & { id: string })[];
  readonly deploymentGone: boolean;
  readonly canaryDeploymentGone: boolean;
  /** What cannot come back, each with why: the user decides to restore without it, or not at all. */
  readonly gone: string[];
  readonly without: NonNullable<RestoreChoices['without']>;
  readonly present: NonNullable<RestoreChoices['present']>;
}

export async function checkRestore(target: CheckTarget, stage: Stage, refs: StageReferences, stageName: string): Promise<RestoreCheck> {
  const g = target.gateway;
  const region = target.connection.region;
  const gone: string[] = [];
  const [deployments, webAcl, plans, mappings, cert, docs] = await Promise.all([
    g.listDeployments(target.restApiId).then((all) => all.filter((d): d is Deployment & { id: string } => !!d.id)),
    stage.webAclArn ? checkWebAcl(target, stage.webAclArn, stageArn(region, target.restApiId, stageName)) : undefined,
    Promise.all(refs.usagePlans.map(async (u) => ({ u, plan: await g.getUsagePlan(u.id) }))),
    refs.mappings.length ? checkMappings(target, refs, stageName) : undefined,
    stage.clientCertificateId ? g.clientCertificateExists(stage.clientCertificateId).catch((e: unknown) => errorMessage(e)) : undefined,
    stage.documentationVersion ? g.documentationVersionExists(target.restApiId, stage.documentationVersion).catch((e: unknown) => errorMessage(e)) : undefined,
  ]);
  const ids = new Set(deployments.map((d) => d.id));
  const without: { webAcl?: boolean; clientCertificate?: boolean; documentationVersion?: boolean; usagePlans: Set<string>; mappings: Set<string> } = { usagePlans: new Set(), mappings: new Set() };
  const present: { webAcl?: boolean; usagePlans: Set<string>; mappings: Set<string> } = { usagePlans: new Set(), mappings: new Set() };

  if (webAcl) {
    if (webAcl.present) present.webAcl = true;
    else if (webAcl.problem) {
      without.webAcl = true;
      gone.push(`web ACL ${stage.webAclArn} (${webAcl.problem})`);
    }
  }
  for (const { u, plan } of plans) {
    if (!plan) {
      without.usagePlans.add(u.id);
      gone.push(`usage plan "${u.name}" (deleted)`);
    } else if (plan.apiStages?.some((s) => s.apiId === target.restApiId && s.stage === stageName)) present.usagePlans.add(u.id);
  }
  for (const m of mappings?.gone ?? []) {
    without.mappings.add(m.key);
    gone.push(`custom domain mapping ${m.key} (${m.why})`);
  }
  for (const key of mappings?.present ?? []) present.mappings.add(key);
  if (cert !== undefined && cert !== true) {
    without.clientCertificate = true;
    gone.push(`client certificate ${stage.clientCertificateId} (${cert === false ? 'deleted' : `could not be checked: ${cert}`})`);
  }
  if (docs !== undefined && docs !== true) {
    without.documentationVersion = true;
    gone.push(`documentation version ${stage.documentationVersion} (${docs === false ? 'deleted' : `could not be checked: ${docs}`})`);
  }
  return {
    deployments,
    deploymentGone: !!stage.deploymentId && !ids.has(stage.deploymentId),
    canaryDeploymentGone: !!stage.canarySettings?.deploymentId && !ids.has(stage.canarySettings.deploymentId),
    gone,
    without,
    present,
  };
}

/** The web ACL: still associated with the stage's ARN (kept across the delete), gone, or not checkable. */
async function checkWebAcl(target: CheckTarget, arn: string, resourceArn: string): Promise<{ present?: boolean; problem?: string }> {
  try {
    if ((await target.gateway.webAclOf(resourceArn)) === arn) return { present: true };
    const exists = await target.gateway.webAclExists(arn);
    return exists === false ? { problem: 'deleted' } : {};
  } catch (e) {
    return { problem: `could not be checked: ${errorMessage(e)}` };
  }
}

/** Each mapping: still pointing at the stage, free to make again, or not (its domain is gone, its path now maps something else). */
async function checkMappings(target: CheckTarget, refs: StageReferences, stageName: string): Promise<{ present: string[]; gone: { key: string; why: string }[] }> {
  const domains = new Set(await target.gateway.listDomainNames());
  const present: string[] = [];
  const gone: { key: string; why: string }[] = [];
  const byDomain = new Map<string, Awaited<ReturnType<typeof target.gateway.domainMappings>>>();
  for (const m of refs.mappings) {
    const key = mappingText(m);
    if (!domains.has(m.domainName)) {
      gone.push({ key, why: 'the custom domain is deleted' });
      continue;
    }
    if (!byDomain.has(m.domainName)) byDomain.set(m.domainName, await target.gateway.domainMappings(m.domainName));
    const now = byDomain.get(m.domainName)!.find((x) => x.basePath === m.basePath);
    if (!now) continue;
    if (now.restApiId === target.restApiId && now.stage === stageName) present.push(key);
    else gone.push({ key, why: `the path now maps ${now.restApiId === target.restApiId ? `stage ${now.stage}` : `another API (${now.restApiId ?? '?'})`}` });
  }
  return { present, gone };
}
