// Empty and error states are nodes, never pop-ups; loading is VS Code's own progress bar.
import { commandId } from '../commandIds';
import * as vscode from 'vscode';
import { Tooltip, treeDescription, treeLabel } from './format';
import type { Refreshable, TreeNode } from './node';

export class MessageNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode | undefined,
    private readonly label: string,
    private readonly options: { icon?: string; contextValue?: string } = {},
  ) {
    this.id = `${parent?.id ?? 'root'}/message:${label}`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(treeLabel(this.label));
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.options.icon ?? 'info');
    item.contextValue = this.options.contextValue ?? 'message';
    return item;
  }
}

/** Shown in place of children that failed to load; clicking it (or its Retry button) loads again. */
export class ErrorNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode | undefined,
    readonly retryTarget: Refreshable | undefined,
    readonly message: string,
    private readonly fix?: vscode.Command,
  ) {
    this.id = `${parent?.id ?? 'root'}/error`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.fix ? this.fix.title : 'Failed to load — retry');
    item.id = this.id;
    item.description = treeDescription(firstLine(this.message));
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.contextValue = this.fix ? 'error' : 'error retryable';
    item.command = this.fix ?? { command: commandId('retryNode'), title: 'Retry', arguments: [this] };
    return item;
  }
  tooltip(): vscode.MarkdownString {
    return new Tooltip().line(this.message).md;
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0];
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}
