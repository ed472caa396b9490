// Edit Stage Settings, Set CloudWatch Log Role ARN…, Flush Stage Cache, Flush Authorizers Cache.
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { flushPlan, setRolePlan } from '../../model/plans';
import { roleArnProblem } from '../../model/stageValidation';
import type { TreeNode } from '../../tree/node';
import { type ApiTarget, currentConnection, reportDone, splitFrom } from '../../stages/targets';
import { confirmPlanModal, execute } from '../../stages/execute';
import { readStageNow } from '../../stages/readBeforeWrite';
import { stageTarget } from '../stageTarget';

export async function editStageSettings(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const s = await stageTarget(ctx, 'Edit Stage Settings', from, stageName);
  await ctx.stageEditors.open(s.target, s.stageName, { focusMethod: s.methodKey });
}

/**
 * The account's CloudWatch Logs role for a region: GetAccount (to show the role), the new ARN, then
 * GetAccount again just before the change (someone may have set it meanwhile), a confirmation with the
 * request, and one UpdateAccount.
 */
export async function setCloudWatchRoleArn(ctx: Ctx, from?: ApiTarget): Promise<void> {
  const { handed } = splitFrom(from);
  const connection = handed ? handed.connection : currentConnection(ctx);
  const gateway = handed ? handed.gateway : ctx.session.apiFor(connection);
  const region = connection.region;
  const seen = (await gateway.getAccount()).cloudwatchRoleArn ?? '';
  const arn = (await ctx.prompter.input({
    title: `Set CloudWatch Log Role ARN (${region})`,
    prompt: `The IAM role API Gateway uses to write logs in ${region}; it trusts apigateway.amazonaws.com and has AmazonAPIGatewayPushToCloudWatchLogs. ${seen ? `Now: ${seen}` : 'Not set now.'}`,
    placeholder: 'arn:aws:iam::123456789012:role/APIGatewayPushToCloudWatchLogs',
    value: seen,
    validate: roleArnProblem,
  })).trim();
  if (arn === seen) throw new Notice(`The CloudWatch Logs role of ${region} is already ${arn}.`);
  // Read before write: an account-wide setting someone else may have changed while the box was open.
  const now = (await gateway.getAccount()).cloudwatchRoleArn ?? '';
  if (arn === now) throw new Notice(`The CloudWatch Logs role of ${region} was set to ${arn} meanwhile (by someone else): nothing to change.`);
  const plan = setRolePlan(arn);
  await confirmPlanModal(ctx.prompter, `Set the CloudWatch Logs role of the account in ${region}?`, plan, 'Set Role', [
    `${now || '(not set)'} → ${arn}`,
    ...(now !== seen ? [`Changed meanwhile: it was ${seen || '(not set)'} when you started; someone else set ${now || '(not set)'}. Yours replaces it.`] : []),
    `It applies to every API of the account in ${region}.`,
  ]);
  await execute(ctx, { connection, gateway }, plan, { busy: 'none', busyLabel: 'Setting the role…', progressTitle: `Setting the CloudWatch Logs role of ${region}…` });
  reportDone(ctx, connection, `CloudWatch Logs role of ${region}: ${arn}`);
}

export async function flushStageCache(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const s = await stageTarget(ctx, 'Flush Stage Cache', from, stageName);
  // Read now: the cache may have been turned on or off elsewhere since the tree read the stage.
  const stage = await readStageNow(s.target, s.stageName);
  if (!stage.cacheClusterEnabled) throw new Notice(`Stage "${s.stageName}" has no cache to flush (the stage cache is off).`);
  await flush(ctx, s.target, s.stageName, 'FlushStageCache', 'cache', 'Its callers are answered by the backend until the cache fills again.');
}

export async function flushAuthorizersCache(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const s = await stageTarget(ctx, 'Flush Authorizers Cache', from, stageName);
  await flush(ctx, s.target, s.stageName, 'FlushStageAuthorizersCache', 'authorizers cache', 'The authorizers run again on the next requests.');
}

async function flush(ctx: Ctx, target: ApiTarget, stageName: string, op: 'FlushStageCache' | 'FlushStageAuthorizersCache', what: string, effect: string): Promise<void> {
  const plan = flushPlan(op, target.restApiId, stageName);
  await confirmPlanModal(ctx.prompter, `Flush the ${what} of stage "${stageName}" of ${target.apiName}?`, plan, `Flush ${what.replace(/^./, (c) => c.toUpperCase())}`, [effect]);
  await execute(ctx, target, plan, { busy: { stage: stageName }, busyLabel: `Flushing ${what}…`, progressTitle: `Flushing the ${what} of stage "${stageName}"…` });
  reportDone(ctx, target.connection, `Flushed the ${what} of stage ${stageName}`);
}
