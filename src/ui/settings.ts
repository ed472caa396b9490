import * as vscode from 'vscode';
import type { ConnectionSettings } from '../aws/connection';

const SECTION = 'apigatewayStages';

export function readSettings(): ConnectionSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    profile: c.get<string>('profile') || undefined,
    region: c.get<string>('region') || undefined,
    endpoint: c.get<string>('endpoint') || undefined,
  };
}

/** Writes where the user's current value lives: the workspace if set there, else user settings. */
export async function writeSetting(key: keyof ConnectionSettings, value: string | undefined): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION);
  const inspect = c.inspect(key);
  const target =
    inspect?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspect?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await c.update(key, value, target);
}

export function affectsSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION);
}
