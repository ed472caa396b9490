// The stage as a JSON document: Reopen Editor With… → Text Editor on a stage editor's tab. A file system
// for `apigateway-stage:` URIs reads the stage as the form's fields (src/model/stageJson.ts, checked in
// the editor by the shipped schema), and a save goes the way the form's does: its problems refused with
// nothing sent, the logging role checked, the stage read again (their changes shown, and asked about),
// the review confirmed, one plan through the runner. Only a save the user asked for sends.
import * as vscode from 'vscode';
import type { Stage } from '../aws/apiGateway';
import type { Ctx } from '../context';
import { Cancelled, errorMessage, isKind } from '../errors';
import { concurrentChanges, readable, rebase, stageChanges } from '../model/stageChanges';
import { formFromStage, type StageForm } from '../model/stageForm';
import { type JsonProblem, parseStageJson, stageJsonText } from '../model/stageJson';
import { parseStagePath, STAGE_LANGUAGE, STAGE_SCHEME } from '../model/stageUri';
import type { AccountLimits } from '../model/stageValidation';
import { confirmLoggingRole } from '../stages/cloudWatchChecks';
import { confirmPlanModal, execute } from '../stages/execute';
import { ownerOfStage } from '../stages/ownership';
import { type ApiTarget, whileBusy } from '../stages/targets';
import { notAppliedText, operationCount, plural, savePlan } from './stageSave';
import type { StageTargets } from './stageEditorProvider';

/** One stage's document: the stage its text was read from (the base of the user's changes), and when. */
interface Entry {
  target: ApiTarget;
  stageName: string;
  base: StageForm;
  mtime: number;
  size: number;
  /** The text as last read, and when: VS Code's stat and read of an opening document need one GetStage, not two. */
  bytes: Uint8Array;
  readAt: number;
}

const FRESH_MS = 2_000;

class StageFiles implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly entries = new Map<string, Entry>();
  /** Why VS Code saves each document now (a save for auto-save is not sent). */
  private readonly reasons = new Map<string, vscode.TextDocumentSaveReason>();
  readonly diagnostics = vscode.languages.createDiagnosticCollection('API Gateway stage');

  constructor(private readonly ctx: Ctx, private readonly targets: StageTargets) {}

  willSave(e: vscode.TextDocumentWillSaveEvent): void {
    if (e.document.uri.scheme === STAGE_SCHEME) this.reasons.set(e.document.uri.toString(), e.reason);
  }

  /** The shared stages changed: an open document whose stage changed is read again (VS Code asks first when it has unsaved edits). */
  storeChanged(key: string): void {
    for (const [uri, entry] of this.entries) {
      if (entry.target.stages.key !== key) continue;
      const stage = entry.target.stages.get(entry.stageName);
      if (stage && JSON.stringify(formFromStage(stage)) === JSON.stringify(entry.base)) continue;
      entry.mtime = Date.now();
      this.changed.fire([{ type: vscode.FileChangeType.Changed, uri: vscode.Uri.parse(uri) }]);
    }
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const entry = this.entries.get(uri.toString()) ?? (await this.read(uri)).entry;
    return { type: vscode.FileType.File, ctime: 0, mtime: entry.mtime, size: entry.size };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const entry = this.entries.get(uri.toString());
    if (entry && Date.now() - entry.readAt < FRESH_MS) return entry.bytes;
    return (await this.read(uri)).bytes;
  }

  private async read(uri: vscode.Uri): Promise<{ entry: Entry; bytes: Uint8Array }> {
    const ref = uri.scheme === STAGE_SCHEME ? parseStagePath(uri.path) : undefined;
    if (!ref) throw vscode.FileSystemError.FileNotFound(uri);
    const target = await this.targets.targetOf(uri, ref);
    let stage: Stage;
    try {
      stage = await target.gateway.getStage(target.restApiId, ref.stageName);
    } catch (e) {
      throw vscode.FileSystemError.Unavailable(`Stage "${ref.stageName}" of ${target.apiName} could not be read: ${errorMessage(e)}`);
    }
    target.stages.set(stage);
    const base = formFromStage(stage);
    const bytes = Buffer.from(stageJsonText(base), 'utf8');
    const old = this.entries.get(uri.toString());
    const same = old && JSON.stringify(old.base) === JSON.stringify(base);
    const entry: Entry = { target, stageName: ref.stageName, base, mtime: same ? old.mtime : Date.now(), size: bytes.length, bytes, readAt: Date.now() };
    this.entries.set(uri.toString(), entry);
    return { entry, bytes };
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const reason = this.reasons.get(uri.toString());
    this.reasons.delete(uri.toString());
    if (reason !== undefined && reason !== vscode.TextDocumentSaveReason.Manual) {
      throw vscode.FileSystemError.NoPermissions('Auto-save does not send stage changes to AWS: save with Ctrl+S (Cmd+S) to review and send them.');
    }
    const entry = this.entries.get(uri.toString()) ?? (await this.read(uri)).entry;
    const text = Buffer.from(content).toString('utf8');
    const limits = await this.limitsOf(entry.target);
    const parsed = parseStageJson(text, entry.base, limits);
    if ('problems' in parsed) {
      this.showProblems(uri, text, parsed.problems);
      throw vscode.FileSystemError.NoPermissions(`Not saved, nothing sent: ${parsed.problems[0].message}${parsed.problems.length > 1 ? ` (and ${plural(parsed.problems.length - 1, 'more problem')}: see the Problems view)` : ''}`);
    }
    this.diagnostics.delete(uri);
    try {
      await this.save(uri, entry, parsed.form);
    } catch (e) {
      if (isKind(e, Cancelled)) throw vscode.FileSystemError.NoPermissions('Not saved: cancelled.');
      throw e instanceof vscode.FileSystemError ? e : vscode.FileSystemError.Unavailable(`Not saved: ${errorMessage(e)}`);
    }
  }

  private async save(uri: vscode.Uri, entry: Entry, form: StageForm): Promise<void> {
    const { target: t, stageName } = entry;
    let base = entry.base;
    let sent = form;
    if (!stageChanges(base, sent).changes.length) return;
    const role = await confirmLoggingRole(this.ctx, t, base, sent, undefined, stageName);
    if (!role.proceed) throw new Cancelled();
    await whileBusy(this.ctx, t, stageName, 'Saving…', async () => {
      // Read before write: their changes since the document was read are shown, and the user decides.
      const stageNow = await t.gateway.getStage(t.restApiId, stageName);
      const now = formFromStage(stageNow);
      const meanwhile = concurrentChanges(base, sent, now);
      if (meanwhile.theirs.length) {
        // A yes/no question, as read before write asks it elsewhere (src/stages/readBeforeWrite.ts); the review follows.
        const apply = await this.ctx.prompter.confirm(`Someone changed stage "${stageName}" of ${t.apiName} after this document was read.`, {
          detail: [`Their changes: ${readable(meanwhile.theirs).map((c) => c.text).join('; ')}.`, ...(meanwhile.conflicts.length ? [`Changed by both of you (yours would replace theirs): ${meanwhile.conflicts.map((c) => c.text).join('; ')}.`] : [])].join('\n\n'),
          confirm: 'Apply Mine on Top',
        });
        if (!apply) throw new Cancelled();
        sent = rebase(base, sent, now);
        base = now;
      }
      const changes = stageChanges(base, sent);
      if (!changes.changes.length) return;
      const plan = savePlan({ target: t, stageName }, changes);
      const lines = readable(changes.changes);
      await confirmPlanModal(this.ctx.prompter, `Save ${plural(lines.length, 'change')} to stage "${stageName}" of ${t.apiName}?`, plan, 'Save to AWS', [lines.map((c) => c.text).join('\n')], ownerOfStage(t, stageNow));
      let answer: Stage | undefined;
      let tagged = false;
      await execute(this.ctx, t, plan, {
        busy: 'none',
        busyLabel: 'Saving…',
        progressTitle: `Saving stage "${stageName}" of ${t.apiName}…`,
        onAnswer: (step, a) => {
          if (step.op === 'UpdateStage') answer = a as Stage;
          else tagged = true;
        },
      });
      if (tagged) t.stages.set((answer = await t.gateway.getStage(t.restApiId, stageName)));
      const notApplied = notAppliedText(answer, sent);
      this.ctx.log.info(`Saved stage ${stageName} of ${t.apiName} from its JSON document: ${plural(lines.length, 'change')} in ${plural(operationCount(plan), 'operation')}.${notApplied}`);
      if (notApplied) void this.ctx.notifier.error(`Saved stage "${stageName}", but not all of it took.${notApplied}`);
      if (answer) entry.base = formFromStage(answer);
      entry.mtime = Date.now();
      // What AWS holds now may read differently from what was typed (a number's form, an order): the document shows it.
      setTimeout(() => this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]), 0);
    });
  }

  private async limitsOf(target: ApiTarget): Promise<AccountLimits> {
    const account = this.ctx.accounts.get(target.connection) ?? (await target.gateway.getAccount().catch(() => undefined));
    return { rateLimit: account?.throttleSettings?.rateLimit, burstLimit: account?.throttleSettings?.burstLimit };
  }

  /** A refused save's problems, where they are in the text. */
  private showProblems(uri: vscode.Uri, text: string, problems: readonly JsonProblem[]): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const at = (offset: number) => (doc && doc.getText() === text ? doc.positionAt(offset) : new vscode.Position(0, 0));
    this.diagnostics.set(uri, problems.map((p) => {
      const d = new vscode.Diagnostic(new vscode.Range(at(p.offset), at(p.offset + p.length)), p.message, vscode.DiagnosticSeverity.Error);
      d.source = 'API Gateway';
      return d;
    }));
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('A stage document has no folders.');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Delete a stage with Delete Stage…, not as a file.');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('A stage keeps its name.');
  }
}

/** VS Code's JSON support: it checks our language against the shipped schema, but starts only for JSON files of its own. */
const JSON_FEATURES = 'vscode.json-language-features';

function checkAsYouType(doc: vscode.TextDocument): void {
  if (doc.languageId === STAGE_LANGUAGE) vscode.extensions.getExtension(JSON_FEATURES)?.activate().then(undefined, () => undefined);
}

export function registerStageFiles(ctx: Ctx, targets: StageTargets): vscode.Disposable {
  const files = new StageFiles(ctx, targets);
  vscode.workspace.textDocuments.forEach(checkAsYouType);
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument(checkAsYouType),
    vscode.workspace.registerFileSystemProvider(STAGE_SCHEME, files, { isCaseSensitive: true }),
    vscode.workspace.onWillSaveTextDocument((e) => files.willSave(e)),
    // A problem shown at a refused save goes once the text changes.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.scheme === STAGE_SCHEME) files.diagnostics.delete(e.document.uri);
    }),
    ctx.stages.onDidChange((key) => files.storeChanged(key)),
    files.diagnostics,
  );
}
