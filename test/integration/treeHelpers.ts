// Reads the extension's tree through its TreeDataProvider, waiting out loading nodes.
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import type { StageNode } from '../../src/tree/stageNodes';

export const EXTENSION_ID = 'apigateway-stages.apigateway-stages';

export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  // activate() returns before the profiles are read: the tests start from a read session.
  const api = await ext.activate();
  await api.ctx.ready;
  return api;
}

export interface Shown {
  readonly node: TreeNode;
  readonly item: vscode.TreeItem;
  readonly label: string;
  readonly description: string;
}

/** The children of a node once loaded: loading nodes are waited out (the provider fires a change). */
export async function childrenOf(api: ExtensionApi, node?: TreeNode, timeoutMs = 15_000): Promise<Shown[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const changed = nextChange(api, deadline);
    const nodes = await api.ctx.explorer.getChildren(node);
    const shown = nodes.map(show);
    if (!shown.some((s) => s.item.contextValue === 'loading')) return shown;
    if (Date.now() > deadline) throw new Error(`Still loading after ${timeoutMs} ms under ${node?.id ?? 'the root'}`);
    await changed;
  }
}

export async function child(api: ExtensionApi, parent: TreeNode | undefined, label: string): Promise<Shown> {
  const all = await childrenOf(api, parent);
  const found = all.find((s) => s.label === label);
  if (!found) throw new Error(`No "${label}" under ${parent?.id ?? 'the root'}; there are: ${all.map((s) => s.label).join(', ')}`);
  return found;
}

/** A folder ('Stages', 'Deployments') of the API labelled `apiName`. */
export async function apiFolder(api: ExtensionApi, apiName: string, folder: string): Promise<TreeNode> {
  return (await child(api, (await child(api, undefined, apiName)).node, folder)).node;
}

/** The node of stage `stageName` of the API labelled `apiName` (PetStore unless said). */
export async function stageNode(api: ExtensionApi, stageName: string, apiName = 'PetStore'): Promise<StageNode> {
  return (await child(api, await apiFolder(api, apiName, 'Stages'), stageName)).node as StageNode;
}

export function show(node: TreeNode): Shown {
  const item = node.getTreeItem();
  // What VS Code asks for on hover (Explorer.resolveTreeItem).
  item.tooltip ??= node.tooltip?.();
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return { node, item, label, description: typeof item.description === 'string' ? item.description : '' };
}

/** The tooltip as text: the tree escapes leading spaces as &nbsp; and every ASCII punctuation character with `\` (markdownText). */
export function tooltipText(item: vscode.TreeItem): string {
  const t = item.tooltip;
  const md = typeof t === 'string' ? t : (t?.value ?? '');
  return md.replace(/&nbsp;/g, ' ').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function nextChange(api: ExtensionApi, deadline: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve();
    }, Math.max(0, deadline - Date.now()));
    const sub = api.ctx.explorer.onDidChangeTreeData(() => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/** Requests sent since `before`, per operation. */
export function requestsSince(api: ExtensionApi, before: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [op, n] of api.ctx.session.requestCounts) {
    const d = n - (before.get(op) ?? 0);
    if (d) out[op] = d;
  }
  return out;
}

export async function setSetting(key: string, value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('apigatewayStages').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Collapses the view's tree, so that a reload loads only the root (an expanded API would read its stages too). */
export async function collapseView(): Promise<void> {
  await vscode.commands.executeCommand('workbench.actions.treeView.apigatewayStages.explorer.collapseAll');
}

/**
 * Waits for the `GetDeployment` (`embed=apisummary`) that expanding these stages started: once per
 * deployment, ever. The stage's own promise is awaited, so nothing new is asked.
 */
export async function summariesRead(nodes: readonly TreeNode[]): Promise<void> {
  // The extension's own classes (its bundle), so by shape, not instanceof.
  await Promise.all(nodes.map(async (n) => {
    const stage = n as Partial<StageNode>;
    const id = stage.stage?.deploymentId;
    if (id && stage.api) await stage.api.stages.content.summary(id).catch(() => undefined);
  }));
}
