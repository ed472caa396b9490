// Get Started: the walkthrough VS Code opens after an install from the Marketplace or a VSIX, again
// on demand (VS Code's own way back to it is Welcome: Open Walkthrough…, a list of every extension's).
import * as vscode from 'vscode';
import { WALKTHROUGH_ID } from '../commandIds';
import type { Ctx } from '../context';

export async function openWalkthrough(ctx: Ctx): Promise<void> {
  // `<publisher>.<name>#<walkthrough id>`; false: in the active editor group, not to the side.
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${ctx.extension.extension.id}#${WALKTHROUGH_ID}`, false);
}
