// The canary's own commands: Deploy to Canary…, Promote Canary…, Delete Canary…. Each reads the
// stage just before its review, which shows the exact requests.
import type { CanarySettings, Stage } from '@aws-sdk/client-api-gateway';
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { canaryText, hasCanary, percentProblem, promoteNotes, promoteOps, REMOVE_CANARY } from '../../model/canary';
import { quotedDescription } from '../../model/deployments';
import { type Deploy, deployPlan, updateStageSteps } from '../../model/plans';
import { descriptionProblem } from '../../model/stageName';
import { choosePlan, confirmPlan, confirmPlanModal, execute } from '../../stages/execute';
import { ownerOfStage, stageReview } from '../../stages/ownership';
import { readStageNow } from '../../stages/readBeforeWrite';
import { knownStage, type StageState, stageSteps, stageTarget } from '../stageTarget';
import { type ApiTarget, reportDone } from '../../stages/targets';
import type { TreeNode } from '../../tree/node';
import { type Filled, filled, type PromptStep, runWizard } from '../wizard';
import { sendDeploy } from './deploy';

interface CanaryDeployState extends StageState {
  /** The stage as the tree holds it (read once if not yet) when the description is asked: whether to ask for a share. */
  seen?: Stage;
  description?: string;
  /** Asked only when the stage has no canary: the new one's share, as typed. */
  percent?: string;
  /** The canary the new deployment gets, set at the review from the stage as read then. */
  canary?: CanarySettings;
}

/** Whether to ask for a share: the stage as the tree holds it (read once if not yet); the review reads it again. */
const seenStage = async (t: ApiTarget, name: string): Promise<Stage> => t.stages.get(name) ?? (await readStageNow(t, name));

/** A new deployment of the API's current resources for the stage's canary; on a stage without one, a new canary with the share asked for. */
export async function deployToCanary(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const title = 'Deploy to Canary';
  const known = knownStage(from, stageName);
  const p = ctx.prompter;
  const deploy = (s: Filled<CanaryDeployState, 'target' | 'stageName'>): Deploy => ({ restApiId: s.target.restApiId, stageName: s.stageName, existing: true, description: s.description || undefined, toCanary: s.canary });
  const steps: PromptStep<CanaryDeployState>[] = [
    ...stageSteps(ctx, known),
    {
      prompt: async (st, info) => {
        const s = filled(st, ['target', 'stageName']);
        if (known.stageName === undefined) s.seen = await seenStage(s.target, s.stageName);
        s.description = await p.input({ ...info, prompt: "Deployment description (optional): what the canary's code changes", value: s.description, validate: descriptionProblem });
      },
    },
    {
      when: (s) => !hasCanary(s.seen),
      prompt: async (st, info) => {
        const s = filled(st, ['stageName']);
        s.percent = await p.input({ ...info, prompt: `Share of stage "${s.stageName}"'s requests for the new canary, in percent (0 to 100, decimals allowed)`, placeholder: 'e.g. 10', value: s.percent ?? '10', validate: percentProblem });
      },
    },
    {
      prompt: async (st, info) => {
        const s = filled(st, ['target', 'stageName']);
        const { target: t, stageName: name } = s;
        // Read before write: a canary made, changed or removed meanwhile decides what is sent.
        const stage = await readStageNow(t, name);
        let note: string;
        if (hasCanary(stage)) {
          s.canary = stage.canarySettings;
          note = `Stage "${name}" has a canary: ${canaryText(stage.canarySettings)}. The new deployment replaces the canary's ${stage.canarySettings.deploymentId ?? '?'}; its share, variable overrides and cache use stay. The stage keeps deployment ${stage.deploymentId ?? '(none)'} for the other requests.`;
        } else if (s.percent === undefined) {
          throw new Notice(`The canary of stage "${name}" was removed meanwhile: run Deploy to Canary… again to make a new one.`);
        } else {
          s.canary = { percentTraffic: Number(s.percent) };
          note = `Stage "${name}" has no canary: this makes one. ${s.percent}% of requests go to the new deployment, the others stay on deployment ${stage.deploymentId ?? '(none)'}.`;
        }
        const made = s.description ? `new deployment ${quotedDescription(s.description)}` : 'new deployment without a description';
        await confirmPlan(p, info, `Deploy ${t.apiName} to the canary of stage "${name}" (${s.canary.percentTraffic ?? 0}% of requests): ${made}`, deployPlan(deploy(s)), [note], stageReview(ctx, t, stage));
      },
    },
  ];
  const seen = known.target && known.stageName !== undefined ? await seenStage(known.target, known.stageName) : undefined;
  const s = await runWizard(title, { ...known, seen }, steps, ['target', 'stageName']);
  await sendDeploy(ctx, s.target, deploy(s));
}

/** The stage takes the canary's deployment and variable overrides; the canary is removed or kept at 0%, as the user picks. */
export async function promoteCanary(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const title = 'Promote Canary';
  const { target: t, stageName: name } = await stageTarget(ctx, title, from, stageName);
  const stage = await readStageNow(t, name);
  if (!hasCanary(stage)) throw new Notice(`Stage "${name}" has no canary: nothing to promote.`);
  const plan = (keepAtZero: boolean) => updateStageSteps(t.restApiId, name, promoteOps(stage.canarySettings, keepAtZero));
  const picked = await choosePlan(ctx.prompter, { title: `${title}: stage "${name}" of ${t.apiName}` }, [
    { action: 'Promote, then remove the canary', plan: plan(false) },
    { action: 'Promote, and keep the canary at 0% for the next release', plan: plan(true) },
  ], promoteNotes(name, stage), stageReview(ctx, t, stage));
  await execute(ctx, t, picked.plan, { busy: { stage: name }, busyLabel: 'Promoting the canary…', progressTitle: `Promoting the canary of stage "${name}"…` });
  reportDone(ctx, t.connection, `Promoted the canary of stage ${name}: all requests run deployment ${stage.canarySettings.deploymentId ?? '?'}`);
}

export async function deleteCanary(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const s = await stageTarget(ctx, 'Delete Canary', from, stageName);
  // Read before write: the canary as AWS holds it now (it may have been promoted or removed elsewhere).
  const stage = await readStageNow(s.target, s.stageName);
  if (!hasCanary(stage)) throw new Notice(`Stage "${s.stageName}" has no canary: nothing to delete.`);
  const plan = updateStageSteps(s.target.restApiId, s.stageName, [REMOVE_CANARY]);
  await confirmPlanModal(ctx.prompter, `Delete the canary of stage "${s.stageName}" of ${s.target.apiName}?`, plan, 'Delete Canary', [
    `The canary: ${canaryText(stage.canarySettings)}.`,
    `All requests then go to the stage's deployment ${stage.deploymentId ?? '(none)'}; the canary's settings and variable overrides are gone. Its deployment stays under Deployments.`,
  ], ownerOfStage(s.target, stage));
  await execute(ctx, s.target, plan, { busy: { stage: s.stageName }, busyLabel: 'Deleting the canary…', progressTitle: `Deleting the canary of stage "${s.stageName}"…` });
  reportDone(ctx, s.target.connection, `Deleted the canary of stage ${s.stageName}`);
}
