// Restore Deleted Stage…: the undo of Delete Stage. The stage comes back whole from its snapshot (every
// setting, the web ACL, the custom-domain mappings, the usage plans with their throttles), under its
// name or another. What cannot come back is named before anything is sent, and the user decides.
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { type RestoreChoices, restorePlan } from '../../model/rebuild';
import { stageNameProblem } from '../../model/stageName';
import type { StageSnapshot } from '../../model/snapshots';
import type { TreeNode } from '../../tree/node';
import { confirmPlan, execute } from '../../stages/execute';
import { checkRestore, type RestoreCheck } from '../../stages/restoreChecks';
import { listSnapshots, pickSnapshot } from '../../stages/snapshots';
import { apiOfNode, type ApiTarget, type DeploymentItem, deploymentItems, reportDone, revealStage, splitFrom, targetOfNode } from '../../stages/targets';
import type { Stage } from '../../aws/apiGateway';
import type { ApiRef } from '../../model/snapshots';
import { apiStep } from '../stageTarget';
import { type Filled, filled, type PromptStep, runWizard } from '../wizard';

/** What the review and the requests need. */
const DONE = ['target', 'api', 'snapshot', 'stage', 'name', 'check', 'deploymentId'] as const;

interface RestoreState {
  target?: ApiTarget;
  api?: ApiRef;
  snapshot?: StageSnapshot;
  /** The snapshot's stage with its variable values. */
  stage?: Stage;
  /** Why the variable values could not be opened. */
  secretsLost?: string;
  name?: string;
  check?: RestoreCheck;
  deployments?: DeploymentItem[];
  deploymentId?: string;
  canary?: RestoreChoices['canary'];
}

/** `stageName`: from a stage editor whose stage was deleted; only its snapshots are offered. */
export async function restoreStage(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const { handed, node } = splitFrom(from);
  const apiNode = apiOfNode(node);
  const state: RestoreState = { target: handed ?? (apiNode && targetOfNode(apiNode)) };
  const known = !!state.target;
  const p = ctx.prompter;

  const steps: PromptStep<RestoreState>[] = [
    apiStep(ctx, known),
    {
      prompt: async (st, info) => {
        const s = filled(st, ['target']);
        const { api, snapshots: all } = await listSnapshots(ctx, s.target);
        const snapshots = typeof stageName === 'string' ? all.filter((snap) => snap.stage.stageName === stageName) : all;
        if (!snapshots.length) throw new Notice(`No snapshot of stage "${String(stageName)}" of ${s.target.apiName} is kept: Recreate makes it from the editor's form.`);
        s.api = api;
        s.snapshot = await pickSnapshot(p, info, s.target, snapshots, `Deleted stage of ${s.target.apiName} to restore`);
        const opened = await ctx.snapshots.open(s.snapshot);
        s.stage = opened.stage;
        s.secretsLost = opened.secretsLost;
        s.name = undefined;
      },
    },
    {
      // Its own name, or another (the name may be taken again meanwhile).
      prompt: async (st, info) => {
        const s = filled(st, ['target', 'snapshot', 'stage']);
        const t = s.target;
        s.name = (await p.input({
          ...info,
          prompt: `Name of the restored stage (it was "${s.snapshot.stage.stageName}")`,
          value: s.name ?? s.snapshot.stage.stageName,
          validate: (v) => stageNameProblem(v, t.stages.names()),
          loading: t.stages.load(),
        }));
        s.check = await checkRestore(t, s.stage, s.snapshot.references, s.name);
        s.deployments = await deploymentItems(t, undefined, s.check.deployments);
        if (!s.deployments.length) throw new Notice(`${t.apiName} has no deployment left: deploy the API first, then restore.`);
        s.deploymentId = s.check.deploymentGone ? undefined : s.stage.deploymentId;
        s.canary = 'keep';
      },
    },
    {
      when: (s) => !!s.check?.deploymentGone,
      prompt: async (st, info) => {
        const s = filled(st, ['deployments', 'stage']);
        const picked = await p.pick(s.deployments, { ...info, placeholder: `Deployment ${s.stage.deploymentId} of the snapshot is gone: pick another` });
        s.deploymentId = picked.deployment.id;
      },
    },
    {
      when: (s) => !!s.check?.canaryDeploymentGone,
      prompt: async (st, info) => {
        const s = filled(st, ['deployments', 'stage']);
        const items = [{ label: 'Restore without the canary', drop: true as const }, ...s.deployments.map((d) => ({ ...d, label: `Canary on ${d.label}` }))];
        const picked = await p.pick(items, { ...info, placeholder: `The canary's deployment ${s.stage.canarySettings?.deploymentId} is gone: drop the canary, or put it on another deployment` });
        s.canary = 'drop' in picked ? 'drop' : { deploymentId: picked.deployment.id };
      },
    },
    {
      // What cannot come back, named before anything is sent.
      when: (s) => !!s.check?.gone.length || !!s.secretsLost,
      prompt: async (st, info) => {
        const s = filled(st, ['check']);
        const lost = [...s.check.gone, ...(s.secretsLost ? [`the values of its stage variables (${s.secretsLost})`] : [])];
        const items = [{ label: 'Restore without them', description: `${lost.length} item${lost.length === 1 ? '' : 's'}`, go: true }, ...lost.map((l) => ({ label: l }))];
        // Only the first item goes on; Escape cancels.
        while (!('go' in (await p.pick(items, { ...info, placeholder: `These cannot come back: ${lost.join('; ')}` }))));
      },
    },
    {
      prompt: async (st, info) => {
        const s = filled(st, DONE);
        const { plan, notes } = planOf(s);
        const renamed = s.name !== s.snapshot.stage.stageName ? ` as "${s.name}"` : '';
        await confirmPlan(p, info, `Restore stage "${s.snapshot.stage.stageName}"${renamed}`, plan, notes);
      },
    },
  ];
  const planOf = (s: Filled<RestoreState, (typeof DONE)[number]>) => {
    // Variables whose values are lost cannot be sent empty (AWS wants 1–512 characters): they stay out.
    const stage = s.secretsLost ? { ...s.stage, variables: undefined, canarySettings: s.stage.canarySettings && { ...s.stage.canarySettings, stageVariableOverrides: undefined } } : s.stage;
    return restorePlan(stage, s.snapshot.references, {
      restApiId: s.target.restApiId, region: s.target.connection.region, stageName: s.name, deploymentId: s.deploymentId,
      canary: s.canary ?? 'keep', without: s.check.without, present: s.check.present,
    });
  };
  const s = await runWizard('Restore Deleted Stage', state, steps, DONE);
  const t = s.target;
  const name = s.name;
  await execute(ctx, t, planOf(s).plan, {
    busy: 'stages',
    busyLabel: `Restoring ${name}…`,
    progressTitle: `Restoring stage "${name}" of ${t.apiName}`,
    partialMessage: (e) => `Stage "${name}" was recreated, but not all of it came back yet (${[e.failed, ...e.rest].map((r) => r.op).join(', ')} left; the snapshot is kept).`,
  });
  // Only now, when every request succeeded.
  await ctx.snapshots.remove(s.api, s.snapshot.id);
  await revealStage(ctx, t, name);
  reportDone(ctx, t.connection, `Restored stage ${name} of ${t.apiName}`);
}
