// The test-only companion extension (manifest: test/host/package.json). It activates on
// startup finished and, depending on its environment (inherited from code-server):
// - APIGW_HOST_OPEN_VIEW=<view container id>: shows that view container (used by `npm start`,
//   which has no other way to open the API Gateway view on first load; there it runs as a built-in
//   extension, out of the user's profile);
// - APIGW_HOST_RUN_ON_ACTIVATE=1: runs the integration suite (the route that needs no
//   extensionTestsPath; see test/harness/hostSuite.ts).
import * as vscode from 'vscode';
import { runSuite } from './suite';

export const OPEN_VIEW_ENV = 'APIGW_HOST_OPEN_VIEW';
export const RUN_ON_ACTIVATE_ENV = 'APIGW_HOST_RUN_ON_ACTIVATE';

export function activate(): void {
  const container = process.env[OPEN_VIEW_ENV];
  if (container) {
    void Promise.resolve(vscode.commands.executeCommand(`workbench.view.extension.${container}`)).catch((e) =>
      console.error(`[test host] could not open ${container}: ${e}`));
  }
  if (process.env[RUN_ON_ACTIVATE_ENV] === '1') void runSuite();
}

export function deactivate(): void {
  /* nothing to release */
}
