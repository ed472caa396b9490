// One stage editor (webview panel) per stage. It keeps the stage as loaded apart from the user's
// edits, reviews them, and saves them through the one plan runner (src/stages/execute.ts) after
// reading the stage again: a change someone made meanwhile is shown, never overwritten silently.
import * as vscode from 'vscode';
import { type Account, isNotFound, type Stage } from '../aws/apiGateway';
import type { Ctx } from '../context';
import { errorMessage } from '../errors';
import { stageArn } from '../model/arns';
import { displayText, LABEL_MAX } from '../model/displayText';
import { invokeUrl } from '../model/invokeUrl';
import { methodsOf } from '../model/methodKey';
import { describePlan, type PlanStep, updateStageSteps } from '../model/plans';
import { recreatePlan } from '../model/rebuild';
import { saveWarnings } from '../model/saveWarnings';
import { changeLogText, concurrentChanges, readable, rebase, type StageChanges, stageChanges } from '../model/stageChanges';
import { formFromStage, type StageForm } from '../model/stageForm';
import { type AccountLimits, formProblems } from '../model/stageValidation';
import { confirmLoggingRole, offerDeployAfter } from '../stages/cloudWatchChecks';
import { confirmPlanModal, execute, reloadQuietly } from '../stages/execute';
import { snapshotApi } from '../stages/snapshots';
import { type ApiTarget, ranElsewhere, whileBusy } from '../stages/targets';
import { treeIds } from '../tree/ids';
import { RestApiNode } from '../tree/restApiNode';
import { type EditorMemento, type EditorState, type FromWebview, type MethodRow, type ToWebview } from '../webview/protocol';
import { editorHtml, editorWebviewOptions } from './html';
import { acceptFromWebview } from './messages';
import { openMemento, sealMemento } from './memento';

export const EDITOR_VIEW_TYPE = 'apigatewayStages.stageEditor';
const CHANGING = new Set(['CREATE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'FLUSH_IN_PROGRESS']);
const CACHE_POLL_MS = 10_000;
/** The role when GetAccount failed: not known, so not said to be missing. */
const UNKNOWN_ROLE = '(unknown)';


export class StageEditor implements vscode.Disposable {
  private static readonly open = new Map<string, StageEditor>();
  private loaded: StageForm | undefined;
  /** The stage as GetStage last returned it: what a recreate takes the settings the form does not hold from. */
  private loadedStage: Stage | undefined;
  private form: StageForm | undefined;
  private methods: MethodRow[] = [];
  private limits: AccountLimits = {};
  private roleArn = '';
  private cacheStatus: string | undefined;
  private saving = false;
  /** The stage as read at a save that found their changes, until the user chooses. */
  private theirs: { form: StageForm; stage: Stage } | undefined;
  private poll: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** GetStage and the context sent when the editor opened, for the page's first 'ready'. */
  private early: { stage: Promise<Stage>; context: Promise<void> } | undefined;
  /** When the stage was first loaded: a snapshot taken after it is of a delete made while the editor was open. */
  private readonly loadedAt = Date.now();

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

  /** After a window reload: the panel VS Code restored, with the state the webview kept (variable values sealed). */
  static async restore(ctx: Ctx, panel: vscode.WebviewPanel, target: ApiTarget, memento: EditorMemento): Promise<StageEditor> {
    return new StageEditor(ctx, panel, target, memento.stageName, undefined, await openMemento(ctx, memento));
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
        return this.sealEdits();
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

  /** The webview keeps the edits for a window reload; variable values only sealed (they often hold backend keys). */
  private async sealEdits(): Promise<void> {
    if (!this.form || !this.loaded) return;
    try {
      const sealed = await sealMemento(this.ctx, this.form, this.loaded);
      if (sealed) this.post({ type: 'memento', sealed });
    } catch (e) {
      // No secret storage: the edits are not kept for a reload (their values never go to disk in plain text). Said once.
      if (!this.sealWarned) this.ctx.log.warn(`Stage editor ${this.stageName}: the edits cannot be kept for a window reload: ${errorMessage(e)}`);
      this.sealWarned = true;
    }
  }
  private sealWarned = false;

  private async load(): Promise<void> {
    const t = this.target;
    const { stage: pending, context } = this.early ?? this.fetch();
    this.early = undefined;
    const stage = await pending;
    t.stages.set(stage);
    this.loadedStage = stage;
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
    this.loadedStage = stage;
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
    const changes = stageChanges(this.loaded, this.form);
    this.post({
      type: 'review',
      changes: readable(changes.changes).map((c) => c.text),
      operations: describePlan(this.savePlan(changes)),
      problems: formProblems(this.form, this.limits, this.loaded),
      warnings: saveWarnings(this.loaded, this.form, this.roleArn),
    });
  }

  /** The requests of a save: UpdateStage (split only where AWS would refuse its size), then the tag calls. */
  private savePlan(c: StageChanges): PlanStep[] {
    const t = this.target;
    const arn = stageArn(t.connection.region, t.restApiId, this.stageName);
    const plan = updateStageSteps(t.restApiId, this.stageName, c.patch);
    if (c.tagsToRemove.length) plan.push({ op: 'UntagResource', resourceArn: arn, stageName: this.stageName, tagKeys: c.tagsToRemove });
    if (Object.keys(c.tagsToSet).length) plan.push({ op: 'TagResource', resourceArn: arn, stageName: this.stageName, tags: c.tagsToSet });
    return plan;
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
    const changes = stageChanges(base, sent);
    if (!changes.changes.length) {
      this.post({ type: 'failed', message: 'Nothing to save: the form is as loaded.' });
      return;
    }
    const role = await confirmLoggingRole(this.ctx, this.target, base, sent, this.roleArn === UNKNOWN_ROLE ? undefined : this.roleArn);
    if (role.roleSet) await this.refreshContext();
    if (!role.proceed) return;
    const t = this.target;
    await whileBusy(this.ctx, t, this.stageName, 'Saving…', async () => {
      // Read before write: the stage as it is now; their changes since the form was loaded are shown first.
      this.post({ type: 'busy', label: 'Reading the stage again, for changes made meanwhile…' });
      const stage = await t.gateway.getStage(t.restApiId, this.stageName);
      const now = formFromStage(stage);
      const concurrent = concurrentChanges(base, sent, now);
      if (concurrent.theirs.length) {
        this.theirs = { form: now, stage };
        const both = new Set(concurrent.conflicts.map((c) => c.id));
        this.post({ type: 'conflict', theirs: readable(concurrent.theirs.filter((c) => !both.has(c.id))).map((c) => c.text), conflicts: concurrent.conflicts.map((c) => c.text) });
        return;
      }
      const plan = this.savePlan(changes);
      // The review shows what goes, as it goes.
      this.post({ type: 'review', changes: readable(changes.changes).map((c) => c.text), operations: describePlan(plan), problems: [], warnings: [] });
      this.post({ type: 'busy', label: 'Saving…' });
      this.ctx.log.info(`Saving stage ${this.stageName} of ${t.apiName}: ${changes.changes.length} change(s)\n${changes.changes.map((c) => `  ${changeLogText(c)}`).join('\n')}`);
      let tagged = false;
      await execute(this.ctx, t, plan, {
        busy: 'none',
        busyLabel: 'Saving…',
        progressTitle: `Saving stage "${this.stageName}" of ${t.apiName}…`,
        // After each UpdateStage the editor's base is what AWS returned, so a failure later leaves only the rest to save.
        onAnswer: (step, answer) => {
          if (step.op === 'UpdateStage') this.settle(answer as Stage, sent);
          else tagged = true;
        },
      });
      if (tagged) {
        // The tag calls return no stage: read it (the tags as AWS now holds them).
        this.settle(await t.gateway.getStage(t.restApiId, this.stageName), sent);
        t.stages.set(this.loadedStage!);
      }
      const updates = plan.filter((r) => r.op === 'UpdateStage').length;
      const how = [updates ? (updates === 1 ? 'one UpdateStage' : `${updates} UpdateStage requests`) : '', tagged ? 'tag calls' : ''].filter(Boolean).join(' and ');
      const n = readable(changes.changes).length;
      this.post({ type: 'saved', state: this.state(), message: `Saved ${n} change${n === 1 ? '' : 's'} in ${how}.${ranElsewhere(this.ctx, t.connection)}` });
      this.watchCache();
      offerDeployAfter(this.ctx, t, this.stageName, changes.changes);
    });
  }

  /** After a successful request: the base is what AWS returned; edits made since `sent` stay on top. */
  private settle(stage: Stage, sent: StageForm): void {
    const saved = formFromStage(stage);
    this.form = rebase(sent, this.form!, saved);
    this.loaded = saved;
    this.loadedStage = stage;
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
    this.form = choice === 'reload' ? theirs.form : rebase(this.loaded, this.form, theirs.form);
    this.loaded = theirs.form;
    this.loadedStage = theirs.stage;
    this.post({ type: 'load', state: this.state() });
    this.review();
  }

  private fail(e: unknown): void {
    const message = errorMessage(e);
    this.ctx.log.error(`Stage editor ${this.stageName}: ${message}`);
    // The edits stay in the form.
    if (isNotFound(e) && this.form) {
      // Deleted meanwhile (by someone else, or another window): the tree drops it; the form is offered back.
      reloadQuietly(this.ctx, this.target.stages, this.stageName);
      this.post({ type: 'gone', message: `Stage "${this.stageName}" no longer exists in ${this.target.apiName}: it was deleted after you opened it. Nothing was saved; your form is kept.` });
      return;
    }
    this.post({ type: 'failed', message });
  }

  /**
   * The stage was deleted while the editor was open: make it again from the form. What the form does
   * not hold (canary, client certificate, documentation version, wildcard method settings, web ACL)
   * comes from the delete's snapshot when one was kept (another window's Delete Stage), with the
   * mappings and usage plans that pointed at it; else from the stage as the editor loaded it.
   */
  private async recreate(): Promise<void> {
    if (this.saving || !this.form) return;
    const t = this.target;
    const form = this.form;
    const problems = formProblems(form, this.limits, this.loaded);
    if (problems.length) {
      this.post({ type: 'failed', message: `Not recreated: ${problems.map((p) => p.message).join(' ')}` });
      return;
    }
    this.saving = true;
    try {
      const kept = await this.keptSnapshot();
      const source = kept?.stage ?? this.loadedStage ?? { stageName: this.stageName };
      const { plan, notes } = recreatePlan(t.restApiId, t.connection.region, this.stageName, form, source, kept?.references);
      await confirmPlanModal(this.ctx.prompter, `Recreate stage "${this.stageName}" of ${t.apiName} from the editor's form?`, plan, 'Recreate Stage', [
        `It points at deployment ${form.deploymentId}.${kept ? ` What the form does not hold comes from the snapshot kept when it was deleted (${kept.when}).` : ''}`,
        ...notes,
      ]).catch((e: unknown) => {
        if ((e as { name?: string }).name === 'Canceled') return Promise.reject(new RecreateCancelled());
        throw e;
      });
      this.post({ type: 'busy', label: 'Recreating the stage…' });
      await execute(this.ctx, t, plan, {
        busy: 'stages',
        busyLabel: `Recreating ${this.stageName}…`,
        progressTitle: `Recreating stage "${this.stageName}" of ${t.apiName}`,
        partialMessage: () => `Stage "${this.stageName}" was created again, but not all of its settings were applied.`,
      });
      if (kept) await this.ctx.snapshots.remove(kept.api, kept.id);
      this.keptEdits = undefined;
      await this.load();
      this.post({ type: 'saved', state: this.state(), message: `Recreated stage "${this.stageName}" from the form.` });
    } catch (e) {
      if (!(e instanceof RecreateCancelled)) throw e;
    } finally {
      this.saving = false;
    }
  }

  /** The newest snapshot of this stage taken after the editor loaded it, opened; undefined when none. */
  private async keptSnapshot() {
    try {
      const api = await snapshotApi(this.target);
      const loadedAt = this.loadedAt;
      const snap = (await this.ctx.snapshots.list(api)).find((s) => s.stage.stageName === this.stageName && Date.parse(s.deletedAt) >= loadedAt);
      if (!snap) return undefined;
      const opened = await this.ctx.snapshots.open(snap);
      // The variables come from the form; a canary's overrides whose values are lost cannot go (AWS wants a value).
      const stage = opened.secretsLost && opened.stage.canarySettings ? { ...opened.stage, canarySettings: { ...opened.stage.canarySettings, stageVariableOverrides: undefined } } : opened.stage;
      return { api, id: snap.id, stage, references: snap.references, when: new Date(snap.deletedAt).toLocaleString() };
    } catch (e) {
      this.ctx.log.warn(`No snapshot for the recreate of ${this.stageName}: ${errorMessage(e)}`);
      return undefined;
    }
  }
}

class RecreateCancelled extends Error {}
