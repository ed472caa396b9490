// The canary's own commands. Delete Canary…: all requests go back to the stage's deployment.
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { canaryText, hasCanary, REMOVE_CANARY } from '../../model/canary';
import { updateStageSteps } from '../../model/plans';
import { confirmPlanModal, execute } from '../../stages/execute';
import { readStageNow } from '../../stages/readBeforeWrite';
import { stageTarget } from '../../stages/stageTarget';
import { type ApiTarget, reportDone } from '../../stages/targets';
import type { TreeNode } from '../../tree/node';

export async function deleteCanary(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const s = await stageTarget(ctx, 'Delete Canary', from, stageName);
  // Read before write: the canary as AWS holds it now (it may have been promoted or removed elsewhere).
  const stage = await readStageNow(s.target, s.stageName);
  if (!hasCanary(stage)) throw new Notice(`Stage "${s.stageName}" has no canary: nothing to delete.`);
  const plan = updateStageSteps(s.target.restApiId, s.stageName, [REMOVE_CANARY]);
  await confirmPlanModal(ctx.prompter, `Delete the canary of stage "${s.stageName}" of ${s.target.apiName}?`, plan, 'Delete Canary', [
    `The canary: ${canaryText(stage.canarySettings)}.`,
    `All requests then go to the stage's deployment ${stage.deploymentId ?? '(none)'}; the canary's settings and variable overrides are gone. Its deployment stays under Deployments.`,
  ]);
  await execute(ctx, s.target, plan, { busy: { stage: s.stageName }, busyLabel: 'Deleting the canary…', progressTitle: `Deleting the canary of stage "${s.stageName}"…` });
  reportDone(ctx, s.target.connection, `Deleted the canary of stage ${s.stageName}`);
}
