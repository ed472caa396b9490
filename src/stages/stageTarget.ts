// The stage a command works on: a stage or method node, an (API, stage name) handed over by the
// stage editor, or asked for from the palette.
import type { Ctx } from '../context';
import { MethodNode } from '../tree/methodNode';
import type { TreeNode } from '../tree/node';
import { StageNode } from '../tree/stageNodes';
import { type ApiTarget, apiOfNode, pickApi, pickStage, splitFrom, targetOfNode } from './targets';

export interface StageTarget {
  readonly target: ApiTarget;
  readonly stageName: string;
  /** Run on a method node: its method-setting key. */
  readonly methodKey?: string;
}

/** What the command's argument tells: the API, the stage and the method when known (a wizard asks for the rest in its own steps). */
export function knownStage(from?: TreeNode | ApiTarget, stageName?: unknown): Partial<StageTarget> {
  const { handed, node } = splitFrom(from);
  if (handed && typeof stageName === 'string') return { target: handed, stageName };
  if (node instanceof StageNode) return { target: targetOfNode(node.api), stageName: node.name };
  if (node instanceof MethodNode) return { target: targetOfNode(node.parent.api), stageName: node.parent.name, methodKey: node.key };
  const apiNode = apiOfNode(node);
  return { target: apiNode ? targetOfNode(apiNode) : handed };
}

export async function stageTarget(ctx: Ctx, title: string, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<StageTarget> {
  const known = knownStage(from, stageName);
  if (known.target && known.stageName !== undefined) return known as StageTarget;
  const target = known.target ?? (await pickApi(ctx, ctx.prompter, { title, step: 1, totalSteps: 2 }));
  const stage = await pickStage(target, ctx.prompter, { title, step: known.target ? 1 : 2, totalSteps: known.target ? 1 : 2 });
  return { target, stageName: stage.stageName! };
}
