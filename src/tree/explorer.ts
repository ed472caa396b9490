// The REST APIs tree: root lists the APIs of the current profile and region.
import * as vscode from 'vscode';
import type { Logger } from '../aws/logger';
import type { AwsSession } from '../aws/session';
import { type SessionState, stateProblem } from '../aws/session';
import type { TreeEnv, TreeNode } from './node';
import { ParentNode } from './parentNode';
import { RestApiNode } from './restApiNode';
import { ErrorNode, loadingNode } from './stateNodes';

const FIXES = {
  settings: { command: 'workbench.action.openSettings', title: 'Fix API Gateway Settings…', arguments: ['apigatewayStages'] },
  files: { command: 'apigatewayStages.openAwsConfig', title: 'Open AWS Config File…' },
  profile: { command: 'apigatewayStages.selectProfile', title: 'Select AWS Profile…' },
} satisfies Record<string, vscode.Command>;

function fixFor(state: Exclude<SessionState, { kind: 'ready' }>): keyof typeof FIXES {
  return state.kind === 'invalid' ? state.fix : 'profile';
}

/** The invisible root, so the top level gets the same loading, empty and error nodes as the rest. */
class RootNode extends ParentNode {
  constructor(env: TreeEnv) {
    super(env, undefined, 'root');
  }
  getTreeItem(): vscode.TreeItem {
    return new vscode.TreeItem('REST APIs');
  }
  override getChildren(): TreeNode[] {
    const kind = this.env.session.state.kind;
    if (kind === 'starting') return [loadingNode(undefined)];
    // No children at all lets the view's welcome content explain that no profile was found.
    return kind === 'noProfiles' ? [] : super.getChildren();
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
  private root: RootNode;
  /** Nodes of a replaced tree may still finish loading; their changes are dropped. */
  private generation = 0;

  constructor(
    readonly session: AwsSession,
    private readonly log: Logger,
  ) {
    this.root = new RootNode(this.env());
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (!node) return this.root.getChildren();
    return node.getChildren?.() ?? [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Reloads everything, e.g. after the profile or region changed. */
  refreshAll(): void {
    this.generation++;
    this.root = new RootNode(this.env());
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private env(): TreeEnv {
    const generation = this.generation;
    return {
      session: this.session,
      log: this.log,
      changed: (node) => {
        if (generation !== this.generation) return;
        this.emitter.fire(node instanceof RootNode ? undefined : node);
      },
    };
  }
}
