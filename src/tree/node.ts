import type * as vscode from 'vscode';
import type { Logger } from '../aws/logger';
import type { AwsSession } from '../aws/session';

/** What every node can reach: the session and a way to redraw itself. */
export interface TreeEnv {
  readonly session: AwsSession;
  readonly log: Logger;
  changed(node: TreeNode | undefined): void;
}

export interface TreeNode {
  /** Built from the parent's id, so ids are stable and `reveal` works. */
  readonly id: string;
  readonly parent: TreeNode | undefined;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): TreeNode[] | Promise<TreeNode[]>;
}

/** A node that can be refreshed: drops what it loaded and loads again when shown. */
export interface Refreshable extends TreeNode {
  refresh(): void;
}

export function isRefreshable(node: TreeNode): node is Refreshable {
  return typeof (node as Partial<Refreshable>).refresh === 'function';
}

/** A node whose id can be copied (REST API id, deployment id). */
export interface HasCopyableId extends TreeNode {
  readonly copyableId: { readonly value: string; readonly what: string };
}

export function hasCopyableId(node: TreeNode): node is HasCopyableId {
  return (node as Partial<HasCopyableId>).copyableId !== undefined;
}
