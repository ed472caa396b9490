// Around a save of CloudWatch settings (the stage editor and Edit One Setting…): logging needs the
// account's CloudWatch Logs role (AWS refuses it otherwise), and new settings take effect after a deployment.
import * as vscode from 'vscode';
import type { Ctx } from '../context';
import { commandId } from '../commandIds';
import { saveWarnings } from '../model/saveWarnings';
import type { Change } from '../model/stageChanges';
import type { StageForm } from '../model/stageForm';
import type { ApiTarget } from './targets';

/**
 * When the save turns logging on and the account has no role: warn first, and offer to set it.
 * `roleArn`: the role as known, or undefined to read it now (one GetAccount, only when logging is turned on).
 */
export async function confirmLoggingRole(ctx: Ctx, target: ApiTarget, loaded: StageForm, form: StageForm, roleArn?: string, stageName?: string): Promise<{ proceed: boolean; roleSet: boolean }> {
  if (!saveWarnings(loaded, form, '').some((w) => w.startsWith('Logging'))) return { proceed: true, roleSet: false };
  const role = roleArn ?? (await target.gateway.getAccount()).cloudwatchRoleArn ?? '';
  const warning = saveWarnings(loaded, form, role).find((w) => w.startsWith('Logging'));
  if (!warning) return { proceed: true, roleSet: false };
  const set = 'Set CloudWatch Log Role ARN…';
  const choice = await ctx.prompter.choose(warning, { choices: [set, 'Save Anyway', CHECK] });
  if (choice === set || choice === CHECK) {
    // The check offers to create the role (and set it), or to set one that exists.
    if (choice === CHECK) await vscode.commands.executeCommand(commandId('checkCloudWatchLogging'), target, stageName);
    else await vscode.commands.executeCommand(commandId('setCloudWatchRoleArn'), target);
    const now = (await target.gateway.getAccount()).cloudwatchRoleArn ?? '';
    return { proceed: !!now, roleSet: !!now };
  }
  return { proceed: choice === 'Save Anyway', roleSet: false };
}

const CHECK = 'Check CloudWatch Logging Setup…';

/** After a save that changed CloudWatch settings: say they take effect after a deployment, and offer one (and the logging check, when logging changed). */
export function offerDeployAfter(ctx: Ctx, target: ApiTarget, stageName: string, changes: readonly Change[]): void {
  if (!changes.some((c) => /\/(logging|metrics)\//.test(c.id) || c.id.startsWith('accessLogSettings'))) return;
  const deploy = 'Deploy to Stage…';
  const logging = changes.some((c) => /\/logging\//.test(c.id));
  void ctx.notifier.info(`New CloudWatch settings of stage "${stageName}" take effect after a new deployment.`, deploy, ...(logging ? [CHECK] : [])).then((c) => {
    if (c === deploy) void vscode.commands.executeCommand(commandId('deployToStage'), target, stageName);
    if (c === CHECK) void vscode.commands.executeCommand(commandId('checkCloudWatchLogging'), target, stageName);
  });
}
