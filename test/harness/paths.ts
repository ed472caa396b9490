import * as fs from 'fs';
import * as path from 'path';

/** The repository root, found from wherever the compiled file runs (out/test/...). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'apigateway-stages') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`No apigateway-stages package.json above ${__dirname}`);
    dir = up;
  }
}
