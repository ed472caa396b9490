// The AWS and model layers must run without an editor: they import nothing from `vscode`,
// directly or through files of the upper layers.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../harness/paths';

const src = path.join(repoRoot(), 'src');
const LOWER = ['aws', 'model'];
const UPPER = ['tree', 'commands', 'ui', 'webview'];

/** Module names in `from '…'`, `import '…'`, `require('…')` and `import('…')`. */
function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const forms = [/\bfrom\s+['"]([^'"]+)['"]/g, /^\s*import\s+['"]([^'"]+)['"]/gm, /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  return forms.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]));
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('layers', () => {
  for (const layer of LOWER) {
    it(`src/${layer} imports neither vscode nor the editor layers`, () => {
      const files = tsFiles(path.join(src, layer));
      assert.ok(files.length > 0, `no files in src/${layer}`);
      for (const f of files) {
        const name = path.relative(src, f);
        for (const spec of imports(f)) {
          assert.notEqual(spec, 'vscode', `src/${name} imports vscode`);
          const target = spec.startsWith('.') ? path.relative(src, path.resolve(path.dirname(f), spec)).split(path.sep)[0] : undefined;
          assert.ok(!target || !UPPER.includes(target), `src/${name} imports ${spec}`);
        }
      }
    });
  }
});
