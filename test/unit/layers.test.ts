// The AWS and model layers must run without an editor: they import nothing from `vscode`,
// directly or through files of the upper layers.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../harness/paths';

const src = path.join(repoRoot(), 'src');
const LOWER = ['aws', 'model'];
const UPPER = ['tree', 'commands', 'ui', 'webview'];

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

describe('layers', () => {
  for (const layer of LOWER) {
    it(`src/${layer} imports neither vscode nor the editor layers`, () => {
      const files = fs.readdirSync(path.join(src, layer)).filter((f) => f.endsWith('.ts'));
      assert.ok(files.length > 0, `no files in src/${layer}`);
      for (const f of files) {
        for (const spec of imports(path.join(src, layer, f))) {
          assert.notEqual(spec, 'vscode', `src/${layer}/${f} imports vscode`);
          const target = spec.startsWith('.') ? path.relative(src, path.resolve(src, layer, spec)).split(path.sep)[0] : undefined;
          assert.ok(!target || !UPPER.includes(target), `src/${layer}/${f} imports ${spec}`);
        }
      }
    });
  }
});
