// Change Deployment…: points a stage at another deployment (the console's rollback). The review reads
// the stage again (its deployment "was", and a canary, come from AWS, not from a list read long ago).
import type { Deployment } from '../../aws/apiGateway';
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { changeDeploymentCanaryNotes, hasCanary } from '../../model/canary';
import { deploymentName } from '../../model/deployments';
import { changeDeploymentPlan, type PlanStep } from '../../model/plans';
import { DeploymentNode } from '../../tree/deploymentNodes';
import type { TreeNode } from '../../tree/node';
import { choosePlan, execute } from '../../stages/execute';
import { stageReview } from '../../stages/ownership';
import { readStageNow } from '../../stages/readBeforeWrite';
import { type ApiTarget, deploymentItems, pickStage, reportDone, splitFrom } from '../../stages/targets';
import { apiStep, knownStage } from '../stageTarget';
import { filled, type PromptStep, runWizard } from '../wizard';

interface ChangeState {
  target?: ApiTarget;
  stageName?: string;
  /** The deployment as the user saw it when choosing. */
  current?: string;
  deploymentId?: string;
  /** The deployments known so far (listed for the picker, or by the tree), to name them by their description. */
  known?: readonly Deployment[];
  /** The requests chosen at the review, on the stage as read then. */
  plan?: PlanStep[];
}

/** `from`: a tree node, or (API, stage name) handed over by the stage editor. */
export async function changeDeployment(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const known = knownStage(from, stageName);
  const state: ChangeState = { target: known.target, stageName: known.stageName };
  if (known.stageName !== undefined) state.current = known.target?.stages.get(known.stageName)?.deploymentId;
  const { node } = splitFrom(from);
  const knownApi = !!state.target;
  if (node instanceof DeploymentNode) {
    state.deploymentId = node.deployment.id;
    state.known = node.parent.listed;
  }
  const fixedStage = state.stageName !== undefined;
  const fixedDeployment = state.deploymentId !== undefined;
  const p = ctx.prompter;

  const steps: PromptStep<ChangeState>[] = [
    apiStep(ctx, knownApi),
    {
      when: () => !fixedStage,
      prompt: async (st, info) => {
        const s = filled(st, ['target']);
        let stage = await pickStage(s.target, p, info, (st) => (st.deploymentId === s.deploymentId ? 'already on this deployment' : undefined));
        // From a deployment node: a stage already on it is no change: ask again.
        while (fixedDeployment && stage.deploymentId === s.deploymentId) {
          stage = await pickStage(s.target, p, { ...info, title: `${info.title}: "${stage.stageName}" already runs it, pick another stage` });
        }
        s.stageName = stage.stageName;
        s.current = stage.deploymentId;
      },
    },
    {
      when: () => !fixedDeployment,
      prompt: async (st, info) => {
        const s = filled(st, ['target']);
        const items = deploymentItems(s.target, s.current).then((all) => {
          s.known = all.map((i) => i.deployment);
          if (!all.length) throw new Notice(`${s.target.apiName} has no deployment yet: Deploy to Stage makes one.`);
          return all;
        });
        let placeholder = `Deployment for stage "${s.stageName}" (current: ${s.current ?? 'none'})`;
        // The current deployment is listed (marked) but is no change: ask again.
        for (;;) {
          const picked = await p.pick(items, { ...info, placeholder });
          if (picked.deployment.id !== s.current) {
            s.deploymentId = picked.deployment.id;
            return;
          }
          placeholder = `Stage "${s.stageName}" already runs ${named(s, s.current)}: pick another deployment`;
        }
      },
    },
    {
      // Read before write: one GetStage; "was" and the canary are as AWS holds them now.
      prompt: async (st, info) => {
        const s = filled(st, ['target', 'stageName', 'deploymentId']);
        const t = s.target;
        const stage = await readStageNow(t, s.stageName);
        const was = stage.deploymentId;
        if (s.deploymentId === was) throw new Notice(`Stage "${s.stageName}" already points at deployment ${named(s, was)}${was !== s.current ? ' (changed meanwhile)' : ''}.`);
        const notes = was !== s.current ? [`Changed meanwhile: stage "${s.stageName}" ran ${named(s, s.current)} when you chose; it runs ${named(s, was)} now.`] : [];
        const action = `Point "${s.stageName}" at deployment ${named(s, s.deploymentId)} (was ${named(s, was)})`;
        const move = changeDeploymentPlan(t.restApiId, s.stageName, s.deploymentId);
        const review = stageReview(ctx, t, stage);
        if (!hasCanary(stage)) {
          s.plan = (await choosePlan(p, info, [{ action, plan: move }], notes, review)).plan as PlanStep[];
          return;
        }
        const canary = changeDeploymentCanaryNotes(s.stageName, stage.canarySettings, s.deploymentId);
        const picked = await choosePlan(p, info, [
          { action: `${action} and remove the canary`, plan: changeDeploymentPlan(t.restApiId, s.stageName, s.deploymentId, true) },
          { action: `${action} and keep the canary`, plan: move },
        ], [...notes, canary.note, canary.remove, canary.keep], review);
        s.plan = [...picked.plan];
      },
    },
  ];
  const title = fixedDeployment ? `Associate Deployment ${named(state, state.deploymentId)} with a Stage` : 'Change Deployment';
  const s = await runWizard(title, state, steps, ['target', 'stageName', 'plan']);
  const t = s.target;
  await execute(ctx, t, s.plan, {
    busy: { stage: s.stageName },
    busyLabel: 'Changing deployment…',
    progressTitle: `Pointing stage "${s.stageName}" at deployment ${named(s, s.deploymentId)}`,
  });
  reportDone(ctx, t.connection, `Stage ${s.stageName} now runs deployment ${named(s, s.deploymentId)}`);
}

/** A deployment by its description and id, when known; else its id. */
function named(s: ChangeState, id: string | undefined): string {
  return deploymentName(s.known?.find((d) => d.id === id), id);
}
