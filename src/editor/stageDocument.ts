// One stage open in the stage editor: a VS Code custom document. It keeps the stage as loaded apart
// from the user's edits; every edit is a step of VS Code's undo stack and makes the tab dirty; it
// follows the shared stages (a change made elsewhere shows at once, over the fields not edited);
// and it saves through the one plan runner after reading the stage again (src/editor/stageSave.ts).
import * as vscode from 'vscode';
import type { Account, Stage } from '../aws/apiGateway';
import { connectionKey } from '../aws/connection';
import type { Ctx } from '../context';
import { errorMessage } from '../errors';
import { displayText, LABEL_MAX } from '../model/displayText';
import { invokeUrl } from '../model/invokeUrl';
import type { Owner } from '../model/ownership';
import { methodsOf } from '../model/methodKey';
import { concurrentChanges, formFieldOf, readable, rebase, stageChanges } from '../model/stageChanges';
import { formFromStage, type StageForm, withoutVariableValues } from '../model/stageForm';
import type { AccountLimits } from '../model/stageValidation';
import type { ApiTarget } from '../stages/targets';
import type { EditorMemento, EditorState, FromWebview, MethodRow, ToWebview } from '../webview/protocol';
import { Disposable } from './lifecycle';
import { sealMemento } from './memento';
import { acceptFromWebview } from './messages';
import { copyTemplateSnippet, ownerOfStage } from '../stages/ownership';
import { ReadyQueue } from './readyQueue';
import { SecurityInfo } from './securityInfo';
import { StagePage } from './stagePage';

const CHANGING = new Set(['CREATE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'FLUSH_IN_PROGRESS']);
const CACHE_POLL_MS = 10_000;
/** Edits of the same fields this close together are one step of undo (typing a number is one edit, not one per digit). */
const COALESCE_MS = 1500;
/** The role when GetAccount failed: not known, so not said to be missing. */
export const UNKNOWN_ROLE = '(unknown)';

/** What the document tells VS Code: an undoable edit, or a change that only makes the tab dirty. */
export type DocumentChange = { readonly label: string; undo(): void; redo(): void } | 'dirty';

/** A form edit on VS Code's undo stack; `after` grows while the same fields are typed into. */
interface FormEdit {
  before: StageForm;
  after: StageForm;
  fields: string;
  at: number;
}

export class StageDocument extends Disposable implements vscode.CustomDocument {
  loaded: StageForm | undefined;
  /** The stage as GetStage (or a save's answer) last returned it: what a recreate takes the settings the form does not hold from. */
  loadedStage: Stage | undefined;
  form: StageForm | undefined;
  methods: MethodRow[] = [];
  limits: AccountLimits = {};
  roleArn = '';
  cacheStatus: string | undefined;
  /** The stage was deleted while open: the form is kept, and Save offers Restore or Recreate. */
  gone = false;
  /** The page said once that auto-save does not send. */
  autoSaveSaid = false;
  /** The user said yes to saving on a stage a tool deploys (asked once per editor). */
  ownerConfirmed = false;
  /** The page says "Saved…" and the form has not changed since: a second save has nothing to add. */
  savedUnchanged = false;
  /** Set by the page's Recreate: the save that follows makes the deleted stage again without asking how. */
  goneChoice: 'recreate' | undefined;
  /** The save under way: a second save joins it. */
  saving: Promise<void> | undefined;
  /** The stage as read at a save that found their changes, until the user chooses. */
  theirs: { form: StageForm; stage: Stage } | undefined;
  /** When the stage was first loaded: a snapshot taken after it is of a delete made while the editor was open. */
  readonly loadedAt = Date.now();
  /** The editor's page, while VS Code shows one. */
  private page: StagePage | undefined;
  /** What the page is sent: held until it says ready, so nothing posted while it loads is lost. */
  private readonly outbox = this.register(new ReadyQueue<ToWebview>());
  private focusMethod: string | undefined;
  private lastEdit: FormEdit | undefined;
  private poll: ReturnType<typeof setTimeout> | undefined;
  /** The web ACL, client certificate and documentation version section. */
  private readonly security: SecurityInfo;

  constructor(
    private readonly ctx: Ctx,
    readonly uri: vscode.Uri,
    readonly target: ApiTarget,
    readonly stageName: string,
    private readonly changed: (change: DocumentChange) => void,
    /** Edits kept from before (a backup, or an editor of the previous version), put on top of the stage as it is now. */
    private keptEdits?: { form: StageForm; loaded: StageForm },
    focusMethod?: string,
  ) {
    super();
    this.focusMethod = focusMethod;
    this.security = new SecurityInfo(target, (security) => this.post({ type: 'security', security }));
    this.register({ dispose: () => clearTimeout(this.poll) });
    this.register(ctx.stages.onDidChange((key) => {
      if (key === target.stages.key) this.storeChanged();
    }));
    this.register(ctx.accounts.onDidChange((connection, account) => {
      if (connectionKey(connection) === connectionKey(target.connection)) this.accountChanged(account);
    }));
  }

  get title(): string {
    return displayText(`${this.stageName} · ${this.target.apiName}`, { max: LABEL_MAX });
  }

  /** The form differs from the stage: VS Code holds the tab unsaved (or will, once told). */
  get edited(): boolean {
    return !!this.loaded && !!this.form && stageChanges(this.loaded, this.form).changes.length > 0;
  }

  /**
   * The editor VS Code made for this document. GetStage and its context go out now, while the page
   * loads; the form is posted when they are in, and the page gets it once it has said ready.
   */
  attach(panel: vscode.WebviewPanel): void {
    this.page?.dispose();
    const page: StagePage = this.register(new StagePage(panel, this.ctx.extension.extensionUri, {
      title: this.title,
      heading: `Stage ${this.stageName}`,
      outbox: this.outbox,
      receive: (m) => this.receive(m),
      closed: () => {
        if (this.page === page) this.page = undefined;
      },
    }));
    this.page = page;
    // A page after the first (rare: one editor per document) gets the form as it is, edits included.
    if (this.loaded && this.form) this.resend();
    else this.load().catch((e: unknown) => this.fail(e));
  }

  reveal(focusMethod?: string): void {
    this.page?.panel.reveal();
    if (focusMethod) this.post({ type: 'focus', method: focusMethod });
  }

  /** Set by the provider: it forgets the document (VS Code disposes it when its last editor closed). */
  whenDisposed: (() => void) | undefined;

  override dispose(): void {
    this.whenDisposed?.();
    super.dispose();
  }

  /** To the page: at once if it listens, else when it has said ready. */
  post(message: ToWebview): void {
    if (!this.isDisposed) this.outbox.post(message);
  }

  /** The whole form for a page that has none: as it is, edits included. */
  private resend(): void {
    this.post({ type: 'load', state: this.state() });
    if (this.gone) this.sayGone();
  }

  private receive(raw: unknown): void {
    const m = acceptFromWebview(raw, this.ctx.log, `Stage editor ${this.stageName}`);
    if (!m) return;
    this.handle(m).catch((e: unknown) => this.fail(e));
  }

  /** Handlers of the page's messages that need more than the document (save, recreate…), set by the provider. */
  actions: DocumentActions | undefined;

  private async handle(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        // What waited goes now. A page that said ready before was made again and lost it all: it gets the form afresh.
        if (this.outbox.markReady() && this.loaded && this.form) this.resend();
        return;
      case 'edit':
        return this.takeEdit(m.form);
      case 'review':
        return this.review();
      case 'save':
      case 'reload':
      case 'resolve':
      case 'recreate':
      case 'restore':
      case 'command':
        return this.actions?.handle(this, m);
      case 'copy':
        await this.ctx.notifier.copy(m.text);
        this.ctx.notifier.status('Copied', 2000);
        return;
      case 'copySnippet':
        return this.copySnippet();
      case 'openWebAcl': {
        const url = this.security.summary?.webAcl?.consoleUrl;
        if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
        return;
      }
    }
  }

  /** GetStage (the form shows as soon as it is in), resources and GetAccount beside it. */
  async load(): Promise<void> {
    const t = this.target;
    const reading = t.gateway.getStage(t.restApiId, this.stageName);
    const context = this.loadContext();
    // Awaited below; when GetStage fails first, its failure must not go unhandled.
    context.catch(() => undefined);
    const stage = await reading;
    const fresh = formFromStage(stage);
    const kept = this.keptEdits;
    this.keptEdits = undefined;
    this.loadedStage = stage;
    this.loaded = fresh;
    this.gone = false;
    // Edits kept from before go on top of the stage as it is now, not over changes made meanwhile.
    this.form = kept ? rebase(kept.loaded, kept.form, fresh) : fresh;
    this.cacheStatus = stage.cacheClusterStatus;
    this.security.take(stage);
    this.target.stages.set(stage);
    this.post({ type: 'load', state: this.state() });
    if (kept) {
      // VS Code does not know of edits that came from an editor of the previous version: the tab must say they are unsaved.
      if (stageChanges(fresh, this.form).changes.length) this.markDirty();
      const meanwhile = concurrentChanges(kept.loaded, kept.form, fresh);
      if (meanwhile.theirs.length) {
        this.post({ type: 'failed', message: `The stage changed since your edits were kept: ${readable(meanwhile.theirs).map((c) => c.text).join('; ')}. Your edits are on top; review before saving.` });
      }
    }
    this.watchCache();
    await context;
    this.post({ type: 'context', state: this.state() });
    this.focusMethod = undefined;
  }

  private async loadContext(): Promise<void> {
    const t = this.target;
    const [resources, account] = await Promise.all([
      t.stages.content.resources(),
      t.gateway.getAccount().then(
        (a) => {
          this.ctx.accounts.set(t.connection, a);
          return a;
        },
        (e: unknown): Account => {
          this.ctx.log.warn(`GetAccount failed: ${errorMessage(e)}; the account limits are not shown`);
          return {};
        },
      ),
    ]);
    this.methods = methodsOf(resources).map((m) => ({ key: m.key, label: m.label }));
    this.takeAccount(account);
  }

  private takeAccount(account: Account): void {
    this.limits = { rateLimit: account.throttleSettings?.rateLimit, burstLimit: account.throttleSettings?.burstLimit };
    // Unknown when GetAccount failed: then no warning claims that the role is missing.
    this.roleArn = account.throttleSettings || account.cloudwatchRoleArn ? (account.cloudwatchRoleArn ?? '') : UNKNOWN_ROLE;
  }

  /** The account's settings changed (a role set from the palette): shown at once, the edits untouched. */
  private accountChanged(account: Account): void {
    const before = this.roleArn;
    const limits = JSON.stringify(this.limits);
    this.takeAccount(account);
    if (this.loaded && (before !== this.roleArn || limits !== JSON.stringify(this.limits))) this.post({ type: 'context', state: this.state() });
  }

  /** A new deployment, role or cache status: read at once, the edits kept (a flush is then watched until it settles). */
  async refreshContext(): Promise<void> {
    const stage = await this.target.gateway.getStage(this.target.restApiId, this.stageName);
    this.target.stages.set(stage); // the store's event brings it into the form (storeChanged)
    await this.loadContext();
    this.post({ type: 'context', state: this.state() });
    this.watchCache();
  }

  /** The shared stages changed: a change made elsewhere in the window, or found by a refresh. */
  private storeChanged(): void {
    // A save takes the stage from its own answers; before the first load there is nothing to follow.
    if (this.saving || !this.loaded || !this.form) return;
    const stages = this.target.stages;
    const stage = stages.get(this.stageName);
    if (!stage) {
      // Gone only when the list is known without it (a cleared list says nothing).
      if (stages.list() && !this.gone) {
        this.gone = true;
        this.sayGone();
      }
      return;
    }
    if (stage === this.loadedStage) return;
    this.takeTheirs(stage);
  }

  /**
   * Their stage under the form: fields not edited show theirs; an edited field keeps the user's
   * value and is marked (the save then sends it, knowingly).
   */
  takeTheirs(stage: Stage): void {
    const fresh = formFromStage(stage);
    const wasGone = this.gone;
    this.gone = false;
    this.loadedStage = stage;
    this.cacheStatus = stage.cacheClusterStatus ?? this.cacheStatus;
    // Not in the form: a web ACL or certificate changed shows whatever the form does.
    if (this.security.take(stage)) this.post({ type: 'security', security: this.security.summary! });
    const loaded = this.loaded!;
    if (!wasGone && JSON.stringify(fresh) === JSON.stringify(loaded)) return;
    const meanwhile = concurrentChanges(loaded, this.form!, fresh);
    this.form = rebase(loaded, this.form!, fresh);
    this.loaded = fresh;
    this.post({
      type: 'live',
      state: this.state(),
      changes: readable(meanwhile.theirs).map((c) => c.text),
      kept: meanwhile.conflicts.map((c) => ({ field: formFieldOf(c.id), text: c.text })),
      back: wasGone,
    });
  }

  private sayGone(): void {
    this.post({ type: 'gone', message: `Stage "${this.stageName}" no longer exists in ${this.target.apiName}: it was deleted after you opened it. Your form is kept: Save offers to restore it or to make it again from the form.` });
  }

  state(): EditorState {
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
      security: this.security.summary,
      owner: this.owner,
    };
  }

  /** The form's pending change, written for the tool that deploys the stage (the user picks which). */
  private async copySnippet(): Promise<void> {
    if (!this.loaded || !this.form) return;
    const { patch } = stageChanges(this.loaded, this.form);
    if (!patch.length) {
      void this.ctx.notifier.info('Nothing to copy: the form has no change to the stage\'s settings (tags are not part of a snippet).');
      return;
    }
    await copyTemplateSnippet(this.ctx, this.owner, this.stageName, patch);
  }

  /** Who deploys this stage, from the tags read with it and its API's: no request of its own. */
  get owner(): Owner | undefined {
    return ownerOfStage(this.target, this.loadedStage);
  }

  /** An edit in the page: one step of VS Code's undo, or part of the last one while the same fields are typed into. */
  private takeEdit(form: StageForm): void {
    const before = this.form;
    if (!before || JSON.stringify(before) === JSON.stringify(form)) return;
    this.form = form;
    this.savedUnchanged = false;
    const changes = stageChanges(before, form).changes;
    const fields = changes.map((c) => c.id).join('\n');
    const now = Date.now();
    const last = this.lastEdit;
    if (last && last.after === before && last.fields === fields && now - last.at < COALESCE_MS) {
      last.after = form;
      last.at = now;
      // Not told to VS Code: its auto-save timer runs from the first keystroke of the step.
      this.review(true);
      return;
    }
    const edit: FormEdit = { before, after: form, fields, at: now };
    this.lastEdit = edit;
    this.changed({ label: changes[0]?.text ?? 'Edit stage settings', undo: () => this.setForm(edit.before), redo: () => this.setForm(edit.after) });
    this.review(true);
  }

  /** Edits VS Code does not know of (kept from before, or typed while a save ran): the tab says they are unsaved. */
  markDirty(): void {
    this.changed('dirty');
  }

  /** Undo, redo and revert: the form as it was, drawn where the page is. */
  setForm(form: StageForm): void {
    this.form = form;
    this.savedUnchanged = false;
    this.lastEdit = undefined;
    this.post({ type: 'form', form });
    this.review(true);
  }

  /** The review of the edits; `ifShown`: only to rebuild one the page shows (it asks again as the user edits). */
  review(ifShown = false): void {
    if (!this.loaded || !this.form || !this.actions) return;
    this.post({ type: 'review', ifShown, ...this.actions.reviewOf(this) });
  }

  /** Revert: the stage as AWS holds it now, the edits dropped. */
  async revert(): Promise<void> {
    const stage = await this.target.gateway.getStage(this.target.restApiId, this.stageName);
    this.theirs = undefined;
    this.lastEdit = undefined;
    this.loadedStage = stage;
    this.loaded = this.form = formFromStage(stage);
    this.gone = false;
    this.autoSaveSaid = false;
    this.cacheStatus = stage.cacheClusterStatus;
    this.security.take(stage);
    this.target.stages.set(stage);
    this.post({ type: 'load', state: this.state() });
    this.watchCache();
  }

  /** VS Code keeps the edits for a window reload or a crash: variable values only sealed (they often hold backend keys). */
  async backup(destination: vscode.Uri): Promise<vscode.CustomDocumentBackup> {
    const remove = () => vscode.workspace.fs.delete(destination).then(undefined, () => undefined);
    if (this.form && this.loaded) {
      const t = this.target;
      const memento: EditorMemento = {
        profile: t.connection.profile, region: t.connection.region, restApiId: t.restApiId, apiName: t.apiName, stageName: this.stageName,
        form: withoutVariableValues(this.form), loaded: withoutVariableValues(this.loaded), sealed: await sealMemento(this.ctx, this.form, this.loaded),
      };
      await vscode.workspace.fs.writeFile(destination, Buffer.from(JSON.stringify(memento)));
    }
    return { id: destination.toString(), delete: () => void remove() };
  }

  /** While the cache cluster is being created, deleted or flushed (minutes on AWS): one GetStage every 10 s until it settles. */
  watchCache(): void {
    clearTimeout(this.poll);
    if (!this.cacheStatus || !CHANGING.has(this.cacheStatus)) return;
    this.poll = setTimeout(() => {
      this.target.gateway.getStage(this.target.restApiId, this.stageName).then(
        (stage) => {
          if (this.isDisposed) return;
          this.cacheStatus = stage.cacheClusterStatus;
          this.post({ type: 'cacheStatus', status: stage.cacheClusterStatus ?? '' });
          this.target.stages.set(stage);
          this.watchCache();
        },
        (e: unknown) => this.ctx.log.warn(`Reading the cache status of ${this.stageName} failed: ${errorMessage(e)}`),
      );
    }, CACHE_POLL_MS);
  }

  fail(e: unknown): void {
    this.actions?.fail(this, e);
  }
}

/** What the provider does for a document's page: save, revert, resolve a conflict, recreate, restore, run a command. */
export interface DocumentActions {
  handle(doc: StageDocument, m: Extract<FromWebview, { type: 'save' | 'reload' | 'resolve' | 'recreate' | 'restore' | 'command' }>): Promise<void>;
  reviewOf(doc: StageDocument): { changes: string[]; operations: string[]; problems: { id: string; message: string }[]; warnings: string[] };
  fail(doc: StageDocument, e: unknown): void;
}
