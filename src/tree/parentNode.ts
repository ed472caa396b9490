// A node whose children load on first expansion. getChildren returns a promise, so VS Code shows
// its own progress while loading and needs no change event when the data arrives; empty and
// error states are child nodes.
import type * as vscode from 'vscode';
import { errorMessage, isCancellation } from '../errors';
import type { Refreshable, TreeEnv, TreeNode } from './node';
import { ErrorNode, MessageNode } from './stateNodes';

export abstract class ParentNode implements Refreshable {
  /** The children, loaded or loading; every caller meanwhile shares the same request. */
  private children: Promise<TreeNode[]> | undefined;

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

  getChildren(): Promise<TreeNode[]> {
    this.children ??= this.fetch();
    return this.children;
  }

  /** The parent of empty and error nodes; the invisible root gives none. */
  protected stateNodeParent(): TreeNode | undefined {
    return this;
  }

  /** Refresh: loads the children again (subclasses first read what the node itself shows). */
  async refresh(): Promise<void> {
    this.reloadChildren();
  }

  /** Drops what was loaded and redraws; VS Code asks again for the children of an expanded node. */
  protected reloadChildren(): void {
    this.forget();
    this.onRefresh();
    this.env.changed(this);
  }

  /** Drops what was loaded without a redraw: for a parent that redraws itself. */
  forget(): void {
    this.children = undefined;
  }

  /** Drops caches the node keeps beside its children. */
  protected onRefresh(): void {}

  private async fetch(): Promise<TreeNode[]> {
    const at = this.stateNodeParent();
    try {
      const children = await this.load();
      return children.length ? children : [new MessageNode(at, this.emptyLabel())];
    } catch (error) {
      // The node shows the message; the log keeps it, as its "Show Logs" button promises.
      if (!isCancellation(error)) this.env.log.error(`Loading ${this.id} failed: ${errorMessage(error)}`);
      // Shown until Retry or Refresh, which load again.
      return [new ErrorNode(at, this, errorMessage(error))];
    }
  }
}
