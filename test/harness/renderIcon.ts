// Renders media/icon.svg to the 128×128 PNG the Marketplace shows (media/icon.png), in the tests' chromium.
// Run after changing the SVG: node test/harness/bootstrap.js && node out/test/harness/renderIcon.js
import * as fs from 'fs';
import * as path from 'path';
import { chromium } from 'playwright-core';
import { runMain } from '../bench/runMain';
import { repoRoot } from './paths';
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from './workbench';

const SIZE = 128;

async function main(): Promise<void> {
  const media = path.join(repoRoot(), 'media');
  const svg = fs.readFileSync(path.join(media, 'icon.svg'), 'utf8');
  await ensureChromium();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const out = path.join(media, 'icon.png');
    await page.locator('svg').screenshot({ path: out, omitBackground: true });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
  }
}

runMain(module, main);
