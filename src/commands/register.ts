// The one error path for commands: cancellations are silent, failures are logged and shown, with "Show Logs"
// when a request was sent (the log then has it; a failure before any request has nothing more there).
import * as vscode from 'vscode';
import type { Ctx } from '../context';
import { errorMessage, Handled, isCancellation, isKind, Notice, requestWasSent } from '../errors';
import { type Notifier, vscodeNotifier } from '../ui/notifier';
import { commandId, type CommandName } from '../commandIds';

export type CommandHandler = (ctx: Ctx, ...args: any[]) => unknown;

/** Every command of COMMAND_NAMES, each through the one error path. */
export function registerCommands(ctx: Ctx, commands: Record<CommandName, CommandHandler>): void {
  for (const [id, handler] of Object.entries(commands) as [CommandName, CommandHandler][]) {
    ctx.extension.subscriptions.push(
      vscode.commands.registerCommand(commandId(id), (...args: unknown[]) => runCommand(ctx, id, () => handler(ctx, ...args))),
    );
  }
}

async function runCommand(ctx: Ctx, id: string, body: () => unknown): Promise<unknown> {
  try {
    // A command that activated the extension runs once the profiles are read.
    await ctx.ready;
    return await body();
  } catch (e) {
    reportError(ctx.log, `Command ${id}`, e, ctx.notifier);
    return undefined;
  }
}

/** Logs a failure with detail and shows it briefly, with a way to the logs when a request was sent; cancellations stay silent. */
export function reportError(log: vscode.LogOutputChannel, what: string, e: unknown, notifier: Notifier = vscodeNotifier): void {
  if (isCancellation(e)) return;
  if (isKind(e, Notice)) {
    log.info(`${what}: ${e.message}`);
    void notifier.info(e.message);
    return;
  }
  // Already shown to the user, with its own choices: log only.
  if (isKind(e, Handled)) {
    log.warn(`${what} failed: ${e.message}`);
    return;
  }
  const message = errorMessage(e);
  log.error(`${what} failed: ${message}`);
  if (e instanceof Error && e.stack) log.debug(e.stack);
  const actions = requestWasSent(e) ? ['Show Logs'] : [];
  void notifier.error(message, ...actions).then((choice) => {
    if (choice) log.show();
  });
}
