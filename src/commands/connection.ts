// Commands that choose the profile and region.
import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';
import { regionProblem } from '../aws/connection';
import type { ProfileInfo } from '../aws/profiles';
import { API_GATEWAY_REGIONS } from '../aws/regions';
import type { Ctx } from '../context';
import { type SettingTarget, workspaceValue, writeSetting } from '../ui/settings';

const KIND_LABEL: Record<ProfileInfo['kind'], string> = {
  static: 'access keys',
  sso: 'SSO',
  assumeRole: 'assumed role',
  process: 'credential_process',
  webIdentity: 'web identity',
  unknown: 'no credentials',
};

export async function selectProfile(ctx: Ctx): Promise<void> {
  const state = ctx.session.state;
  const current = state.kind === 'ready' ? state.profile.name : undefined;
  const profiles = ctx.session.profiles;
  if (!profiles.length) {
    const open = 'Open AWS Config File';
    if ((await ctx.notifier.info('No AWS profile found.', open)) === open) await openAwsConfig(ctx);
    return;
  }
  // Through the prompter: names and problems from the AWS files show as text, and tests script it.
  const picked = await ctx.prompter.pick(
    profiles.map((p) => ({
      label: p.name,
      iconPath: p.problem ? new vscode.ThemeIcon('warning') : undefined,
      description: [KIND_LABEL[p.kind], p.region, p.name === current ? '(current)' : undefined].filter(Boolean).join(' · '),
      detail: p.problem ?? (p.endpointUrl ? `endpoint ${p.endpointUrl}` : undefined),
      profile: p,
    })),
    { title: 'API Gateway: Select AWS Profile', placeholder: 'Profile to browse API Gateway with', matchOnDescription: true },
  );
  await writeSetting('profile', picked.profile.name, await whereToSave(ctx, 'profile', picked.profile.name));
  await ctx.reload();
}

/**
 * User settings, unless this workspace sets the value itself: then the user says where (a workspace's
 * `.vscode/settings.json` is often shared, and is never edited without asking).
 */
async function whereToSave(ctx: Ctx, key: 'profile' | 'region', value: string | undefined): Promise<SettingTarget> {
  const theirs = workspaceValue(key);
  if (theirs === undefined) return 'user';
  const shown = value ?? "the profile's";
  const picked = await ctx.prompter.pick(
    // User settings first: Enter never edits a shared file.
    [
      { label: 'User settings', iconPath: new vscode.ThemeIcon('account'), description: `this workspace still uses ${key} ${theirs}: its setting comes first`, target: 'user' as const },
      { label: 'This workspace', iconPath: new vscode.ThemeIcon('folder'), description: `${key} ${shown} in .vscode/settings.json (shared with whoever opens this folder)`, target: 'workspace' as const },
    ],
    { title: `API Gateway: Save the ${key}`, placeholder: `This workspace sets the ${key} (${theirs}): where should ${shown} be saved?` },
  );
  return picked.target;
}

export async function selectRegion(ctx: Ctx): Promise<void> {
  const state = ctx.session.state;
  const current = state.kind === 'ready' ? state.connection.region : undefined;
  const profileRegion = state.kind === 'ready' ? state.profile.region : undefined;
  type Item = vscode.QuickPickItem & { region?: string; other?: true; reset?: true };
  const items: Item[] = [];
  if (profileRegion) items.push({ label: `Use the profile's region`, iconPath: new vscode.ThemeIcon('account'), description: profileRegion, reset: true });
  for (const region of API_GATEWAY_REGIONS) {
    items.push({ label: region, description: region === current ? '(current)' : undefined, region });
  }
  items.push({ label: 'Other region…', iconPath: new vscode.ThemeIcon('edit'), other: true });
  const picked = await ctx.prompter.pick(items, { title: 'API Gateway: Select Region', placeholder: current ? `Current: ${current}` : undefined });
  let region = picked.region;
  if (picked.other) {
    region = (await ctx.prompter.input({
      title: 'API Gateway: Region',
      prompt: 'Region name, such as us-east-1',
      value: current,
      validate: (v) => regionProblem(v.trim()),
    })).trim();
  }
  const value = picked.reset ? undefined : region;
  await writeSetting('region', value, await whereToSave(ctx, 'region', value));
  await ctx.reload();
}

export async function switchConnection(ctx: Ctx): Promise<void> {
  const picked = await ctx.prompter.pick(
    [
      { label: 'Switch Profile…', iconPath: new vscode.ThemeIcon('account'), run: selectProfile },
      { label: 'Switch Region…', iconPath: new vscode.ThemeIcon('globe'), run: selectRegion },
      { label: 'Show Logs', iconPath: new vscode.ThemeIcon('output'), run: async (c: Ctx) => c.log.show() },
    ],
    { title: 'API Gateway' },
  );
  await picked.run(ctx);
}

/** Opens the AWS config file, creating it with an example when it does not exist. */
export async function openAwsConfig(ctx: Ctx): Promise<void> {
  const file = ctx.session.files.configPath;
  try {
    await fs.access(file);
  } catch {
    await fs.mkdir(path.dirname(file), { recursive: true });
    // `wx`: never overwrite; a file that appeared meanwhile is simply opened.
    await fs.writeFile(file, EXAMPLE_CONFIG, { flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
  await ctx.notifier.showDocument({ file });
}

const EXAMPLE_CONFIG = `# AWS profiles: https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html
# Keys belong in the credentials file; \`aws configure\` writes both files for you.
#
# [default]
# region = us-east-1
#
# [profile local]
# region = us-east-1
# endpoint_url = http://127.0.0.1:4566
`;
