import * as vscode from 'vscode';
import type { ConnectionSettings } from '../aws/connection';
import { ownerTagKeysFrom } from '../model/ownership';

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

export type SettingTarget = 'user' | 'workspace';

/** The value this workspace (or one of its folders) sets for a setting, while it counts (trusted); else undefined. */
export function workspaceValue(key: keyof ConnectionSettings): string | undefined {
  if (!vscode.workspace.isTrusted || key === 'endpoint') return undefined;
  const i = vscode.workspace.getConfiguration(SECTION).inspect<string>(key);
  return i?.workspaceFolderValue ?? i?.workspaceValue;
}

/**
 * Writes a setting in the user's settings, or in this workspace's when the user chose that: a shared
 * `.vscode/settings.json` is never edited without asking.
 */
export async function writeSetting(key: keyof ConnectionSettings, value: string | undefined, target: SettingTarget = 'user'): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION);
  if (target === 'user' || key === 'endpoint') return c.update(key, value, vscode.ConfigurationTarget.Global);
  const folderSet = c.inspect(key)?.workspaceFolderValue !== undefined;
  await c.update(key, value, folderSet ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace);
}

export function affectsSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION);
}

/** Tag keys that mark a stage's owner besides CloudFormation's stack tag (src/model/ownership.ts). */
export function readOwnerTagKeys(): string[] {
  return ownerTagKeysFrom(vscode.workspace.getConfiguration(SECTION).get('ownerTagKeys'));
}

export function affectsOwnerTagKeys(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${SECTION}.ownerTagKeys`);
}
