// Delete Stage…: says what breaks, then keeps a snapshot of the whole stage and what points at it
// (read after the confirmation, just before the delete), so Restore Deleted Stage… can undo it.
import * as vscode from 'vscode';
import type { Ctx } from '../../context';
import { commandId } from '../../commandIds';
import { Cancelled, errorMessage, Notice } from '../../errors';
import { invokeUrl } from '../../model/invokeUrl';
import { deletePlan } from '../../model/plans';
import { referenceLines } from '../../model/references';
import { canaryText } from '../../model/canary';
import type { TreeNode } from '../../tree/node';
import { confirmPlanModal, execute } from '../../stages/execute';
import { ownerOfStage } from '../../stages/ownership';
import { droppedText, keepSnapshot } from '../../stages/snapshots';
import { ranElsewhere, whileBusy } from '../../stages/targets';
import { stageTarget } from '../stageTarget';

export async function deleteStage(ctx: Ctx, node?: TreeNode): Promise<void> {
  const p = ctx.prompter;
  const { target, stageName: name } = await stageTarget(ctx, 'Delete Stage', node);
  const url = invokeUrl(target.restApiId, target.connection.region, name);
  const plan = deletePlan(target.restApiId, name);

  // From the first read to the delete, the stage is marked: a second command on it is refused.
  const dropped = await whileBusy(ctx, target, name, 'Checking…', async (relabel) => {
    // What uses it, for the dialog (only when a delete is asked for).
    const [stage, refs] = await ctx.notifier.progress(
      `Checking what uses stage "${name}"…`,
      () => Promise.all([
        target.stages.reloadStage(name),
        // A profile not allowed to read domain names or usage plans may still delete: say what could not be checked.
        target.gateway.stageReferences(target.restApiId, name).catch((e: unknown) => errorMessage(e)),
      ]),
    );
    if (!stage) throw new Notice(`Stage "${name}" of ${target.apiName} does not exist any more (deleted meanwhile?). The tree now shows what AWS holds.`);
    const uses = typeof refs === 'string' ? [`(could not check custom domains and usage plans: ${refs})`] : referenceLines(refs);
    const owner = ownerOfStage(target, stage);
    relabel('Confirm delete…');
    await confirmPlanModal(p, `Delete stage "${name}" of ${target.apiName}?`, plan, 'Delete Stage', [
      ...(owner ? ['A stack update may make it again, or fail on its absence.'] : []),
      `Callers of ${url} will get errors.`,
      uses.length ? `In use by: ${uses.join('; ')}.` : 'No custom domain mapping or usage plan uses it.',
      ...(stage.canarySettings ? [`Its canary goes too: ${canaryText(stage.canarySettings)}.`] : []),
      `The deployment ${stage.deploymentId ?? ''} is kept. A snapshot of the stage and of what uses it is kept too (stage variable values encrypted): "Restore Deleted Stage…" recreates them.`,
    ], owner);
    if (uses.length) {
      const again = await p.confirm(`Stage "${name}" is in use${typeof refs === 'string' ? ', or may be' : ''}. Delete it anyway?`, {
        detail: `These stop working: ${uses.join('; ')}.`,
        confirm: 'Delete Anyway',
      });
      if (!again) throw new Cancelled();
    }
    // The snapshot first, from a read made now: if the delete fails it is kept all the same (a restore then finds the name taken).
    relabel('Keeping a snapshot…');
    const kept = await ctx.notifier.progress(`Keeping a snapshot of stage "${name}"…`, () =>
      keepSnapshot(ctx, target, name).catch((e: unknown) => {
        if ((e as { name?: string }).name === 'NotFoundException') throw new Notice(`Stage "${name}" of ${target.apiName} was deleted meanwhile (by someone else?): nothing to delete.`);
        throw e;
      }),
    );
    relabel('Deleting…');
    await execute(ctx, target, plan, { busy: 'none', busyLabel: 'Deleting…', progressTitle: `Deleting stage "${name}"…` });
    return kept.dropped;
  });
  ctx.log.info(`Deleted stage ${name} of ${target.apiName} (${target.restApiId}); snapshot kept.${droppedText(dropped)}`);
  const restore = 'Restore';
  void ctx.notifier.info(`Deleted stage "${name}" of ${target.apiName}. A snapshot is kept.${droppedText(dropped)}${ranElsewhere(ctx, target.connection)}`, restore).then((c) => {
    if (c === restore) void vscode.commands.executeCommand(commandId('restoreStage'), target);
  });
}
