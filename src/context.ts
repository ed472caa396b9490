import type * as vscode from 'vscode';
import type { AwsSession } from './aws/session';
import type { Explorer } from './tree/explorer';
import type { TreeNode } from './tree/node';
import type { ConnectionStatus } from './ui/statusBar';

/** Everything commands need, built once in activate() and passed in. */
export interface Ctx {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly session: AwsSession;
  readonly explorer: Explorer;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly status: ConnectionStatus;
  /** Re-reads settings and profiles, then redraws the tree and status bar. */
  reload(): Promise<void>;
}
