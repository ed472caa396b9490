// A stage deleted while its editor was open: restored from its snapshot, or made again from the form.
import * as vscode from 'vscode';
import { commandId } from '../commandIds';
import type { Ctx } from '../context';
import { Cancelled, errorMessage, isKind } from '../errors';
import { recreatePlan } from '../model/rebuild';
import { formProblems } from '../model/stageValidation';
import { confirmPlanModal, execute } from '../stages/execute';
import { snapshotApi } from '../stages/snapshots';
import type { StageDocument } from './stageDocument';

/**
 * Makes the stage again from the form. What the form does not hold (canary, client certificate,
 * documentation version, wildcard method settings, web ACL) comes from the delete's snapshot when one
 * was kept (another window's Delete Stage), with the mappings and usage plans that pointed at it; else
 * from the stage as the editor loaded it.
 */
export async function recreate(ctx: Ctx, doc: StageDocument): Promise<void> {
  if (!doc.form) return;
  const t = doc.target;
  const form = doc.form;
  const problems = formProblems(form, doc.limits, doc.loaded);
  if (problems.length) {
    doc.post({ type: 'failed', message: `Not recreated: ${problems.map((p) => p.message).join(' ')}` });
    return;
  }
  const kept = await keptSnapshot(ctx, doc);
  const source = kept?.stage ?? doc.loadedStage ?? { stageName: doc.stageName };
  const { plan, notes } = recreatePlan(t.restApiId, t.connection.region, doc.stageName, form, source, kept?.references);
  try {
    await confirmPlanModal(ctx.prompter, `Recreate stage "${doc.stageName}" of ${t.apiName} from the editor's form?`, plan, 'Recreate Stage', [
      `It points at deployment ${form.deploymentId}.${kept ? ` What the form does not hold comes from the snapshot kept when it was deleted (${kept.when}).` : ''}`,
      ...notes,
    ]);
  } catch (e) {
    if (isKind(e, Cancelled)) return;
    throw e;
  }
  doc.post({ type: 'busy', label: 'Recreating the stage…' });
  await execute(ctx, t, plan, {
    busy: 'stages',
    busyLabel: `Recreating ${doc.stageName}…`,
    progressTitle: `Recreating stage "${doc.stageName}" of ${t.apiName}`,
    partialMessage: () => `Stage "${doc.stageName}" was created again, but not all of its settings were applied.`,
  });
  if (kept) await ctx.snapshots.remove(kept.api, kept.id);
  // The stage is the form now: read as AWS made it (the save this runs in, if any, then leaves the tab clean).
  await doc.revert();
  doc.post({ type: 'saved', state: doc.state(), message: `Recreated stage "${doc.stageName}" from the form.` });
  // A save joining late (auto-save) finds nothing to send: its "Nothing to save" would hide this line.
  doc.savedUnchanged = true;
}

/** Restore Deleted Stage… for this stage; when it is back, the form's edits are on top of it (storeChanged). */
export async function restoreFromSnapshot(ctx: Ctx, doc: StageDocument): Promise<void> {
  await vscode.commands.executeCommand(commandId('restoreStage'), doc.target, doc.stageName);
}

/** The newest snapshot of this stage taken after the editor loaded it, opened; undefined when none. */
async function keptSnapshot(ctx: Ctx, doc: StageDocument) {
  try {
    const api = await snapshotApi(doc.target);
    const snap = (await ctx.snapshots.list(api)).find((s) => s.stage.stageName === doc.stageName && Date.parse(s.deletedAt) >= doc.loadedAt);
    if (!snap) return undefined;
    const opened = await ctx.snapshots.open(snap);
    // The variables come from the form; a canary's overrides whose values are lost cannot go (AWS wants a value).
    const stage = opened.secretsLost && opened.stage.canarySettings ? { ...opened.stage, canarySettings: { ...opened.stage.canarySettings, stageVariableOverrides: undefined } } : opened.stage;
    return { api, id: snap.id, stage, references: snap.references, when: new Date(snap.deletedAt).toLocaleString() };
  } catch (e) {
    ctx.log.warn(`No snapshot for the recreate of ${doc.stageName}: ${errorMessage(e)}`);
    return undefined;
  }
}
