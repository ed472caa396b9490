import * as vscode from 'vscode';
import type { Stage } from '../aws/apiGateway';
import { invokeUrl } from '../model/invokeUrl';
import { cacheSummary, logLevelSummary, throttlingSummary } from '../model/stageSummary';
import { formatDate } from './format';
import { MethodNode, methodNodesFor } from './methodNode';
import type { HasCopyableId, TreeEnv, TreeNode } from './node';
import { ParentNode } from './parentNode';
import type { RestApiNode } from './restApiNode';
import { MessageNode } from './stateNodes';

/** The "Stages" folder: its stages came with the API's GetStages, so expanding it costs nothing. */
export class StagesNode implements TreeNode {
  readonly id: string;
  /** Made once: VS Code and reveal() must meet the same instances, which keep their loaded children. */
  private readonly stageNodes: StageNode[];

  constructor(
    env: TreeEnv,
    readonly parent: RestApiNode,
    stages: readonly Stage[],
  ) {
    this.id = `${parent.id}/stages`;
    this.stageNodes = stages.map((s) => new StageNode(env, this, s));
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Stages', vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = String(this.stageNodes.length);
    item.iconPath = new vscode.ThemeIcon('layers');
    item.contextValue = 'stages';
    return item;
  }

  /** Names of the stages on a deployment, as they are now (a refreshed stage may have moved). */
  stagesOn(deploymentId: string): string[] {
    return this.stageNodes.filter((n) => n.stage.deploymentId === deploymentId).map((n) => n.name);
  }

  getChildren(): TreeNode[] {
    return this.stageNodes.length ? this.stageNodes : [new MessageNode(this, 'No stages')];
  }
}

/** A stage. Expanding it lists the API's methods, marking those with a method-level override. */
export class StageNode extends ParentNode implements HasCopyableId {
  constructor(
    env: TreeEnv,
    override readonly parent: StagesNode,
    private current: Stage,
  ) {
    super(env, parent, `${parent.id}/stage:${current.stageName}`);
  }

  /** Refreshed stages re-read themselves; the first expansion uses what GetStages gave. */
  private stale = false;
  private loads = 0;

  get stage(): Stage {
    return this.current;
  }

  get api(): RestApiNode {
    return this.parent.parent;
  }

  get name(): string {
    return this.stage.stageName ?? '';
  }

  get invokeUrl(): string {
    return invokeUrl(this.api.api.id, this.api.connection.region, this.name);
  }

  get copyableId() {
    return { value: this.api.api.id, what: 'REST API ID' };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const s = this.stage;
    const date = s.lastUpdatedDate ?? s.createdDate;
    item.description = s.deploymentId ? `deployment ${s.deploymentId}${date ? ` · ${formatDate(date)}` : ''}` : 'no deployment';
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.contextValue = 'stage refreshable copyableId';
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**').appendText(this.name).appendMarkdown('**');
    if (s.description) md.appendText(` — ${s.description}`);
    md.appendMarkdown('\n\n');
    md.appendText(`Invoke URL: ${this.invokeUrl}\n\n`);
    md.appendText(`Deployment: ${s.deploymentId ?? 'none'}\n\n`);
    md.appendText(`Cache: ${cacheSummary(s)}\n\n`);
    md.appendText(`Log level: ${logLevelSummary(s)}\n\n`);
    md.appendText(`Throttling: ${throttlingSummary(s)}`);
    item.tooltip = md;
    return item;
  }

  protected async load(): Promise<MethodNode[]> {
    if (this.stale) {
      const token = ++this.loads;
      const fresh = await this.api.gateway().getStage(this.api.api.id, this.name);
      // A refresh during GetStage started another load: only the newest one may set the stage.
      if (token !== this.loads) return [];
      this.current = fresh;
      this.stale = false;
    }
    return methodNodesFor(this, await this.api.listResources());
  }

  protected override onRefresh(): void {
    this.stale = true;
    this.api.refreshResources();
  }

  protected emptyLabel(): string {
    return 'No methods';
  }
}
