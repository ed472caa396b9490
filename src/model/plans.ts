// The requests each stage command sends, as data: previewed before they are sent, and unit-tested.
import type { CacheClusterSize, CreateDeploymentCommandInput, CreateStageCommandInput, PatchOperation, Stage } from '@aws-sdk/client-api-gateway';
import { methodSettingPatches, splitPatch } from './patchPaths';
import { stageChanges } from './stageChanges';
import { formFromStage, type StageForm } from './stageForm';

export type CreateStageInput = CreateStageCommandInput & { restApiId: string; stageName: string; deploymentId: string };

export type StageRequest =
  | { readonly op: 'CreateStage'; readonly input: CreateStageInput }
  | { readonly op: 'UpdateStage'; readonly restApiId: string; readonly stageName: string; readonly patchOperations: PatchOperation[] }
  | { readonly op: 'DeleteStage'; readonly restApiId: string; readonly stageName: string }
  | { readonly op: 'CreateDeployment'; readonly input: CreateDeploymentCommandInput & { restApiId: string } };

/** Stands for the id of the deployment that the plan's CreateDeployment makes; filled in when it is known. */
export const NEW_DEPLOYMENT_ID = '<new deployment>';

/** The settings of a stage: what CreateStage takes, and the patch operations for the rest. */
export function settingsOf(source: Stage): { create: Partial<CreateStageCommandInput>; patch: PatchOperation[] } {
  const create: Partial<CreateStageCommandInput> = {};
  if (source.cacheClusterEnabled) {
    create.cacheClusterEnabled = true;
    if (source.cacheClusterSize) create.cacheClusterSize = source.cacheClusterSize;
  }
  if (source.tracingEnabled) create.tracingEnabled = true;
  if (source.variables && Object.keys(source.variables).length) create.variables = { ...source.variables };
  const patch = methodSettingPatches(source.methodSettings ?? {});
  const logs = source.accessLogSettings;
  if (logs?.destinationArn && logs.format) {
    patch.push({ op: 'replace', path: '/accessLogSettings/destinationArn', value: logs.destinationArn });
    patch.push({ op: 'replace', path: '/accessLogSettings/format', value: logs.format });
  }
  if (source.clientCertificateId) patch.push({ op: 'replace', path: '/clientCertificateId', value: source.clientCertificateId });
  return { create, patch };
}

/** CreateStage, then (only when there are settings that CreateStage cannot take) one UpdateStage, split only when very large. */
function createWithSettings(input: CreateStageInput, patch: PatchOperation[]): StageRequest[] {
  const plan: StageRequest[] = [{ op: 'CreateStage', input }];
  for (const part of splitPatch(patch)) plan.push({ op: 'UpdateStage', restApiId: input.restApiId, stageName: input.stageName, patchOperations: part });
  return plan;
}

export interface NewStage {
  readonly restApiId: string;
  readonly stageName: string;
  readonly deploymentId: string;
  readonly description?: string;
  /** Copy the settings of this stage (cache, variables, tracing, method settings, access logs). */
  readonly copyFrom?: Stage;
}

export function createStagePlan(s: NewStage): StageRequest[] {
  const copied = s.copyFrom ? settingsOf(s.copyFrom) : { create: {}, patch: [] };
  const input: CreateStageInput = { restApiId: s.restApiId, stageName: s.stageName, deploymentId: s.deploymentId, ...copied.create };
  if (s.description) input.description = s.description;
  return createWithSettings(input, copied.patch);
}

export function changeDeploymentPlan(restApiId: string, stageName: string, deploymentId: string): StageRequest[] {
  return [{ op: 'UpdateStage', restApiId, stageName, patchOperations: [{ op: 'replace', path: '/deploymentId', value: deploymentId }] }];
}

export interface Deploy {
  readonly restApiId: string;
  readonly stageName: string;
  /** The stage exists: it keeps its settings. */
  readonly existing: boolean;
  readonly description?: string;
  /** For a new stage. */
  readonly stageDescription?: string;
}

/**
 * A new stage: one CreateDeployment with `stageName`. An existing stage: CreateDeployment, then
 * `replace /deploymentId`, because CreateDeployment with the `stageName` of an existing stage wipes
 * its settings on moto and LocalStack (AWS keeps them); moving a stage keeps them everywhere.
 */
export function deployPlan(d: Deploy): StageRequest[] {
  const input: CreateDeploymentCommandInput & { restApiId: string } = { restApiId: d.restApiId };
  if (d.description) input.description = d.description;
  if (!d.existing) {
    input.stageName = d.stageName;
    if (d.stageDescription) input.stageDescription = d.stageDescription;
    return [{ op: 'CreateDeployment', input }];
  }
  return [{ op: 'CreateDeployment', input }, ...changeDeploymentPlan(d.restApiId, d.stageName, NEW_DEPLOYMENT_ID)];
}

export function deletePlan(restApiId: string, stageName: string): StageRequest[] {
  return [{ op: 'DeleteStage', restApiId, stageName }];
}

/** Recreates a deleted stage field for field: one CreateStage and one UpdateStage. */
export function restorePlan(restApiId: string, stage: Stage, deploymentId = stage.deploymentId): StageRequest[] {
  if (!stage.stageName) throw new Error('The snapshot has no stage name.');
  if (!deploymentId) throw new Error(`The snapshot of stage "${stage.stageName}" has no deployment: pick one.`);
  const { create, patch } = settingsOf(stage);
  const input: CreateStageInput = { restApiId, stageName: stage.stageName, deploymentId, ...create };
  if (stage.description) input.description = stage.description;
  if (stage.documentationVersion) input.documentationVersion = stage.documentationVersion;
  if (stage.canarySettings) input.canarySettings = { ...stage.canarySettings };
  if (stage.tags && Object.keys(stage.tags).length) input.tags = { ...stage.tags };
  return createWithSettings(input, patch);
}

/**
 * A stage deleted while its editor was open, made again from the editor's form: CreateStage with
 * what it takes, then one UpdateStage for the rest (what a new stage lacks, compared with the form).
 */
export function recreatePlan(restApiId: string, stageName: string, form: StageForm): StageRequest[] {
  if (!form.deploymentId) throw new Error(`The form of stage "${stageName}" has no deployment to recreate it on.`);
  const input: CreateStageInput = { restApiId, stageName, deploymentId: form.deploymentId };
  if (form.description) input.description = form.description;
  if (form.cacheClusterEnabled) {
    input.cacheClusterEnabled = true;
    input.cacheClusterSize = form.cacheClusterSize as CacheClusterSize;
  }
  if (form.tracingEnabled) input.tracingEnabled = true;
  if (form.variables.length) input.variables = Object.fromEntries(form.variables);
  if (form.tags.length) input.tags = Object.fromEntries(form.tags);
  const created = formFromStage(input);
  return createWithSettings(input, stageChanges(created, form).patch);
}

/** One line per request, and one per patch operation: what the preview shows. */
export function describePlan(plan: readonly StageRequest[]): string[] {
  return plan.flatMap(describeRequest);
}

export function describeRequest(r: StageRequest): string[] {
  switch (r.op) {
    case 'CreateStage': {
      const { restApiId: _api, stageName, ...fields } = r.input;
      return [`CreateStage ${stageName}`, ...fieldLines(fields)];
    }
    case 'CreateDeployment': {
      const { restApiId: _api, ...fields } = r.input;
      return [`CreateDeployment${fields.stageName ? ` (makes stage ${fields.stageName})` : ''}`, ...fieldLines(fields)];
    }
    case 'DeleteStage':
      return [`DeleteStage ${r.stageName}`];
    case 'UpdateStage':
      return [
        `UpdateStage ${r.stageName} (${r.patchOperations.length} operation${r.patchOperations.length === 1 ? '' : 's'})`,
        ...r.patchOperations.map((o) => `  ${o.op} ${o.path}${o.value !== undefined ? ` = ${JSON.stringify(o.value)}` : ''}`),
      ];
  }
}

/** `  name = value` per field set, in the request's own order. */
function fieldLines(fields: object): string[] {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`);
}
