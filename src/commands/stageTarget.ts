// The stage a command works on: a stage or method node, an (API, stage name) handed over by the
// stage editor, or asked for from the palette, in the first steps of the command's wizard.
import type { Ctx } from '../context';
import { MethodNode } from '../tree/methodNode';
import type { TreeNode } from '../tree/node';
import { StageNode } from '../tree/stageNodes';
import { type ApiTarget, apiOfNode, pickApi, pickStage, splitFrom, targetOfNode } from '../stages/targets';
import { filled, type PromptStep, runWizard } from './wizard';

export interface StageTarget {
  readonly target: ApiTarget;
  readonly stageName: string;
  /** Run on a method node: its method-setting key. */
  readonly methodKey?: string;
}

/** A wizard's state that holds the stage: known from the command's argument, or filled by stageSteps. */
export interface StageState {
  target?: ApiTarget;
  stageName?: string;
  methodKey?: string;
}

/** What the command's argument tells: the API, the stage and the method when known (the wizard asks for the rest, stageSteps). */
export function knownStage(from?: TreeNode | ApiTarget, stageName?: unknown): StageState {
  const { handed, node } = splitFrom(from);
  if (handed && typeof stageName === 'string') return { target: handed, stageName };
  if (node instanceof StageNode) return { target: targetOfNode(node.api), stageName: node.name };
  if (node instanceof MethodNode) return { target: targetOfNode(node.parent.api), stageName: node.parent.name, methodKey: node.key };
  const apiNode = apiOfNode(node);
  return { target: apiNode ? targetOfNode(apiNode) : handed };
}

/** The wizard step that asks for the API, skipped when `known`. */
export function apiStep<S extends { target?: ApiTarget }>(ctx: Ctx, known: boolean): PromptStep<S> {
  return { when: () => !known, prompt: async (s, info) => void (s.target = await pickApi(ctx, ctx.prompter, info)) };
}

/** The wizard step that asks for a stage of the API an earlier step (or the argument) gave. */
export function stageStep<S extends StageState>(ctx: Ctx, when: (state: S) => boolean): PromptStep<S> {
  return {
    when,
    prompt: async (s, info) => {
      const { target } = filled<StageState, 'target'>(s, ['target']);
      s.stageName = (await pickStage(target, ctx.prompter, info)).stageName;
    },
  };
}

/** A wizard's first steps: the API and the stage that `known` lacks. */
export function stageSteps<S extends StageState>(ctx: Ctx, known: StageState): PromptStep<S>[] {
  return [apiStep(ctx, !!known.target), stageStep(ctx, () => known.stageName === undefined)];
}

/** The stage, asked for (API, then stage, with Back) when the argument does not tell it; for a command without a wizard of its own. */
export function stageTarget(ctx: Ctx, title: string, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<StageTarget> {
  const known = knownStage(from, stageName);
  return runWizard(title, { ...known }, stageSteps(ctx, known), ['target', 'stageName']);
}

/** A wizard's title that names the stage when the argument tells it (else the stage is its first steps' answer). */
export function stageTitle(title: string, known: StageState): string {
  return known.target && known.stageName !== undefined ? `${title}: ${known.target.apiName} · ${known.stageName}` : title;
}
