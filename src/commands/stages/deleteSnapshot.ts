// Delete Stage Snapshot…: a deleted stage's snapshot (its settings, and its variable values, sealed)
// removed for good, after a confirmation that names it.
import { Cancelled } from '../../errors';
import type { Ctx } from '../../context';
import { formatDate } from '../../model/dates';
import type { TreeNode } from '../../tree/node';
import { listSnapshots, pickSnapshot } from '../../stages/snapshots';
import { apiOfNode, type ApiTarget, reportDone, splitFrom, targetOfNode } from '../../stages/targets';
import { apiStep } from '../stageTarget';
import { runWizard } from '../wizard';

export async function deleteStageSnapshot(ctx: Ctx, from?: TreeNode | ApiTarget): Promise<void> {
  const { handed, node } = splitFrom(from);
  const apiNode = apiOfNode(node);
  const p = ctx.prompter;
  const state: { target?: ApiTarget } = { target: handed ?? (apiNode && targetOfNode(apiNode)) };
  const known = !!state.target;
  const { target: t } = await runWizard('Delete Stage Snapshot', state, [apiStep(ctx, known)], ['target']);
  const { api, snapshots } = await listSnapshots(ctx, t);
  const snap = await pickSnapshot(p, { title: 'Delete Stage Snapshot' }, t, snapshots, `Snapshot of a deleted stage of ${t.apiName} to delete for good`);
  const when = formatDate(new Date(snap.deletedAt));
  const ok = await p.confirm(`Delete the snapshot of stage "${snap.stage.stageName}" (deleted ${when})?`, {
    detail: `It can no longer be restored: its settings, what used it and its stage variable values are gone for good. The stage itself was deleted from ${t.apiName} on ${when}; this changes nothing in AWS.`,
    confirm: 'Delete Snapshot',
  });
  if (!ok) throw new Cancelled();
  await ctx.snapshots.remove(api, snap.id);
  reportDone(ctx, t.connection, `Deleted the snapshot of stage ${snap.stage.stageName} (deleted ${when})`);
}
