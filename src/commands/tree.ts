// Commands on tree nodes.
import type { Ctx } from '../context';
import { hasCopyableId, isRefreshable, type TreeNode } from '../tree/node';
import { ErrorNode } from '../tree/stateNodes';
import { StageNode } from '../tree/stageNodes';

export function refresh(ctx: Ctx): Promise<void> {
  return ctx.reload(true);
}

/** Refresh on a node, and Retry on an error node (which reloads what failed). */
export async function refreshNode(ctx: Ctx, node?: TreeNode): Promise<void> {
  const target = node instanceof ErrorNode ? node.retryTarget : node;
  if (!target || !isRefreshable(target)) return ctx.reload(true);
  // The view's progress bar while the node reads AWS again; it redraws when the data is in.
  await ctx.notifier.progress('', () => Promise.resolve(target.refresh()), { view: 'apigatewayStages.explorer' });
}

export async function copyInvokeUrl(ctx: Ctx, node?: TreeNode): Promise<void> {
  if (!(node instanceof StageNode)) throw new Error('Copy Invoke URL works on a stage in the API Gateway tree.');
  await ctx.notifier.copy(node.invokeUrl);
  ctx.notifier.status(`Copied ${node.invokeUrl}`, 3000);
}

export async function copyId(ctx: Ctx, node?: TreeNode): Promise<void> {
  if (!node || !hasCopyableId(node)) throw new Error('Copy ID works on a REST API, stage or deployment in the API Gateway tree.');
  const { value, what } = node.copyableId;
  await ctx.notifier.copy(value);
  ctx.notifier.status(`Copied ${what} ${value}`, 3000);
}

export function showLogs(ctx: Ctx): void {
  ctx.log.show();
}
