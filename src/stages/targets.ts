// What a stage command or the stage editor works on: from the tree node it ran on, else asked with
// quick picks against the current profile and region; and the tree marks while it runs.
import type * as vscode from 'vscode';
import type { Deployment, Stage } from '../aws/apiGateway';
import { type Connection, connectionKey } from '../aws/connection';
import { stateProblem } from '../aws/session';
import type { ApiTarget } from '../aws/apiTarget';
import type { Ctx } from '../context';
import { Notice } from '../errors';
import { deploymentFacts, deploymentLabel } from '../model/deployments';
import { DeploymentNode, DeploymentsNode } from '../tree/deploymentNodes';
import { treeIds } from '../tree/ids';
import type { TreeNode } from '../tree/node';
import { RestApiNode } from '../tree/restApiNode';
import { StageNode, StagesNode } from '../tree/stageNodes';
import type { Prompter, StepInfo } from '../ui/prompter';

export type { ApiTarget };

/** A command's first argument: a tree node (from the tree), or an API handed over by another command or the stage editor. */
export function splitFrom(from: TreeNode | ApiTarget | undefined): { handed?: ApiTarget; node?: TreeNode } {
  return from && 'restApiId' in from ? { handed: from } : { node: from };
}

export function apiOfNode(node: TreeNode | undefined): RestApiNode | undefined {
  if (node instanceof RestApiNode) return node;
  if (node instanceof StagesNode || node instanceof DeploymentsNode) return node.parent;
  if (node instanceof StageNode || node instanceof DeploymentNode) return node.api;
  return undefined;
}

export function targetOfNode(node: RestApiNode): ApiTarget {
  return { connection: node.connection, restApiId: node.api.id, apiName: node.api.name ?? node.api.id, gateway: node.gateway(), stages: node.stages, apiTags: node.api.tags };
}

export function targetFor(ctx: Ctx, connection: Connection, restApiId: string, apiName: string, apiTags?: Readonly<Record<string, string>>): ApiTarget {
  const gateway = ctx.session.apiFor(connection);
  return { connection, restApiId, apiName, gateway, stages: ctx.stages.forApi(connection, restApiId, () => gateway), apiTags: apiTags ?? apiTagsInTree(ctx, connection, restApiId) };
}

/** The API's tags as the tree loaded them (GetRestApis), when it did: no request of its own. */
function apiTagsInTree(ctx: Ctx, connection: Connection, restApiId: string): Readonly<Record<string, string>> | undefined {
  const node = ctx.explorer.node(treeIds.api(connection, restApiId));
  return node instanceof RestApiNode ? node.api.tags : undefined;
}

/** The current connection, or the reason there is none. */
export function currentConnection(ctx: Ctx): Connection {
  const state = ctx.session.state;
  if (state.kind !== 'ready') throw new Error(stateProblem(state));
  return state.connection;
}

/** Asks for the API among those of the current profile and region (one GetRestApis). */
export async function pickApi(ctx: Ctx, prompter: Prompter, info: StepInfo): Promise<ApiTarget> {
  const connection = currentConnection(ctx);
  const items = ctx.session
    .apiFor(connection)
    .listRestApis()
    .then((apis) => {
      if (!apis.length) throw new Notice(`There is no REST API in ${connection.region} for profile ${connection.profile}.`);
      return apis.filter((a) => a.id).map((a) => ({ label: a.name ?? a.id!, description: a.id, detail: a.description, id: a.id!, name: a.name ?? a.id!, tags: a.tags }));
    });
  const picked = await prompter.pick(items, { ...info, placeholder: `REST API (${connection.profile} · ${connection.region})` });
  return targetFor(ctx, connection, picked.id, picked.name, picked.tags);
}

/** A stage in a picker; `newStage` for the item that makes one, `typedName` when its name was typed in the picker. */
export type StageItem = vscode.QuickPickItem & { stage?: Stage; newStage?: true; typedName?: string };

export function stageItem(s: Stage, note?: string): StageItem {
  return {
    label: s.stageName ?? '',
    description: [s.deploymentId ? `deployment ${s.deploymentId}` : 'no deployment', note].filter(Boolean).join(' · '),
    detail: s.description,
    stage: s,
  };
}

export type NamedStage = Stage & { stageName: string };

/** Asks for one of the API's stages (GetStages, unless the tree has them already). */
export async function pickStage(target: ApiTarget, prompter: Prompter, info: StepInfo, note?: (s: Stage) => string | undefined): Promise<NamedStage> {
  const items = target.stages.load().then((stages) => {
    if (!stages.length) throw new Notice(`${target.apiName} has no stages yet: Create Stage… or Deploy to Stage… makes one.`);
    return stages.filter((s): s is NamedStage => s.stageName !== undefined).map((s) => ({ ...stageItem(s, note?.(s)), named: s }));
  });
  const picked = await prompter.pick(items, { ...info, placeholder: `Stage of ${target.apiName}` });
  return picked.named;
}

export type DeploymentItem = vscode.QuickPickItem & { deployment: Deployment & { id: string } };

/**
 * The API's deployments newest first, as people know them: the description, then the date and the
 * id, the current one marked, and the stages on each. `known`: the deployments as listDeployments gave them.
 */
export async function deploymentItems(target: ApiTarget, current?: string, known?: readonly Deployment[]): Promise<DeploymentItem[]> {
  const [deployments] = await Promise.all([known ? [...known] : target.gateway.listDeployments(target.restApiId), target.stages.load()]);
  return deployments
    .filter((d): d is Deployment & { id: string } => !!d.id)
    .map((d) => {
      const on = target.stages.stagesOn(d.id);
      return {
        label: deploymentLabel(d),
        description: [deploymentFacts(d).join(' · '), d.id === current ? '(current)' : undefined, on.length ? `→ ${on.join(', ')}` : undefined].filter(Boolean).join(' '),
        deployment: d,
      };
    });
}

/** The API's Deployments folder lists its deployments again (one GetDeployments when expanded), when the tree shows it. */
export function reloadDeployments(ctx: Ctx, target: Pick<ApiTarget, 'connection' | 'restApiId'>): void {
  const folder = ctx.explorer.node(treeIds.deployments(target.connection, target.restApiId));
  if (folder instanceof DeploymentsNode) folder.reloadList();
}

/** Runs `task` with the node of this stage (or the Stages folder) spinning and saying `label`; refused while another runs on it. */
export function whileBusy<T>(ctx: Ctx, target: Pick<ApiTarget, 'connection' | 'restApiId' | 'apiName'>, stageName: string | undefined, label: string, task: (relabel: (label: string) => void) => PromiseLike<T>): Promise<T> {
  const id = stageName === undefined ? treeIds.stages(target.connection, target.restApiId) : treeIds.stage(target.connection, target.restApiId, stageName);
  const what = stageName === undefined ? `The stages of ${target.apiName}` : `Stage "${stageName}"`;
  return ctx.explorer.busy.run(id, what, label, task);
}

/** Selects a stage in the tree, expanding its API, when the API is in the tree. */
export async function revealStage(ctx: Ctx, target: ApiTarget, stageName: string): Promise<void> {
  const folder = ctx.explorer.node(treeIds.stages(target.connection, target.restApiId));
  if (!(folder instanceof StagesNode)) return;
  // The command already succeeded: a reveal that fails (the tree was rebuilt meanwhile) is only logged.
  await Promise.resolve(ctx.treeView.reveal(folder.nodeFor(stageName), { select: true, focus: false, expand: false })).catch((e: unknown) =>
    ctx.log.warn(`Could not select stage ${stageName} in the tree: ${e instanceof Error ? e.message : String(e)}`));
}

/**
 * Where a command ran, when the view has switched to another profile, region or endpoint since it
 * started (it finishes against the connection it started with); '' when the view still shows it.
 */
export function ranElsewhere(ctx: Ctx, connection: Connection): string {
  const now = ctx.session.state;
  if (now.kind === 'ready' && connectionKey(now.connection) === connectionKey(connection)) return '';
  return ` This ran with profile "${connection.profile}" in ${connection.region}, where it started; the view has switched since.`;
}

/** A command's success: in the status bar, or as a message when the view switched meanwhile (so it is not missed). */
export function reportDone(ctx: Ctx, connection: Connection, text: string): void {
  ctx.log.info(text);
  const elsewhere = ranElsewhere(ctx, connection);
  if (elsewhere) void ctx.notifier.info(`${text}.${elsewhere}`);
  else ctx.notifier.status(text, 5000);
}
