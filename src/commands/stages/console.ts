// Open in AWS Console: the API's resources, or the stage editor page of a stage.
import * as vscode from 'vscode';
import type { Ctx } from '../../context';
import { consoleUrl } from '../../model/consoleUrl';
import type { TreeNode } from '../../tree/node';
import { StageNode } from '../../tree/stageNodes';
import { apiOfNode, pickApi } from '../../stages/targets';

export async function openInConsole(ctx: Ctx, node?: TreeNode): Promise<void> {
  const apiNode = apiOfNode(node);
  const target = apiNode
    ? { restApiId: apiNode.api.id, region: apiNode.connection.region }
    : await pickApi(ctx, ctx.prompter, { title: 'Open in AWS Console' }).then((t) => ({ restApiId: t.restApiId, region: t.connection.region }));
  const stage = node instanceof StageNode ? node.name : undefined;
  await vscode.env.openExternal(vscode.Uri.parse(consoleUrl(target.restApiId, target.region, stage)));
}
