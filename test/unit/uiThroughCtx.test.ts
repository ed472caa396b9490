// The lint rule that keeps prompts, messages, progress, documents and the clipboard on ctx
// (test/lint/eslint.config.mjs, project/ui-through-ctx): read from the real config, then run on
// snippets, so it is shown to fail on each form it forbids and to let wiring through.
import * as assert from 'assert/strict';
import * as path from 'path';
import { ESLint, Linter } from 'eslint';
import * as tseslint from 'typescript-eslint';
import { repoRoot } from '../harness/paths';

const root = repoRoot();
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'test', 'lint', 'eslint.config.mjs') });

async function ruleFor(file: string): Promise<Linter.RuleEntry | undefined> {
  const config = (await eslint.calculateConfigForFile(path.join(root, file))) as { rules?: Record<string, Linter.RuleEntry> };
  return config.rules?.['no-restricted-syntax'];
}

/** The messages the rule gives on `code`, linted as if it were `file`. */
async function problems(file: string, code: string): Promise<string[]> {
  const rule = await ruleFor(file);
  if (!rule) return [];
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser }, rules: { 'no-restricted-syntax': rule } }];
  return linter.verify(code, config, { filename: path.join(root, file) }).map((m) => m.message);
}

const FORBIDDEN = [
  "import * as vscode from 'vscode';\nvoid vscode.window.showInformationMessage('hi');",
  "import * as vscode from 'vscode';\nvoid vscode.window.showWarningMessage('sure?', { modal: true }, 'Yes');",
  "import * as vscode from 'vscode';\nvoid vscode.window.showInputBox({});",
  "import * as vscode from 'vscode';\nvoid vscode.window.showTextDocument(vscode.Uri.file('/x'));",
  "import * as vscode from 'vscode';\nconst q = vscode.window.createQuickPick();",
  "import * as vscode from 'vscode';\nvoid vscode.window.withProgress({ location: 15 }, async () => 1);",
  "import * as vscode from 'vscode';\nvscode.window.setStatusBarMessage('Copied', 2000);",
  "import * as vscode from 'vscode';\nvoid vscode.env.clipboard.writeText('x');",
  "import { window } from 'vscode';\nvoid window.showErrorMessage('x');",
];

const ALLOWED = [
  "import * as vscode from 'vscode';\nconst log = vscode.window.createOutputChannel('x', { log: true });",
  "import * as vscode from 'vscode';\nconst t = vscode.window.tabGroups.activeTabGroup;",
  "import * as vscode from 'vscode';\nconst f = vscode.window.state.focused;",
  "import * as vscode from 'vscode';\nvoid vscode.env.openExternal(vscode.Uri.parse('https://x'));",
];

describe('lint: UI through ctx', () => {
  it('is on for commands, the editor, the stage services, the tree and extension.ts; off in src/ui and the webview page', async () => {
    for (const file of ['src/commands/tree.ts', 'src/editor/stageDocument.ts', 'src/stages/execute.ts', 'src/tree/explorer.ts', 'src/extension.ts']) {
      assert.ok(await ruleFor(file), `${file}: the rule is off`);
    }
    for (const file of ['src/ui/notifier.ts', 'src/ui/vscodePrompter.ts', 'src/webview/main.ts']) {
      assert.equal(await ruleFor(file), undefined, `${file}: the rule is on`);
    }
  });

  for (const code of FORBIDDEN) {
    it(`refuses ${code.split('\n')[1]}`, async () => {
      const found = await problems('src/commands/probe.ts', code);
      // The destructured import is refused too, at the import and at the call.
      assert.equal(found.length, code.startsWith('import { window }') ? 2 : 1, JSON.stringify(found));
      for (const message of found) assert.match(message, /go through ctx\.prompter \/ ctx\.notifier/);
    });
  }

  it('lets the same code through in src/ui/', async () => {
    for (const code of FORBIDDEN) assert.deepEqual(await problems('src/ui/probe.ts', code), [], code);
  });

  for (const code of ALLOWED) {
    it(`allows wiring and reads: ${code.split('\n')[1]}`, async () => {
      assert.deepEqual(await problems('src/commands/probe.ts', code), []);
    });
  }
});
