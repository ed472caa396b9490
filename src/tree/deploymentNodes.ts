import * as vscode from 'vscode';
import type { Deployment } from '../aws/apiGateway';
import { formatDate } from '../model/dates';
import { deploymentFacts, deploymentLabel } from '../model/deployments';
import { displayText } from '../model/displayText';
import { Tooltip, treeDescription } from './format';
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

  /** The deployments as last listed (none before the folder was expanded): what a command run on one of them can name. */
  listed: readonly Deployment[] = [];

  protected async load(): Promise<TreeNode[]> {
    const deployments = await this.parent.gateway().listDeployments(this.parent.api.id);
    this.listed = deployments;
    // A stage row names its canary's deployment by description once the deployments are listed.
    if (this.parent.stages.list()?.some((s) => s.canarySettings)) this.env.changed(this.parent.stagesNode);
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

  /**
   * The description, cut short so that the `→ stages` arrows after it stay in sight at the default
   * sidebar width; then the date and the id, as far as the row has room. The tooltip has them all.
   */
  getTreeItem(): vscode.TreeItem {
    const d = this.deployment;
    const stageNames = this.stageNames;
    const item = new vscode.TreeItem(displayText(deploymentLabel(d), { max: DEPLOYMENT_ROW_LABEL_MAX }));
    item.id = this.id;
    const parts = [stageNames.length ? `→ ${stageNames.join(', ')}` : undefined, ...deploymentFacts(d)];
    item.description = treeDescription(parts.filter(Boolean).join(' · '));
    item.iconPath = new vscode.ThemeIcon(stageNames.length ? 'rocket' : 'circle-outline');
    item.contextValue = 'deployment copyableId';
    return item;
  }

  tooltip(): vscode.MarkdownString {
    const d = this.deployment;
    const stageNames = this.stageNames;
    const tip = new Tooltip();
    if (d.description) tip.line(d.description);
    if (d.createdDate) tip.line(formatDate(d.createdDate), 'Created:');
    tip.line(d.id, 'Deployment:');
    tip.line(stageNames.length ? `Stages: ${stageNames.join(', ')}` : 'No stage points at it.');
    return tip.md;
  }
}

/** Characters of a deployment's description on its tree row: at the default sidebar width a row under Deployments shows about 30, and the arrows (`→ prod, test`) need the rest. */
export const DEPLOYMENT_ROW_LABEL_MAX = 20;
