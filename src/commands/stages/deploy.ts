// Deploy to Stage…: a new deployment of the API's current resources, on a new or existing stage.
import type { CanarySettings } from '@aws-sdk/client-api-gateway';
import * as vscode from 'vscode';
import type { Ctx } from '../../context';
import { errorMessage } from '../../errors';
import { deploymentName, quotedDescription } from '../../model/deployments';
import { type Deploy, deployPlan } from '../../model/plans';
import { descriptionProblem, stageNameProblem } from '../../model/stageName';
import type { TreeNode } from '../../tree/node';
import { deployCanaryNote, hasCanary } from '../../model/canary';
import { undeployedNote } from '../../model/undeployed';
import { type ApiTarget, reloadDeployments, revealStage, type StageItem, stageItem, reportDone } from '../../stages/targets';
import { choosePlan, confirmPlan, execute } from '../../stages/execute';
import { stageReview } from '../../stages/ownership';
import { readStageNow } from '../../stages/readBeforeWrite';
import { apiStep, knownStage } from '../stageTarget';
import { type Filled, filled, type PromptStep, runWizard } from '../wizard';

interface DeployState {
  target?: ApiTarget;
  stageName?: string;
  existing?: boolean;
  /** The new stage's name was typed in the first picker (and is valid): no name step. */
  named?: boolean;
  description?: string;
  /** The existing stage has a canary (read at the review), and the user chose: to the whole stage, its canary removed… */
  removeCanary?: boolean;
  /** …or to the canary, with its share, overrides and cache use as read. */
  toCanary?: CanarySettings;
}

/** `from`: a tree node, or the API (and stage) handed over by Create Stage on an API without deployments, or by the stage editor. */
export async function deployToStage(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  // From a stage (its node, or its editor): that stage, which exists.
  const known = knownStage(from, stageName);
  const state: DeployState = { target: known.target, stageName: known.stageName, existing: known.stageName !== undefined || undefined };
  const fixedStage = state.stageName !== undefined;
  const knownApi = !!state.target;
  const p = ctx.prompter;

  const steps: PromptStep<DeployState>[] = [
    apiStep(ctx, knownApi),
    {
      when: () => !fixedStage,
      prompt: async (st, info) => {
        const s = filled(st, ['target']);
        const stages = s.target.stages;
        const items = stages.load().then((list): StageItem[] => [
          { label: 'New stage…', iconPath: new vscode.ThemeIcon('add'), newStage: true },
          ...list.map((st) => stageItem(st)),
        ]);
        // A name typed here is offered at once as a new stage; with what is wrong with it, if anything.
        const typed = (value: string): StageItem | undefined => {
          const name = value.trim();
          if (!name || stages.names().includes(name)) return undefined;
          return { label: `New stage "${name}"`, iconPath: new vscode.ThemeIcon('add'), detail: stageNameProblem(name, stages.names()), newStage: true, typedName: name };
        };
        const picked = await p.pick(items, { ...info, placeholder: `Stage to deploy ${s.target.apiName} to, or the name of a new one`, typed });
        s.existing = !picked.newStage;
        s.stageName = picked.newStage ? picked.typedName : picked.stage?.stageName;
        s.named = picked.typedName !== undefined && !stageNameProblem(picked.typedName, stages.names());
      },
    },
    {
      // Also for a typed name that is not valid: the box shows it with what is wrong.
      when: (s) => !s.existing && !s.named,
      prompt: async (st, info) => {
        const s = filled(st, ['target']);
        s.stageName = (await p.input({ ...info, prompt: 'Name of the new stage', placeholder: 'e.g. dev', value: s.stageName, validate: (v) => stageNameProblem(v, s.target.stages.names()) })).trim();
      },
    },
    {
      prompt: async (s, info) => {
        s.description = await p.input({ ...info, prompt: 'Deployment description (optional): what changed', value: s.description, validate: descriptionProblem });
      },
    },
    {
      prompt: async (st, info) => {
        const s = filled(st, ['target', 'stageName']);
        const made = s.description ? `new deployment ${quotedDescription(s.description)}` : 'new deployment without a description';
        const action = `Deploy ${s.target.apiName} to ${s.existing ? '' : 'new '}stage "${s.stageName}": ${made}`;
        s.removeCanary = false;
        s.toCanary = undefined;
        if (!s.existing) return confirmPlan(p, info, action, plan(s));
        // Read before write: the stage as it is now, and whether it has a canary (AWS refuses a plain deployment then).
        const stage = await readStageNow(s.target, s.stageName);
        const undeployed = await undeployedNotes(ctx, s.target, stage.deploymentId);
        const review = stageReview(ctx, s.target, stage);
        if (!hasCanary(stage)) return confirmPlan(p, info, action, plan(s), undeployed, review);
        // Never silently: the user picks the canary or the whole stage, each with its requests.
        const c = stage.canarySettings;
        const picked = await choosePlan(p, info, [
          { action: `${action} as its canary (${c.percentTraffic ?? 0}% of requests)`, plan: plan({ ...s, toCanary: c }), value: 'canary' as const },
          { action: `${action} and remove its canary (all requests)`, plan: plan({ ...s, removeCanary: true }), value: 'whole' as const },
        ], [...undeployed, deployCanaryNote(s.stageName, c)], review);
        if (picked.value === 'canary') s.toCanary = c;
        else s.removeCanary = true;
      },
    },
  ];
  const deploy = (s: Filled<DeployState, 'target' | 'stageName'>): Deploy =>
    ({ restApiId: s.target.restApiId, stageName: s.stageName, existing: !!s.existing, description: s.description || undefined, removeCanary: s.removeCanary, toCanary: s.toCanary });
  const plan = (s: Filled<DeployState, 'target' | 'stageName'>) => deployPlan(deploy(s));

  const s = await runWizard('Deploy to Stage', state, steps, ['target', 'stageName']);
  await sendDeploy(ctx, s.target, deploy(s));
}

/** What the deploy brings that the stage's deployment lacks, as far as AWS says; nothing when that cannot be read. */
async function undeployedNotes(ctx: Ctx, t: ApiTarget, deploymentId: string | undefined): Promise<string[]> {
  if (!deploymentId) return [];
  const changes = await t.stages.content.undeployed(deploymentId).catch((e: unknown) => {
    ctx.log.warn(`Comparing deployment ${deploymentId} with the API failed: ${errorMessage(e)}`);
    return undefined;
  });
  const note = undeployedNote(deploymentId, changes);
  return note ? [note] : [];
}

/** Sends a reviewed deploy plan (Deploy to Stage, Deploy to Canary): the tree follows, the deployment is named when done. */
export async function sendDeploy(ctx: Ctx, t: ApiTarget, d: Deploy): Promise<void> {
  let result;
  try {
    result = await execute(ctx, t, deployPlan(d), {
      busy: d.existing ? { stage: d.stageName } : 'stages',
      busyLabel: 'Deploying…',
      progressTitle: `Deploying ${t.apiName} to ${d.toCanary ? 'the canary of ' : ''}stage "${d.stageName}"`,
      partialMessage: (e) => `Deployment ${e.partial.deployment?.id ?? ''} was made, but stage "${d.stageName}" was not moved to it.`,
    });
  } finally {
    // A deployment that was made shows under Deployments, even when moving the stage to it failed.
    reloadDeployments(ctx, t);
  }
  if (!d.existing || d.toCanary) {
    // CreateDeployment made the new stage, or moved the canary, without returning the stage: read it (the deploy itself succeeded).
    await t.stages.reloadStage(d.stageName).catch((e: unknown) => ctx.log.warn(`Reading stage ${d.stageName} failed: ${errorMessage(e)}`));
    if (!d.existing) await revealStage(ctx, t, d.stageName);
  }
  const where = d.toCanary ? `the canary of ${d.stageName} (${d.toCanary.percentTraffic ?? 0}% of requests)` : d.stageName;
  reportDone(ctx, t.connection, `Deployed ${t.apiName} to ${where} (deployment ${deploymentName(result.deployment)})`);
}
