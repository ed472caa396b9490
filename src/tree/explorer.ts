// The REST APIs tree: root lists the APIs of the current profile and region.
import { commandId } from '../commandIds';
import * as vscode from 'vscode';
import type { Logger } from '../aws/logger';
import type { AwsSession } from '../aws/session';
import { type SessionState, stateProblem } from '../aws/session';
import type { StageStore } from '../aws/stageStore';
import { Busy } from './busy';
import type { TreeEnv, TreeNode } from './node';
import { ParentNode } from './parentNode';
import { RestApiNode } from './restApiNode';
import { StageNode } from './stageNodes';
import { ErrorNode } from './stateNodes';

const FIXES = {
  settings: { command: 'workbench.action.openSettings', title: 'Fix API Gateway Settings…', arguments: ['apigatewayStages'] },
  files: { command: commandId('openAwsConfig'), title: 'Open AWS Config File…' },
  profile: { command: commandId('selectProfile'), title: 'Select AWS Profile…' },
} satisfies Record<string, vscode.Command>;

function fixFor(state: Exclude<SessionState, { kind: 'ready' }>): keyof typeof FIXES {
  return state.kind === 'invalid' ? state.fix : 'profile';
}

/** The invisible root, so the top level gets the same empty and error nodes as the rest. */
class RootNode extends ParentNode {
  constructor(env: TreeEnv) {
    super(env, undefined, 'root');
  }
  getTreeItem(): vscode.TreeItem {
    return new vscode.TreeItem('REST APIs');
  }
  override async getChildren(): Promise<TreeNode[]> {
    // No children at all lets the view's welcome content explain that no profile was found.
    return this.env.session.state.kind === 'noProfiles' ? [] : super.getChildren();
  }
  protected async load(): Promise<TreeNode[]> {
    const state = this.env.session.state;
    if (state.kind !== 'ready') return [new ErrorNode(undefined, undefined, stateProblem(state), FIXES[fixFor(state)])];
    const apis = await this.env.session.apiFor(state.connection).listRestApis();
    return apis
      .filter((a): a is typeof a & { id: string } => !!a.id)
      .map((a) => new RestApiNode(this.env, a, state.connection));
  }
  protected emptyLabel(): string {
    const state = this.env.session.state;
    return state.kind === 'ready' ? `No REST APIs in ${state.connection.region}` : 'No REST APIs';
  }
  protected override stateNodeParent(): TreeNode | undefined {
    return undefined;
  }
}

export class Explorer implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** Operations under way, by node id: those nodes spin. */
  readonly busy = new Busy((id) => this.changedById(id));
  private root: RootNode;
  private readonly nodes = new Map<string, TreeNode>();
  /** Nodes of a replaced tree may still finish loading; their changes are dropped. */
  private generation = 0;
  /** The session revision the tree shows; -1 before the first reload. */
  private shown = -1;
  private markStarted!: () => void;
  private readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));
  private readonly subscription: { dispose(): void };

  constructor(
    readonly session: AwsSession,
    readonly stages: StageStore,
    private readonly log: Logger,
  ) {
    this.root = new RootNode(this.env());
    this.subscription = stages.onDidChange((key) => {
      for (const node of this.nodes.values()) if (node instanceof RestApiNode && node.stages.key === key) node.stagesChanged();
    });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  /**
   * Tooltips on hover: built with every row, their Markdown (parsed again by VS Code in the
   * extension host and the page) took about half of the time to show 1,000 APIs (test/bench/profile.ts).
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    item.tooltip ??= node.tooltip?.();
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return (await node.getChildren?.()) ?? [];
    // Until the profiles are read, the view waits with VS Code's progress bar.
    await this.started;
    return this.root.getChildren();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** A node of the current tree by id, if it was made (shown, or made for reveal). */
  node(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  /** Reloads everything, e.g. on Refresh. */
  refreshAll(): void {
    this.generation++;
    this.shown = this.session.revision;
    this.nodes.clear();
    this.stages.clear();
    this.root = new RootNode(this.env());
    this.emitter.fire(undefined);
    this.markStarted();
  }

  /** Reloads only when the profile, region, endpoint or profile files changed since the tree was made. */
  sync(): void {
    if (this.session.revision !== this.shown) this.refreshAll();
  }

  /** The stage rows drawn again from what is loaded, no request: a setting changed how they look (ownerTagKeys). */
  redrawStages(): void {
    for (const node of this.nodes.values()) if (node instanceof StageNode) this.emitter.fire(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  private changedById(id: string): void {
    const node = this.nodes.get(id);
    if (node) this.emitter.fire(node);
  }

  private env(): TreeEnv {
    const generation = this.generation;
    return {
      session: this.session,
      log: this.log,
      stages: this.stages,
      busy: this.busy,
      changed: (node) => {
        if (generation !== this.generation) return;
        this.emitter.fire(node instanceof RootNode ? undefined : node);
      },
      register: (node) => {
        if (generation === this.generation) this.nodes.set(node.id, node);
      },
    };
  }
}
