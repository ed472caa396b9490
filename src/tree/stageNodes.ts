import { commandId } from '../commandIds';
import * as vscode from 'vscode';
import type { Stage } from '../aws/apiGateway';
import { invokeUrl } from '../model/invokeUrl';
import { canaryShort, canaryText } from '../model/canary';
import { cacheSummary, logLevelSummary, throttlingSummary } from '../model/stageSummary';
import { formatDate } from '../model/dates';
import { type UndeployedChange, undeployedLabel } from '../model/undeployed';
import { errorMessage } from '../errors';
import { type Owner, ownerOf, ownerShort, ownerWarning } from '../model/ownership';
import { readOwnerTagKeys } from '../ui/settings';
import { Tooltip, treeDescription, treeLabel } from './format';
import { treeIds } from './ids';
import { type MethodNode, methodNodesFor } from './methodNode';
import type { HasCopyableId, TreeEnv, TreeNode } from './node';
import { ParentNode } from './parentNode';
import type { RestApiNode } from './restApiNode';
import { MessageNode } from './stateNodes';

/** The "Stages" folder: its stages come from the API's one GetStages, so expanding it costs nothing. */
export class StagesNode implements TreeNode {
  readonly id: string;
  /** One node per stage name, kept: VS Code and reveal() must meet the same instances. */
  private readonly nodes = new Map<string, StageNode>();

  constructor(
    private readonly env: TreeEnv,
    readonly parent: RestApiNode,
  ) {
    this.id = treeIds.stages(parent.connection, parent.api.id);
    env.register(this);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Stages', vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const busy = this.env.busy.label(this.id);
    const count = this.parent.stages.list()?.length;
    item.description = busy ?? (count === undefined ? undefined : String(count));
    item.iconPath = new vscode.ThemeIcon(busy ? 'loading~spin' : 'layers');
    item.contextValue = 'stages refreshable';
    return item;
  }

  /** The node of a stage by name (made if needed, for reveal right after a create). */
  nodeFor(name: string): StageNode {
    let node = this.nodes.get(name);
    if (!node) {
      node = new StageNode(this.env, this, name);
      this.nodes.set(name, node);
    }
    return node;
  }

  async getChildren(): Promise<TreeNode[]> {
    const stages = await this.parent.stages.load();
    const names = new Set(stages.map((s) => s.stageName ?? ''));
    for (const name of this.nodes.keys()) if (!names.has(name)) this.nodes.delete(name);
    return stages.length ? stages.map((s) => this.nodeFor(s.stageName ?? '')) : [new MessageNode(this, 'No stages')];
  }

  /** The API's resources changed: each stage lists its methods again when next shown. */
  forgetMethods(): void {
    for (const node of this.nodes.values()) node.forget();
  }

  /** Refresh on the folder: one GetStages. */
  async refresh(): Promise<void> {
    await this.parent.stages.reload();
  }
}

/** Changes listed in a stage's tooltip; Deploy to Stage lists them all. */
const TOOLTIP_CHANGES = 10;

/** A stage. Expanding it lists the API's methods, marking those with a method-level override. */
export class StageNode extends ParentNode implements HasCopyableId {
  /** The last state known, kept for a moment after the stage left the store (a delete). */
  private last: Stage;
  /** Expanded once: from then on its deployment's snapshot is read, to mark what is not deployed. */
  private watched = false;

  constructor(
    env: TreeEnv,
    override readonly parent: StagesNode,
    readonly name: string,
  ) {
    super(env, parent, treeIds.stage(parent.parent.connection, parent.parent.api.id, name));
    this.last = { stageName: name };
    env.register(this);
  }

  /** The stage as the store holds it now. */
  get stage(): Stage {
    const now = this.api.stages.get(this.name);
    if (now) this.last = now;
    return this.last;
  }

  get api(): RestApiNode {
    return this.parent.parent;
  }

  /** The tool that deploys this stage, from the tags already loaded with it and its API. */
  get owner(): Owner | undefined {
    return ownerOf(this.stage.tags, this.api.api.tags, readOwnerTagKeys());
  }

  get invokeUrl(): string {
    return invokeUrl(this.api.api.id, this.api.connection.region, this.name);
  }

  get copyableId() {
    return { value: this.api.api.id, what: 'REST API ID' };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(treeLabel(this.name), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const s = this.stage;
    const date = s.lastUpdatedDate ?? s.createdDate;
    const busy = this.env.busy.label(this.id);
    const deployment = s.deploymentId ? `deployment ${s.deploymentId}${date ? ` · ${formatDate(new Date(date))}` : ''}` : 'no deployment';
    // The canary first: a release that relies on it must see it at the default sidebar width.
    const owner = this.owner;
    const parts = [s.canarySettings && canaryShort(s.canarySettings, this.api.deploymentsNode.listed), undeployedLabel(this.undeployed()), deployment];
    item.description = treeDescription(busy ?? withOwner(parts.filter(Boolean).join(' · '), owner));
    item.iconPath = busy ? new vscode.ThemeIcon('loading~spin') : stageIcon(owner);
    item.contextValue = `stage refreshable copyableId${s.cacheClusterEnabled ? ' cacheOn' : ''}${s.canarySettings ? ' canary' : ''}${owner ? ' owned' : ''}`;
    item.command = { command: commandId('editStageSettings'), title: 'Edit Stage Settings', arguments: [this] };
    return item;
  }

  tooltip(): vscode.MarkdownString {
    const s = this.stage;
    const tip = new Tooltip().line('', this.name);
    const owner = this.owner;
    if (owner) tip.line(ownerWarning(owner));
    if (s.description) tip.line(s.description);
    tip.line(`Invoke URL: ${this.invokeUrl}`).line(`Deployment: ${s.deploymentId ?? 'none'}`);
    if (s.canarySettings) tip.line(`Canary: ${canaryText(s.canarySettings, this.api.deploymentsNode.listed)}`);
    const undeployed = this.undeployed();
    if (undeployed?.length) {
      tip.line(`${undeployedLabel(undeployed)} (Deploy to Stage… sends them):`);
      for (const c of undeployed.slice(0, TOOLTIP_CHANGES)) tip.line(c.text);
      if (undeployed.length > TOOLTIP_CHANGES) tip.line(`and ${undeployed.length - TOOLTIP_CHANGES} more`);
    }
    tip.line(`Cache: ${cacheSummary(s)}`).line(`Log level: ${logLevelSummary(s)}`).line(`Throttling: ${throttlingSummary(s)}`);
    return tip.md;
  }

  protected async load(): Promise<MethodNode[]> {
    const resources = await this.api.listResources();
    this.watched = true;
    this.undeployed();
    return methodNodesFor(this, resources);
  }

  /**
   * What the API has that the stage's deployment does not, once both are read. A stage once expanded
   * asks for its deployment's snapshot; one read per deployment, ever.
   */
  private undeployed(): UndeployedChange[] | undefined {
    const id = this.stage.deploymentId;
    const content = this.api.stages.content;
    if (id && this.watched) {
      content.summary(id).catch((e: unknown) => this.env.log.warn(`Reading deployment ${id} of ${this.api.api.id} failed: ${errorMessage(e)}`));
    }
    return content.undeployedKnown(id);
  }

  /**
   * Refresh on a stage: one GetStage (its deployment, settings and overrides), then its methods drawn
   * again from the API's resources (Refresh on the API reads those); one redraw.
   */
  override async refresh(): Promise<void> {
    await this.api.stages.reloadStage(this.name);
    this.reloadChildren();
  }

  protected emptyLabel(): string {
    return 'No methods';
  }
}

/** The owner last: the row stays as it was, and the tooltip says it whole. */
function withOwner(description: string, owner: Owner | undefined): string {
  return owner ? `${description} · ${ownerShort(owner)}` : description;
}

/** A stage that a tool deploys, in the theme's warning colour: edits here drift from its source. */
function stageIcon(owner: Owner | undefined): vscode.ThemeIcon {
  return owner ? new vscode.ThemeIcon('server-environment', new vscode.ThemeColor('editorWarning.foreground')) : new vscode.ThemeIcon('server-environment');
}
