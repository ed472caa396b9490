// The layers of src/, read from the files themselves (ESLint's no-restricted-imports holds the same
// rules while editing): the AWS and model layers run without an editor; the stage services are
// shared by commands and the editor and import neither; the editor imports no command code.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../harness/paths';

const src = path.join(repoRoot(), 'src');

/** Each layer (a folder of src/, or a root file) and what it may not import: top-level folders or files of src/, and `vscode`. */
const RULES: readonly { layer: string; forbidden: readonly string[] }[] = [
  { layer: 'aws', forbidden: ['vscode', 'tree', 'commands', 'ui', 'webview', 'editor', 'stages', 'context.ts', 'extension.ts'] },
  { layer: 'model', forbidden: ['vscode', 'aws', 'tree', 'commands', 'ui', 'webview', 'editor', 'stages', 'context.ts', 'extension.ts'] },
  { layer: 'errors.ts', forbidden: ['vscode', 'tree', 'commands', 'ui', 'webview', 'editor', 'stages', 'context.ts', 'extension.ts'] },
  { layer: 'commandIds.ts', forbidden: ['vscode', 'aws', 'tree', 'commands', 'ui', 'webview', 'editor', 'stages'] },
  { layer: 'stages', forbidden: ['commands', 'editor', 'extension.ts'] },
  { layer: 'editor', forbidden: ['commands', 'extension.ts'] },
  { layer: 'tree', forbidden: ['commands', 'editor', 'stages', 'extension.ts'] },
  { layer: 'ui', forbidden: ['commands', 'editor', 'stages', 'tree', 'extension.ts'] },
  { layer: 'webview', forbidden: ['vscode', 'aws', 'tree', 'commands', 'ui', 'editor', 'stages', 'context.ts', 'extension.ts'] },
  { layer: 'context.ts', forbidden: ['commands', 'editor', 'stages', 'extension.ts'] },
];

/** Module names in `from '…'`, `import '…'`, `require('…')` and `import('…')`, with whether the import is type-only. */
function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/\bimport\s+(type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]/g)) out.push({ spec: m[2], typeOnly: !!m[1] });
  for (const m of text.matchAll(/^\s*export\s+[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm)) out.push({ spec: m[1], typeOnly: false });
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push({ spec: m[1], typeOnly: false });
  for (const m of text.matchAll(/\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1], typeOnly: false });
  return out;
}

function tsFiles(at: string): string[] {
  if (at.endsWith('.ts')) return [at];
  return fs.readdirSync(at, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(path.join(at, e.name)) : e.name.endsWith('.ts') ? [path.join(at, e.name)] : [],
  );
}

/** The top-level folder or root file of src/ an import names ('vscode' for the module), or undefined for a package. */
function layerOf(file: string, spec: string): string | undefined {
  if (spec === 'vscode') return 'vscode';
  if (!spec.startsWith('.')) return undefined;
  const rel = path.relative(src, path.resolve(path.dirname(file), spec)).split(path.sep);
  if (rel[0] === '..') return undefined;
  return rel.length === 1 ? `${rel[0]}.ts` : rel[0];
}

describe('layers', () => {
  for (const { layer, forbidden } of RULES) {
    it(`src/${layer} imports none of: ${forbidden.join(', ')}`, () => {
      const files = tsFiles(path.join(src, layer));
      assert.ok(files.length > 0, `no files in src/${layer}`);
      for (const f of files) {
        for (const { spec, typeOnly } of imports(f)) {
          const target = layerOf(f, spec);
          // A type-only import of vscode is erased: context.ts names the editor's types without loading it.
          if (target === 'vscode' && typeOnly && layer === 'context.ts') continue;
          assert.ok(!target || !forbidden.includes(target), `src/${path.relative(src, f)} imports ${spec}`);
        }
      }
    });
  }

  it('the checker sees a forbidden import (it is not blind)', () => {
    const probe = path.join(src, 'editor', 'stageDocument.ts');
    assert.equal(layerOf(probe, '../commands/stages/delete'), 'commands');
    assert.equal(layerOf(probe, '../context'), 'context.ts');
    assert.ok(imports(probe).some((i) => i.spec === 'vscode'));
  });
});
