// The stage editor as a VS Code custom editor on `apigateway-stage:` documents: VS Code gives it the
// dirty marker, File: Save and Ctrl+S, File: Revert, the close prompt, undo and redo, and hot exit
// (backups). Editors of the previous version (plain webview panels) come back as custom editors.
import * as vscode from 'vscode';
import type { Connection } from '../aws/connection';
import type { Ctx } from '../context';
import { errorMessage, NotSaved } from '../errors';
import type { StageForm } from '../model/stageForm';
import { parseStagePath, STAGE_SCHEME, stagePath, type StageRef } from '../model/stageUri';
import { type ApiTarget, targetFor } from '../stages/targets';
import { treeIds } from '../tree/ids';
import { RestApiNode } from '../tree/restApiNode';
import { isEditorMemento } from '../webview/protocol';
import { openMemento } from './memento';
import { type DocumentChange, StageDocument } from './stageDocument';
import { AutoSaveGuard } from './autoSaveGuard';
import { Disposable } from './lifecycle';
import { StageEditorActions } from './stageSave';

export const STAGE_EDITOR_VIEW_TYPE = 'apigatewayStages.stage';
/** The view type of the previous version's editor panels, which VS Code may still restore. */
const OLD_PANEL_VIEW_TYPE = 'apigatewayStages.stageEditor';

type Kept = { form: StageForm; loaded: StageForm };

/** What an open request knows that the URI does not: the API's name and connection, a method to show, edits to carry over. */
interface PendingOpen {
  readonly target: ApiTarget;
  readonly focusMethod?: string;
  readonly kept?: Kept;
}

export function stageUri(target: Pick<ApiTarget, 'connection' | 'restApiId'>, stageName: string): vscode.Uri {
  const c = target.connection;
  return vscode.Uri.from({ scheme: STAGE_SCHEME, path: stagePath({ profile: c.profile, region: c.region, restApiId: target.restApiId, stageName }) });
}

/** The API a stage URI names, with its connection and name. */
export interface StageTargets {
  targetOf(uri: vscode.Uri, ref: StageRef): Promise<ApiTarget>;
}

export class StageEditorProvider extends Disposable implements vscode.CustomEditorProvider<StageDocument>, StageTargets {
  private readonly changes = this.register(new vscode.EventEmitter<vscode.CustomDocumentEditEvent<StageDocument> | vscode.CustomDocumentContentChangeEvent<StageDocument>>());
  // Edits are undoable (edit events); 'dirty' (edits VS Code did not see) is a content change: VS Code takes either per event.
  readonly onDidChangeCustomDocument = this.changes.event as vscode.Event<vscode.CustomDocumentEditEvent<StageDocument>>;
  private readonly documents = new Map<string, StageDocument>();
  private readonly pending = new Map<string, PendingOpen>();
  private readonly actions: StageEditorActions;
  private readonly guard = new AutoSaveGuard(autoSaveSettings);

  constructor(private readonly ctx: Ctx) {
    super();
    this.actions = new StageEditorActions(ctx);
  }

  /** Opens the stage's editor, or shows the one open (at `focusMethod`'s override). */
  async open(target: ApiTarget, stageName: string, options: { focusMethod?: string; kept?: Kept; viewColumn?: vscode.ViewColumn; preserveFocus?: boolean } = {}): Promise<void> {
    const uri = stageUri(target, stageName);
    const open = this.documents.get(uri.toString());
    if (!open) this.pending.set(uri.toString(), { target, focusMethod: options.focusMethod, kept: options.kept });
    await vscode.commands.executeCommand('vscode.openWith', uri, STAGE_EDITOR_VIEW_TYPE, { viewColumn: options.viewColumn ?? vscode.ViewColumn.Active, preserveFocus: options.preserveFocus, preview: false });
    open?.reveal(options.focusMethod);
  }

  async openCustomDocument(uri: vscode.Uri, context: vscode.CustomDocumentOpenContext): Promise<StageDocument> {
    await this.ctx.ready;
    const ref = uri.scheme === STAGE_SCHEME ? parseStagePath(uri.path) : undefined;
    if (!ref) throw new Error(`${uri.toString(true)} is not a stage of API Gateway.`);
    const pending = this.pending.get(uri.toString());
    this.pending.delete(uri.toString());
    const target = pending?.target ?? (await this.targetOf(uri, ref));
    const kept = context.backupId ? await this.readBackup(context.backupId) : pending?.kept;
    // VS Code starts its auto-save timer as soon as it holds a dirty editor restored from a backup.
    if (context.backupId) this.guard.changed(uri.toString());
    const doc: StageDocument = new StageDocument(this.ctx, uri, target, ref.stageName, (change) => this.fire(doc, change), kept, pending?.focusMethod);
    doc.actions = this.actions;
    this.documents.set(uri.toString(), doc);
    doc.whenDisposed = () => this.documents.delete(uri.toString());
    return doc;
  }

  resolveCustomEditor(doc: StageDocument, panel: vscode.WebviewPanel): void {
    doc.attach(panel);
  }

  /**
   * VS Code saves for the user (Ctrl+S, File: Save, the close prompt) and for auto-save alike, without
   * saying which. A stage must not go to production at every pause in typing: see autoSaveGuard.ts.
   */
  async saveCustomDocument(doc: StageDocument): Promise<void> {
    const uri = doc.uri.toString();
    // A save with nothing to send (a late auto-save after the user's save landed) is VS Code's alone: nothing to say.
    if (!this.guard.isAsked(uri) && doc.loaded && !doc.gone && !doc.edited) {
      this.guard.clean(uri);
      return;
    }
    const how = this.guard.classify(uri);
    this.ctx.log.debug(`Stage editor ${doc.stageName}: a save VS Code asked for, taken as ${how}`);
    if (how === 'auto') {
      // Said once: auto-save comes at every pause in typing.
      if (!doc.autoSaveSaid) doc.post({ type: 'notice', message: 'Auto-save keeps your edits here, backed up and unsent: Save (Ctrl+S) reviews and sends them.' });
      doc.autoSaveSaid = true;
      throw new NotSaved('Auto-save does not send stage changes to AWS: press Ctrl+S (Cmd+S) or the editor\'s Save.');
    }
    if (how === 'ask') await this.actions.confirmAsked(doc);
    await this.actions.save(doc);
    this.guard.clean(uri);
  }

  /** Ctrl+S (Cmd+S) and the Save buttons: a save the user asked for, now. */
  async saveExplicitly(uri?: vscode.Uri): Promise<void> {
    const target = uri ?? activeStageUri();
    if (!target) return;
    try {
      await this.guard.explicitly(target.toString(), () => vscode.workspace.save(target));
    } catch (e) {
      // Said in the editor's page already (its problems, their changes, a failure with what to do).
      this.ctx.log.debug(`Save of ${target.toString(true)}: ${errorMessage(e)}`);
    }
  }

  saveCustomDocumentAs(): Promise<void> {
    return Promise.reject(new Error('A stage is saved to API Gateway, not to a file: Save As is not available. Use Create Stage… with "copy settings from" for a copy.'));
  }

  async revertCustomDocument(doc: StageDocument): Promise<void> {
    await doc.revert();
    this.guard.clean(doc.uri.toString());
  }

  backupCustomDocument(doc: StageDocument, context: vscode.CustomDocumentBackupContext): Promise<vscode.CustomDocumentBackup> {
    return doc.backup(context.destination);
  }

  /** Tells VS Code of a change, which starts its auto-save timer again; so do undo and redo, which VS Code runs. */
  private fire(doc: StageDocument, change: DocumentChange): void {
    const uri = doc.uri.toString();
    this.guard.changed(uri);
    if (change === 'dirty') return this.changes.fire({ document: doc });
    const again = (step: () => void) => () => {
      step();
      this.guard.changed(uri);
    };
    this.changes.fire({ document: doc, label: change.label, undo: again(change.undo), redo: again(change.redo) });
  }

  /** The API of a URI: an open editor's; else (a window reload) its name from the tree, else one GetRestApi. */
  async targetOf(uri: vscode.Uri, ref: StageRef): Promise<ApiTarget> {
    const open = this.documents.get(uri.toString());
    if (open) return open.target;
    const { profile, region, restApiId } = ref;
    const connection: Connection = { profile, region, endpoint: endpointFor(this.ctx, profile) };
    const node = this.ctx.explorer.node(treeIds.api(connection, restApiId));
    let name = node instanceof RestApiNode ? node.api.name : undefined;
    let tags = node instanceof RestApiNode ? node.api.tags : undefined;
    if (!name) {
      // Its tags come with it: who owns the stage, at no cost of its own.
      const api = await this.ctx.session.apiFor(connection).getRestApi(restApiId).catch(
        (e: unknown) => void this.ctx.log.warn(`GetRestApi ${restApiId} failed: ${errorMessage(e)}; the editor names the API by its id`),
      );
      name = api?.name;
      tags = api?.tags;
    }
    return targetFor(this.ctx, connection, restApiId, name ?? restApiId, tags);
  }

  /** The edits VS Code kept (our backup file); undefined when it cannot be read (the stage as it is then). */
  private async readBackup(backupId: string): Promise<Kept | undefined> {
    try {
      const memento: unknown = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.parse(backupId))).toString('utf8'));
      return isEditorMemento(memento) ? await openMemento(this.ctx, memento) : undefined;
    } catch (e) {
      this.ctx.log.warn(`The stage editor's backup ${backupId} cannot be read: ${errorMessage(e)}; it shows the stage as it is.`);
      return undefined;
    }
  }
}

/** The stage editor in the active tab, if it is one. */
function activeStageUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom && input.viewType === STAGE_EDITOR_VIEW_TYPE ? input.uri : undefined;
}

/** What auto-save does to working copies now (the window's settings: a custom editor's working copy is in no folder, of no language). */
function autoSaveSettings(): { mode: string; delayMs: number; windowFocused: boolean } {
  const files = vscode.workspace.getConfiguration('files');
  return { mode: files.get<string>('autoSave') ?? 'off', delayMs: files.get<number>('autoSaveDelay') ?? 1000, windowFocused: vscode.window.state.focused };
}

/** The endpoint of a profile now (the session's, when that is the profile in use). */
function endpointFor(ctx: Ctx, profile: string): string | undefined {
  const s = ctx.session.state;
  return s.kind === 'ready' && s.connection.profile === profile ? s.connection.endpoint : ctx.session.profiles.find((p) => p.name === profile)?.endpointUrl;
}

/** The custom editor, and the previous version's editors brought over to it (their kept edits included). */
export function registerStageEditor(ctx: Ctx, provider: StageEditorProvider): vscode.Disposable {
  return vscode.Disposable.from(
    provider,
    vscode.window.registerCustomEditorProvider(STAGE_EDITOR_VIEW_TYPE, provider, {
      // A hidden tab keeps its page: the edits, the focus and the scroll stay, and no request is sent again.
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: false,
    }),
    vscode.window.registerWebviewPanelSerializer(OLD_PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const viewColumn = panel.viewColumn;
        panel.dispose();
        await ctx.ready;
        if (!isEditorMemento(state)) return;
        const connection: Connection = { profile: state.profile, region: state.region, endpoint: endpointFor(ctx, state.profile) };
        const kept = await openMemento(ctx, state);
        await provider.open(targetFor(ctx, connection, state.restApiId, state.apiName), state.stageName, { kept, viewColumn, preserveFocus: true });
      },
    }),
  );
}
