// Where the time goes between the click on our activity-bar icon and the first tree row:
// a CPU profile of the extension host (test/bench/hostProfiler, node:inspector in the host's
// own thread) and one of the page (Chrome DevTools Protocol), both cut to that interval
// (the profiles' clocks and process.hrtime are all CLOCK_MONOTONIC), then summed per function
// (self time), per source file of our bundle (through its source map) and per kind of code.
//
// node out/test/bench/profile.js --apis 1000 [--runs 1] [--keep DIR] [--editor: the stage editor's opening instead]
import * as fs from 'fs';
import * as path from 'path';
import { SourceMapConsumer } from 'source-map';
import { repoRoot } from '../harness/paths';
import { inFreshWindow, seedApisLocally, seedBench, startBenchEditor, timeFirstRow, timeStageEditor } from './ui';
import { runMain } from './runMain';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[]; parent?: number }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function waitForFile(dir: string, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const f = fs.readdirSync(dir).find((n) => pattern.test(n));
    if (f) return path.join(dir, f);
    if (Date.now() > deadline) throw new Error(`no ${pattern} in ${dir} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Samples (node id, duration µs) whose time falls in [from, to] (µs, monotonic). */
function samplesIn(p: CpuProfile, from: number, to: number): { node: ProfileNode; us: number }[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const out: { node: ProfileNode; us: number }[] = [];
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    const dt = p.timeDeltas[i + 1] ?? 0;
    if (t >= from && t <= to) out.push({ node: byId.get(p.samples[i])!, us: dt });
  }
  return out;
}

type Locate = (frame: CallFrame) => string;

function kindOf(frame: CallFrame, ours: RegExp): string {
  const { url, functionName } = frame;
  if (!url) return `(${functionName || 'native'})`;
  if (ours.test(url)) return 'our bundle (dist/extension.js)';
  if (url.startsWith('node:')) return 'node internals';
  if (/extensionHost|workbench|vs\/|out\//.test(url)) return 'VS Code';
  return url.split('/').slice(-2).join('/');
}

function top<T>(m: Map<T, number>, n: number): [T, number][] {
  return [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** Self time per function and per kind, and inclusive time per source file of ours, in the window. */
function summarize(title: string, p: CpuProfile, from: number, to: number, locate: Locate, ours: RegExp, log: (l: string) => void): void {
  const samples = samplesIn(p, from, to);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, ProfileNode>();
  for (const n of p.nodes) for (const c of n.children ?? []) parents.set(c, n);
  const self = new Map<string, number>();
  const kinds = new Map<string, number>();
  const oursInclusive = new Map<string, number>();
  let total = 0;
  for (const { node, us } of samples) {
    total += us;
    const f = node.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${locate(f)}`;
    self.set(name, (self.get(name) ?? 0) + us);
    const kind = kindOf(f, ours);
    kinds.set(kind, (kinds.get(kind) ?? 0) + us);
    // Each of our source files on the stack once: the time spent in or under it.
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = node; n; n = parents.get(n.id)) {
      if (!ours.test(n.callFrame.url)) continue;
      const file = locate(n.callFrame).replace(/:\d+$/, '');
      if (seen.has(file)) continue;
      seen.add(file);
      oursInclusive.set(file, (oursInclusive.get(file) ?? 0) + us);
    }
  }
  const ms = (us: number) => `${(us / 1000).toFixed(1).padStart(7)} ms`;
  log(`\n== ${title}: ${ms(to - from)} window, ${ms(total)} sampled`);
  log('-- by kind (self time)');
  for (const [k, us] of top(kinds, 12)) log(`${ms(us)}  ${k}`);
  log('-- top functions (self time)');
  for (const [k, us] of top(self, 25)) log(`${ms(us)}  ${k}`);
  // When the thread worked: 25 ms slices, each with its busy time and what took most of it.
  log('-- timeline (25 ms slices from the click: busy ms, the function with most self time)');
  const slices = new Map<number, Map<string, number>>();
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    if (t < from || t > to) continue;
    const f = byId.get(p.samples[i])!.callFrame;
    if (f.functionName === '(idle)') continue;
    const slice = Math.floor((t - from) / 25_000);
    const m = slices.get(slice) ?? new Map<string, number>();
    const name = `${f.functionName || '(anonymous)'} ${locate(f)}`;
    m.set(name, (m.get(name) ?? 0) + (p.timeDeltas[i + 1] ?? 0));
    slices.set(slice, m);
  }
  for (let s = 0; s <= Math.floor((to - from) / 25_000); s++) {
    const m = slices.get(s);
    const busy = m ? [...m.values()].reduce((a, b) => a + b, 0) : 0;
    const [name] = m ? top(m, 1)[0] : [''];
    log(`${String(s * 25).padStart(5)} ms ${(busy / 1000).toFixed(1).padStart(5)} busy  ${name}`);
  }
  if (oursInclusive.size) {
    log('-- our bundle by original source file (time in or under it)');
    for (const [k, us] of top(oursInclusive, 25)) log(`${ms(us)}  ${k}`);
  }
}

/** Maps a frame of dist/extension.js to its original source file and line through the bundle's source map. */
async function bundleLocator(bundle: string): Promise<{ locate: Locate; ours: RegExp }> {
  const ours = /apigateway-stages[^/]*\/dist\/extension\.js$/;
  const map = JSON.parse(fs.readFileSync(bundle + '.map', 'utf8'));
  const consumer = await new SourceMapConsumer(map);
  const locate: Locate = (f) => {
    if (!ours.test(f.url)) return f.url ? `${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}` : '';
    const pos = consumer.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
    const src = (pos.source ?? '?').replace(/^webpack:\/\/[^/]*\//, '').replace(/^\.\//, '');
    return `${src}:${pos.line ?? '?'}`;
  };
  return { locate, ours };
}

async function main(): Promise<void> {
  const count = Number(argValue('--apis') ?? '1000');
  const runs = Number(argValue('--runs') ?? '1');
  const editor = process.argv.includes('--editor');
  const log = (l: string) => console.log(l);
  const profileDir = path.resolve(argValue('--keep') ?? fs.mkdtempSync('/tmp/apigw-bench-profile-'));
  fs.mkdirSync(profileDir, { recursive: true });
  const bench = await startBenchEditor(log, { extensions: ['hostProfiler'], env: { APIGW_BENCH_PROFILE_DIR: profileDir } });
  try {
    await seedBench(bench, count, seedApisLocally);
    const installed = fs.readdirSync(bench.server.extensionsDir).find((d) => /^apigateway-stages\.apigateway-stages-\d/.test(d));
    // The VSIX ships no source map: the build that made it left it in dist/.
    const bundle = path.join(bench.server.extensionsDir, installed!, 'dist', 'extension.js');
    if (fs.readFileSync(bundle, 'utf8') !== fs.readFileSync(path.join(repoRoot(), 'dist', 'extension.js'), 'utf8')) throw new Error('dist/extension.js is not the bundle in the VSIX: run the build again');
    const { locate, ours } = await bundleLocator(path.join(repoRoot(), 'dist', 'extension.js'));
    for (let run = 1; run <= runs; run++) {
      for (const f of fs.readdirSync(profileDir)) fs.rmSync(path.join(profileDir, f));
      let from = 0;
      let clickAt = 0;
      const seen = bench.proxy.timings.length;
      let to = 0;
      let pageProfile: CpuProfile | undefined;
      const ms = await inFreshWindow(bench.server, bench.tmp, log, async (wb) => {
        const cdp = await wb.page.context().newCDPSession(wb.page);
        const start = async () => {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
          await cdp.send('Profiler.start');
          from = nowUs();
          clickAt = performance.now();
        };
        let took: number;
        if (editor) {
          // The stage editor opened a second time in the window (the first sets up the browser's webview worker).
          await timeFirstRow(wb, 'API Gateway');
          let armed = false;
          const { again } = await timeStageEditor(wb, bench.proxy.timings, async () => (armed = true), async () => {
            if (armed) await start();
          });
          took = again.ms;
        } else {
          took = await timeFirstRow(wb, 'API Gateway', start);
        }
        to = nowUs();
        pageProfile = (await cdp.send('Profiler.stop')).profile as unknown as CpuProfile;
        await wb.screenshot(`profile-${count}-${run}`);
        fs.writeFileSync(path.join(profileDir, 'stop'), '');
        await waitForFile(profileDir, /^exthost-\d+\.cpuprofile$/, 30_000);
        return took;
      });
      log(`\n##### run ${run}: ${count} APIs, ${editor ? 'stage editor (second in the window) after' : 'first row after'} ${ms.toFixed(0)} ms; profiles in ${profileDir}`);
      fs.writeFileSync(path.join(profileDir, `page-${run}.cpuprofile`), JSON.stringify(pageProfile));
      const hostFile = await waitForFile(profileDir, /^exthost-\d+\.cpuprofile$/, 1000);
      const host = JSON.parse(fs.readFileSync(hostFile, 'utf8')) as CpuProfile;
      fs.renameSync(hostFile, path.join(profileDir, `exthost-${run}.cpuprofile`));
      for (const r of bench.proxy.timings.slice(seen)) {
        log(`request ${r.request}: arrived at the proxy ${(r.at - clickAt).toFixed(0)} ms after the click, answered in ${r.ms.toFixed(1)} ms`);
      }
      summarize('extension host', host, from, to, locate, ours, log);
      summarize('page (renderer main thread)', pageProfile!, from, to, locate, ours, log);
    }
  } finally {
    await bench.stop();
  }
}

runMain(module, main);
