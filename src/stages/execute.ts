// The one way a command or the stage editor changes AWS: a plan, previewed, then sent by `execute`,
// which gives every plan the same guarantees: a log entry (secrets hidden), the node busy, a progress
// notification with Cancel, the shared stages updated from each answer, each answer checked (by the
// runner), a read of the stage after a failure, and Retry the Rest when a later step fails.
//
// One confirmation: a review that shows, in this order and in the same words, whose stage it is (the
// owner's warning), the notes (what is left out, and why), then each way on with its exact requests
// (planPreview, src/model/plans.ts). It takes one of two forms, for a reason each: the last step of a
// quick-pick flow (choosePlan, confirmPlan: a wizard, the logging checklist's fixes), where Back, the
// step counter, several ways on and Copy as Template Snippet (which leaves it open) need a quick pick;
// and a modal (confirmPlanModal) for a command that is not such a flow: the deletes, a flush, the
// one-value settings of a stage or the account (role, web ACL, client certificate, documentation
// version), and the saves of the stage editor and of a stage JSON file, which come from Ctrl+S or a
// close prompt, not from a quick pick. Nothing else confirms a plan.
import * as vscode from 'vscode';
import type { Account, ApiGateway } from '../aws/apiGateway';
import type { Connection } from '../aws/connection';
import { type OnAnswer, type PlanResult, runPlan } from '../aws/planRunner';
import type { ApiStages } from '../aws/stageStore';
import type { Ctx } from '../context';
import { BusyError, Cancelled, errorMessage, Handled, isKind, PlanCancelled, PlanError } from '../errors';
import { sentences } from '../model/noteRows';
import { type PlanStep, planPreview, stageOfStep } from '../model/plans';
import { type Owner, ownerName, ownerWarning } from '../model/ownership';
import type { Prompter, StepInfo } from '../ui/prompter';
import { whileBusy } from './targets';

/** The last wizard step: the exact requests (and notes: what is left out, and why), and one item that sends them. */
export async function confirmPlan(prompter: Prompter, info: StepInfo, action: string, plan: readonly PlanStep[], notes: readonly string[] = [], review: ReviewExtras = {}): Promise<void> {
  await choosePlan(prompter, info, [{ action, plan }], notes, review);
}

/** What a review of a stage's change adds when a tool deploys that stage (src/stages/ownership.ts makes it). */
export interface ReviewExtras {
  /** A warning above the requests, and each item that sends says whose stage it changes. */
  readonly owner?: Owner;
  /** Copies the stage changes of a plan as a template snippet: an item that leaves the review open. */
  readonly copySnippet?: (plan: readonly PlanStep[]) => Promise<void>;
}

export interface PlanChoice<T = undefined> {
  /** The item that sends it, e.g. `Create stage "beta"`. */
  readonly action: string;
  readonly plan: readonly PlanStep[];
  readonly value?: T;
}

/**
 * The last wizard step when there are ways to go on (keep or remove a canary): one item per way, each
 * with its requests below it; notes above. Resolves with the choice picked.
 */
export async function choosePlan<T>(prompter: Prompter, info: StepInfo, choices: readonly PlanChoice<T>[], notes: readonly string[] = [], review: ReviewExtras = {}): Promise<PlanChoice<T>> {
  type Item = vscode.QuickPickItem & { choice?: PlanChoice<T>; snippetOf?: PlanChoice<T> };
  const items: Item[] = ownerRows(review.owner);
  if (notes.length) {
    items.push({ label: 'Before you send', kind: vscode.QuickPickItemKind.Separator });
    // A row a sentence: a quick pick row does not wrap, and a note cut at the window's edge would hide what it says.
    for (const note of notes) {
      sentences(note).forEach((sentence, i) => items.push(i ? { label: `    ${sentence}` } : { label: sentence, iconPath: new vscode.ThemeIcon('info') }));
    }
  }
  for (const choice of choices) {
    const owned = review.owner ? ` · changes a stage of ${ownerName(review.owner)}` : '';
    const preview = planPreview(choice.plan);
    items.push({ label: choices.length > 1 ? choice.action : preview.heading, kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: choice.action, iconPath: new vscode.ThemeIcon('check'), description: `sends ${preview.count}${owned}`, choice });
    items.push(...preview.lines.map((line) => ({ label: line })));
  }
  items.push(...snippetRows(choices, review));
  const what = choices.length > 1 ? 'one of the first items' : `"${choices[0].action}"`;
  for (;;) {
    const picked = await prompter.pick(items, { ...info, placeholder: `Review the requests, then pick ${what}` });
    if (picked.choice) return picked.choice;
    if (picked.snippetOf) await review.copySnippet!(picked.snippetOf.plan);
  }
}

/** The owner's warning, first: two rows, since a quick pick row does not wrap. */
function ownerRows(owner: Owner | undefined): vscode.QuickPickItem[] {
  if (!owner) return [];
  const text = ownerWarning(owner);
  const cut = text.indexOf(': ');
  return [
    { label: 'Managed by code', kind: vscode.QuickPickItemKind.Separator },
    { label: text.slice(0, cut), iconPath: new vscode.ThemeIcon('warning') },
    { label: `    ${text.slice(cut + 2)}` },
  ];
}

/** "Copy as Template Snippet" for each choice that changes the stage's settings (an UpdateStage); the review stays open. */
function snippetRows<T>(choices: readonly PlanChoice<T>[], review: ReviewExtras): (vscode.QuickPickItem & { snippetOf?: PlanChoice<T> })[] {
  const updating = review.copySnippet ? choices.filter((c) => c.plan.some((step) => step.op === 'UpdateStage')) : [];
  if (!updating.length) return [];
  return [
    { label: 'Make the change in code', kind: vscode.QuickPickItemKind.Separator },
    ...updating.map((c) => ({
      label: 'Copy as Template Snippet',
      iconPath: new vscode.ThemeIcon('copy'),
      description: `${updating.length > 1 ? `${c.action} · ` : ''}CloudFormation/SAM, CDK or Terraform; sends nothing`,
      snippetOf: c,
    })),
  ];
}

/** The review as a modal, for a command that asks once with no wizard: the owner's warning, the notes (`before`), the requests. */
export async function confirmPlanModal(prompter: Prompter, message: string, plan: readonly PlanStep[], confirm: string, before: readonly string[] = [], owner?: Owner): Promise<void> {
  const detail = [...(owner ? [ownerWarning(owner)] : []), ...before, planPreview(plan).text].join('\n\n');
  if (!(await prompter.confirm(message, { detail, confirm }))) throw new Cancelled();
}

/** Where a plan goes: an API of a connection (its stages kept up to date), or only a connection (the account). */
export interface PlanTarget {
  readonly connection: Connection;
  readonly gateway: ApiGateway;
  readonly restApiId?: string;
  readonly apiName?: string;
  readonly stages?: ApiStages;
}

export interface Execution {
  /** The stage whose node is busy meanwhile; 'stages' marks the API's Stages folder (create, restore); 'none' for the account. */
  readonly busy: { readonly stage: string } | 'stages' | 'none';
  /** Shown on the node and in the progress notification, e.g. `Deleting…`. */
  readonly busyLabel: string;
  readonly progressTitle: string;
  /** Said when the first steps succeeded and a later one failed. */
  readonly partialMessage?: (e: PlanError) => string;
  /** After each step that succeeded, with AWS's answer (after the shared stages took it). */
  readonly onAnswer?: OnAnswer;
}

/**
 * Sends the plan. Afterwards the shared stages hold what AWS returned. When a later step fails
 * after earlier ones succeeded, the user is told what was done and may retry the rest.
 */
export async function execute(ctx: Ctx, target: PlanTarget, plan: readonly PlanStep[], x: Execution): Promise<PlanResult> {
  // The log keeps the requests, never a stage variable's value.
  ctx.log.info(`${x.progressTitle}\n${planPreview(plan, { hideSecrets: true }).text}`);
  const onAnswer: OnAnswer = (step, answer) => {
    if (step.op === 'UpdateAccount' && answer) ctx.accounts.set(target.connection, answer as Account);
    const name = stageOfStep(step);
    if (target.stages && name !== undefined) {
      if (step.op === 'DeleteStage') target.stages.remove(name);
      else if ((step.op === 'CreateStage' || step.op === 'UpdateStage') && answer) target.stages.set(answer as Parameters<ApiStages['set']>[0]);
    }
    x.onAnswer?.(step, answer);
  };
  let remaining = plan;
  let done: PlanResult = {};
  for (;;) {
    try {
      // Cancel stops the plan before its next step and ends the one under way.
      const send = () => ctx.notifier.progress(x.progressTitle, (signal, report) => {
        // A wait (IAM propagating a new role) is said, in the notification and the log.
        const onWait = (message: string) => {
          ctx.log.info(message);
          report(message);
        };
        return runPlan(target.gateway, remaining, done, signal, onAnswer, onWait);
      }, { cancellable: true });
      return await (x.busy === 'none' || !target.restApiId ? send() : whileBusy(ctx, target as BusyTarget, x.busy === 'stages' ? undefined : x.busy.stage, x.busyLabel, send));
    } catch (e) {
      if (!isKind(e, BusyError)) showAsItIs(ctx, target, plan);
      if (!isKind(e, PlanError)) throw e;
      if (isKind(e, PlanCancelled)) {
        sayCancelled(ctx, x, e);
        throw e;
      }
      // Nothing of the plan applied yet (first try, nothing sent): a plain failure. Else say what was done.
      if ((!e.done.length && remaining === plan) || !x.partialMessage) throw e;
      ctx.log.error(`${x.progressTitle} stopped at ${e.failed.op}: ${errorMessage(e.cause)}`);
      const retry = 'Retry the Rest';
      const choice = await ctx.notifier.error(`${x.partialMessage(e)} ${errorMessage(e.cause)}`, retry, 'Show Logs');
      if (choice === 'Show Logs') ctx.log.show();
      if (choice !== retry) throw new Handled(e);
      remaining = [e.failed, ...e.rest];
      done = e.partial;
    }
  }
}

type BusyTarget = PlanTarget & { restApiId: string; apiName: string };

/** A cancel is silent unless part of the plan was sent: then what was done, and what may have been. */
function sayCancelled(ctx: Ctx, x: Execution, e: PlanCancelled): void {
  const done = e.done.map((r) => r.op);
  ctx.log.info(`${x.progressTitle} cancelled: done ${done.join(', ') || 'nothing'}; ${e.inFlight ? `${e.failed.op} under way` : `${e.failed.op} not sent`}; ${e.rest.length} not sent`);
  if (!done.length && !e.inFlight) return;
  const parts = [
    done.length ? `Done: ${done.join(', ')}.` : '',
    e.inFlight ? `${e.failed.op} was under way and may have been applied.` : `${e.failed.op} was not sent.`,
    e.rest.length ? `Not sent: ${e.rest.map((r) => r.op).join(', ')}.` : '',
    'The tree shows the stage as AWS now holds it.',
  ];
  void ctx.notifier.info(`${x.progressTitle.replace(/…$/, '')} cancelled. ${parts.filter(Boolean).join(' ')}`);
}

/** After a failure the tree shows each stage of the plan as AWS now holds it (gone, made meanwhile, moved): one GetStage each. */
export function showAsItIs(ctx: Ctx, target: PlanTarget, plan: readonly PlanStep[]): void {
  if (!target.stages) return;
  const names = new Set(plan.map(stageOfStep).filter((n): n is string => n !== undefined));
  for (const name of names) reloadQuietly(ctx, target.stages, name);
}

/** One GetStage into the shared stages; a failure is only logged (the command has its own message). */
export function reloadQuietly(ctx: Ctx, stages: ApiStages, stageName: string): void {
  stages.reloadStage(stageName).catch((err: unknown) => ctx.log.warn(`Reading stage ${stageName} again failed: ${errorMessage(err)}`));
}

