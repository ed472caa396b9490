import * as vscode from 'vscode';
import type { ApiGateway, Resource, RestApi } from '../aws/apiGateway';
import type { Connection } from '../aws/connection';
import type { ApiStages } from '../aws/stageStore';
import { DeploymentsNode } from './deploymentNodes';
import { formatDate } from '../model/dates';
import { Tooltip, treeDescription, treeLabel } from './format';
import { treeIds } from './ids';
import type { HasCopyableId, TreeEnv, TreeNode } from './node';
import { ParentNode } from './parentNode';
import { StagesNode } from './stageNodes';

/** A REST API. Expanding it costs one GetStages, shared by its Stages and Deployments folders. */
export class RestApiNode extends ParentNode implements HasCopyableId {
  readonly stages: ApiStages;
  readonly stagesNode: StagesNode;
  readonly deploymentsNode: DeploymentsNode;

  constructor(
    env: TreeEnv,
    readonly api: RestApi & { id: string },
    readonly connection: Connection,
  ) {
    super(env, undefined, treeIds.api(connection, api.id));
    this.stages = env.stages.forApi(connection, api.id, () => this.gateway());
    // Made once, so that reveal() and VS Code meet the same instances.
    this.stagesNode = new StagesNode(env, this);
    this.deploymentsNode = new DeploymentsNode(env, this);
    env.register(this);
  }

  get copyableId() {
    return { value: this.api.id, what: 'REST API ID' };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(treeLabel(this.api.name ?? this.api.id), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = treeDescription(this.api.id);
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = 'restApi refreshable copyableId';
    return item;
  }

  tooltip(): vscode.MarkdownString {
    const tip = new Tooltip().line('', this.api.name ?? '').line(`ID: ${this.api.id}`);
    tip.line(`Endpoint type: ${this.api.endpointConfiguration?.types?.join(', ') ?? 'EDGE'}`);
    if (this.api.createdDate) tip.line(`Created: ${formatDate(this.api.createdDate)}`);
    if (this.api.description) tip.line(this.api.description);
    return tip.md;
  }

  protected async load(): Promise<TreeNode[]> {
    await this.stages.load();
    return [this.stagesNode, this.deploymentsNode];
  }

  protected emptyLabel(): string {
    return 'Nothing here';
  }

  /**
   * Refresh on the API: its stages (one GetStages) now, its deployments and resources when shown.
   * The redraw comes once the stages are in: one redraw, not one per step, so that a click on
   * the tree meanwhile is not lost in a redraw under way.
   */
  override async refresh(): Promise<void> {
    await this.stages.reload();
    this.deploymentsNode.forget();
    this.reloadChildren();
  }

  protected override onRefresh(): void {
    this.refreshResources();
  }

  /** The stages changed (a command, a refresh): redraw the folders that show them. */
  stagesChanged(): void {
    this.env.changed(this.stagesNode);
    this.env.changed(this.deploymentsNode);
  }

  /** Resources are read again on the next expansion, and every stage lists its methods from them. */
  refreshResources(): void {
    this.stages.content.forgetResources();
    this.stagesNode.forgetMethods();
  }

  /** API Gateway for the connection this API was listed from, even after the session moved on. */
  gateway(): ApiGateway {
    return this.env.session.apiFor(this.connection);
  }

  /** Resources with their methods, fetched once per API and shared by its stages (and editors) until refresh. */
  listResources(): Promise<Resource[]> {
    return this.stages.content.resources();
  }
}
