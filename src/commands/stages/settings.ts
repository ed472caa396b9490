// Edit Stage Settings, Set CloudWatch Log Role ARN…, Flush Stage Cache, Flush Authorizers Cache.
import * as vscode from 'vscode';
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { roleArnProblem } from '../../model/stageValidation';
import { StageEditor } from '../../editor/stageEditor';
import type { TreeNode } from '../../tree/node';
import { Cancelled } from '../../ui/prompter';
import { type ApiTarget, currentConnection, splitFrom, targetFor, whileBusy } from '../targets';
import { isEditorMemento } from '../../webview/protocol';
import { stageTarget } from './stageTarget';
import { iconMessageText, messageText } from '../../model/displayText';

export async function editStageSettings(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const s = await stageTarget(ctx, 'Edit Stage Settings', from, stageName);
  StageEditor.show(ctx, s.target, s.stageName, s.methodKey);
}

/** The account's CloudWatch Logs role for a region: GetAccount, then one UpdateAccount. */
export async function setCloudWatchRoleArn(ctx: Ctx, from?: ApiTarget): Promise<void> {
  const { handed } = splitFrom(from);
  const gateway = handed ? handed.gateway : ctx.session.apiFor(currentConnection(ctx));
  const region = handed ? handed.connection.region : currentConnection(ctx).region;
  const account = await gateway.getAccount();
  const current = account.cloudwatchRoleArn ?? '';
  const arn = (await ctx.prompter.input({
    title: `Set CloudWatch Log Role ARN (${region})`,
    prompt: `The IAM role API Gateway uses to write logs in ${region}; it trusts apigateway.amazonaws.com and has AmazonAPIGatewayPushToCloudWatchLogs. ${current ? `Now: ${current}` : 'Not set now.'}`,
    placeholder: 'arn:aws:iam::123456789012:role/APIGatewayPushToCloudWatchLogs',
    value: current,
    validate: roleArnProblem,
  })).trim();
  if (arn === current) throw new Notice(`The CloudWatch Logs role of ${region} is already ${arn}.`);
  const ok = await ctx.prompter.confirm(`Set the CloudWatch Logs role of the account in ${region}?`, {
    detail: `${current || '(not set)'} → ${arn}\n\nRequest: UpdateAccount replace /cloudwatchRoleArn = "${arn}". It applies to every API of the account in ${region}.`,
    confirm: 'Set Role',
  });
  if (!ok) throw new Cancelled();
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Setting the CloudWatch Logs role…' }, () => gateway.setCloudWatchRoleArn(arn));
  void vscode.window.setStatusBarMessage(iconMessageText(`CloudWatch Logs role of ${region}: ${arn}`), 5000);
}

export async function flushStageCache(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const s = await stageTarget(ctx, 'Flush Stage Cache', from, stageName);
  // Read now: the cache may have been turned on elsewhere since the tree read the stage.
  const stage = (await s.target.stages.reloadStage(s.stageName)) ?? s.target.stages.get(s.stageName);
  if (!stage) throw new Notice(`Stage "${s.stageName}" does not exist any more.`);
  if (!stage.cacheClusterEnabled) throw new Notice(`Stage "${s.stageName}" has no cache to flush (the stage cache is off).`);
  await whileBusy(ctx, s.target, s.stageName, 'Flushing cache…', () => s.target.gateway.flushStageCache(s.target.restApiId, s.stageName));
  void vscode.window.showInformationMessage(messageText(`Flushed the cache of stage "${s.stageName}". It refills from the next requests.`));
}

export async function flushAuthorizersCache(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const s = await stageTarget(ctx, 'Flush Authorizers Cache', from, stageName);
  await whileBusy(ctx, s.target, s.stageName, 'Flushing authorizers cache…', () => s.target.gateway.flushAuthorizersCache(s.target.restApiId, s.stageName));
  void vscode.window.showInformationMessage(messageText(`Flushed the authorizers cache of stage "${s.stageName}".`));
}

/** After a window reload: the editors VS Code kept come back and read their stage again. */
export function registerEditorRestore(ctx: Ctx): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer('apigatewayStages.stageEditor', {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      await ctx.ready;
      if (!isEditorMemento(state)) {
        panel.dispose();
        return;
      }
      const target = targetFor(ctx, { profile: state.profile, region: state.region, endpoint: endpointFor(ctx, state.profile) }, state.restApiId, state.apiName);
      StageEditor.restore(ctx, panel, target, state);
    },
  });
}

/** The endpoint of a profile now (the session's, when that is the profile in use). */
function endpointFor(ctx: Ctx, profile: string): string | undefined {
  const s = ctx.session.state;
  return s.kind === 'ready' && s.connection.profile === profile ? s.connection.endpoint : ctx.session.profiles.find((p) => p.name === profile)?.endpointUrl;
}
