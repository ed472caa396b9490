import * as vscode from 'vscode';
import type { Deployment } from '../aws/apiGateway';
import { formatDate } from './format';
import type { HasCopyableId, TreeEnv, TreeNode } from './node';
import { ParentNode } from './parentNode';
import type { RestApiNode } from './restApiNode';
import type { StagesNode } from './stageNodes';

/** The "Deployments" folder: one GetDeployments page per 500 deployments, newest first. */
export class DeploymentsNode extends ParentNode {
  constructor(
    env: TreeEnv,
    override readonly parent: RestApiNode,
    private readonly stages: StagesNode,
  ) {
    super(env, parent, `${parent.id}/deployments`);
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
    return deployments
      .filter((d): d is Deployment & { id: string } => !!d.id)
      .map((d) => new DeploymentNode(this, d, this.stages.stagesOn(d.id)));
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
    readonly stageNames: readonly string[],
  ) {
    this.id = `${parent.id}/deployment:${deployment.id}`;
  }

  get copyableId() {
    return { value: this.deployment.id, what: 'deployment ID' };
  }

  getTreeItem(): vscode.TreeItem {
    const d = this.deployment;
    const item = new vscode.TreeItem(d.createdDate ? formatDate(d.createdDate) : d.id);
    item.id = this.id;
    const parts = [d.description, this.stageNames.length ? `→ ${this.stageNames.join(', ')}` : undefined];
    item.description = parts.filter(Boolean).join(' ');
    item.iconPath = new vscode.ThemeIcon(this.stageNames.length ? 'rocket' : 'circle-outline');
    item.contextValue = 'deployment copyableId';
    const md = new vscode.MarkdownString();
    md.appendText(`Deployment ${d.id}\n\n`);
    if (d.description) md.appendText(`${d.description}\n\n`);
    md.appendText(this.stageNames.length ? `Stages: ${this.stageNames.join(', ')}` : 'No stage points at it.');
    item.tooltip = md;
    return item;
  }
}
