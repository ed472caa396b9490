// The commands of a deployment (the API's Deployments folder): Edit Deployment Description… and
// Delete Deployment…. Each reads the deployment, or the stages, from AWS right before its review.
import type { Deployment } from '../../aws/apiGateway';
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { deploymentDescriptionProblem, deploymentName, holdersOf, holdersText, quotedDescription } from '../../model/deployments';
import { deleteDeploymentPlan, deploymentDescriptionPlan } from '../../model/plans';
import { DeploymentNode } from '../../tree/deploymentNodes';
import type { TreeNode } from '../../tree/node';
import { confirmPlan, confirmPlanModal, execute } from '../../stages/execute';
import { apiOfNode, type ApiTarget, deploymentItems, reloadDeployments, reportDone, targetOfNode } from '../../stages/targets';
import type { Prompter, StepInfo } from '../../ui/prompter';
import { apiStep } from '../stageTarget';
import { filled, type PromptStep, runWizard } from '../wizard';

type KnownDeployment = Deployment & { id: string };

interface DeploymentState {
  target?: ApiTarget;
  deployment?: KnownDeployment;
}

interface DescriptionState extends DeploymentState {
  description?: string;
  plan?: ReturnType<typeof deploymentDescriptionPlan>;
}

/** The wizard's first steps: the API and the deployment, unless the command ran on a deployment node. */
function deploymentSteps<S extends DeploymentState>(ctx: Ctx, node: TreeNode | undefined): { state: DeploymentState; steps: PromptStep<S>[] } {
  const apiNode = apiOfNode(node);
  const state: DeploymentState = { target: apiNode && targetOfNode(apiNode), deployment: node instanceof DeploymentNode ? node.deployment : undefined };
  const known = { api: !!state.target, deployment: !!state.deployment };
  return {
    state,
    steps: [
      apiStep(ctx, known.api),
      { when: () => !known.deployment, prompt: async (s, info) => void (s.deployment = await pickDeployment(filled<DeploymentState, 'target'>(s, ['target']).target, ctx.prompter, info)) },
    ],
  };
}

async function pickDeployment(target: ApiTarget, p: Prompter, info: StepInfo): Promise<KnownDeployment> {
  const items = deploymentItems(target).then((all) => {
    if (!all.length) throw new Notice(`${target.apiName} has no deployment yet: Deploy to Stage makes one.`);
    return all;
  });
  return (await p.pick(items, { ...info, placeholder: `Deployment of ${target.apiName}`, matchOnDescription: true })).deployment;
}

/** One GetDeployment: the deployment as AWS holds it now; gone is said plainly. */
async function readDeploymentNow(ctx: Ctx, target: ApiTarget, id: string): Promise<KnownDeployment> {
  const now = await target.gateway.getDeployment(target.restApiId, id);
  if (!now) {
    reloadDeployments(ctx, target);
    throw new Notice(`Deployment ${id} of ${target.apiName} no longer exists (deleted meanwhile?). Deployments now shows what AWS holds.`);
  }
  return { ...now, id };
}

export async function editDeploymentDescription(ctx: Ctx, node?: TreeNode): Promise<void> {
  const { state, steps } = deploymentSteps<DescriptionState>(ctx, node);
  const p = ctx.prompter;
  const all: PromptStep<DescriptionState>[] = [
    ...steps,
    {
      prompt: async (state, info) => {
        const st = filled(state, ['deployment']);
        st.description = await p.input({
          ...info,
          prompt: `Description of deployment ${st.deployment.id} (empty: none)`,
          value: st.description ?? st.deployment.description ?? '',
          validate: deploymentDescriptionProblem,
        });
      },
    },
    {
      // Read before write: the description as AWS holds it now, not as listed minutes ago.
      prompt: async (state, info) => {
        const st = filled(state, ['target', 'deployment', 'description']);
        const t = st.target;
        const now = await readDeploymentNow(ctx, t, st.deployment.id);
        const was = now.description ?? '';
        if (was === st.description) throw new Notice(`Deployment ${now.id} already has that description: nothing to change.`);
        const notes = was !== (st.deployment.description ?? '') ? [`Changed meanwhile: its description is ${was ? quotedDescription(was) : 'empty'} now (was ${quotedDescription(st.deployment.description ?? '')} when you chose).`] : [];
        st.plan = deploymentDescriptionPlan(t.restApiId, now.id, st.description);
        const to = st.description ? quotedDescription(st.description) : 'none';
        await confirmPlan(p, info, `Set the description of deployment ${now.id} to ${to}`, st.plan, notes);
      },
    },
  ];
  const s = await runWizard<DescriptionState, 'target' | 'deployment' | 'plan'>('Edit Deployment Description', state, all, ['target', 'deployment', 'plan']);
  const t = s.target;
  try {
    await execute(ctx, t, s.plan, { busy: 'none', busyLabel: 'Saving…', progressTitle: `Setting the description of deployment ${s.deployment.id}…` });
  } finally {
    // The folder, and the stage rows that name the deployment (a canary's), show what AWS holds.
    reloadDeployments(ctx, t);
  }
  reportDone(ctx, t.connection, `Deployment ${s.deployment.id} of ${t.apiName} is now described ${s.description ? quotedDescription(s.description) : 'by nothing'}`);
}

export async function deleteDeployment(ctx: Ctx, node?: TreeNode): Promise<void> {
  const { state, steps } = deploymentSteps(ctx, node);
  const { target: t, deployment: d } = await runWizard('Delete Deployment', state, steps, ['target', 'deployment']);
  // The stages as AWS holds them now (GetStages): one moved onto it meanwhile keeps it.
  const holders = holdersOf(await t.stages.reload(), d.id);
  if (holders.length) {
    throw new Notice(`Deployment ${deploymentName(d)} is in use by ${holdersText(holders)}: AWS refuses to delete it while a stage or a canary runs it. Point them at another deployment first (Change Deployment…, or delete the canary).`);
  }
  const plan = deleteDeploymentPlan(t.restApiId, d.id);
  await confirmPlanModal(ctx.prompter, `Delete deployment ${deploymentName(d)} of ${t.apiName}?`, plan, 'Delete Deployment', [
    'No stage or canary runs it. A deleted deployment cannot be brought back: a stage can no longer be pointed at it (a new deployment of the API\'s current resources is not the same).',
  ]);
  try {
    await execute(ctx, t, plan, { busy: 'none', busyLabel: 'Deleting…', progressTitle: `Deleting deployment ${d.id}…` });
  } finally {
    reloadDeployments(ctx, t);
  }
  reportDone(ctx, t.connection, `Deleted deployment ${deploymentName(d)} of ${t.apiName}`);
}
