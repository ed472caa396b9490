// The extensionTestsPath module: VS Code's extension host calls run() after starting the
// development extension(s); a rejection makes the host exit with code 1 (VS Code's convention,
// which @vscode/test-electron reports). The results file is written either way.
import { runSuite } from './suite';

export async function run(): Promise<void> {
  const results = await runSuite();
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
}
