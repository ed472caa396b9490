// One code-server instance's files: a fresh temp folder with its user data (settings.json),
// extensions, workspace, config and log, and the built-in extensions it should load.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** What VS Code should not do in a test: welcome pages, telemetry, update checks, trust prompts, AI panels. */
export const DEFAULT_USER_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'github.gitAuthentication': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'workbench.editor.restoreViewState': false,
  // No "Your application running on port … is available" pop-ups for the emulator's and the servers' ports.
  'remote.autoForwardPorts': false,
  'remote.restoreForwardedPorts': false,
};

export interface Profile {
  /** The temp folder holding everything below (and the workspace unless one was given). */
  readonly dataDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly workspaceFolder: string;
  /** code-server's own stdout+stderr. */
  readonly logFile: string;
  /** XDG_DATA_HOME: code-server's heartbeat and logs, not ~/.local/share. */
  readonly xdgDataDir: string;
  /** The arguments every code-server call on this profile takes (config, user data, extensions). */
  readonly cliArgs: string[];
}

/** Makes the folders and writes config.yaml (no auth, no TLS) and settings.json (DEFAULT_USER_SETTINGS under `userSettings`). */
export function makeProfile(o: { workspaceFolder?: string; workspaceTrust?: boolean; userSettings?: Record<string, unknown> }): Profile {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-code-server-'));
  const userDataDir = path.join(dataDir, 'user-data');
  const extensionsDir = path.join(dataDir, 'extensions');
  const workspaceFolder = o.workspaceFolder ? path.resolve(o.workspaceFolder) : path.join(dataDir, 'workspace');
  const xdgDataDir = path.join(dataDir, 'xdg-data');
  for (const d of [userDataDir, extensionsDir, workspaceFolder, path.join(userDataDir, 'User'), xdgDataDir]) {
    fs.mkdirSync(d, { recursive: true });
  }
  const configFile = path.join(dataDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      ...DEFAULT_USER_SETTINGS,
      ...(o.workspaceTrust ? { 'security.workspace.trust.enabled': true } : {}),
      ...(o.userSettings ?? {}),
    }, null, 2) + '\n');
  return {
    dataDir, userDataDir, extensionsDir, workspaceFolder, xdgDataDir,
    logFile: path.join(dataDir, 'code-server.log'),
    cliArgs: ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir],
  };
}

/**
 * A `--builtin-extensions-dir` holding code-server's own built-in extensions (linked) and `extra`
 * beside them; no arguments when there is nothing extra.
 */
export function builtinExtensionArgs(entry: string, profile: Profile, extra: string[] = []): string[] {
  if (!extra.length) return [];
  const own = path.join(path.dirname(entry), '..', '..', 'lib', 'vscode', 'extensions');
  const dir = path.join(profile.dataDir, 'builtin-extensions');
  fs.mkdirSync(dir);
  for (const name of fs.readdirSync(own)) fs.symlinkSync(path.join(own, name), path.join(dir, name));
  for (const e of extra) fs.symlinkSync(path.resolve(e), path.join(dir, `zz-${path.basename(e)}`));
  return ['--builtin-extensions-dir', dir];
}

/** The last lines of code-server's log and of its extension host logs. */
export function profileLogTail(profile: Profile, lines = 40): string {
  const parts: string[] = [];
  try {
    parts.push(`--- ${profile.logFile}\n${fs.readFileSync(profile.logFile, 'utf8').split('\n').slice(-lines).join('\n')}`);
  } catch { /* none yet */ }
  try {
    const logsRoot = path.join(profile.userDataDir, 'logs');
    for (const session of fs.readdirSync(logsRoot)) {
      for (const sub of fs.readdirSync(path.join(logsRoot, session))) {
        const f = path.join(logsRoot, session, sub, 'remoteexthost.log');
        if (fs.existsSync(f)) parts.push(`--- ${f}\n${fs.readFileSync(f, 'utf8').split('\n').slice(-lines).join('\n')}`);
      }
    }
  } catch { /* no logs yet */ }
  return parts.join('\n');
}
