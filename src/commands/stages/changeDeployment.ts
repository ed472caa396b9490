// Change Deployment…: points a stage at another deployment (the console's rollback).
import * as vscode from 'vscode';
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { changeDeploymentPlan } from '../../model/plans';
import { DeploymentNode } from '../../tree/deploymentNodes';
import type { TreeNode } from '../../tree/node';
import { StageNode } from '../../tree/stageNodes';
import { apiOfNode, type ApiTarget, deploymentItems, pickApi, pickStage, splitFrom, targetOfNode } from '../targets';
import { type PromptStep, runWizard } from '../wizard';
import { confirmPlan, execute } from './execute';
import { iconMessageText } from '../../model/displayText';

interface ChangeState {
  target?: ApiTarget;
  stageName?: string;
  current?: string;
  deploymentId?: string;
}

/** `from`: a tree node, or (API, stage name) handed over by the stage editor. */
export async function changeDeployment(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const { handed, node } = splitFrom(from);
  const apiNode = apiOfNode(node);
  const state: ChangeState = { target: handed ?? (apiNode && targetOfNode(apiNode)) };
  if (node instanceof StageNode) {
    state.stageName = node.name;
    state.current = node.stage.deploymentId;
  } else if (handed && typeof stageName === 'string') {
    state.stageName = stageName;
    state.current = handed.stages.get(stageName)?.deploymentId;
  }
  const knownApi = !!state.target;
  if (node instanceof DeploymentNode) state.deploymentId = node.deployment.id;
  const fixedStage = state.stageName !== undefined;
  const fixedDeployment = state.deploymentId !== undefined;
  const p = ctx.prompter;

  const steps: PromptStep<ChangeState>[] = [
    { when: () => !knownApi, prompt: async (_p, s, info) => void (s.target = await pickApi(ctx, p, info)) },
    {
      when: () => !fixedStage,
      prompt: async (_p, s, info) => {
        let stage = await pickStage(s.target!, p, info, (st) => (st.deploymentId === s.deploymentId ? 'already on this deployment' : undefined));
        // From a deployment node: a stage already on it is no change: ask again.
        while (fixedDeployment && stage.deploymentId === s.deploymentId) {
          stage = await pickStage(s.target!, p, { ...info, title: `${info.title}: "${stage.stageName}" already runs it, pick another stage` });
        }
        s.stageName = stage.stageName;
        s.current = stage.deploymentId;
      },
    },
    {
      when: () => !fixedDeployment,
      prompt: async (_p, s, info) => {
        const items = deploymentItems(s.target!, s.current).then((all) => {
          if (!all.length) throw new Notice(`${s.target!.apiName} has no deployment yet: Deploy to Stage makes one.`);
          return all;
        });
        let placeholder = `Deployment for stage "${s.stageName}" (current: ${s.current ?? 'none'})`;
        // The current deployment is listed (marked) but is no change: ask again.
        for (;;) {
          const picked = await p.pick(items, { ...info, placeholder, matchOnDetail: true });
          if (picked.deployment.id !== s.current) {
            s.deploymentId = picked.deployment.id;
            return;
          }
          placeholder = `Stage "${s.stageName}" already runs ${s.current}: pick another deployment`;
        }
      },
    },
    {
      prompt: async (_p, s, info) => {
        if (s.deploymentId === s.current) throw new Notice(`Stage "${s.stageName}" already points at deployment ${s.current}.`);
        await confirmPlan(p, info, `Point "${s.stageName}" at deployment ${s.deploymentId} (was ${s.current ?? 'none'})`, changeDeploymentPlan(s.target!.restApiId, s.stageName!, s.deploymentId!));
      },
    },
  ];
  const title = fixedDeployment ? `Associate Deployment ${state.deploymentId} with a Stage` : 'Change Deployment';
  const s = await runWizard(p, title, state, steps);
  const t = s.target!;
  await execute(ctx, t, changeDeploymentPlan(t.restApiId, s.stageName!, s.deploymentId!), {
    busyStage: s.stageName,
    busyLabel: 'Changing deployment…',
    progressTitle: `Pointing stage "${s.stageName}" at deployment ${s.deploymentId}`,
    stageName: s.stageName!,
  });
  void vscode.window.setStatusBarMessage(iconMessageText(`Stage ${s.stageName} now runs deployment ${s.deploymentId}`), 5000);
}
