import * as vscode from 'vscode';
import type { ConnectionSettings } from '../aws/connection';

const SECTION = 'apigatewayStages';

/**
 * The connection settings. The endpoint decides where the user's signed requests go, so it is read
 * from user settings only, never from a workspace's `.vscode/settings.json`: package.json gives it
 * `application` scope, and this reads past any workspace value in case some path
 * does not enforce the scope. Profile and region may come from a workspace only while it is trusted.
 */
export function readSettings(): ConnectionSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const fromWorkspaceIfTrusted = (key: keyof ConnectionSettings) => (vscode.workspace.isTrusted ? c.get<string>(key) : userValue(c, key));
  return {
    profile: fromWorkspaceIfTrusted('profile') || undefined,
    region: fromWorkspaceIfTrusted('region') || undefined,
    endpoint: userValue(c, 'endpoint') || undefined,
  };
}

function userValue(c: vscode.WorkspaceConfiguration, key: keyof ConnectionSettings): string | undefined {
  const i = c.inspect<string>(key);
  return i?.globalValue ?? i?.defaultValue;
}

/** Writes where the user's current value lives: a trusted workspace if set there, else user settings. */
export async function writeSetting(key: keyof ConnectionSettings, value: string | undefined): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION);
  const inspect = c.inspect(key);
  const trusted = vscode.workspace.isTrusted && key !== 'endpoint';
  const target =
    trusted && inspect?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : trusted && inspect?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await c.update(key, value, target);
}

export function affectsSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION);
}
