import * as vscode from 'vscode';
import type { Deployment } from '../aws/apiGateway';
import { formatDate } from '../model/dates';
import { Tooltip, treeDescription, treeLabel } from './format';
import { treeIds } from './ids';
import type { HasCopyableId, TreeEnv, TreeNode } from './node';
import { ParentNode } from './parentNode';
import type { RestApiNode } from './restApiNode';

/** The "Deployments" folder: one GetDeployments page per 500 deployments, newest first. */
export class DeploymentsNode extends ParentNode {
  constructor(
    env: TreeEnv,
    override readonly parent: RestApiNode,
  ) {
    super(env, parent, treeIds.deployments(parent.connection, parent.api.id));
    env.register(this);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Deployments', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('history');
    item.contextValue = 'deployments refreshable';
    return item;
  }

  protected async load(): Promise<TreeNode[]> {
    const deployments = await this.parent.gateway().listDeployments(this.parent.api.id);
    return deployments.filter((d): d is Deployment & { id: string } => !!d.id).map((d) => new DeploymentNode(this, d));
  }

  /** Refresh on the folder: the deployments, and the stages whose arrows it draws (GetDeployments + GetStages). */
  override async refresh(): Promise<void> {
    await this.parent.stages.reload();
    this.reloadChildren();
  }

  /** The deployments again (one GetDeployments when expanded), e.g. after a deploy. */
  reloadList(): void {
    this.reloadChildren();
  }

  protected emptyLabel(): string {
    return 'No deployments';
  }
}

export class DeploymentNode implements HasCopyableId {
  readonly id: string;
  constructor(
    readonly parent: DeploymentsNode,
    readonly deployment: Deployment & { id: string },
  ) {
    this.id = `${parent.id}/deployment:${deployment.id}`;
  }

  get api(): RestApiNode {
    return this.parent.parent;
  }

  /** The stages on this deployment now: read from the API's stages each time it is drawn. */
  get stageNames(): string[] {
    return this.api.stages.stagesOn(this.deployment.id);
  }

  get copyableId() {
    return { value: this.deployment.id, what: 'deployment ID' };
  }

  getTreeItem(): vscode.TreeItem {
    const d = this.deployment;
    const stageNames = this.stageNames;
    const item = new vscode.TreeItem(d.createdDate ? formatDate(d.createdDate) : treeLabel(d.id));
    item.id = this.id;
    const parts = [d.description, stageNames.length ? `→ ${stageNames.join(', ')}` : undefined];
    item.description = treeDescription(parts.filter(Boolean).join(' '));
    item.iconPath = new vscode.ThemeIcon(stageNames.length ? 'rocket' : 'circle-outline');
    item.contextValue = 'deployment copyableId';
    return item;
  }

  tooltip(): vscode.MarkdownString {
    const d = this.deployment;
    const stageNames = this.stageNames;
    const tip = new Tooltip().line(`Deployment ${d.id}`);
    if (d.description) tip.line(d.description);
    tip.line(stageNames.length ? `Stages: ${stageNames.join(', ')}` : 'No stage points at it.');
    return tip.md;
  }
}
