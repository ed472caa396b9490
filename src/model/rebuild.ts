// Making a stage from another stage's settings: Create Stage's "copy settings from", Restore Deleted
// Stage (a snapshot, and what pointed at the stage) and the editor's Recreate Stage from This Form.
// Every stage-level setting goes: what CreateStage takes in it, the rest in UpdateStage, the web
// ACL with AssociateWebACL. Reserved `aws:` tags never go (AWS refuses them in CreateStage).
import type { CanarySettings, CreateStageCommandInput, PatchOperation, Stage } from '@aws-sdk/client-api-gateway';
import { parseWebAclArn, stageArn } from './arns';
import { ALL_METHODS_KEY, parseMethodKey } from './methodKey';
import { methodSettingPatches } from './patchPaths';
import { type CreateStageInput, type PlanStep, updateStageSteps } from './plans';
import { mappingText, type StageReferences, type UsagePlanRef } from './references';
import { stageChanges } from './stageChanges';
import { formFromStage, type StageForm } from './stageForm';

/** Tag keys AWS keeps for itself (CloudFormation, SAM, CDK and Serverless put `aws:cloudformation:*` on their stages). */
export const isReservedTag = (key: string): boolean => /^aws:/i.test(key);

export const RESERVED_TAGS_NOTE = 'keys starting with "aws:" are reserved: AWS refuses them in CreateStage, and the tool that made the stage (CloudFormation, SAM, CDK) sets them itself';

/** Every stage-level setting of `source`, as CreateStage takes them and as UpdateStage operations. */
export interface StageSettings {
  readonly create: Partial<CreateStageCommandInput>;
  readonly patch: PatchOperation[];
  readonly webAclArn?: string;
  /** Reserved tags that were left out. */
  readonly reservedTags: string[];
}

export function settingsOf(source: Stage): StageSettings {
  const create: Partial<CreateStageCommandInput> = {};
  if (source.cacheClusterEnabled) {
    create.cacheClusterEnabled = true;
    if (source.cacheClusterSize) create.cacheClusterSize = source.cacheClusterSize;
  }
  if (source.tracingEnabled) create.tracingEnabled = true;
  if (source.variables && Object.keys(source.variables).length) create.variables = { ...source.variables };
  if (source.documentationVersion) create.documentationVersion = source.documentationVersion;
  if (source.canarySettings) create.canarySettings = copyCanary(source.canarySettings);
  const tags = Object.entries(source.tags ?? {});
  const kept = tags.filter(([k]) => !isReservedTag(k));
  if (kept.length) create.tags = Object.fromEntries(kept);
  // Every method-setting key, the wildcard ones (`*/GET`, from SAM templates) included.
  const patch = methodSettingPatches(source.methodSettings ?? {});
  const logs = source.accessLogSettings;
  if (logs?.destinationArn && logs.format) {
    patch.push({ op: 'replace', path: '/accessLogSettings/destinationArn', value: logs.destinationArn });
    patch.push({ op: 'replace', path: '/accessLogSettings/format', value: logs.format });
  }
  if (source.clientCertificateId) patch.push({ op: 'replace', path: '/clientCertificateId', value: source.clientCertificateId });
  return { create, patch, webAclArn: source.webAclArn || undefined, reservedTags: tags.filter(([k]) => isReservedTag(k)).map(([k]) => k) };
}

function copyCanary(c: CanarySettings): CanarySettings {
  const out: CanarySettings = {};
  if (c.percentTraffic !== undefined) out.percentTraffic = c.percentTraffic;
  if (c.deploymentId) out.deploymentId = c.deploymentId;
  if (c.stageVariableOverrides && Object.keys(c.stageVariableOverrides).length) out.stageVariableOverrides = { ...c.stageVariableOverrides };
  if (c.useStageCache !== undefined) out.useStageCache = c.useStageCache;
  return out;
}

/** What "copy settings from" (no tags: they name the stage, not its settings) and a restore carry, in words. */
export function settingsSummary(s: Stage, options: { tags?: boolean } = {}): string[] {
  const out: string[] = [];
  if (s.cacheClusterEnabled) out.push(`cache ${s.cacheClusterSize ?? '?'} GB`);
  const vars = Object.keys(s.variables ?? {}).length;
  if (vars) out.push(`${vars} variable${vars === 1 ? '' : 's'}`);
  if (s.tracingEnabled) out.push('X-Ray tracing');
  const keys = Object.keys(s.methodSettings ?? {});
  if (keys.length) {
    const overrides = keys.filter((k) => k !== ALL_METHODS_KEY).length;
    out.push(`method settings (${[keys.includes(ALL_METHODS_KEY) ? 'all methods' : '', overrides ? `${overrides} override${overrides === 1 ? '' : 's'}` : ''].filter(Boolean).join(' + ')})`);
  }
  if (s.accessLogSettings?.destinationArn) out.push('access logs');
  if (s.clientCertificateId) out.push(`client certificate ${s.clientCertificateId}`);
  if (s.documentationVersion) out.push(`documentation version ${s.documentationVersion}`);
  if (s.canarySettings) out.push(`canary ${s.canarySettings.percentTraffic ?? 0}% → deployment ${s.canarySettings.deploymentId ?? '?'}`);
  const tags = options.tags === false ? 0 : Object.keys(s.tags ?? {}).filter((k) => !isReservedTag(k)).length;
  if (tags) out.push(`${tags} tag${tags === 1 ? '' : 's'}`);
  if (s.webAclArn) out.push(`web ACL ${parseWebAclArn(s.webAclArn)?.name ?? s.webAclArn}`);
  return out;
}

/** CreateStage, then UpdateStage for what CreateStage cannot take, then the web ACL. */
function buildPlan(input: CreateStageInput, patch: PatchOperation[], region: string, webAclArn: string | undefined): PlanStep[] {
  const plan: PlanStep[] = [{ op: 'CreateStage', input }, ...updateStageSteps(input.restApiId, input.stageName, patch)];
  if (webAclArn) plan.push({ op: 'AssociateWebACL', webAclArn, resourceArn: stageArn(region, input.restApiId, input.stageName), stageName: input.stageName });
  return plan;
}

export interface NewStage {
  readonly restApiId: string;
  readonly region: string;
  readonly stageName: string;
  readonly deploymentId: string;
  readonly description?: string;
  /** Copy every stage-level setting of this stage: not its description nor its tags, which say what that stage is. */
  readonly copyFrom?: Stage;
}

export interface PlanWithNotes {
  readonly plan: PlanStep[];
  /** What the review says beside the requests: what was left out, and why. */
  readonly notes: string[];
}

export function createStagePlan(s: NewStage): PlanWithNotes {
  const copied = s.copyFrom ? settingsOf(s.copyFrom) : undefined;
  const input: CreateStageInput = { restApiId: s.restApiId, stageName: s.stageName, deploymentId: s.deploymentId, ...copied?.create };
  delete input.tags;
  if (s.description) input.description = s.description;
  return { plan: buildPlan(input, copied?.patch ?? [], s.region, copied?.webAclArn), notes: [] };
}

function reservedNote(keys: readonly string[]): string[] {
  return keys.length ? [`Left out: tag${keys.length === 1 ? '' : 's'} ${keys.join(', ')} (${RESERVED_TAGS_NOTE}).`] : [];
}

/** Which parts of a snapshot come back, as the user decided after the restore's reads. */
export interface RestoreChoices {
  readonly restApiId: string;
  readonly region: string;
  /** The snapshot's name, or another one. */
  readonly stageName: string;
  readonly deploymentId: string;
  /** The canary as it was, none, or the same canary on another deployment. */
  readonly canary: 'keep' | 'drop' | { readonly deploymentId: string };
  /** Left out: gone, or the user chose to. */
  readonly without?: {
    readonly webAcl?: boolean;
    readonly clientCertificate?: boolean;
    readonly documentationVersion?: boolean;
    /** Usage plan ids. */
    readonly usagePlans?: ReadonlySet<string>;
    /** mappingText() of each. */
    readonly mappings?: ReadonlySet<string>;
  };
  /** Still there after the delete (AWS does not document whether they survive it): not sent again. */
  readonly present?: {
    readonly webAcl?: boolean;
    readonly usagePlans?: ReadonlySet<string>;
    readonly mappings?: ReadonlySet<string>;
  };
}

/** The whole stage again, and what pointed at it: CreateStage, UpdateStage, AssociateWebACL, mappings, usage plans. */
export function restorePlan(stage: Stage, refs: StageReferences, c: RestoreChoices): PlanWithNotes {
  const settings = settingsOf(stage);
  const without = c.without ?? {};
  const present = c.present ?? {};
  const input: CreateStageInput = { restApiId: c.restApiId, stageName: c.stageName, deploymentId: c.deploymentId, ...settings.create };
  if (stage.description) input.description = stage.description;
  if (c.canary === 'drop') delete input.canarySettings;
  else if (c.canary !== 'keep' && input.canarySettings) input.canarySettings = { ...input.canarySettings, deploymentId: c.canary.deploymentId };
  if (without.documentationVersion) delete input.documentationVersion;
  const patch = without.clientCertificate ? settings.patch.filter((o) => o.path !== '/clientCertificateId') : settings.patch;
  const webAcl = settings.webAclArn && !without.webAcl && !present.webAcl ? settings.webAclArn : undefined;
  const plan = buildPlan(input, patch, c.region, webAcl);
  for (const m of refs.mappings) {
    const key = mappingText(m);
    if (without.mappings?.has(key) || present.mappings?.has(key)) continue;
    plan.push(m.multiLevel
      ? { op: 'CreateApiMapping', domainName: m.domainName, apiMappingKey: m.basePath, apiId: c.restApiId, stage: c.stageName }
      : { op: 'CreateBasePathMapping', domainName: m.domainName, basePath: m.basePath, restApiId: c.restApiId, stage: c.stageName });
  }
  for (const u of refs.usagePlans) {
    if (without.usagePlans?.has(u.id) || present.usagePlans?.has(u.id)) continue;
    plan.push({ op: 'UpdateUsagePlan', usagePlanId: u.id, usagePlanName: u.name, patchOperations: usagePlanStageOps(c.restApiId, c.stageName, u) });
  }
  const notes = reservedNote(settings.reservedTags);
  const had = (what: string, present_: boolean | undefined) => (present_ ? [`${what} (still there: not sent again)`] : []);
  const kept = [
    ...had(`web ACL ${settings.webAclArn}`, !!settings.webAclArn && present.webAcl),
    ...refs.mappings.filter((m) => present.mappings?.has(mappingText(m))).flatMap((m) => had(`custom domain mapping ${mappingText(m)}`, true)),
    ...refs.usagePlans.filter((u) => present.usagePlans?.has(u.id)).flatMap((u) => had(`usage plan "${u.name}"`, true)),
  ];
  if (kept.length) notes.push(`Already in place: ${kept.join('; ')}.`);
  return { plan, notes };
}

/**
 * UpdateUsagePlan operations that put a stage back in a plan: `add /apiStages` with `{api}:{stage}`,
 * then each per-method throttle. The throttle key (`/pets/GET`) goes into the path as it is, unescaped:
 * `/apiStages/{api}:{stage}/throttle//pets/GET/rateLimit`, the form AWS takes (Terraform sends it so).
 */
export function usagePlanStageOps(restApiId: string, stageName: string, plan: UsagePlanRef): PatchOperation[] {
  const apiStage = `${restApiId}:${stageName}`;
  const ops: PatchOperation[] = [{ op: 'add', path: '/apiStages', value: apiStage }];
  for (const [method, t] of Object.entries(plan.throttle ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (t.rateLimit !== undefined) ops.push({ op: 'replace', path: `/apiStages/${apiStage}/throttle/${method}/rateLimit`, value: String(t.rateLimit) });
    if (t.burstLimit !== undefined) ops.push({ op: 'replace', path: `/apiStages/${apiStage}/throttle/${method}/burstLimit`, value: String(t.burstLimit) });
  }
  return ops;
}

/**
 * A stage deleted while its editor was open, made again from the editor's form. `source` is the stage
 * as last known (its snapshot, when a delete kept one; else as the editor loaded it): what the form does
 * not hold (canary, documentation version, client certificate, wildcard method settings, web ACL) comes
 * from it, the rest from the form. With a snapshot's references, its mappings and usage plans come back too.
 */
export function recreatePlan(restApiId: string, region: string, stageName: string, form: StageForm, source: Stage, refs?: StageReferences): PlanWithNotes {
  if (!form.deploymentId) throw new Error(`The form of stage "${stageName}" has no deployment to recreate it on.`);
  const settings = settingsOf(source);
  const input: CreateStageInput = { restApiId, stageName, deploymentId: form.deploymentId };
  if (settings.create.documentationVersion) input.documentationVersion = settings.create.documentationVersion;
  if (settings.create.canarySettings) input.canarySettings = settings.create.canarySettings;
  if (form.description) input.description = form.description;
  if (form.cacheClusterEnabled) {
    input.cacheClusterEnabled = true;
    input.cacheClusterSize = form.cacheClusterSize as CreateStageInput['cacheClusterSize'];
  }
  if (form.tracingEnabled) input.tracingEnabled = true;
  if (form.variables.length) input.variables = Object.fromEntries(form.variables);
  const tags = form.tags.filter(([k]) => !isReservedTag(k));
  if (tags.length) input.tags = Object.fromEntries(tags);
  // The form's settings as changes from what CreateStage makes; then what the form does not edit.
  const fromForm = stageChanges(formFromStage(input), form).patch;
  const notInForm = methodSettingPatches(Object.fromEntries(Object.entries(source.methodSettings ?? {}).filter(([k]) => k !== ALL_METHODS_KEY && !parseMethodKey(k))));
  const cert = settings.patch.filter((o) => o.path === '/clientCertificateId');
  const plan = buildPlan(input, [...fromForm, ...notInForm, ...cert], region, settings.webAclArn);
  const rest = refs ? restorePlan(source, refs, { restApiId, region, stageName, deploymentId: form.deploymentId, canary: 'keep' }).plan.filter((s) => s.op === 'CreateBasePathMapping' || s.op === 'CreateApiMapping' || s.op === 'UpdateUsagePlan') : [];
  return { plan: [...plan, ...rest], notes: reservedNote(form.tags.filter(([k]) => isReservedTag(k)).map(([k]) => k)) };
}
