// Check CloudWatch Logging Setup…: why a stage's execution logs stay empty. The account's role (GetAccount),
// the role in IAM (exists, trusts API Gateway, may write logs), the stage's log group and its retention,
// shown as a checklist; picking a failed item runs its fix (a plan, reviewed), then the check runs again.
import * as vscode from 'vscode';
import type { ApiGateway } from '../../aws/apiGateway';
import type { Connection } from '../../aws/connection';
import { getRole, readLoggingFacts } from '../../aws/loggingSetup';
import type { Ctx } from '../../context';
import { isKind, Notice, PlanError } from '../../errors';
import {
  type CheckItem, documentsForAdministrator, executionLogGroupName, FIX_LABELS, type FixKind, type LoggingFacts, loggingChecklist, loggingReport,
  RETENTION_DAYS, roleNameOfArn, roleNameProblem,
} from '../../model/loggingChecks';
import { attachPolicyPlan, createLoggingRolePlan, fixTrustPlan, retentionPlan } from '../../model/loggingPlans';
import type { PlanStep } from '../../model/plans';
import { confirmPlan, execute } from '../../stages/execute';
import { type ApiTarget, currentConnection, reportDone, targetFor } from '../../stages/targets';
import { knownStage, type StageState, stageStep } from '../stageTarget';
import { type PromptStep, runWizard } from '../wizard';
import type { TreeNode } from '../../tree/node';
import { setCloudWatchRoleArn } from './settings';

const TITLE = 'Check CloudWatch Logging Setup';

/** What is checked: the account of a connection, and a stage when there is one. */
interface LoggingScope {
  readonly connection: Connection;
  readonly gateway: ApiGateway;
  readonly target?: ApiTarget;
  readonly stageName?: string;
}

export async function checkCloudWatchLogging(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const scope = await scopeOf(ctx, from, stageName);
  for (;;) {
    const facts = await ctx.notifier.progress('Checking CloudWatch logging setup…', () =>
      readLoggingFacts(scope.gateway, scope.connection.region, scope.target && scope.stageName !== undefined ? { restApiId: scope.target.restApiId, stageName: scope.stageName } : undefined));
    const items = loggingChecklist(facts);
    // Picking a passed row shows the list again (nothing to do); a failed one runs its fix, then checks again.
    for (;;) {
      const picked = await ctx.prompter.pick(checklistRows(items), { title: `${TITLE} (${where(scope)})`, placeholder: placeholderOf(items), matchOnDetail: true });
      if (picked.copyReport) {
        await ctx.notifier.copy(loggingReport(facts, items));
        void ctx.notifier.info('Copied the CloudWatch logging report.');
        continue;
      }
      const item = picked.item;
      if (!item || item.status !== 'failed' || !item.fixes.length) continue;
      const fix = item.fixes.length === 1 ? item.fixes[0] : (await ctx.prompter.pick(item.fixes.map((f) => ({ label: FIX_LABELS[f], fix: f })), { title: TITLE, placeholder: item.label })).fix;
      await runFix(ctx, scope, facts, fix);
      break;
    }
  }
}

type Row = vscode.QuickPickItem & { item?: CheckItem; copyReport?: true };

/** Icons as the Testing view marks results (labels show `$(…)` as written: icons go in iconPath). */
const ICONS = {
  passed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  skipped: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('testing.iconSkipped')),
} as const;

function checklistRows(items: readonly CheckItem[]): Row[] {
  return [
    ...items.map((item): Row => ({
      label: item.label,
      iconPath: ICONS[item.status],
      description: item.status === 'failed' && item.fixes.length ? `Fix: ${item.fixes.map((f) => FIX_LABELS[f]).join(' or ')}` : item.status,
      detail: item.detail,
      item,
    })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: 'Copy report', iconPath: new vscode.ThemeIcon('copy'), description: 'the checklist as text', copyReport: true },
  ];
}

function placeholderOf(items: readonly CheckItem[]): string {
  const failed = items.filter((i) => i.status === 'failed').length;
  return failed ? `${failed} check${failed === 1 ? '' : 's'} failed: pick one to fix it` : 'Every check passed';
}

const where = (s: LoggingScope) => (s.target && s.stageName !== undefined ? `${s.target.apiName} · ${s.stageName} · ${s.connection.region}` : `account settings · ${s.connection.region}`);

/** A stage from its node or the editor; from an API's node its stage is asked; from the palette or the view's title, an API and stage, or the account alone. */
async function scopeOf(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<LoggingScope> {
  const known = knownStage(from, stageName);
  const connection = known.target?.connection ?? currentConnection(ctx);
  const gateway = known.target?.gateway ?? ctx.session.apiFor(connection);
  const steps: PromptStep<StageState & { accountOnly?: boolean }>[] = [
    {
      when: () => !known.target,
      prompt: async (s, info) => {
        type Item = vscode.QuickPickItem & { api?: { id: string; name: string } };
        const items: Promise<Item[]> = gateway.listRestApis().then((apis) => [
          { label: `Account settings only (${connection.region})`, description: 'the role, without a stage\'s log group' },
          ...apis.flatMap((a) => (a.id ? [{ label: a.name ?? a.id, description: a.id, api: { id: a.id, name: a.name ?? a.id } }] : [])),
        ]);
        const picked = await ctx.prompter.pick(items, { ...info, placeholder: `REST API whose stage to check, or the account alone (${connection.profile} · ${connection.region})` });
        s.accountOnly = !picked.api;
        s.target = picked.api && targetFor(ctx, connection, picked.api.id, picked.api.name);
      },
    },
    stageStep(ctx, (s) => known.stageName === undefined && !s.accountOnly),
  ];
  const { target, stageName: name } = await runWizard(TITLE, { ...known }, steps);
  return target && name !== undefined ? { connection, gateway, target, stageName: name } : { connection, gateway };
}

async function runFix(ctx: Ctx, scope: LoggingScope, facts: LoggingFacts, fix: FixKind): Promise<void> {
  const roleName = roleNameOfArn(facts.roleArn);
  switch (fix) {
    case 'createRole':
      return createRole(ctx, scope);
    case 'setExistingRole':
      return setCloudWatchRoleArn(ctx, scope.target);
    case 'copyDocuments':
      await ctx.notifier.copy(documentsForAdministrator());
      void ctx.notifier.info('Copied the trust policy and the permissions for an administrator.');
      return;
    case 'attachPolicy':
      return review(ctx, scope, `Attach AmazonAPIGatewayPushToCloudWatchLogs to role ${roleName}`, attachPolicyPlan(required(roleName)), [
        'IAM: the role may then create log groups and streams and write events to them, in every region.',
      ]);
    case 'fixTrust': {
      // Read before write: the trust policy as it is now, so no statement someone added meanwhile is lost.
      const role = await getRole(scope.gateway, required(roleName));
      if (!role) throw new Notice(`Role ${roleName} no longer exists (deleted meanwhile?): check again.`);
      return review(ctx, scope, `Let API Gateway assume role ${role.name}`, fixTrustPlan(role.name, role.trustPolicy), ['The statements already there are kept.']);
    }
    case 'setRetention': {
      const group = executionLogGroupName(scope.target!.restApiId, scope.stageName!);
      const picked = await ctx.prompter.pick(RETENTION_DAYS.map((days) => ({ label: retentionLabel(days), days })), {
        title: `${TITLE}: retention of ${group}`,
        placeholder: 'Keep the logs for… (older events are deleted)',
      });
      return review(ctx, scope, `Keep the logs of ${group} for ${picked.label}`, retentionPlan(group, picked.days), ['Events older than that are deleted by CloudWatch Logs.']);
    }
  }
}

const required = (roleName: string | undefined): string => {
  if (!roleName) throw new Notice('The account\'s CloudWatch Logs role is not the ARN of an IAM role: check again.');
  return roleName;
};

function retentionLabel(days: number): string {
  const years = days >= 365 ? Math.round(days / 365.25) : 0;
  return years && Math.abs(days - years * 365.25) < 1.5 ? `${days} days (${years} year${years === 1 ? '' : 's'})` : `${days} day${days === 1 ? '' : 's'}`;
}

/** Create the role and set it: the name (IAM's rule, checked free), then CreateRole, AttachRolePolicy, UpdateAccount. */
async function createRole(ctx: Ctx, scope: LoggingScope): Promise<void> {
  const name = await ctx.prompter.input({
    title: `${TITLE}: create the role`,
    prompt: 'A new IAM role that API Gateway assumes to write logs (1–64 characters: letters, digits and + = , . @ _ -).',
    value: 'APIGatewayPushToCloudWatchLogs',
    validate: roleNameProblem,
  });
  // Read before write: a taken name is said plainly, before the review.
  if (await getRole(scope.gateway, name)) throw new Notice(taken(name));
  const now = (await scope.gateway.getAccount()).cloudwatchRoleArn ?? '';
  const region = scope.connection.region;
  try {
    await review(ctx, scope, `Create role ${name} and set it`, createLoggingRolePlan(name), [
      `The account's CloudWatch Logs role in ${region}: ${now || '(not set)'} → the new role. It applies to every API of the account in ${region}.`,
      'IAM takes seconds to make a new role usable: the last request is retried for up to a minute while API Gateway refuses it.',
    ]);
  } catch (e) {
    if (isKind(e, PlanError) && /^EntityAlreadyExists/.test((e.cause as Error | undefined)?.name ?? '')) throw new Notice(taken(name));
    throw e;
  }
}

const taken = (name: string) => `A role named ${name} already exists in this account: pick it with Set CloudWatch Log Role ARN…, or choose another name.`;

/** The plan's review (its requests shown first), then the plan. */
async function review(ctx: Ctx, scope: LoggingScope, action: string, plan: readonly PlanStep[], notes: readonly string[]): Promise<void> {
  await confirmPlan(ctx.prompter, { title: `${TITLE}: ${action}` }, action, plan, notes);
  const target = { connection: scope.connection, gateway: scope.gateway };
  await execute(ctx, target, plan, { busy: 'none', busyLabel: 'Fixing…', progressTitle: `${action}…` });
  reportDone(ctx, scope.connection, `${action}: done`);
}

