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
