// `npm run bench`: starts moto behind the paging proxy, seeds each scale, runs every action of
// the table (actions.ts) ours / bare SDK / AWS CLI side by side, adds the static figures and the
// in-editor timings (ui.ts), prints the table and writes bench/results.json and docs/PERFORMANCE.md.
// Flags: --quick (the smallest scale of each action, 3 runs), --no-ui, --no-cli, --no-static, --no-doc;
// --render writes docs/PERFORMANCE.md's measured part again from bench/results.json.
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { repoRoot } from '../harness/paths';
import { ACTIONS } from './actions';
import { ensureAwsCli } from './cli';
import { startBenchEnv } from './env';
import { type CellResult, measure, stats } from './measure';
import { machine, render, type Results, type UiRowResult, withinBudget, write } from './report';
import { apisSeeder, resourcesSeeder, type ScaleGroup, type Seeder, seedApis, stagesSeeder } from './scales';
import { layerOverhead } from './overhead';
import { staticFigures } from './static';
import { modelTimings } from './model';

/** The deployments of the stages scale's API. */
const DEPLOYMENTS = 200;

interface UiModule {
  uiTimings(opts: { apiCounts: number[]; reps: number; log: (l: string) => void; seedApis: (endpoint: string, count: number) => Promise<void> }): Promise<{
    rows: { action: string; scale: string; oursMs: number[]; minimalMs: number[]; requestMs?: number[] }[];
    activationMs: number[];
    profilesReadMs: number[];
  }>;
}

const log = (l: string) => console.log(`[bench] ${l}`);

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  if (args.has('--render')) {
    // docs/PERFORMANCE.md's measured part again from bench/results.json, e.g. after the report's layout changed.
    const saved = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'bench', 'results.json'), 'utf8')) as Results;
    const text = render(saved, DEPLOYMENTS);
    console.log(text);
    write(saved, text);
    return;
  }
  const quick = args.has('--quick');
  const reps = quick ? 3 : 5;
  const started = performance.now();
  const cli = args.has('--no-cli') ? undefined : await ensureAwsCli(log);
  const env = await startBenchEnv({ reps, cli, log });
  const cells: CellResult[] = [];
  try {
    const seeders: Record<ScaleGroup, () => Seeder> = {
      apis: () => apisSeeder(env.emulator.endpoint),
      resources: () => resourcesSeeder(env.emulator.endpoint),
      stages: () => stagesSeeder(env.emulator.endpoint, DEPLOYMENTS),
    };
    for (const group of Object.keys(seeders) as ScaleGroup[]) {
      const actions = ACTIONS.filter((a) => a.group === group);
      const sizes = [...new Set(actions.flatMap((a) => (quick ? a.sizes.slice(0, 1) : a.sizes)))].sort((a, b) => a - b);
      // Each group on an empty emulator, so `apis` counts exactly the APIs it made.
      await env.emulator.reset();
      const seeder = seeders[group]();
      try {
        for (const size of sizes) {
          const t = performance.now();
          const fixture = await seeder.grow(size);
          log(`seeded ${group} = ${size} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
          for (const a of actions.filter((x) => (quick ? x.sizes.slice(0, 1) : x.sizes).includes(size))) {
            const cell = await measure(env, a, fixture);
            cells.push(cell);
            const r = cell.results;
            log(`${a.name} @ ${size}: ours ${r.ours!.ms.median.toFixed(1)} ms, bare ${r.bare!.ms.median.toFixed(1)} ms${r.cli ? `, cli ${r.cli.ms.median.toFixed(0)} ms` : ''}; requests ${JSON.stringify(r.ours!.requests)}${withinBudget(cell) ? '' : ` OVER BUDGET ${JSON.stringify(cell.budget)}`}`);
          }
        }
      } finally {
        seeder.dispose();
      }
    }
  } finally {
    await env.dispose();
  }

  log('our layer alone (canned answers)…');
  const layer = await layerOverhead(quick ? [10] : [10, 100, 1000], quick ? 50 : 300);
  log('the settings model (2,000 overrides)…');
  const model = modelTimings(quick ? 5 : 20);
  const stat = args.has('--no-static') ? undefined : await staticFigures(log);
  const ui = args.has('--no-ui') ? { skipped: 'skipped (--no-ui)' } : await uiRows(quick ? [10] : [10, 1000], quick ? 2 : reps, cells);

  const results: Results = {
    date: new Date().toISOString().slice(0, 10), machine: machine(), reps, wallSeconds: (performance.now() - started) / 1000, cells, layer, model, static: stat, ui,
  };
  const text = render(results, DEPLOYMENTS);
  console.log(`\n${text}\n`);
  if (!args.has('--no-doc') && !quick) {
    const out = write(results, text);
    log(`wrote ${out.json} and ${out.doc}`);
  }
  const over = cells.filter((c) => !withinBudget(c));
  if (over.length) {
    console.error(`[bench] over the request budget: ${over.map((c) => `${c.action} @ ${c.size}`).join(', ')}`);
    process.exitCode = 1;
  }
}

/** The in-editor rows from ui.ts (the other half of the bench), when it is built. */
async function uiRows(apiCounts: number[], reps: number, cells: CellResult[]): Promise<Results['ui']> {
  let mod: UiModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(['.', 'ui'].join('/')) as UiModule;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
    log('UI timings: not built');
    return { skipped: 'not built' };
  }
  const out = await mod.uiTimings({ apiCounts, reps, log, seedApis });
  const rows: UiRowResult[] = out.rows.map((row) => {
    const ours = stats(row.oursMs);
    const minimal = row.minimalMs.length ? stats(row.minimalMs) : undefined;
    const request = row.requestMs?.length ? stats(row.requestMs) : undefined;
    const bare = bareFor(row, cells);
    if (/editor/i.test(row.action)) {
      // The target counts from GetStage; the minimal extension's page says how much of the rest is VS Code's webview.
      const overheadMs = request ? ours.median - request.median : undefined;
      const ownMs = request && minimal ? ours.median - minimal.median - request.median : undefined;
      return { action: row.action, scale: row.scale, ours, minimal, request, overheadMs, ownMs };
    }
    const overheadMs = minimal && bare !== undefined ? ours.median - minimal.median - bare : undefined;
    return { action: row.action, scale: row.scale, ours, minimal, request, overheadMs };
  });
  return {
    rows,
    activation: out.activationMs.length ? stats(out.activationMs) : undefined,
    profilesRead: out.profilesReadMs.length ? stats(out.profilesReadMs) : undefined,
  };
}

/** The bare SDK's median for the data a UI row waits for: the stage editor's reads, or the API list at that count. */
function bareFor(row: { action: string; scale: string }, cells: CellResult[]): number | undefined {
  const n = Number(/\d[\d,]*/.exec(row.scale)?.[0].replace(/,/g, ''));
  const editor = /editor/i.test(row.action);
  const cell = editor
    ? cells.find((c) => c.action === 'open the stage editor')
    : cells.find((c) => c.group === 'apis' && c.size === n);
  return cell?.results.bare?.ms.median;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
