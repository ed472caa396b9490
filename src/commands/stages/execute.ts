// Shared by the stage commands: the preview of a plan's requests, and sending them with progress,
// the node busy, and the shared stages updated with what AWS returned.
import * as vscode from 'vscode';
import { PlanCancelled, PlanError, type PlanResult, runPlan } from '../../aws/planRunner';
import type { Ctx } from '../../context';
import { errorMessage } from '../../errors';
import { describePlan, type StageRequest } from '../../model/plans';
import { BusyError } from '../../tree/busy';
import type { Prompter, StepInfo } from '../../ui/prompter';
import { type ApiTarget, whileBusy } from '../targets';
import { messageText } from '../../model/displayText';

/** The last wizard step: the exact requests, and one item that sends them. */
export async function confirmPlan(prompter: Prompter, info: StepInfo, action: string, plan: readonly StageRequest[]): Promise<void> {
  type Item = vscode.QuickPickItem & { go?: true };
  const items: Item[] = [
    { label: action, iconPath: new vscode.ThemeIcon('check'), description: `sends ${plan.length} request${plan.length === 1 ? '' : 's'}`, go: true },
    { label: 'Requests', kind: vscode.QuickPickItemKind.Separator },
    ...describePlan(plan).map((line) => ({ label: line })),
  ];
  for (;;) {
    const picked = await prompter.pick(items, { ...info, placeholder: `Review the requests, then pick "${action}"` });
    if (picked.go) return;
  }
}

export interface Execution {
  /** The stage the plan works on; undefined marks the Stages folder busy instead (create). */
  readonly busyStage?: string;
  /** Shown on the node and in the progress notification, e.g. `Deleting…`. */
  readonly busyLabel: string;
  readonly progressTitle: string;
  /** Name of the stage whose state the results carry, for the shared stages. */
  readonly stageName: string;
  /** Said when the first requests succeeded and a later one failed. */
  readonly partialMessage?: (e: PlanError) => string;
}

/**
 * Sends the plan. Afterwards the shared stages hold what AWS returned. When a later request fails
 * after earlier ones succeeded, the user is told what was done and may retry the rest.
 */
export async function execute(ctx: Ctx, target: ApiTarget, plan: readonly StageRequest[], x: Execution): Promise<PlanResult> {
  ctx.log.info(`${x.progressTitle}\n${describePlan(plan).join('\n')}`);
  let remaining = plan;
  let done: PlanResult = {};
  for (;;) {
    try {
      // Cancel stops the plan before its next request and ends the one under way.
      const result = await whileBusy(ctx, target, x.busyStage, x.busyLabel, () =>
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: messageText(x.progressTitle), cancellable: true }, (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return runPlan(target.gateway, remaining, done, abort.signal);
        }),
      );
      if (result.stage) target.stages.set(result.stage);
      return result;
    } catch (e) {
      if (!(e instanceof BusyError)) showAsItIs(ctx, target, x.stageName);
      if (!(e instanceof PlanError)) throw e;
      if (e.partial.stage) target.stages.set(e.partial.stage);
      if (e instanceof PlanCancelled) {
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

/** After a failure the tree shows the stage as AWS now holds it (gone, made meanwhile, moved): one GetStage. */
export function showAsItIs(ctx: Ctx, target: ApiTarget, stageName: string): void {
  target.stages.reloadStage(stageName).catch((err: unknown) => ctx.log.warn(`Reading stage ${stageName} again failed: ${errorMessage(err)}`));
}

/** An error the user has already been shown: the command's error path logs it without a second message. */
export class Handled extends Error {
  override name = 'Handled';
  constructor(override readonly cause: unknown) {
    super(errorMessage(cause));
  }
}
