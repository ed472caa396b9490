import type * as vscode from 'vscode';
import type { AccountStore } from './aws/accountStore';
import type { AwsSession } from './aws/session';
import type { Sealer } from './aws/sealer';
import type { SnapshotStore } from './aws/snapshotStore';
import type { StageStore } from './aws/stageStore';
import type { StageForm } from './model/stageForm';
import type { ApiTarget } from './aws/apiTarget';
import type { Explorer } from './tree/explorer';
import type { TreeNode } from './tree/node';
import type { Notifier } from './ui/notifier';
import type { Prompter } from './ui/prompter';
import type { ConnectionStatus } from './ui/statusBar';

export interface StageEditors {
  /** Opens the stage's editor, or shows the one open; `focusMethod`: at that method's override. */
  /** `kept`: edits from before (the previous version's editor), put on top of the stage as it is and left unsaved. */
  open(target: ApiTarget, stageName: string, options?: { focusMethod?: string; kept?: { form: StageForm; loaded: StageForm } }): Promise<void>;
  /** Saves a stage editor (the active one without `uri`) as the user asked: Ctrl+S, the Save buttons. */
  saveExplicitly(uri?: vscode.Uri): Promise<void>;
}

/** Everything commands need, built once in activate() and passed in. */
export interface Ctx {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly session: AwsSession;
  /** The stages of each API: the tree and the commands read and update them here. */
  readonly stages: StageStore;
  /** The account settings of each connection (the log role), as last read or set. */
  readonly accounts: AccountStore;
  /** Opens a stage's editor (src/editor/stageEditorProvider.ts). */
  readonly stageEditors: StageEditors;
  /** Deleted stages, for Restore Deleted Stage… */
  readonly snapshots: SnapshotStore;
  /** Encrypts what must not be on disk in plain text (stage variable values), with a key in VS Code's secret storage. */
  readonly sealer: Sealer;
  readonly explorer: Explorer;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly status: ConnectionStatus;
  /** Asks the user; tests put a scripted one here. */
  prompter: Prompter;
  /** Error and information messages; tests put a recording one here. */
  notifier: Notifier;
  /** Settles once settings and profiles were first read (after activate() returned); commands wait for it. */
  readonly ready: Promise<void>;
  /** Re-reads settings and profiles; redraws the tree when they changed, or always with `force`. */
  reload(force?: boolean): Promise<void>;
}
