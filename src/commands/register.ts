// The one error path for commands: cancellations are silent, failures are logged and shown with "Show Logs".
import * as vscode from 'vscode';
import type { Ctx } from '../context';
import { errorMessage, isCancellation } from '../errors';

export type CommandHandler = (ctx: Ctx, ...args: any[]) => unknown;

export function registerCommands(ctx: Ctx, commands: Record<string, CommandHandler>): void {
  for (const [id, handler] of Object.entries(commands)) {
    ctx.extension.subscriptions.push(
      vscode.commands.registerCommand(`apigatewayStages.${id}`, (...args: unknown[]) => runCommand(ctx, id, () => handler(ctx, ...args))),
    );
  }
}

async function runCommand(ctx: Ctx, id: string, body: () => unknown): Promise<unknown> {
  try {
    return await body();
  } catch (e) {
    if (isCancellation(e) || e instanceof vscode.CancellationError) return undefined;
    const message = errorMessage(e);
    ctx.log.error(`Command ${id} failed: ${message}`);
    if (e instanceof Error && e.stack) ctx.log.debug(e.stack);
    void vscode.window.showErrorMessage(message, 'Show Logs').then((choice) => {
      if (choice) ctx.log.show();
    });
    return undefined;
  }
}
