// Where the stage editor's opening goes, phase by phase, beside the minimal extension's page: the
// click (in the workbench), the webview frame's navigation, our HTML, scripts and styles fetched,
// the script run, the form's message in, the form drawn, the heading seen. Read from the page's
// and the webview frame's performance entries (epoch times, so frames compare).
//
// node out/test/bench/editorPhases.js [--runs 3]
import type { Frame, Page } from 'playwright-core';
import { expand, runCommand, treeItem } from '../harness/workbench';
import { inFreshWindow, seedApisLocally, seedBench, startBenchEditor, timeFirstRow } from './ui';
import { runMain } from './runMain';

interface Phases { [phase: string]: number }

/** The visible webview's inner frame (our HTML), once it has `h1`. */
async function activeFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 600; i++) {
    for (const f of page.frames()) {
      // The page's own frame is inside the webview's host frame.
      if (!f.parentFrame() || f.parentFrame() === page.mainFrame()) continue;
      if (await f.locator('h1').isVisible().catch(() => false)) return f;
    }
    await page.waitForTimeout(20);
  }
  throw new Error('no webview with a heading');
}

/** Clicks the row, waits for the heading, then reads the frame's timings relative to the mouse-down. */
async function phasesOf(page: Page, row: ReturnType<typeof treeItem>): Promise<Phases> {
  await page.waitForTimeout(1000);
  await page.evaluate(() => {
    (window as unknown as { __down?: number }).__down = undefined;
    document.addEventListener('mousedown', () => ((window as unknown as { __down?: number }).__down = performance.timeOrigin + performance.now()), { capture: true, once: true });
  });
  await row.locator('.label-name').click();
  const frame = await activeFrame(page);
  const seen = Date.now();
  const down = await page.evaluate(() => (window as unknown as { __down: number }).__down);
  const inner = await frame.evaluate(() => {
    const o = performance.timeOrigin;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const out: Record<string, number> = { 'frame navigation start': o };
    if (nav) {
      out['HTML received'] = o + nav.responseEnd;
      out['DOM content loaded'] = o + nav.domContentLoadedEventEnd;
      out['load event'] = o + nav.loadEventEnd;
    }
    for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      out[`${r.name.split('/').pop()!.split('?')[0]} fetched`] = o + r.responseEnd;
    }
    for (const m of performance.getEntriesByType('mark')) out[m.name] = o + m.startTime;
    const paint = performance.getEntriesByType('paint');
    for (const p of paint) out[p.name] = o + p.startTime;
    return out;
  });
  const phases: Phases = {};
  for (const [k, v] of Object.entries(inner).sort((a, b) => a[1] - b[1])) phases[k] = Math.round(v - down);
  phases['heading seen by the test'] = Math.round(seen - down);
  return phases;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3);
  const log = (l: string) => console.log(l);
  const bench = await startBenchEditor(log);
  try {
    await seedBench(bench, 10, seedApisLocally);
    for (let run = 1; run <= runs; run++) {
      const ours = await inFreshWindow(bench.server, bench.tmp, log, async (wb) => {
        await timeFirstRow(wb, 'API Gateway');
        await expand(wb, '0 stage editor');
        await expand(wb, 'Stages');
        const row = treeItem(wb, 'prod').first();
        await phasesOf(wb.page, row);
        await runCommand(wb, 'View: Close All Editors');
        return phasesOf(wb.page, row);
      });
      const minimal = await inFreshWindow(bench.server, bench.tmp, log, async (wb) => {
        await timeFirstRow(wb, 'Minimal Tree');
        const row = treeItem(wb, 'item 1').first();
        await phasesOf(wb.page, row);
        await runCommand(wb, 'View: Close All Editors');
        return phasesOf(wb.page, row);
      });
      log(`run ${run}, ours (ms after the mouse-down):\n${Object.entries(ours).map(([k, v]) => `  ${String(v).padStart(5)}  ${k}`).join('\n')}`);
      log(`run ${run}, minimal page:\n${Object.entries(minimal).map(([k, v]) => `  ${String(v).padStart(5)}  ${k}`).join('\n')}`);
    }
  } finally {
    await bench.stop();
  }
}

runMain(module, main);
