// Shared by the host tests of commands: a fresh sample for the file, and commands run with a script of answers.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import { commandId, type CommandName } from '../../src/commandIds';
import type { ExtensionApi } from '../../src/extension';
import { RecordingNotifier, type Shown } from '../harness/recordingNotifier';
import { type Answer, ScriptedPrompter } from '../harness/scriptedPrompter';
import { resetEmulatorAt } from '../harness/emulatorKind';
import { sampleClient, seed, type SeedResult } from '../harness/seed';
import { type ApiProxy, startApiProxy } from '../harness/apiProxy';
import { extensionApi, setSetting } from './treeHelpers';

export interface FreshSample {
  api: ExtensionApi;
  seeded: SeedResult;
}

/**
 * Hooks: a freshly seeded emulator before the file's tests (they change stages and the account),
 * and again after them, since the other files expect the sample as it is. `ready` gets it once
 * seeded (a file keeps `api` and `seeded` in its own variables: `({ api, seeded } = s)`).
 */
export function useFreshSample(ready: (sample: FreshSample) => void = () => {}): FreshSample {
  const env = {} as FreshSample;
  const endpoint = () => process.env.APIGW_TEST_ENDPOINT!;
  const reseed = async () => {
    await resetEmulatorAt(endpoint());
    return seed(endpoint(), undefined, { deploymentsApart: true });
  };
  before(async () => {
    env.api = await extensionApi();
    await vscode.commands.executeCommand('workbench.view.extension.apigatewayStages');
    env.seeded = await reseed();
    await setSetting('profile', 'local');
    await setSetting('endpoint', undefined);
    await env.api.ctx.reload(true);
    ready(env);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await reseed();
    await env.api.ctx.reload(true);
  });
  return env;
}

/** An SDK client straight to the emulator, past any test proxy: to set up and to check what "AWS" holds. */
export const emulatorClient = () => sampleClient(process.env.APIGW_TEST_ENDPOINT!);

/** Runs a command with a script of answers; every answer must be used. */
export async function runScripted(api: ExtensionApi, command: CommandName, answers: Answer[], ...args: unknown[]): Promise<ScriptedPrompter> {
  const prompter = new ScriptedPrompter(answers);
  const saved = api.ctx.prompter;
  api.ctx.prompter = prompter;
  try {
    await vscode.commands.executeCommand(commandId(command), ...args);
  } finally {
    api.ctx.prompter = saved;
  }
  assert.deepEqual(prompter.left, [], `answers left: ${JSON.stringify(prompter.left)}; asked: ${JSON.stringify(prompter.asked.map((a) => `${a.title} ${a.placeholder ?? ''}`))}`);
  return prompter;
}

/** Runs `body` with a recording notifier in place of the window's (put back afterwards); returns the messages shown. */
export async function noticesOf(api: ExtensionApi, body: () => Promise<unknown>): Promise<Shown[]> {
  return (await recordedDuring(api, body)).shown;
}

/** Runs `body` with a recording notifier in place of the window's (put back afterwards); returns it: messages, copies, statuses. */
export async function recordedDuring(api: ExtensionApi, body: () => Promise<unknown>): Promise<RecordingNotifier> {
  const notices = new RecordingNotifier();
  const saved = api.ctx.notifier;
  api.ctx.notifier = notices;
  try {
    await body();
  } finally {
    api.ctx.notifier = saved;
  }
  return notices;
}

/**
 * Hooks (after useFreshSample's): the extension's endpoint is a test proxy in front of the emulator
 * for the file's tests, its faults and answers cleared after each test.
 */
export function useApiProxy(sample: { api: ExtensionApi }): { proxy: ApiProxy } {
  const env = {} as { proxy: ApiProxy };
  before(async () => {
    env.proxy = await startApiProxy(process.env.APIGW_TEST_ENDPOINT!);
    await setSetting('endpoint', env.proxy.endpoint);
    await sample.api.ctx.reload(true);
  });
  after(async () => {
    await setSetting('endpoint', undefined);
    await env.proxy?.close();
  });
  afterEach(() => env.proxy?.clearFaults());
  return env;
}

/** Hooks: each test gets a recording notifier in place of the window's (put back after it); `clear` runs before and after each too. */
export function useRecordingNotifier(api: () => ExtensionApi, clear: () => void = () => {}): () => RecordingNotifier {
  let notifier = new RecordingNotifier();
  let saved: ExtensionApi['ctx']['notifier'];
  beforeEach(() => {
    clear();
    notifier = new RecordingNotifier();
    saved = api().ctx.notifier;
    api().ctx.notifier = notifier;
  });
  afterEach(() => {
    clear();
    api().ctx.notifier = saved;
  });
  return () => notifier;
}
