// Restore Deleted Stage…: recreates a deleted stage from its snapshot, field for field.
import * as vscode from 'vscode';
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { restorePlan } from '../../model/plans';
import type { StageSnapshot } from '../../model/snapshots';
import type { TreeNode } from '../../tree/node';
import { formatDate } from '../../tree/format';
import { apiOfNode, type ApiTarget, deploymentItems, pickApi, revealStage, splitFrom, targetOfNode } from '../targets';
import { type PromptStep, runWizard } from '../wizard';
import { confirmPlan, execute } from './execute';
import { iconMessageText } from '../../model/displayText';

interface RestoreState {
  target?: ApiTarget;
  snapshot?: StageSnapshot;
  deploymentId?: string;
  /** The snapshot's deployment is gone: ask for another. */
  deploymentGone?: boolean;
}

export async function restoreStage(ctx: Ctx, from?: TreeNode | ApiTarget): Promise<void> {
  const { handed, node } = splitFrom(from);
  const apiNode = apiOfNode(node);
  const state: RestoreState = { target: handed ?? (apiNode && targetOfNode(apiNode)) };
  const known = !!state.target;
  const p = ctx.prompter;
  const ref = (t: ApiTarget) => ({ ...t.connection, restApiId: t.restApiId });

  const steps: PromptStep<RestoreState>[] = [
    { when: () => !known, prompt: async (_p, s, info) => void (s.target = await pickApi(ctx, p, info)) },
    {
      prompt: async (_p, s, info) => {
        const t = s.target!;
        const snapshots = ctx.snapshots.list(ref(t));
        if (!snapshots.length) throw new Notice(`No deleted stage of ${t.apiName} is kept for profile ${t.connection.profile} in ${t.connection.region}.`);
        const picked = await p.pick(
          snapshots.map((snap) => ({
            label: snap.stage.stageName ?? '?',
            description: `deleted ${formatDate(new Date(snap.deletedAt))}`,
            detail: [`deployment ${snap.stage.deploymentId ?? 'none'}`, snap.stage.description].filter(Boolean).join(' · '),
            snap,
          })),
          { ...info, placeholder: `Deleted stage of ${t.apiName} to restore` },
        );
        s.snapshot = picked.snap;
        // The name must be free and the deployment still there: one GetStages, one GetDeployments.
        const [deployments] = await Promise.all([deploymentItems(t), t.stages.load()]);
        const name = picked.snap.stage.stageName ?? '';
        if (t.stages.get(name)) throw new Notice(`${t.apiName} has a stage named "${name}" again. Delete or rename it first, then restore.`);
        s.deploymentGone = !deployments.some((d) => d.deployment.id === picked.snap.stage.deploymentId);
        s.deploymentId = s.deploymentGone ? undefined : picked.snap.stage.deploymentId;
        if (s.deploymentGone && !deployments.length) throw new Error(`Deployment ${picked.snap.stage.deploymentId} is gone and ${t.apiName} has no other: deploy the API first.`);
      },
    },
    {
      when: (s) => !!s.deploymentGone,
      prompt: async (_p, s, info) => {
        const picked = await p.pick(deploymentItems(s.target!), {
          ...info,
          placeholder: `Deployment ${s.snapshot!.stage.deploymentId} of the snapshot is gone: pick another`,
          matchOnDetail: true,
        });
        s.deploymentId = picked.deployment.id;
      },
    },
    {
      prompt: async (_p, s, info) => confirmPlan(p, info, `Restore stage "${s.snapshot!.stage.stageName}"`, restorePlan(s.target!.restApiId, s.snapshot!.stage, s.deploymentId)),
    },
  ];
  const s = await runWizard(p, 'Restore Deleted Stage', state, steps);
  const t = s.target!;
  const snap = s.snapshot!;
  const name = snap.stage.stageName!;
  await execute(ctx, t, restorePlan(t.restApiId, snap.stage, s.deploymentId), {
    busyLabel: `Restoring ${name}…`,
    progressTitle: `Restoring stage "${name}" of ${t.apiName}`,
    stageName: name,
    partialMessage: () => `Stage "${name}" was recreated, but its settings were not applied yet (the snapshot is kept).`,
  });
  // Only now, when every request succeeded.
  await ctx.snapshots.remove(ref(t), snap.id);
  await revealStage(ctx, t, name);
  void vscode.window.setStatusBarMessage(iconMessageText(`Restored stage ${name} of ${t.apiName}`), 5000);
}
