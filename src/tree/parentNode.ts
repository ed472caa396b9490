// A node whose children load on first expansion; loading and failure show as child nodes.
import type * as vscode from 'vscode';
import { errorMessage, isCancellation } from '../errors';
import type { Refreshable, TreeEnv, TreeNode } from './node';
import { ErrorNode, loadingNode, MessageNode } from './stateNodes';

type LoadState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'loaded'; children: TreeNode[] }
  | { kind: 'failed'; error: unknown };

export abstract class ParentNode implements Refreshable {
  private state: LoadState = { kind: 'idle' };
  private generation = 0;

  protected constructor(
    protected readonly env: TreeEnv,
    readonly parent: TreeNode | undefined,
    readonly id: string,
  ) {}

  abstract getTreeItem(): vscode.TreeItem;

  /** Fetches the children; nothing is fetched until the node is expanded. */
  protected abstract load(): Promise<TreeNode[]>;

  /** Label of the node shown when load() returns nothing. */
  protected abstract emptyLabel(): string;

  getChildren(): TreeNode[] {
    const state = this.state;
    const at = this.stateNodeParent();
    switch (state.kind) {
      case 'idle':
        this.start();
        return [loadingNode(at)];
      case 'loading':
        return [loadingNode(at)];
      case 'failed':
        return [new ErrorNode(at, this, errorMessage(state.error))];
      case 'loaded':
        return state.children.length ? state.children : [new MessageNode(at, this.emptyLabel())];
    }
  }

  /** The parent of loading, empty and error nodes; the invisible root gives none. */
  protected stateNodeParent(): TreeNode | undefined {
    return this;
  }

  refresh(): void {
    this.generation++;
    this.state = { kind: 'idle' };
    this.onRefresh();
    this.env.changed(this);
  }

  /** Drops caches the node keeps beside its children. */
  protected onRefresh(): void {}

  private start(): void {
    const generation = ++this.generation;
    this.state = { kind: 'loading' };
    this.load().then(
      (children) => this.settle(generation, { kind: 'loaded', children }),
      (error: unknown) => {
        // The node shows the message; the log keeps it, as its "Show Logs" button promises.
        if (!isCancellation(error)) this.env.log.error(`Loading ${this.id} failed: ${errorMessage(error)}`);
        this.settle(generation, { kind: 'failed', error });
      },
    );
  }

  private settle(generation: number, state: LoadState): void {
    // A refresh while loading makes this result stale.
    if (generation !== this.generation) return;
    this.state = state;
    this.env.changed(this);
  }
}
