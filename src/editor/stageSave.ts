// Saving a stage editor's document: only an explicit save sends (Ctrl+S, File: Save, the page's Save,
// Save in the close prompt; auto-save is off for the document's language), after the form's checks,
// the logging role's, and a read of the stage just before: a change someone made meanwhile is shown,
// never overwritten silently. The plan goes through the one runner; what did not take is said.
import * as vscode from 'vscode';
import { isNotFound, type Stage } from '../aws/apiGateway';
import { commandId } from '../commandIds';
import type { Ctx } from '../context';
import { errorMessage, isCancellation, isKind, NotSaved } from '../errors';
import { stageArn } from '../model/arns';
import { type PlanStep, planPreview, updateStageSteps } from '../model/plans';
import { saveWarnings } from '../model/saveWarnings';
import { type Owner, ownerName, ownerWarning } from '../model/ownership';
import { ownerOfStage } from '../stages/ownership';
import { changeLogText, concurrentChanges, readable, rebase, type StageChanges, stageChanges } from '../model/stageChanges';
import { formFromStage, type StageForm } from '../model/stageForm';
import { formProblems } from '../model/stageValidation';
import { confirmLoggingRole, offerDeployAfter } from '../stages/cloudWatchChecks';
import { confirmPlanModal, execute, reloadQuietly } from '../stages/execute';
import { ranElsewhere, whileBusy } from '../stages/targets';
import type { FromWebview } from '../webview/protocol';
import { recreate, restoreFromSnapshot } from './recreate';
import { type DocumentActions, type StageDocument, UNKNOWN_ROLE } from './stageDocument';

export class StageEditorActions implements DocumentActions {
  constructor(private readonly ctx: Ctx) {}

  async handle(doc: StageDocument, m: Extract<FromWebview, { type: 'save' | 'reload' | 'resolve' | 'recreate' | 'restore' | 'command' }>): Promise<void> {
    switch (m.type) {
      case 'save':
        // Through VS Code, so the tab's dirty marker follows the outcome.
        await this.ctx.stageEditors.saveExplicitly(doc.uri);
        return;
      case 'reload':
        // With edits, VS Code's revert (the tab becomes clean); without (or before the first form), a read.
        if (!doc.loaded) return doc.load();
        if (!doc.edited) return doc.revert();
        await vscode.commands.executeCommand('workbench.action.files.revert', doc.uri);
        return;
      case 'resolve':
        return resolve(this.ctx, doc, m.choice);
      case 'recreate':
        // With edits, as a save (VS Code then knows the tab is saved); without, at once.
        if (!doc.edited) return recreate(this.ctx, doc);
        doc.goneChoice = 'recreate';
        await this.ctx.stageEditors.saveExplicitly(doc.uri);
        return;
      case 'restore':
        return restoreFromSnapshot(this.ctx, doc);
      case 'command':
        if (m.name === 'showLogs') return this.ctx.log.show();
        await vscode.commands.executeCommand(commandId(m.name), doc.target, doc.stageName);
        return doc.refreshContext();
    }
  }

  /**
   * A save VS Code asked for while auto-save is on, not from Ctrl+S or the Save button (the close
   * prompt's Save): the review as a modal first, with the requests as the editor's review shows them.
   */
  async confirmAsked(doc: StageDocument): Promise<void> {
    const plan = doc.loaded && doc.form && !doc.gone ? savePlan(doc, stageChanges(doc.loaded, doc.form)) : [];
    try {
      await confirmPlanModal(this.ctx.prompter, `Save your changes to stage "${doc.stageName}" of ${doc.target.apiName} in AWS?`, plan, 'Save to AWS', [
        'Auto-save is on, and this save did not come from Ctrl+S or the editor\'s Save button. Saving reads the stage again, then sends your changes.',
      ]);
    } catch (e) {
      if (isCancellation(e)) throw new NotSaved('Not saved: cancelled.');
      throw e;
    }
  }

  reviewOf(doc: StageDocument) {
    const changes = stageChanges(doc.loaded!, doc.form!);
    return {
      changes: readable(changes.changes).map((c) => c.text),
      operations: [...planPreview(savePlan(doc, changes)).lines],
      problems: formProblems(doc.form!, doc.limits, doc.loaded),
      warnings: [...ownerWarnings(doc.owner), ...saveWarnings(doc.loaded!, doc.form!, doc.roleArn)],
    };
  }

  fail(doc: StageDocument, e: unknown): void {
    if (isCancellation(e)) return;
    const message = errorMessage(e);
    this.ctx.log.error(`Stage editor ${doc.stageName}: ${message}`);
    // The edits stay in the form.
    if (isNotFound(e) && doc.form) {
      // Deleted meanwhile (by someone else, or another window): the tree drops it; the form is offered back.
      reloadQuietly(this.ctx, doc.target.stages, doc.stageName);
      doc.gone = true;
      doc.post({ type: 'gone', message: `Stage "${doc.stageName}" no longer exists in ${doc.target.apiName}: it was deleted after you opened it. Nothing was saved; your form is kept.` });
      return;
    }
    doc.post({ type: 'failed', message });
  }

  /** VS Code's save of the document; a second save while one runs joins it (a double click sends once). */
  save(doc: StageDocument): Promise<void> {
    if (!doc.saving) {
      doc.saving = saveNow(this.ctx, doc)
        .catch((e: unknown) => {
          if (isKind(e, NotSaved)) throw e;
          // Said in the page (a stage deleted meanwhile gets its banner); VS Code is told the save did not happen.
          this.fail(doc, e);
          throw new NotSaved(isCancellation(e) ? 'Not saved: cancelled.' : `Not saved: ${errorMessage(e)}`);
        })
        .finally(() => {
          doc.saving = undefined;
        });
    }
    return doc.saving;
  }
}

/** The requests of a save: UpdateStage (split only where AWS would refuse its size), then the tag calls. */
export function savePlan(doc: Pick<StageDocument, 'target' | 'stageName'>, c: StageChanges): PlanStep[] {
  const t = doc.target;
  const arn = stageArn(t.connection.region, t.restApiId, doc.stageName);
  const plan = updateStageSteps(t.restApiId, doc.stageName, c.patch);
  if (c.tagsToRemove.length) plan.push({ op: 'UntagResource', resourceArn: arn, stageName: doc.stageName, tagKeys: c.tagsToRemove });
  if (Object.keys(c.tagsToSet).length) plan.push({ op: 'TagResource', resourceArn: arn, stageName: doc.stageName, tags: c.tagsToSet });
  return plan;
}

/** The patch operations of a plan's UpdateStage requests. */
export function operationCount(plan: readonly PlanStep[]): number {
  return plan.reduce((n, s) => n + (s.op === 'UpdateStage' ? s.patchOperations.length : 0), 0);
}

/** What the endpoint did not apply of `sent`, by its answer (moto ignores some removals): a sentence, or ''. */
export function notAppliedText(answer: Stage | undefined, sent: StageForm): string {
  const missed = answer ? stageChanges(formFromStage(answer), sent).changes : [];
  return missed.length ? ` The endpoint did not apply: ${readable(missed).map((c) => c.text).join('; ')}.` : '';
}

export const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

async function saveNow(ctx: Ctx, doc: StageDocument): Promise<void> {
  if (!doc.loaded || !doc.form) throw new NotSaved('Not saved: the stage is still loading.');
  if (doc.gone) return saveGone(ctx, doc);
  // What is saved: the form at this moment. Edits typed while it saves stay, on top of what was saved.
  const base = doc.loaded;
  const sent = doc.form;
  const problems = formProblems(sent, doc.limits, base);
  if (problems.length) {
    doc.review();
    const message = `Not saved: ${problems.map((p) => p.message).join(' ')}`;
    doc.post({ type: 'failed', message, problems: true });
    throw new NotSaved(message);
  }
  const changes = stageChanges(base, sent);
  if (!changes.changes.length) {
    // Right after a save (Save pressed again, an auto-save joining late) its "Saved…" says more.
    if (!doc.savedUnchanged) doc.post({ type: 'saved', state: doc.state(), message: 'Nothing to save: the form is as the stage is.' });
    return;
  }
  const role = await confirmLoggingRole(ctx, doc.target, base, sent, doc.roleArn === UNKNOWN_ROLE ? undefined : doc.roleArn, doc.stageName);
  if (role.roleSet) await doc.refreshContext();
  if (!role.proceed) throw new NotSaved('Not saved: cancelled.');
  const t = doc.target;
  await whileBusy(ctx, t, doc.stageName, 'Saving…', async () => {
    // Read before write: the stage as it is now; their changes since the form was loaded are shown first.
    doc.post({ type: 'busy', label: 'Reading the stage again, for changes made meanwhile…' });
    const stage = await t.gateway.getStage(t.restApiId, doc.stageName);
    const now = formFromStage(stage);
    const concurrent = concurrentChanges(base, sent, now);
    if (concurrent.theirs.length) {
      doc.theirs = { form: now, stage };
      const both = new Set(concurrent.conflicts.map((c) => c.id));
      doc.post({ type: 'conflict', theirs: readable(concurrent.theirs.filter((c) => !both.has(c.id))).map((c) => c.text), conflicts: concurrent.conflicts.map((c) => c.text) });
      throw new NotSaved(`Not saved: someone changed stage "${doc.stageName}" after you opened it. The editor shows their changes and yours: reload theirs, or apply yours on top.`);
    }
    const plan = savePlan(doc, changes);
    await confirmOwned(ctx, doc, stage, plan);
    const lines = readable(changes.changes);
    const operations = operationCount(plan);
    // The review shows what goes, as it goes.
    doc.post({ type: 'review', changes: lines.map((c) => c.text), operations: [...planPreview(plan).lines], problems: [], warnings: [] });
    doc.post({ type: 'busy', label: 'Saving…' });
    ctx.log.info(`Saving stage ${doc.stageName} of ${t.apiName}: ${plural(lines.length, 'change')} in ${plural(operations, 'operation')}\n${changes.changes.map((c) => `  ${changeLogText(c)}`).join('\n')}`);
    let tagged = false;
    let answer: Stage | undefined;
    await execute(ctx, t, plan, {
      busy: 'none',
      busyLabel: 'Saving…',
      progressTitle: `Saving stage "${doc.stageName}" of ${t.apiName}…`,
      // After each UpdateStage the editor's base is what AWS returned, so a failure later leaves only the rest to save.
      onAnswer: (step, a) => {
        if (step.op === 'UpdateStage') settle(doc, (answer = a as Stage), sent);
        else tagged = true;
      },
    });
    if (tagged) {
      // The tag calls return no stage: read it (the tags as AWS now holds them).
      settle(doc, (answer = await t.gateway.getStage(t.restApiId, doc.stageName)), sent);
      t.stages.set(answer);
    }
    const updates = plan.filter((r) => r.op === 'UpdateStage').length;
    const how = [operations ? `${plural(operations, 'operation')} (${updates === 1 ? 'one UpdateStage' : `${updates} UpdateStage requests`})` : '', tagged ? 'tag calls' : ''].filter(Boolean).join(' and ');
    // What the endpoint answered is the stage as it now is: a change it did not apply is named (moto ignores some removals).
    const notApplied = notAppliedText(answer, sent);
    if (notApplied) ctx.log.warn(`Stage ${doc.stageName}:${notApplied}`);
    doc.post({ type: 'saved', state: doc.state(), message: `Saved ${plural(lines.length, 'change')} in ${how}.${notApplied}${ranElsewhere(ctx, t.connection)}`, warning: !!notApplied });
    doc.savedUnchanged = true;
    doc.autoSaveSaid = false; // the page drops its note with the edits: said again for the next ones
    doc.watchCache();
    offerDeployAfter(ctx, t, doc.stageName, changes.changes);
  });
  // Edits typed while it saved are not saved: VS Code marks the tab clean when the save returns, so it is made dirty again after.
  if (JSON.stringify(doc.form) !== JSON.stringify(sent) && stageChanges(doc.loaded, doc.form).changes.length) setTimeout(() => doc.markDirty(), 0);
}

/**
 * A save has no modal review (Ctrl+S; the page's review shows the requests): on a stage a tool deploys,
 * it asks once per editor, naming the owner, before the first save sends: the review as a modal.
 */
async function confirmOwned(ctx: Ctx, doc: StageDocument, stage: Stage, plan: readonly PlanStep[]): Promise<void> {
  const owner = ownerOfStage(doc.target, stage);
  if (!owner || doc.ownerConfirmed) return;
  try {
    await confirmPlanModal(ctx.prompter, `Save your changes to stage "${doc.stageName}", managed by ${ownerName(owner)}?`, plan, 'Save Anyway', [
      'Copy as Template Snippet writes the change for the template instead. This editor asks once.',
    ], owner);
  } catch (e) {
    if (isCancellation(e)) throw new NotSaved('Not saved: cancelled.');
    throw e;
  }
  doc.ownerConfirmed = true;
}

const ownerWarnings = (owner: Owner | undefined) => (owner ? [ownerWarning(owner)] : []);

/** After a successful request: the base is what AWS returned; edits made since `sent` stay on top. */
function settle(doc: StageDocument, stage: Stage, sent: StageForm): void {
  const saved = formFromStage(stage);
  doc.form = rebase(sent, doc.form!, saved);
  doc.loaded = saved;
  doc.loadedStage = stage;
  doc.cacheStatus = stage.cacheClusterStatus ?? doc.cacheStatus;
}

/** Save on a stage deleted meanwhile: restore it from its snapshot, or make it again from the form. */
async function saveGone(ctx: Ctx, doc: StageDocument): Promise<void> {
  const restore = 'Restore Deleted Stage…';
  const make = 'Recreate from This Form';
  const preset = doc.goneChoice;
  doc.goneChoice = undefined;
  const choice = preset === 'recreate' ? make : await ctx.prompter.choose(`Stage "${doc.stageName}" no longer exists in ${doc.target.apiName}. Nothing can be saved to it.`, {
    detail: 'Restore brings it back as it was when it was deleted (from its snapshot), with your edits on top to save next. Recreate makes it from this form.',
    choices: [restore, make],
  });
  if (choice === restore) await restoreFromSnapshot(ctx, doc);
  else if (choice === make) {
    await recreate(ctx, doc);
    if (!doc.gone) return;
  }
  throw new NotSaved(doc.gone ? `Not saved: stage "${doc.stageName}" no longer exists.` : `Not saved yet: stage "${doc.stageName}" is back; your edits are on top of it. Save again to send them.`);
}

/** The user's answer to a save that found their changes. */
async function resolve(ctx: Ctx, doc: StageDocument, choice: 'reload' | 'applyMine'): Promise<void> {
  const theirs = doc.theirs;
  // No conflict pending (a second click on the same button): nothing to do, and the edits stay.
  if (!theirs || !doc.loaded || !doc.form) return ctx.log.info(`Stage editor ${doc.stageName}: no conflict to resolve`);
  doc.theirs = undefined;
  // Their stage without my edits: VS Code's revert, so the tab is clean too.
  if (choice === 'reload') {
    await vscode.commands.executeCommand('workbench.action.files.revert', doc.uri);
    return;
  }
  const form = rebase(doc.loaded, doc.form, theirs.form);
  doc.loaded = theirs.form;
  doc.loadedStage = theirs.stage;
  doc.form = form;
  doc.post({ type: 'load', state: doc.state() });
  doc.review();
}
