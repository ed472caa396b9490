// Delete Stage…: says what breaks, keeps a snapshot first, so Restore Deleted Stage… can undo it.
import * as vscode from 'vscode';
import type { Ctx } from '../../context';
import { withoutMetadata } from '../../aws/stageStore';
import { invokeUrl } from '../../model/invokeUrl';
import { deletePlan, describePlan } from '../../model/plans';
import type { TreeNode } from '../../tree/node';
import { StageNode } from '../../tree/stageNodes';
import { Cancelled } from '../../ui/prompter';
import { Notice, errorMessage } from '../../errors';
import { COMMAND_PREFIX } from '../ids';
import { type ApiTarget, apiOfNode, pickApi, pickStage, ranElsewhere, targetOfNode, whileBusy } from '../targets';
import { runWizard } from '../wizard';
import { showAsItIs } from './execute';
import { messageText } from '../../model/displayText';

export async function deleteStage(ctx: Ctx, node?: TreeNode): Promise<void> {
  const p = ctx.prompter;
  const apiNode = apiOfNode(node);
  const state: { target?: ApiTarget; name?: string } = { target: apiNode && targetOfNode(apiNode), name: node instanceof StageNode ? node.name : undefined };
  const known = { api: !!state.target, stage: !!state.name };
  await runWizard(p, 'Delete Stage', state, [
    { when: () => !known.api, prompt: async (_p, s, info) => void (s.target = await pickApi(ctx, p, info)) },
    { when: () => !known.stage, prompt: async (_p, s, info) => void (s.name = (await pickStage(s.target!, p, info)).stageName) },
  ]);
  const target = state.target!;
  const name = state.name!;
  const url = invokeUrl(target.restApiId, target.connection.region, name);
  const plan = deletePlan(target.restApiId, name);

  // From the first read to the delete, the stage is marked: a second command on it is refused.
  await whileBusy(ctx, target, name, 'Checking…', async (relabel) => {
    // The whole stage for the snapshot, and what uses it, read now (only when a delete is asked for).
    const [stage, refs] = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: messageText(`Checking what uses stage "${name}"…`) },
      () => Promise.all([
        target.stages.reloadStage(name),
        // A profile not allowed to read domain names or usage plans may still delete: say what could not be checked.
        target.gateway.stageReferences(target.restApiId, name).catch((e: unknown) => errorMessage(e)),
      ]),
    );
    if (!stage) throw new Notice(`Stage "${name}" of ${target.apiName} does not exist any more (deleted meanwhile?). The tree now shows what AWS holds.`);
    const uses = typeof refs === 'string'
      ? [`(could not check custom domains and usage plans: ${refs})`]
      : [...refs.basePathMappings.map((m) => `custom domain base path mapping ${m}`), ...refs.usagePlans.map((u) => `usage plan "${u}"`)];
    const detail = [
      `Callers of ${url} will get errors.`,
      uses.length ? `In use by: ${uses.join('; ')}.` : 'No custom domain mapping or usage plan uses it.',
      `The deployment ${stage.deploymentId ?? ''} is kept. A snapshot of the stage is kept too: "Restore Deleted Stage…" recreates it.`,
      `Request: ${describePlan(plan).join('; ')}`,
    ].join('\n\n');
    relabel('Confirm delete…');
    if (!(await p.confirm(`Delete stage "${name}" of ${target.apiName}?`, { detail, confirm: 'Delete Stage' }))) throw new Cancelled();
    if (uses.length) {
      const again = await p.confirm(`Stage "${name}" is in use${typeof refs === 'string' ? ', or may be' : ''}. Delete it anyway?`, {
        detail: `These stop working: ${uses.join('; ')}.`,
        confirm: 'Delete Anyway',
      });
      if (!again) throw new Cancelled();
    }
    // The snapshot first: if the delete fails it is kept all the same (a restore then finds the name taken).
    await ctx.snapshots.add({ ...target.connection, restApiId: target.restApiId, apiName: target.apiName }, withoutMetadata(stage));
    relabel('Deleting…');
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: messageText(`Deleting stage "${name}"…`) }, () =>
        target.gateway.deleteStage(target.restApiId, name),
      );
    } catch (e) {
      showAsItIs(ctx, target, name);
      throw e;
    }
  });
  ctx.log.info(`Deleted stage ${name} of ${target.apiName} (${target.restApiId}); snapshot kept.`);
  target.stages.remove(name);
  const restore = 'Restore';
  void ctx.notifier.info(`Deleted stage "${name}" of ${target.apiName}. A snapshot is kept.${ranElsewhere(ctx, target.connection)}`, restore).then((c) => {
    if (c === restore) void vscode.commands.executeCommand(`${COMMAND_PREFIX}restoreStage`, target);
  });
}
