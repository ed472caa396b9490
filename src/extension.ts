import * as path from 'path';
import * as vscode from 'vscode';
import { AwsSession } from './aws/session';
import { openAwsConfig, selectProfile, selectRegion, switchConnection } from './commands/connection';
import { registerCommands, reportError } from './commands/register';
import { changeDeployment } from './commands/stages/changeDeployment';
import { openInConsole } from './commands/stages/console';
import { createStage } from './commands/stages/create';
import { deleteStage } from './commands/stages/delete';
import { deleteStageSnapshot } from './commands/stages/deleteSnapshot';
import { deployToStage } from './commands/stages/deploy';
import { restoreStage } from './commands/stages/restore';
import { editStageSetting } from './commands/stages/editSetting';
import { deleteCanary, deployToCanary, promoteCanary } from './commands/stages/canary';
import { deleteDeployment, editDeploymentDescription } from './commands/stages/deployments';
import { exportApiDefinition } from './commands/stages/export';
import { generateSdk } from './commands/stages/sdk';
import { associateWebAcl } from './commands/stages/webAcl';
import { copyClientCertificatePem, setClientCertificate } from './commands/stages/clientCertificate';
import { publishDocumentation, setDocumentationVersion } from './commands/stages/documentationVersion';
import { editStageSettings, flushAuthorizersCache, flushStageCache, setCloudWatchRoleArn } from './commands/stages/settings';
import { checkCloudWatchLogging } from './commands/stages/loggingCheck';
import { openWalkthrough } from './commands/walkthrough';
import { copyId, copyInvokeUrl, refresh, refreshNode, showLogs } from './commands/tree';
import { AccountStore } from './aws/accountStore';
import { redactingLog } from './aws/logger';
import { Sealer } from './aws/sealer';
import { SnapshotStore } from './aws/snapshotStore';
import { StageStore } from './aws/stageStore';
import type { Ctx } from './context';
import { registerStageEditor, StageEditorProvider } from './editor/stageEditorProvider';
import { registerStageFiles } from './editor/stageFiles';
import { Explorer } from './tree/explorer';
import type { TreeNode } from './tree/node';
import { askMfaCode } from './ui/mfa';
import { vscodeNotifier } from './ui/notifier';
import { vscodePrompter } from './ui/vscodePrompter';
import { affectsOwnerTagKeys, affectsSettings, readSettings } from './ui/settings';
import { ConnectionStatus } from './ui/statusBar';

/** The secret storage key of the sealing key (src/aws/sealer.ts). */
const SEALING_KEY = 'apigatewayStages.sealingKey';

/** What activate() returns: the extension's own objects, for in-editor tests. */
export interface ExtensionApi {
  readonly ctx: Ctx;
}

export function activate(extension: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const log = redactingLog(vscode.window.createOutputChannel('API Gateway Stages', { log: true }));
  const session = new AwsSession({ log, askMfa: askMfaCode });
  const stages = new StageStore();
  const explorer = new Explorer(session, stages, log);
  const treeView = vscode.window.createTreeView<TreeNode>('apigatewayStages.explorer', {
    treeDataProvider: explorer,
    showCollapseAll: true,
  });
  const status = new ConnectionStatus();
  extension.subscriptions.push(log, session, explorer, treeView, status);
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  // One key per installation, in the OS keychain (VS Code's secret storage), for what is sealed on disk.
  const sealer = new Sealer({ get: () => extension.secrets.get(SEALING_KEY), set: (v) => extension.secrets.store(SEALING_KEY, v) });
  const ctx: Ctx = {
    extension,
    log,
    session,
    stages,
    accounts: new AccountStore(),
    stageEditors: { open: (target, stageName, options) => editors.open(target, stageName, options), saveExplicitly: (uri) => editors.saveExplicitly(uri) },
    // Files, not globalState: written at once and atomically, shared by every window.
    snapshots: new SnapshotStore(path.join(extension.globalStorageUri.fsPath, 'stageSnapshots'), sealer, extension.globalState),
    sealer,
    explorer,
    treeView,
    status,
    prompter: vscodePrompter,
    notifier: vscodeNotifier,
    ready,
    reload: (force = false) => {
      forced ||= force;
      return reload();
    },
  };
  const editors = new StageEditorProvider(ctx);
  // Settings events, file watchers and Refresh may come at once (VS Code also sends a settings event
  // when it registers the extension's settings): one reload at a time, and the tree is rebuilt
  // only when something changed or Refresh asked for it.
  let forced = false;
  const reload = singleFlight(async () => {
    try {
      const state = await session.reload(readSettings());
      // The tree first: the welcome view's context key is a round trip to the window.
      syncTree();
      status.update(state);
      await vscode.commands.executeCommand('setContext', 'apigatewayStages.noProfiles', state.kind === 'noProfiles');
    } catch (e) {
      reportError(log, 'Reading AWS profiles', e);
      // Also after a failure: the view must not wait for a first reload for ever.
      syncTree();
    }
  });
  /** Redraws the tree when the session changed (or Refresh forced it); the first call also lets it load. */
  const syncTree = () => {
    if (forced) explorer.refreshAll();
    else explorer.sync();
    forced = false;
  };

  registerCommands(ctx, {
    editStageSettings,
    editStageSetting,
    setCloudWatchRoleArn,
    flushStageCache,
    flushAuthorizersCache,
    createStage,
    changeDeployment,
    deployToStage,
    deleteStage,
    deployToCanary,
    promoteCanary,
    deleteCanary,
    restoreStage,
    deleteStageSnapshot,
    openInConsole,
    refresh,
    refreshNode,
    retryNode: refreshNode,
    copyInvokeUrl,
    copyId,
    showLogs,
    selectProfile,
    selectRegion,
    switchConnection,
    openAwsConfig,
    saveStage: (c: Ctx) => c.stageEditors.saveExplicitly(),
    editDeploymentDescription,
    deleteDeployment,
    exportApiDefinition,
    generateSdk,
    associateWebAcl,
    setClientCertificate,
    copyClientCertificatePem,
    setDocumentationVersion,
    publishDocumentation,
    checkCloudWatchLogging,
    openWalkthrough,
  });

  extension.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSettings(e)) void ctx.reload();
      if (affectsOwnerTagKeys(e)) explorer.redrawStages();
    }),
    // Trusting the workspace lets its profile and region settings count: said when that changes them.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void trustGranted(ctx)),
    watchProfileFiles(session, () => void ctx.reload()),
    registerStageEditor(ctx, editors),
    registerStageFiles(ctx, editors),
  );

  status.update(session.state);
  // The profile files are read after activate() returns, so nothing waits on the disk for the
  // extension to count as active: the view waits with its progress bar, commands in runCommand.
  void ctx.reload().finally(() => {
    markReady();
    log.info(`Profiles read ${(performance.now() - started).toFixed(1)} ms after activation began`);
  });
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms`);
  return { ctx };
}

/** After the workspace was trusted: its profile and region settings count now; the user hears when they changed the connection. */
async function trustGranted(ctx: Ctx): Promise<void> {
  const before = ctx.session.state.kind === 'ready' ? ctx.session.state.connection : undefined;
  await ctx.reload();
  const after = ctx.session.state.kind === 'ready' ? ctx.session.state.connection : undefined;
  const changed = [
    before?.profile !== after?.profile ? `profile ${after?.profile ?? '(none)'} (was ${before?.profile ?? 'none'})` : '',
    before?.region !== after?.region ? `region ${after?.region ?? '(none)'} (was ${before?.region ?? 'none'})` : '',
  ].filter(Boolean);
  if (!changed.length) return;
  ctx.log.info(`Workspace trusted: its settings now choose ${changed.join(' and ')}`);
  void ctx.notifier.info(`This workspace is trusted now, so its settings count: API Gateway uses ${changed.join(' and ')}.`);
}

/** Profiles added or changed in the AWS files show up without a reload of the window. */
function watchProfileFiles(session: AwsSession, onChange: () => void): vscode.Disposable {
  const { configPath, credentialsPath } = session.files;
  const watchers = [configPath, credentialsPath].map((file) => {
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
    w.onDidChange(onChange);
    w.onDidCreate(onChange);
    w.onDidDelete(onChange);
    return w;
  });
  return vscode.Disposable.from(...watchers);
}

/**
 * Settings events, file watchers and commands may all ask for a reload at once: run one at a
 * time, and once more after it if asked meanwhile, so the last settings always win.
 */
function singleFlight(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const run = async (): Promise<void> => {
    do {
      again = false;
      await task();
    } while (again);
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = run().finally(() => {
      running = undefined;
    });
    return running;
  };
}

export function deactivate(): void {}
