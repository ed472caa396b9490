// What a person sees while a stage with many resources loads: expands the stage (its methods
// come from GetResources, paged) and opens its editor, taking screenshots while each loads.
//
// node out/test/bench/resources.js [--resources 1000]
import { expand, treeItem } from '../harness/workbench';
import { inFreshWindow, seedStageApi, startBenchEditor, timeFirstRow } from './ui';
import { runMain } from './runMain';

const API = 'many resources';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const count = Number(argValue('--resources') ?? '1000');
  const log = (l: string) => console.log(l);
  const bench = await startBenchEditor(log);
  try {
    const seeded = Date.now();
    await seedStageApi(bench.emulator.endpoint, count, API);
    log(`seeded ${count} resources in ${((Date.now() - seeded) / 1000).toFixed(0)} s`);
    await inFreshWindow(bench.server, bench.tmp, log, async (wb) => {
      await timeFirstRow(wb, 'API Gateway');
      await expand(wb, API);
      await expand(wb, 'Stages');
      const stage = treeItem(wb, 'prod').first();
      await stage.waitFor({ state: 'visible' });
      // Expanding the stage lists its methods: screenshots until the first method row shows.
      const before = bench.proxy.timings.length;
      const started = Date.now();
      await stage.locator('.monaco-tl-twistie').click();
      const method = treeItem(wb, /^GET \/r\d+$/).first();
      for (let i = 0; i < 20 && !(await method.isVisible()); i++) {
        await wb.screenshot(`resources-${count}-expanding-${Date.now() - started}ms`);
        await wb.page.waitForTimeout(150);
      }
      await method.waitFor({ state: 'visible', timeout: 60_000 });
      log(`methods shown after ${Date.now() - started} ms; requests: ` +
        bench.proxy.timings.slice(before).map((t) => `${t.request} ${t.ms.toFixed(0)} ms`).join(', '));
      await wb.screenshot(`resources-${count}-methods`);
      // The stage editor of that stage.
      const edit = Date.now();
      await stage.locator('.label-name').click();
      const frame = wb.page.locator('iframe.webview.ready').filter({ visible: true }).contentFrame().frameLocator('iframe#active-frame');
      for (let i = 0; i < 10 && !(await frame.locator('h1').isVisible().catch(() => false)); i++) {
        await wb.screenshot(`resources-${count}-editor-${Date.now() - edit}ms`);
        await wb.page.waitForTimeout(150);
      }
      await frame.locator('h1').waitFor({ state: 'visible', timeout: 60_000 });
      log(`stage editor shown after ${Date.now() - edit} ms`);
      await wb.screenshot(`resources-${count}-editor`);
    });
  } finally {
    await bench.stop();
  }
}

runMain(module, main);
