// One stage editor (webview panel) per stage. It keeps the stage as loaded apart from the user's
// edits, reviews and saves them in one UpdateStage after checking nobody changed the stage meanwhile.
import * as vscode from 'vscode';
import type { Account, Stage } from '../aws/apiGateway';
import { splitPatch } from '../model/patchPaths';
import { describePlan, recreatePlan } from '../model/plans';
import { isNotFound } from '../aws/stageStore';
import type { Ctx } from '../context';
import { errorMessage } from '../errors';
import { invokeUrl } from '../model/invokeUrl';
import { methodsOf } from '../model/methodKey';
import { concurrentChanges, rebase, stageChanges } from '../model/stageChanges';
import { formFromStage, type StageForm } from '../model/stageForm';
import { type AccountLimits, formProblems } from '../model/stageValidation';
import { confirmLoggingRole, offerDeployAfter } from '../commands/stages/cloudWatchChecks';
import { execute, showAsItIs } from '../commands/stages/execute';
import { type ApiTarget, ranElsewhere, whileBusy } from '../commands/targets';
import { treeIds } from '../tree/ids';
import { RestApiNode } from '../tree/restApiNode';
import { type EditorMemento, type EditorState, type FromWebview, type MethodRow, type ToWebview } from '../webview/protocol';
import { editorHtml, editorWebviewOptions } from './html';
import { acceptFromWebview } from './messages';
import { saveWarnings } from './warnings';
import { displayText, LABEL_MAX } from '../model/displayText';

export const EDITOR_VIEW_TYPE = 'apigatewayStages.stageEditor';
const CHANGING = new Set(['CREATE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'FLUSH_IN_PROGRESS']);
const CACHE_POLL_MS = 10_000;
/** The role when GetAccount failed: not known, so not said to be missing. */
const UNKNOWN_ROLE = '(unknown)';


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
  /** GetStage and the context sent when the editor opened, for the page's first 'ready'. */
  private early: { stage: Promise<Stage>; context: Promise<void> } | undefined;

  /** Opens the editor of a stage, or reveals the one open. */
  static show(ctx: Ctx, target: ApiTarget, stageName: string, focusMethod?: string): StageEditor {
    const id = treeIds.stage(target.connection, target.restApiId, stageName);
    const existing = StageEditor.open.get(id);
    if (existing) {
      existing.panel.reveal();
      if (focusMethod) existing.post({ type: 'focus', method: focusMethod });
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(EDITOR_VIEW_TYPE, `Stage: ${displayText(stageName, { max: LABEL_MAX })}`, vscode.ViewColumn.Active, {
      ...editorWebviewOptions(ctx.extension.extensionUri),
      // A hidden tab keeps its page: the edits, the focus and the scroll stay, and no request is sent again.
      retainContextWhenHidden: true,
    });
    const editor = new StageEditor(ctx, panel, target, stageName, focusMethod);
    // The requests go now and run while the page loads, instead of after its 'ready'. The form
    // waits for 'ready': a message posted while the page loads can be lost (a CI run saw an
    // editor stay at "Loading the stage…" when the form was posted before it).
    editor.early = editor.fetch();
    return editor;
  }

  /** After a window reload: the panel VS Code restored, with the state the webview kept. */
  static restore(ctx: Ctx, panel: vscode.WebviewPanel, target: ApiTarget, memento: EditorMemento): StageEditor {
    return new StageEditor(ctx, panel, target, memento.stageName, undefined, memento.form && memento.loaded ? { form: memento.form, loaded: memento.loaded } : undefined);
  }

  private constructor(
    private readonly ctx: Ctx,
    readonly panel: vscode.WebviewPanel,
    readonly target: ApiTarget,
    readonly stageName: string,
    private focusMethod: string | undefined,
    private keptEdits?: { form: StageForm; loaded: StageForm },
  ) {
    this.id = treeIds.stage(target.connection, target.restApiId, stageName);
    StageEditor.open.set(this.id, this);
    // A panel VS Code restored after a reload comes with its options unset.
    panel.webview.options = editorWebviewOptions(ctx.extension.extensionUri);
    panel.webview.html = editorHtml(panel.webview, vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist'), `Stage ${stageName}`);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
    );
  }

  private readonly id: string;

  private disposed = false;

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.poll);
    StageEditor.open.delete(this.id);
    this.disposables.forEach((d) => d.dispose());
  }

  private post(message: ToWebview): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const m = acceptFromWebview(raw, this.ctx.log, `Stage editor ${this.stageName}`);
    if (!m) return;
    this.handle(m).catch((e: unknown) => this.fail(e));
  }

  private async handle(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        // A page made again (after it was hidden without its context kept) gets the form as it is, edits included.
        if (this.loaded && this.form) return this.post({ type: 'load', state: this.state() });
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
      case 'recreate':
        return this.recreate();
      case 'command':
        if (m.name === 'showLogs') return this.ctx.log.show();
        await vscode.commands.executeCommand(`apigatewayStages.${m.name}`, this.target, this.stageName);
        // A new deployment, role or cache status shows at once (and a flush is watched until it settles).
        return this.refreshContext();
      case 'copy':
        await vscode.env.clipboard.writeText(m.text);
        void vscode.window.setStatusBarMessage('Copied', 2000);
        return;
    }
  }

  /** GetStage (the form shows as soon as it is in), resources and GetAccount beside it. */
  private fetch(): { stage: Promise<Stage>; context: Promise<void> } {
    const t = this.target;
    const stage = t.gateway.getStage(t.restApiId, this.stageName);
    const context = this.loadContext();
    // Awaited by load(); until then (or when GetStage fails first) a failure must not go unhandled.
    stage.catch(() => undefined);
    context.catch(() => undefined);
    return { stage, context };
  }

  private async load(): Promise<void> {
    const t = this.target;
    const { stage: pending, context } = this.early ?? this.fetch();
    this.early = undefined;
    const stage = await pending;
    t.stages.set(stage);
    const fresh = formFromStage(stage);
    const kept = this.keptEdits;
    this.keptEdits = undefined;
    this.loaded = fresh;
    // Edits kept across a window reload go on top of the stage as it is now, not over changes made meanwhile.
    this.form = kept ? rebase(kept.loaded, kept.form, fresh) : fresh;
    this.cacheStatus = stage.cacheClusterStatus;
    this.post({ type: 'load', state: this.state() });
    if (kept) {
      const meanwhile = concurrentChanges(kept.loaded, kept.form, fresh);
      if (meanwhile.theirs.length) {
        this.post({ type: 'failed', message: `The stage changed while the window reloaded: ${meanwhile.theirs.map((c) => c.text).join('; ')}. Your edits are kept on top; review before saving.` });
      }
    }
    this.watchCache();
    await context;
    this.post({ type: 'context', state: this.state() });
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
    // Unknown when GetAccount failed: then no warning claims that the role is missing.
    this.roleArn = account.throttleSettings || account.cloudwatchRoleArn ? (account.cloudwatchRoleArn ?? '') : UNKNOWN_ROLE;
  }

  private async refreshContext(): Promise<void> {
    const stage = await this.target.gateway.getStage(this.target.restApiId, this.stageName);
    this.target.stages.set(stage);
    const fresh = formFromStage(stage);
    // The deployment is not edited in the form: take it from AWS, keep the edits.
    if (this.loaded) this.loaded = { ...this.loaded, deploymentId: fresh.deploymentId };
    if (this.form) this.form = { ...this.form, deploymentId: fresh.deploymentId };
    this.cacheStatus = stage.cacheClusterStatus;
    await this.loadContext();
    this.post({ type: 'context', state: this.state() });
    this.watchCache();
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
    // Set before anything is awaited: a second Save meanwhile (a double click, the role prompt open) does nothing.
    this.saving = true;
    try {
      await this.saveNow();
    } finally {
      this.saving = false;
    }
  }

  private async saveNow(): Promise<void> {
    // What is saved: the form at this click. Edits typed while it saves stay, on top of what was saved.
    const base = this.loaded!;
    const sent = this.form!;
    const problems = formProblems(sent, this.limits, base);
    if (problems.length) {
      this.review();
      this.post({ type: 'failed', message: `Not saved: ${problems.map((p) => p.message).join(' ')}` });
      return;
    }
    const { patch, tagsToSet, tagsToRemove, changes } = stageChanges(base, sent);
    if (!changes.length) {
      this.post({ type: 'failed', message: 'Nothing to save: the form is as loaded.' });
      return;
    }
    const role = await confirmLoggingRole(this.target, base, sent, this.roleArn === UNKNOWN_ROLE ? undefined : this.roleArn);
    if (role.roleSet) await this.refreshContext();
    if (!role.proceed) return;
    const t = this.target;
    await whileBusy(this.ctx, t, this.stageName, 'Saving…', async () => {
      this.post({ type: 'busy', label: 'Reading the stage again, for changes made meanwhile…' });
      const now = formFromStage(await t.gateway.getStage(t.restApiId, this.stageName));
      const concurrent = concurrentChanges(base, sent, now);
      if (concurrent.theirs.length) {
        this.theirs = now;
        const both = new Set(concurrent.conflicts.map((c) => c.id));
        this.post({ type: 'conflict', theirs: concurrent.theirs.filter((c) => !both.has(c.id)).map((c) => c.text), conflicts: concurrent.conflicts.map((c) => c.text) });
        return;
      }
      this.post({ type: 'busy', label: 'Saving…' });
      this.ctx.log.info(`Saving stage ${this.stageName} of ${t.apiName}: ${patch.length} operation(s)\n${changes.map((c) => `  ${c.text}`).join('\n')}`);
      const parts = splitPatch(patch);
      let stage: Stage | undefined;
      // One UpdateStage; split only where AWS would answer "Update size too large". After each
      // request the editor's base is what AWS returned, so a failure later leaves only the rest to save.
      for (const part of parts) {
        stage = await t.gateway.updateStage(t.restApiId, this.stageName, part);
        this.settle(formFromStage(stage), sent, stage);
      }
      const tags = Object.keys(tagsToSet).length > 0 || tagsToRemove.length > 0;
      if (tags) {
        await t.gateway.setStageTags(t.connection.region, t.restApiId, this.stageName, tagsToSet, tagsToRemove);
        stage = await t.gateway.getStage(t.restApiId, this.stageName);
        this.settle(formFromStage(stage), sent, stage);
      }
      const how = [parts.length ? `${parts.length === 1 ? 'one UpdateStage' : `${parts.length} UpdateStage requests`}` : '', tags ? 'tag calls' : ''].filter(Boolean).join(' and ');
      this.post({ type: 'saved', state: this.state(), message: `Saved ${changes.length} change${changes.length === 1 ? '' : 's'} in ${how}.${ranElsewhere(this.ctx, t.connection)}` });
      this.watchCache();
      offerDeployAfter(t, this.stageName, changes);
    });
  }

  /** After a successful request: the base is what AWS returned; edits made since `sent` stay on top. */
  private settle(saved: StageForm, sent: StageForm, stage: Stage): void {
    this.target.stages.set(stage);
    this.form = rebase(sent, this.form!, saved);
    this.loaded = saved;
    this.cacheStatus = stage.cacheClusterStatus ?? this.cacheStatus;
  }

  /** While the cache cluster is being created, deleted or flushed (minutes on AWS): one GetStage every 10 s until it settles. */
  private watchCache(): void {
    clearTimeout(this.poll);
    if (!this.cacheStatus || !CHANGING.has(this.cacheStatus)) return;
    this.poll = setTimeout(() => {
      this.target.gateway.getStage(this.target.restApiId, this.stageName).then(
        (stage) => {
          if (this.disposed) return;
          this.target.stages.set(stage);
          this.cacheStatus = stage.cacheClusterStatus;
          this.post({ type: 'cacheStatus', status: stage.cacheClusterStatus ?? '' });
          this.watchCache();
        },
        (e: unknown) => this.ctx.log.warn(`Reading the cache status of ${this.stageName} failed: ${errorMessage(e)}`),
      );
    }, CACHE_POLL_MS);
  }

  private async resolve(choice: 'reload' | 'applyMine'): Promise<void> {
    const theirs = this.theirs;
    // No conflict pending (a second click on the same button): nothing to do, and the edits stay.
    if (!theirs || !this.loaded || !this.form) return this.ctx.log.info(`Stage editor ${this.stageName}: no conflict to resolve`);
    this.theirs = undefined;
    this.form = choice === 'reload' ? theirs : rebase(this.loaded, this.form, theirs);
    this.loaded = theirs;
    this.post({ type: 'load', state: this.state() });
    this.review();
  }

  private fail(e: unknown): void {
    const message = errorMessage(e);
    this.ctx.log.error(`Stage editor ${this.stageName}: ${message}`);
    // The edits stay in the form.
    if (isNotFound(e) && this.form) {
      // Deleted meanwhile (by someone else, or another window): the tree drops it; the form is offered back.
      showAsItIs(this.ctx, this.target, this.stageName);
      this.post({ type: 'gone', message: `Stage "${this.stageName}" no longer exists in ${this.target.apiName}: it was deleted after you opened it. Nothing was saved; your form is kept.` });
      return;
    }
    this.post({ type: 'failed', message });
  }

  /** The stage was deleted while the editor was open: make it again from the form, after a confirmation that lists the requests. */
  private async recreate(): Promise<void> {
    if (this.saving || !this.form) return;
    const t = this.target;
    const form = this.form;
    const problems = formProblems(form, this.limits, this.loaded);
    if (problems.length) {
      this.post({ type: 'failed', message: `Not recreated: ${problems.map((p) => p.message).join(' ')}` });
      return;
    }
    const plan = recreatePlan(t.restApiId, this.stageName, form);
    this.saving = true;
    try {
      const go = await this.ctx.prompter.confirm(`Recreate stage "${this.stageName}" of ${t.apiName} from the editor's form?`, {
        detail: `It points at deployment ${form.deploymentId}. Requests:\n${describePlan(plan).join('\n')}`,
        confirm: 'Recreate Stage',
      });
      if (!go) return;
      this.post({ type: 'busy', label: 'Recreating the stage…' });
      await execute(this.ctx, t, plan, {
        busyLabel: `Recreating ${this.stageName}…`,
        progressTitle: `Recreating stage "${this.stageName}" of ${t.apiName}`,
        stageName: this.stageName,
        partialMessage: () => `Stage "${this.stageName}" was created again, but not all of its settings were applied.`,
      });
      this.keptEdits = undefined;
      await this.load();
      this.post({ type: 'saved', state: this.state(), message: `Recreated stage "${this.stageName}" from the form.` });
    } finally {
      this.saving = false;
    }
  }
}
