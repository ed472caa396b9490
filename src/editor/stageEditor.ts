// One stage editor (webview panel) per stage. It keeps the stage as loaded apart from the user's
// edits, reviews and saves them in one UpdateStage after checking nobody changed the stage meanwhile.
import * as vscode from 'vscode';
import type { Account, Stage } from '../aws/apiGateway';
import { splitPatch } from '../model/patchPaths';
import type { Ctx } from '../context';
import { errorMessage } from '../errors';
import { invokeUrl } from '../model/invokeUrl';
import { methodsOf } from '../model/methodKey';
import { concurrentChanges, rebase, stageChanges } from '../model/stageChanges';
import { formFromStage, type StageForm } from '../model/stageForm';
import { type AccountLimits, formProblems } from '../model/stageValidation';
import { type ApiTarget, whileBusy } from '../commands/targets';
import { treeIds } from '../tree/ids';
import { RestApiNode } from '../tree/restApiNode';
import { type EditorMemento, type EditorState, type FromWebview, type MethodRow, parseFromWebview, type ToWebview } from '../webview/protocol';
import { editorHtml } from './html';
import { saveWarnings } from './warnings';

export const EDITOR_VIEW_TYPE = 'apigatewayStages.stageEditor';
const CHANGING = new Set(['CREATE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'FLUSH_IN_PROGRESS']);
const CACHE_POLL_MS = 10_000;


export class StageEditor implements vscode.Disposable {
  private static readonly open = new Map<string, StageEditor>();
  private loaded: StageForm | undefined;
  private form: StageForm | undefined;
  private methods: MethodRow[] = [];
  private limits: AccountLimits = {};
  private roleArn = '';
  private cacheStatus: string | undefined;
  private saving = false;
  private theirs: StageForm | undefined;
  private poll: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Opens the editor of a stage, or reveals the one open. */
  static show(ctx: Ctx, target: ApiTarget, stageName: string, focusMethod?: string): StageEditor {
    const id = treeIds.stage(target.connection, target.restApiId, stageName);
    const existing = StageEditor.open.get(id);
    if (existing) {
      existing.panel.reveal();
      if (focusMethod) existing.post({ type: 'focus', method: focusMethod });
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(EDITOR_VIEW_TYPE, `Stage: ${stageName}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist')],
    });
    return new StageEditor(ctx, panel, target, stageName, focusMethod);
  }

  /** After a window reload: the panel VS Code restored, with the state the webview kept. */
  static restore(ctx: Ctx, panel: vscode.WebviewPanel, target: ApiTarget, memento: EditorMemento): StageEditor {
    return new StageEditor(ctx, panel, target, memento.stageName, undefined, memento.form);
  }

  private constructor(
    private readonly ctx: Ctx,
    readonly panel: vscode.WebviewPanel,
    readonly target: ApiTarget,
    readonly stageName: string,
    private focusMethod: string | undefined,
    private keptEdits?: StageForm,
  ) {
    this.id = treeIds.stage(target.connection, target.restApiId, stageName);
    StageEditor.open.set(this.id, this);
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist')] };
    panel.webview.html = editorHtml(panel.webview, vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist'), `Stage ${stageName}`);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
    );
  }

  private readonly id: string;

  dispose(): void {
    clearTimeout(this.poll);
    StageEditor.open.delete(this.id);
    this.disposables.forEach((d) => d.dispose());
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const m = parseFromWebview(raw);
    if (!m) {
      this.ctx.log.warn(`Stage editor ${this.stageName}: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    this.handle(m).catch((e: unknown) => this.fail(e));
  }

  private async handle(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        return this.load();
      case 'edit':
        this.form = m.form;
        return;
      case 'review':
        return this.review();
      case 'save':
        return this.save();
      case 'reload':
        this.keptEdits = undefined;
        return this.load();
      case 'resolve':
        return this.resolve(m.choice);
      case 'command':
        if (m.name === 'showLogs') return this.ctx.log.show();
        await vscode.commands.executeCommand(`apigatewayStages.${m.name}`, this.target, this.stageName);
        // A deployment change or a new role shows at once.
        if (m.name === 'changeDeployment' || m.name === 'setCloudWatchRoleArn' || m.name === 'deployToStage') return this.refreshContext();
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(m.text);
        void vscode.window.setStatusBarMessage('Copied', 2000);
        return;
    }
  }

  /** GetStage first (the form shows as soon as it is in), resources and GetAccount beside it. */
  private async load(): Promise<void> {
    const t = this.target;
    const context = this.loadContext();
    const stage = await t.gateway.getStage(t.restApiId, this.stageName);
    t.stages.set(stage);
    this.loaded = formFromStage(stage);
    this.form = this.keptEdits ?? this.loaded;
    this.keptEdits = undefined;
    this.cacheStatus = stage.cacheClusterStatus;
    this.post({ type: 'load', state: this.state() });
    this.watchCache();
    await context;
    this.post({ type: 'load', state: this.state() });
    this.focusMethod = undefined;
  }

  private async loadContext(): Promise<void> {
    const t = this.target;
    const apiNode = this.ctx.explorer.node(treeIds.api(t.connection, t.restApiId));
    const [resources, account] = await Promise.all([
      apiNode instanceof RestApiNode ? apiNode.listResources() : t.gateway.listResources(t.restApiId),
      t.gateway.getAccount().catch((e: unknown): Account => {
        this.ctx.log.warn(`GetAccount failed: ${errorMessage(e)}; the account limits are not shown`);
        return {};
      }),
    ]);
    this.methods = methodsOf(resources).map((m) => ({ key: m.key, label: m.label }));
    this.limits = { rateLimit: account.throttleSettings?.rateLimit, burstLimit: account.throttleSettings?.burstLimit };
    this.roleArn = account.cloudwatchRoleArn ?? '';
  }

  private async refreshContext(): Promise<void> {
    const stage = await this.target.gateway.getStage(this.target.restApiId, this.stageName);
    this.target.stages.set(stage);
    const fresh = formFromStage(stage);
    // The deployment is not edited in the form: take it from AWS, keep the edits.
    if (this.loaded) this.loaded = { ...this.loaded, deploymentId: fresh.deploymentId };
    if (this.form) this.form = { ...this.form, deploymentId: fresh.deploymentId };
    await this.loadContext();
    this.post({ type: 'load', state: this.state() });
  }

  private state(): EditorState {
    const t = this.target;
    return {
      apiName: t.apiName,
      stageName: this.stageName,
      invokeUrl: invokeUrl(t.restApiId, t.connection.region, this.stageName),
      region: t.connection.region,
      loaded: this.loaded!,
      form: this.form!,
      methods: this.methods,
      limits: this.limits,
      cloudwatchRoleArn: this.roleArn,
      cacheClusterStatus: this.cacheStatus,
      focusMethod: this.focusMethod,
      memento: { profile: t.connection.profile, region: t.connection.region, restApiId: t.restApiId, apiName: t.apiName, stageName: this.stageName },
    };
  }

  private review(): void {
    if (!this.loaded || !this.form) return;
    const { changes, patch, tagsToSet, tagsToRemove } = stageChanges(this.loaded, this.form);
    const operations = patch.map((o) => `${o.op} ${o.path}${o.value !== undefined ? ` = ${JSON.stringify(o.value)}` : ''}`);
    if (Object.keys(tagsToSet).length) operations.push(`TagResource ${JSON.stringify(tagsToSet)}`);
    if (tagsToRemove.length) operations.push(`UntagResource ${JSON.stringify(tagsToRemove)}`);
    this.post({
      type: 'review',
      changes: changes.map((c) => c.text),
      operations,
      problems: formProblems(this.form, this.limits, this.loaded),
      warnings: saveWarnings(this.loaded, this.form, this.roleArn),
    });
  }

  private async save(): Promise<void> {
    if (this.saving || !this.loaded || !this.form) return;
    const problems = formProblems(this.form, this.limits, this.loaded);
    if (problems.length) {
      this.review();
      this.post({ type: 'failed', message: `Not saved: ${problems.map((p) => p.message).join(' ')}` });
      return;
    }
    const { patch, tagsToSet, tagsToRemove, changes } = stageChanges(this.loaded, this.form);
    if (!changes.length) {
      this.post({ type: 'failed', message: 'Nothing to save: the form is as loaded.' });
      return;
    }
    if (!(await this.roleCheck())) return;
    this.saving = true;
    const t = this.target;
    try {
      await whileBusy(this.ctx, t, this.stageName, 'Saving…', async () => {
        this.post({ type: 'busy', label: 'Reading the stage again, for changes made meanwhile…' });
        const now = formFromStage(await t.gateway.getStage(t.restApiId, this.stageName));
        const concurrent = concurrentChanges(this.loaded!, this.form!, now);
        if (concurrent.theirs.length) {
          this.theirs = now;
          const both = new Set(concurrent.conflicts.map((c) => c.id));
          this.post({ type: 'conflict', theirs: concurrent.theirs.filter((c) => !both.has(c.id)).map((c) => c.text), conflicts: concurrent.conflicts.map((c) => c.text) });
          return;
        }
        this.post({ type: 'busy', label: 'Saving…' });
        this.ctx.log.info(`Saving stage ${this.stageName} of ${t.apiName}: ${patch.length} operation(s)\n${changes.map((c) => `  ${c.text}`).join('\n')}`);
        let stage: Stage | undefined;
        // One UpdateStage; split only where AWS would answer "Update size too large".
        for (const part of splitPatch(patch)) stage = await t.gateway.updateStage(t.restApiId, this.stageName, part);
        if (Object.keys(tagsToSet).length || tagsToRemove.length) {
          await t.gateway.setStageTags(t.connection.region, t.restApiId, this.stageName, tagsToSet, tagsToRemove);
          stage = await t.gateway.getStage(t.restApiId, this.stageName);
        }
        if (stage) t.stages.set(stage);
        const loggingChanged = changes.some((c) => /\/(logging|metrics)\//.test(c.id) || c.id.startsWith('accessLogSettings'));
        this.loaded = stage ? formFromStage(stage) : this.form!;
        this.form = this.loaded;
        this.cacheStatus = stage?.cacheClusterStatus ?? this.cacheStatus;
        this.post({ type: 'saved', state: this.state(), message: `Saved ${changes.length} change${changes.length === 1 ? '' : 's'} in one UpdateStage.` });
        this.watchCache();
        if (loggingChanged) this.offerDeploy();
      });
    } finally {
      this.saving = false;
    }
  }

  /** While the cache cluster is being created, deleted or flushed (minutes on AWS): one GetStage every 10 s until it settles. */
  private watchCache(): void {
    clearTimeout(this.poll);
    if (!this.cacheStatus || !CHANGING.has(this.cacheStatus)) return;
    this.poll = setTimeout(() => {
      this.target.gateway.getStage(this.target.restApiId, this.stageName).then(
        (stage) => {
          this.target.stages.set(stage);
          this.cacheStatus = stage.cacheClusterStatus;
          this.post({ type: 'cacheStatus', status: stage.cacheClusterStatus ?? '' });
          this.watchCache();
        },
        (e: unknown) => this.ctx.log.warn(`Reading the cache status of ${this.stageName} failed: ${errorMessage(e)}`),
      );
    }, CACHE_POLL_MS);
  }

  /** Logging on while the account has no CloudWatch role: AWS would refuse the save; offer to set it first. */
  private async roleCheck(): Promise<boolean> {
    const warnings = saveWarnings(this.loaded!, this.form!, this.roleArn).filter((w) => w.startsWith('Logging'));
    if (!warnings.length) return true;
    const set = 'Set CloudWatch Log Role ARN…';
    const choice = await vscode.window.showWarningMessage(warnings[0], { modal: true }, set, 'Save Anyway');
    if (choice === set) {
      await vscode.commands.executeCommand('apigatewayStages.setCloudWatchRoleArn', this.target);
      await this.refreshContext();
      return !!this.roleArn;
    }
    return choice === 'Save Anyway';
  }

  private offerDeploy(): void {
    const deploy = 'Deploy to Stage…';
    void vscode.window
      .showInformationMessage(`New CloudWatch settings of stage "${this.stageName}" take effect after a new deployment.`, deploy)
      .then((c) => {
        if (c === deploy) void vscode.commands.executeCommand('apigatewayStages.deployToStage', this.target, this.stageName);
      });
  }

  private async resolve(choice: 'reload' | 'applyMine'): Promise<void> {
    const theirs = this.theirs;
    this.theirs = undefined;
    if (!theirs || !this.loaded || !this.form) return this.load();
    this.form = choice === 'reload' ? theirs : rebase(this.loaded, this.form, theirs);
    this.loaded = theirs;
    this.post({ type: 'load', state: this.state() });
    this.review();
  }

  private fail(e: unknown): void {
    const message = errorMessage(e);
    this.ctx.log.error(`Stage editor ${this.stageName}: ${message}`);
    // The edits stay in the form.
    this.post({ type: 'failed', message });
  }
}
