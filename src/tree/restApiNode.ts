import * as vscode from 'vscode';
import type { ApiGateway, Resource, RestApi } from '../aws/apiGateway';
import type { Connection } from '../aws/connection';
import type { HasCopyableId, TreeEnv, TreeNode } from './node';
import { ParentNode } from './parentNode';
import { DeploymentsNode } from './deploymentNodes';
import { StagesNode } from './stageNodes';
import { formatDate } from './format';

/** A REST API. Expanding it costs one GetStages, shared by its Stages and Deployments folders. */
export class RestApiNode extends ParentNode implements HasCopyableId {
  private resources: Promise<Resource[]> | undefined;

  constructor(
    env: TreeEnv,
    readonly api: RestApi & { id: string },
    readonly connection: Connection,
  ) {
    super(env, undefined, `${connection.profile}|${connection.region}/api:${api.id}`);
  }

  get copyableId() {
    return { value: this.api.id, what: 'REST API ID' };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.api.name ?? this.api.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.api.id;
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = 'restApi refreshable copyableId';
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**`).appendText(this.api.name ?? '').appendMarkdown(`**\n\n`);
    md.appendText(`ID: ${this.api.id}\n\n`);
    md.appendText(`Endpoint type: ${this.api.endpointConfiguration?.types?.join(', ') ?? 'EDGE'}\n\n`);
    if (this.api.createdDate) md.appendText(`Created: ${formatDate(this.api.createdDate)}\n\n`);
    if (this.api.description) md.appendText(this.api.description);
    item.tooltip = md;
    return item;
  }

  protected async load(): Promise<TreeNode[]> {
    const stages = await this.gateway().listStages(this.api.id);
    const stagesNode = new StagesNode(this.env, this, stages);
    return [stagesNode, new DeploymentsNode(this.env, this, stagesNode)];
  }

  protected emptyLabel(): string {
    return 'Nothing here';
  }

  protected override onRefresh(): void {
    this.refreshResources();
  }

  refreshResources(): void {
    this.resources = undefined;
  }

  /** API Gateway for the connection this API was listed from, even after the session moved on. */
  gateway(): ApiGateway {
    return this.env.session.apiFor(this.connection);
  }

  /** Resources with their methods, fetched once per API and shared by its stages until refresh. */
  listResources(): Promise<Resource[]> {
    if (!this.resources) {
      const pending = this.gateway().listResources(this.api.id);
      this.resources = pending;
      // A failure must not stick: the next expansion tries again.
      pending.catch(() => {
        if (this.resources === pending) this.resources = undefined;
      });
    }
    return this.resources;
  }
}
