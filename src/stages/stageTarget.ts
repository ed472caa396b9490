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

export async function stageTarget(ctx: Ctx, title: string, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<StageTarget> {
  const { handed, node } = splitFrom(from);
  if (handed && typeof stageName === 'string') return { target: handed, stageName };
  if (node instanceof StageNode) return { target: targetOfNode(node.api), stageName: node.name };
  if (node instanceof MethodNode) return { target: targetOfNode(node.parent.api), stageName: node.parent.name, methodKey: node.key };
  const apiNode = apiOfNode(node);
  const target = apiNode ? targetOfNode(apiNode) : await pickApi(ctx, ctx.prompter, { title, step: 1, totalSteps: 2 });
  const stage = await pickStage(target, ctx.prompter, { title, step: apiNode ? 1 : 2, totalSteps: apiNode ? 1 : 2 });
  return { target, stageName: stage.stageName! };
}
