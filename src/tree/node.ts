import type * as vscode from 'vscode';
import type { Logger } from '../aws/logger';
import type { AwsSession } from '../aws/session';
import type { StageStore } from '../aws/stageStore';
import type { Busy } from './busy';

/** What every node can reach: the session, the shared stages, busy marks and a way to redraw itself. */
export interface TreeEnv {
  readonly session: AwsSession;
  readonly log: Logger;
  readonly stages: StageStore;
  readonly busy: Busy;
  changed(node: TreeNode | undefined): void;
  /** Nodes that commands and store changes look up by id. */
  register(node: TreeNode): void;
}

export interface TreeNode {
  /** Built from the parent's id, so ids are stable and `reveal` works. */
  readonly id: string;
  readonly parent: TreeNode | undefined;
  getTreeItem(): vscode.TreeItem;
  /** Built when the row is hovered (Explorer.resolveTreeItem), not with every row. */
  tooltip?(): vscode.MarkdownString;
  getChildren?(): TreeNode[] | Promise<TreeNode[]>;
}

/** A node that can be refreshed: reloads what it shows from AWS. */
export interface Refreshable extends TreeNode {
  refresh(): void | Promise<void>;
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
