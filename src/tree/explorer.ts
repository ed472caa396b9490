// The REST APIs tree: root lists the APIs of the current profile and region.
import * as vscode from 'vscode';
import type { AwsSession } from '../aws/session';
import { stateProblem } from '../aws/session';
import type { TreeEnv, TreeNode } from './node';
import { ParentNode } from './parentNode';
import { RestApiNode } from './restApiNode';
import { ErrorNode } from './stateNodes';

/** The invisible root, so the top level gets the same loading, empty and error nodes as the rest. */
class RootNode extends ParentNode {
  constructor(env: TreeEnv) {
    super(env, undefined, 'root');
  }
  getTreeItem(): vscode.TreeItem {
    return new vscode.TreeItem('REST APIs');
  }
  protected async load(): Promise<TreeNode[]> {
    const state = this.env.session.state;
    if (state.kind === 'noProfiles') return []; // the view's welcome content explains
    if (state.kind === 'unknownProfile') {
      return [new ErrorNode(undefined, undefined, stateProblem(state), { command: 'apigatewayStages.selectProfile', title: 'Select AWS Profile…' })];
    }
    const apis = await this.env.session.api().listRestApis();
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

  constructor(readonly session: AwsSession) {
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
    this.root = new RootNode(this.env());
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private env(): TreeEnv {
    return {
      session: this.session,
      changed: (node) => this.emitter.fire(node === this.root ? undefined : node),
    };
  }
}
