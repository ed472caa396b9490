// Create Stage…: the guide's "associate an existing deployment with a new stage".
import * as vscode from 'vscode';
import type { Stage } from '../../aws/apiGateway';
import type { Ctx } from '../../context';
import { Cancelled, isKind, NoDeployment } from '../../errors';
import { deploymentName } from '../../model/deployments';
import { createStagePlan, settingsSummary } from '../../model/rebuild';
import { descriptionProblem, stageNameProblem } from '../../model/stageName';
import { DeploymentNode } from '../../tree/deploymentNodes';
import type { TreeNode } from '../../tree/node';
import { type ApiTarget, apiOfNode, type DeploymentItem, deploymentItems, revealStage, stageItem, reportDone, targetOfNode } from '../../stages/targets';
import { commandId } from '../../commandIds';
import { confirmPlan, execute } from '../../stages/execute';
import { apiStep } from '../stageTarget';
import { type Filled, filled, type PromptStep, runWizard } from '../wizard';

/** What the review and the request need. */
const DONE = ['target', 'name', 'deploymentId'] as const;

interface CreateState {
  target?: ApiTarget;
  deployments?: DeploymentItem[];
  name?: string;
  description?: string;
  deploymentId?: string;
  /** null: no copy. */
  copyFrom?: Stage | null;
}

export async function createStage(ctx: Ctx, node?: TreeNode): Promise<void> {
  const apiNode = apiOfNode(node);
  const state: CreateState = { target: apiNode && targetOfNode(apiNode) };
  if (node instanceof DeploymentNode) state.deploymentId = node.deployment.id;
  const fixedDeployment = state.deploymentId !== undefined;
  const p = ctx.prompter;

  const steps: PromptStep<CreateState>[] = [
    apiStep(ctx, !!apiNode),
    {
      prompt: async (s, info) => {
        const t = filled(s, ['target']).target;
        // The stages for the name check, and the deployments (an API without one cannot have a stage).
        const loading = Promise.all([t.stages.load(), deploymentItems(t)]).then(([, deployments]) => {
          s.deployments = deployments;
          if (!deployments.length) throw new NoDeployment();
        });
        try {
          s.name = (await p.input({
            ...info,
            prompt: `Name of the new stage of ${t.apiName}: letters, digits, "-" and "_"`,
            placeholder: 'e.g. beta',
            value: s.name,
            validate: (v) => stageNameProblem(v, t.stages.names()),
            loading,
          })).trim();
        } catch (e) {
          if (isKind(e, NoDeployment)) offerDeploy(ctx, t);
          throw e;
        }
      },
    },
    {
      prompt: async (s, info) => {
        s.description = await p.input({ ...info, prompt: `Description of stage "${s.name}" (optional)`, value: s.description, validate: descriptionProblem });
      },
    },
    {
      when: () => !fixedDeployment,
      prompt: async (st, info) => {
        const s = filled(st, ['deployments']);
        const picked = await p.pick(s.deployments, { ...info, placeholder: `Deployment for stage "${s.name}" (newest first)` });
        s.deploymentId = picked.deployment.id;
      },
    },
    {
      prompt: async (s, info) => {
        const stages = filled(s, ['target']).target.stages.list() ?? [];
        type Item = vscode.QuickPickItem & { stage?: Stage };
        const items: Item[] = [{ label: "Don't copy settings", description: 'AWS defaults' }];
        if (stages.length) items.push({ label: 'Copy settings from', kind: vscode.QuickPickItemKind.Separator });
        // What is copied, each setting named: every stage-level setting (not the description).
        items.push(...stages.map((st) => ({
          ...stageItem(st),
          label: `Copy settings from stage ${st.stageName}`,
          detail: `${settingsSummary(st, { tags: false }).join(', ') || 'AWS defaults: it has no settings of its own'}${st.cacheClusterEnabled ? ' · its cache is on: the new stage gets its own cache, billed by the hour' : ''}`,
        })));
        const picked = await p.pick(items, { ...info, placeholder: 'Copy the settings of an existing stage?' });
        s.copyFrom = picked.stage ?? null;
      },
    },
    {
      prompt: async (s, info) => {
        const { plan, notes } = planOf(filled(s, DONE));
        const on = s.deployments?.find((d) => d.deployment.id === s.deploymentId)?.deployment;
        await confirmPlan(p, info, `Create stage "${s.name}" on deployment ${deploymentName(on, s.deploymentId)}`, plan, notes);
      },
    },
  ];
  const planOf = (s: Filled<CreateState, (typeof DONE)[number]>) => createStagePlan({
    restApiId: s.target.restApiId, region: s.target.connection.region, stageName: s.name, deploymentId: s.deploymentId,
    description: s.description || undefined, copyFrom: s.copyFrom ?? undefined,
  });

  const done = await runWizard(fixedDeployment ? `Create Stage from Deployment ${state.deploymentId}` : 'Create Stage', state, steps, DONE);
  const t = done.target;
  await execute(ctx, t, planOf(done).plan, {
    busy: 'stages',
    busyLabel: `Creating ${done.name}…`,
    progressTitle: `Creating stage "${done.name}" of ${t.apiName}`,
    partialMessage: () => `Stage "${done.name}" was created, but the copied settings were not applied.`,
  });
  await revealStage(ctx, t, done.name);
  reportDone(ctx, t.connection, `Created stage ${done.name} of ${t.apiName}`);
}

/** No deployment yet: say so, and offer Deploy to Stage, which makes one together with a stage. */
function offerDeploy(ctx: Ctx, target: ApiTarget): never {
  const deploy = 'Deploy to Stage…';
  void ctx.notifier.info(`${target.apiName} has no deployment yet. A stage points at a deployment: Deploy to Stage makes both.`, deploy).then((choice) => {
    if (choice === deploy) void vscode.commands.executeCommand(commandId('deployToStage'), target);
  });
  throw new Cancelled();
}
