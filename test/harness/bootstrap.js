// Runs before `npm test` and `npm start` on any machine: installs npm dependencies when missing
// or stale, then compiles the TypeScript (src and test) to out/. Plain JS: it runs before anything is installed.
'use strict';
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });
const mtime = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);

const installed = path.join(root, 'node_modules', '.package-lock.json');
if (mtime(installed) < mtime(path.join(root, 'package-lock.json'))) {
  console.log('[setup] installing npm dependencies (npm ci)…');
  run('npm ci --no-audit --no-fund');
}
console.log('[setup] compiling TypeScript…');
// From scratch: the output of a moved or deleted file would otherwise still load here, and fail only on a clean clone.
for (const dir of ['src', 'test']) fs.rmSync(path.join(root, 'out', dir), { recursive: true, force: true });
// src alone (no DOM types), then the tests (which drive a browser) with src.
run('npx tsc -p . && npx tsc -p test');
