// The stage as a JSON document (Reopen Editor With… → Text Editor): filled in with the JSON model.
import * as vscode from 'vscode';
import type { Ctx } from '../context';

export function registerStageFiles(_ctx: Ctx): vscode.Disposable {
  return new vscode.Disposable(() => undefined);
}
