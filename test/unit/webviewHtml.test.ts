// The stage editor's page as the extension writes it: a strict Content Security Policy, a fresh
// nonce on every script, no inline handlers or styles, and resources only from the built files.
// editorHtml needs `vscode` only for Uri.joinPath: a small stand-in is given to it here.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type * as HtmlModule from '../../src/editor/html';
import { repoRoot } from '../harness/paths';

/** The part of vscode.Uri that html.ts uses. */
class FakeUri {
  constructor(readonly scheme: string, readonly authority: string, readonly path: string) {}
  static file(p: string): FakeUri {
    return new FakeUri('file', '', p);
  }
  static joinPath(base: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri(base.scheme, base.authority, path.posix.join(base.path, ...parts));
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}`;
  }
}

type Html = typeof HtmlModule;
function loadHtmlModule(): Html {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = Module._load;
  Module._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return { Uri: FakeUri };
    return load.call(this, request, ...rest);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('../../src/editor/html') as Html;
  } finally {
    Module._load = load;
  }
}

const EXTENSION = FakeUri.file('/ext/apigateway-stages');
const DIST = FakeUri.joinPath(EXTENSION, 'dist');
const CSP_SOURCE = 'https://*.vscode-cdn.net';
/** As VS Code maps a local file to the webview: one origin, the file's path. */
const webview = {
  cspSource: CSP_SOURCE,
  asWebviewUri: (u: FakeUri) => new FakeUri('https', 'file+.vscode-resource.vscode-cdn.net', u.path),
};
const WEBVIEW_ROOT = webview.asWebviewUri(DIST).toString() + '/';

/** Tags of the page with their attributes (the page is small and written by us: a tag scanner will do). */
function tags(html: string): { name: string; attrs: Map<string, string> }[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:=(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)].map((m) => ({
    name: m[1].toLowerCase(),
    attrs: new Map([...m[2].matchAll(/([^\s=>]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)].map((a) => [a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? ''])),
  }));
}

function csp(html: string): Map<string, string[]> {
  const meta = tags(html).find((t) => t.name === 'meta' && t.attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy');
  assert.ok(meta, 'no Content-Security-Policy meta tag');
  return new Map(meta.attrs.get('content')!.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
}

describe('stage editor page (editorHtml)', () => {
  const { editorHtml, editorWebviewOptions, escapeHtml } = loadHtmlModule();
  const page = (title = 'Stage prod') => editorHtml(webview as never, DIST as never, title);

  it("has a CSP: default-src 'none', scripts only by nonce, styles, fonts and images only from the webview's source", () => {
    const html = page();
    const policy = csp(html);
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    const scriptSrc = policy.get('script-src') ?? [];
    assert.equal(scriptSrc.length, 1, scriptSrc.join(' '));
    assert.match(scriptSrc[0], /^'nonce-[A-Za-z0-9+/]{22,}={0,2}'$/);
    for (const d of ['style-src', 'font-src', 'img-src']) assert.deepEqual(policy.get(d), [CSP_SOURCE], d);
    for (const values of policy.values()) {
      for (const v of values) assert.ok(!/unsafe-(inline|eval|hashes)|^\*$|^data:|^https?:$|^blob:/.test(v), `CSP allows ${v}`);
    }
    assert.deepEqual([...policy.keys()].filter((d) => !['default-src', 'script-src', 'style-src', 'font-src', 'img-src'].includes(d)), []);
  });

  it('puts the nonce on every script, and a new nonce on every page', () => {
    const html = page();
    const nonce = /'nonce-([^']+)'/.exec(csp(html).get('script-src')![0])![1];
    const scripts = tags(html).filter((t) => t.name === 'script');
    assert.ok(scripts.length >= 1);
    for (const s of scripts) {
      assert.equal(s.attrs.get('nonce'), nonce);
      assert.ok(s.attrs.get('src'), 'an inline script');
    }
    assert.equal((html.match(/<script\b/gi) ?? []).length, scripts.length);
    const again = /'nonce-([^']+)'/.exec(csp(page()).get('script-src')![0])![1];
    assert.notEqual(again, nonce);
  });

  it('has no inline event handler, style attribute, style element, javascript: URL or base tag', () => {
    const html = page();
    for (const t of tags(html)) {
      for (const name of t.attrs.keys()) {
        assert.ok(!/^on/.test(name), `<${t.name} ${name}>`);
        assert.notEqual(name, 'style', `<${t.name} style>`);
      }
      assert.ok(!['style', 'base', 'iframe', 'object', 'embed', 'form'].includes(t.name), `<${t.name}>`);
    }
    assert.ok(!/javascript:/i.test(html));
  });

  it("loads every resource from the built files, through the webview's URI", () => {
    const html = page();
    const urls = tags(html).flatMap((t) => ['src', 'href'].map((a) => t.attrs.get(a)).filter((u): u is string => u !== undefined));
    assert.deepEqual(urls.map((u) => u.slice(WEBVIEW_ROOT.length)).sort(), ['codicon.css', 'webview.css', 'webview.js']);
    for (const u of urls) assert.ok(u.startsWith(WEBVIEW_ROOT), u);
    // The files the page names are the ones the build puts in dist/.
    const webpack = fs.readFileSync(path.join(repoRoot(), 'webpack.config.js'), 'utf8');
    for (const name of ['codicon.css', 'webview.css']) assert.ok(webpack.includes(`'${name}'`), `webpack does not copy ${name}`);
    assert.match(webpack, /filename: 'webview\.js'/);
  });

  it('shows the title as text', () => {
    const html = page('Stage <img src=x onerror=alert(1)> "&\'');
    assert.ok(html.includes('<title>Stage &lt;img src=x onerror=alert(1)&gt; &quot;&amp;&#39;</title>'));
    assert.deepEqual(tags(html).filter((t) => t.name === 'img'), []);
    assert.equal(escapeHtml('<>&"\''), '&lt;&gt;&amp;&quot;&#39;');
  });

  it('the panel may load only the built files, runs scripts, and follows no command: links', () => {
    const options = editorWebviewOptions(EXTENSION as never);
    assert.equal(options.enableScripts, true);
    assert.equal(options.enableCommandUris, false);
    assert.deepEqual(options.localResourceRoots?.map(String), [DIST.toString()]);
  });
});

describe('stage editor page code (src/webview)', () => {
  it('builds no HTML from strings and runs no strings as code', () => {
    const dir = path.join(repoRoot(), 'src', 'webview');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const re of [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\(/, /new Function\(/, /setAttribute\(\s*['"]on/, /\.on[a-z]+\s*=\s*['"`]/]) {
        assert.ok(!re.test(text), `src/webview/${f} uses ${re}`);
      }
    }
  });
});
