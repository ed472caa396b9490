// The VSIX holds exactly what a user needs (.vscodeignore is an allow-list): `vsce ls` lists the
// bundles, the media VS Code loads, the icon, the manifest, README, CHANGELOG and LICENSE; a stray file
// (a source map, a test, docs/, the README's pictures, which an extension's page never shows from the
// VSIX) or a missing one fails here rather than in the Marketplace.
import * as assert from 'assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../harness/paths';

const root = repoRoot();

/** Listed by name: each must be in the VSIX. */
const REQUIRED = [
  'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE',
  'dist/extension.js', 'dist/webview.js', 'dist/webview.css', 'dist/codicon.css', 'dist/codicon.ttf',
  'media/icon.png', 'media/apigateway.svg',
  'media/stage-settings.schema.json', 'media/stage-language.json', 'media/stage.tmLanguage.json',
];

/** Listed by pattern: webpack names the chunks by id; only a production build extracts license notices; the walkthrough's pages. */
const CHUNK = /^dist\/chunk-[\w.-]+\.js$/;
const OPTIONAL = [/^dist\/[\w.-]+\.js\.LICENSE\.txt$/, /^media\/walkthrough\/[\w./-]+$/];

/** `vsce ls`, on a production build (what `vscode:prepublish` makes before `vsce package`) when dist/ has none. */
function vsceLs(): string[] {
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production'], { cwd: root, stdio: 'ignore' });
  }
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  return execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
    .split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Relative files package.json points at (icons, the language, the schema, the walkthrough's media). */
function filesOfManifest(): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const p = v.replace(/^\.\//, '');
      if (/^(media|dist)\//.test(p)) found.add(p);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')));
  return [...found];
}

describe('the VSIX contents (vsce ls)', function () {
  this.timeout(300_000); // a production build when dist/ has none
  let listed: string[];
  before(() => {
    listed = vsceLs();
  });

  it('holds every required file', () => {
    assert.deepEqual(REQUIRED.filter((f) => !listed.includes(f)), []);
  });

  it('holds the lazily loaded chunks', () => {
    assert.ok(listed.some((f) => CHUNK.test(f)), `no dist/chunk-*.js in: ${listed.join(', ')}`);
  });

  it('holds nothing else', () => {
    const stray = listed.filter((f) => !REQUIRED.includes(f) && !CHUNK.test(f) && !OPTIONAL.some((p) => p.test(f)));
    assert.deepEqual(stray, []);
  });

  it('holds every file package.json names', () => {
    const named = filesOfManifest();
    assert.ok(named.includes('media/icon.png') && named.includes('dist/extension.js'), `package.json's files not found: ${named.join(', ')}`);
    assert.deepEqual(named.filter((f) => !listed.includes(f)), []);
  });

  it('has the Marketplace icon as a 128×128 PNG', () => {
    const png = fs.readFileSync(path.join(root, 'media', 'icon.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]); // IHDR's width and height
  });

  it('holds no source map, source or test', () => {
    assert.deepEqual(listed.filter((f) => /\.map$|\.ts$|^(src|test|out|docs|bench)\//.test(f)), []);
  });
});
