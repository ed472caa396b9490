// ESLint for src/ and test/ (run by `npm test -- lint`, see test/harness/testAll.ts):
// typescript-eslint's recommended rules, plus the few type-aware rules that catch lost promises,
// and some habits. Run from the repository root: with --config, ESLint resolves the patterns
// below against the working directory.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

/** The repository root, where tsconfig.json is. */
const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig(
  globalIgnores(['**/node_modules/', 'out/', 'dist/', '.cache/', '.vscode-test/', '.venv/', 'test-results/']),

  {
    name: 'project/all',
    files: ['**/*.{ts,js,mjs}'],
    extends: [js.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always'],
    },
  },

  {
    name: 'project/typescript',
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      // `...args: any[]` is how a handler type takes any handler's own parameters (src/commands/register.ts).
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      // `import Mocha = require('mocha')` is TypeScript's typed import of an `export =` module.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Type-aware, and cheap enough here: a promise nobody awaits loses its error.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Type-only imports stay visible: the model and AWS layers must load without `vscode`.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },

  // The layers (docs/ARCHITECTURE.md): lower layers never import upper ones. test/unit/layers.test.ts checks the same by reading the files.
  ...layerRules(),

  uiThroughCtx(),

  {
    name: 'project/tests',
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },

  {
    name: 'project/plain-js',
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    name: 'project/esm',
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
);

/**
 * What the user sees or is asked goes through the context (ctx.prompter, ctx.notifier), so that the
 * scripted prompter and the recording notifier of the tests see it: outside src/ui/, no vscode.window
 * prompt, message, progress or status bar note, no editor tab shown, no clipboard. Allowed anywhere:
 * wiring that shows nothing by itself (createTreeView, createOutputChannel, register*), and reading
 * the window's state (tabGroups, state). test/unit/uiThroughCtx.test.ts proves the rule catches each form.
 */
function uiThroughCtx() {
  const UI_CALLS = '/^(show[A-Z]\\w*|create(QuickPick|InputBox|WebviewPanel)|withProgress|setStatusBarMessage)$/';
  const UI_MESSAGE = 'Prompts, messages, progress, documents and the clipboard go through ctx.prompter / ctx.notifier (src/ui/), so tests see them.';
  return {
    name: 'project/ui-through-ctx',
    files: ['src/**/*.ts'],
    ignores: ['src/ui/**', 'src/webview/**'],
    rules: {
      'no-restricted-syntax': ['error',
        // vscode.window.showInformationMessage(…), and window.… after `import { window } from 'vscode'`.
        { selector: `MemberExpression[object.property.name='window'][property.name=${UI_CALLS}]`, message: UI_MESSAGE },
        { selector: `MemberExpression[object.type='Identifier'][object.name='window'][property.name=${UI_CALLS}]`, message: UI_MESSAGE },
        { selector: "MemberExpression[property.name='clipboard'][object.type='MemberExpression'][object.property.name='env']", message: UI_MESSAGE },
        { selector: "MemberExpression[property.name='clipboard'][object.type='Identifier'][object.name='env']", message: UI_MESSAGE },
        { selector: "ImportDeclaration[source.value='vscode'] ImportSpecifier[imported.name=/^(window|env)$/]", message: `${UI_MESSAGE} Import vscode as a namespace.` },
      ],
    },
  };
}

/** One `no-restricted-imports` block per layer of src/: what each may not import, and why. */
function layerRules() {
  const upper = (...dirs) => dirs.flatMap((d) => [`**/${d}`, `**/${d}/**`]);
  const rule = (name, files, groups, message) => ({
    name: `project/layers/${name}`,
    files,
    rules: { 'no-restricted-imports': ['error', { paths: groups.includes('vscode') ? [{ name: 'vscode', message }] : [], patterns: [{ group: groups.filter((g) => g !== 'vscode'), message }] }] },
  });
  return [
    rule('aws-model', ['src/aws/**/*.ts', 'src/model/**/*.ts', 'src/errors.ts'], ['vscode', ...upper('tree', 'commands', 'ui', 'webview', 'editor', 'stages'), '**/context', '**/extension'],
      'AWS and settings code run without an editor: no vscode, no upper layer.'),
    rule('stages', ['src/stages/**/*.ts'], upper('commands', 'editor'), 'Stage services are shared by commands and the editor: they import neither.'),
    rule('editor', ['src/editor/**/*.ts'], upper('commands'), 'The stage editor uses the stage services (src/stages), not command code.'),
    rule('tree', ['src/tree/**/*.ts'], upper('commands', 'editor', 'stages'), 'The tree shows data; commands act on it.'),
    rule('ui', ['src/ui/**/*.ts'], upper('commands', 'editor', 'stages', 'tree'), 'UI helpers are below every feature.'),
    rule('webview', ['src/webview/**/*.ts'], ['vscode', ...upper('aws', 'tree', 'commands', 'ui', 'editor', 'stages'), '**/context', '**/extension'], 'The page runs in the browser: model code and its protocol only.'),
  ];
}
