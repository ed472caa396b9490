// Open in AWS Console: the API's resources, or the stage editor page of a stage. On a custom endpoint
// that is not AWS's (an emulator) the ids are the emulator's: said first, opened only if the user wants it anyway.
import * as vscode from 'vscode';
import type { Connection } from '../../aws/connection';
import type { Ctx } from '../../context';
import { consoleUrl, endpointIsAws } from '../../model/consoleUrl';
import type { TreeNode } from '../../tree/node';
import { StageNode } from '../../tree/stageNodes';
import { apiOfNode, pickApi } from '../../stages/targets';

export const OPEN_ANYWAY = 'Open Anyway';

export async function openInConsole(ctx: Ctx, node?: TreeNode): Promise<void> {
  const apiNode = apiOfNode(node);
  const target = apiNode
    ? { restApiId: apiNode.api.id, apiName: apiNode.api.name ?? apiNode.api.id, connection: apiNode.connection }
    : await pickApi(ctx, ctx.prompter, { title: 'Open in AWS Console' });
  const stage = node instanceof StageNode ? node.name : undefined;
  if (!endpointIsAws(target.connection.endpoint) && !(await openAnyway(ctx, target.connection, target.apiName, target.restApiId))) return;
  await vscode.env.openExternal(vscode.Uri.parse(consoleUrl(target.restApiId, target.connection.region, stage)));
}

/** An emulator's ids in the AWS Console find nothing there, or someone else's API: asks first. */
async function openAnyway(ctx: Ctx, connection: Connection, apiName: string, restApiId: string): Promise<boolean> {
  const choice = await ctx.prompter.choose(`${apiName} (${restApiId}) belongs to the emulator at ${connection.endpoint}, not to AWS: the AWS Console will not find it.`, {
    detail: `Profile "${connection.profile}" sends its requests to ${connection.endpoint}. The console opens with your AWS sign-in, in ${connection.region}, on whatever has these ids there, if anything.`,
    choices: [OPEN_ANYWAY],
  });
  return choice === OPEN_ANYWAY;
}
