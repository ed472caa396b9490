// Drives a VS Code workbench (code-server) in Debian's chromium with playwright-core.
//
// Every wait has a timeout. When a step fails, `step()` saves a screenshot, prints what the
// page shows (side bar, quick input, notifications, status bar) and the last console
// errors, and throws an error naming all of that: a test fails clearly instead of hanging.
import * as fs from 'fs';
import * as path from 'path';
import { type Browser, chromium, type ConsoleMessage, type Locator, type Page } from 'playwright-core';
import { ensureAptPackages } from './apt';
import type { Log } from './log';
import { repoRoot } from './paths';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
/** Default wait for one UI step. */
export const STEP_TIMEOUT_MS = 30_000;

export interface Workbench {
  readonly browser: Browser;
  readonly page: Page;
  readonly screenshotsDir: string;
  /** Console errors and page errors seen so far (newest last). */
  readonly consoleErrors: string[];
  readonly log: Log;
  /** Saves `<screenshotsDir>/<prefix><nn>-<name>.png` and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface OpenWorkbenchOptions {
  /** Default `<repo>/test-results/screenshots`. */
  screenshotsDir?: string;
  /** Put before every screenshot name, e.g. the suite's name. */
  prefix?: string;
  viewport?: { width: number; height: number };
  /** Wait for `.monaco-workbench` (default 90 s). */
  timeoutMs?: number;
  log?: Log;
  /** Runs after the page exists and before it navigates (e.g. `page.exposeFunction`). */
  beforeNavigate?: (page: Page) => Promise<unknown>;
}

export function defaultScreenshotsDir(): string {
  return path.join(repoRoot(), 'test-results', 'screenshots');
}

/** Installs Debian's chromium when missing (as root, with apt-get). */
export async function ensureChromium(log: Log = (l) => console.log(l)): Promise<void> {
  if (fs.existsSync(CHROMIUM)) return;
  await ensureAptPackages(['chromium'], log);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but there is no ${CHROMIUM}`);
}

/** Opens the workbench page in a fresh headless chromium and waits until the workbench is there. */
export async function openWorkbench(url: string, opts: OpenWorkbenchOptions = {}): Promise<Workbench> {
  const log = opts.log ?? ((l: string) => console.log(l));
  await ensureChromium(log);
  const screenshotsDir = opts.screenshotsDir ?? defaultScreenshotsDir();
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  // APIGW_UI_SLOWDOWN=4 runs the page's CPU 4× slower, as on a loaded CI machine: races show here.
  const slowdown = Number(process.env.APIGW_UI_SLOWDOWN ?? '');
  if (slowdown > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  const consoleErrors: string[] = [];
  const keep = (text: string) => {
    consoleErrors.push(text.slice(0, 500));
    if (consoleErrors.length > 50) consoleErrors.shift();
  };
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') keep(m.text());
  });
  page.on('pageerror', (e) => keep(`pageerror: ${e.message}`));
  let shots = 0;
  const prefix = opts.prefix ? `${opts.prefix.replace(/[^\w.-]+/g, '-')}-` : '';
  const wb: Workbench = {
    browser, page, screenshotsDir, consoleErrors, log,
    async screenshot(name: string) {
      shots++;
      const file = path.join(screenshotsDir, `${prefix}${String(shots).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path: file, timeout: 15_000 });
      return file;
    },
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
  const timeout = opts.timeoutMs ?? 90_000;
  await step(wb, `open the workbench at ${url}`, async () => {
    await opts.beforeNavigate?.(page);
    await page.goto(url, { timeout, waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    // The status bar and activity bar come a moment after the workbench element.
    await page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible', timeout });
  }).catch(async (e) => {
    await wb.close();
    throw e;
  });
  return wb;
}

/** Side bar, quick input, notifications and status bar: what a person would see, as text. */
export async function visibleText(page: Page): Promise<string> {
  try {
    return await page.evaluate(() => {
      const parts: string[] = [];
      const grab = (label: string, selector: string) => {
        document.querySelectorAll<HTMLElement>(selector).forEach((el) => {
          if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') return;
          const text = el.innerText.replace(/\n{2,}/g, '\n').trim();
          if (text) parts.push(`[${label}]\n${text}`);
        });
      };
      grab('side bar', '#workbench\\.parts\\.sidebar');
      grab('quick input', '.quick-input-widget');
      grab('notifications', '.notifications-toasts, .notifications-center');
      grab('dialog', '.monaco-dialog-box');
      grab('editor', '#workbench\\.parts\\.editor');
      grab('panel', '#workbench\\.parts\\.panel');
      grab('status bar', '#workbench\\.parts\\.statusbar');
      if (!parts.length) parts.push(document.body.innerText);
      return parts.join('\n').slice(0, 6000);
    });
  } catch (e) {
    return `(could not read the page: ${(e as Error).message})`;
  }
}

/**
 * Runs `fn`; on failure saves a screenshot, prints the visible text and the last console errors,
 * and throws an error that says which step failed.
 */
export async function step<T>(wb: Workbench, description: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n').slice(0, 6).join('\n') : String(e);
    let shot: string;
    try {
      shot = await wb.screenshot(`FAILED-${description.slice(0, 60)}`);
    } catch (se) {
      shot = `(screenshot failed: ${(se as Error).message})`;
    }
    const text = await visibleText(wb.page);
    const errors = wb.consoleErrors.slice(-8).map((x) => `  ${x.split('\n')[0]}`).join('\n');
    const report = `Step failed: ${description}\n${reason}\nScreenshot: ${shot}\nThe page shows:\n${text}` +
      (errors ? `\nLast console errors:\n${errors}` : '');
    wb.log(report);
    const err = new Error(report);
    (err as Error & { cause?: unknown }).cause = e;
    throw err;
  }
}

/** Waits until `locator` is visible. */
export function waitVisible(wb: Workbench, locator: Locator, description: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  return step(wb, description, () => locator.first().waitFor({ state: 'visible', timeout: timeoutMs }));
}

/** Waits until no element matches `locator`. */
export function waitGone(wb: Workbench, locator: Locator, description: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  return step(wb, description, async () => {
    const deadline = Date.now() + timeoutMs;
    while ((await locator.count()) > 0) {
      if (Date.now() > deadline) throw new Error(`still ${await locator.count()} match(es) after ${timeoutMs} ms`);
      await wb.page.waitForTimeout(200);
    }
  });
}

/** Polls `check` until it returns true. */
export function waitUntil(wb: Workbench, description: string, check: () => Promise<boolean>, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  return step(wb, description, async () => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await check().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`not true after ${timeoutMs} ms`);
      await wb.page.waitForTimeout(200);
    }
  });
}

const QUICK_INPUT = '.quick-input-widget';

function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** The rows of the open quick input (command palette, quick pick). */
export function quickInputRows(wb: Workbench): Locator {
  return wb.page.locator(`${QUICK_INPUT} .monaco-list-row`);
}

/** Runs a command by its palette title (`Category: Title`), as a person does: F1, type, pick. */
export async function runCommand(wb: Workbench, title: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  await step(wb, `run command "${title}"`, async () => {
    const { page } = wb;
    const widget = page.locator(QUICK_INPUT);
    if (await widget.isVisible()) await page.keyboard.press('Escape');
    await page.locator('.monaco-workbench').focus().catch(() => undefined);
    await page.keyboard.press('F1');
    const input = page.locator(`${QUICK_INPUT} input`);
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    await input.fill(`>${title}`);
    const row = quickInputRows(wb).filter({ has: page.locator('.label-name', { hasText: exactText(title) }) });
    await row.first().waitFor({ state: 'visible', timeout: timeoutMs });
    await row.first().click();
    // Done when the palette is gone: hidden, or replaced by the command's own quick input (no `>` any more).
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!(await widget.isVisible())) break;
      if (!(await input.inputValue().catch(() => '>')).startsWith('>')) break;
      await page.waitForTimeout(50);
    }
  });
}

/** Waits for a quick pick and picks the item labelled `label` (codicons ignored), typing it to filter first. */
export async function quickPickSelect(wb: Workbench, label: string, opts: { filter?: boolean; timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? STEP_TIMEOUT_MS;
  await step(wb, `pick "${label}" in the quick pick`, async () => {
    const { page } = wb;
    await page.locator(`${QUICK_INPUT} input`).waitFor({ state: 'visible', timeout: timeoutMs });
    if (opts.filter ?? true) await page.locator(`${QUICK_INPUT} input`).fill(label);
    const row = quickInputRows(wb).filter({ has: page.locator('.label-name', { hasText: exactText(label) }) });
    await row.first().waitFor({ state: 'visible', timeout: timeoutMs });
    await row.first().click();
  });
}

/** The labels of the quick pick rows shown now. */
export async function quickPickLabels(wb: Workbench): Promise<string[]> {
  return (await quickInputRows(wb).locator('.label-name').allInnerTexts()).map((s) => s.trim());
}

/**
 * Opens a view container from the activity bar (falls back to the palette's "View: Show …"). Its
 * tab is clicked only while its container is not the active one: a click on the active tab hides
 * the side bar, and after a window reload the restored container can be active a moment before
 * its title is drawn.
 */
export async function openView(wb: Workbench, containerTitle = 'API Gateway', viewTitle = 'REST APIs', timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  await step(wb, `open the "${containerTitle}" view`, async () => {
    const { page } = wb;
    const tab = page.locator('#workbench\\.parts\\.activitybar .action-item, .activitybar .action-item')
      .filter({ has: page.locator(`[aria-label^="${containerTitle}"]`) })
      .or(page.locator(`#workbench\\.parts\\.activitybar .action-item[aria-label^="${containerTitle}"]`));
    const sideBar = page.locator('#workbench\\.parts\\.sidebar');
    const sideBarTitle = sideBar.locator('.composite.title');
    const shown = async () => {
      if (!(await sideBar.isVisible().catch(() => false))) return false;
      const t = (await sideBarTitle.innerText().catch(() => '')).toLowerCase();
      return t.includes(containerTitle.toLowerCase()) || t.includes(viewTitle.toLowerCase());
    };
    const tabActive = () => tab.first().evaluate((el) =>
      el.classList.contains('checked') || [el, ...Array.from(el.querySelectorAll('[aria-pressed], [aria-selected]'))]
        .some((e) => e.getAttribute('aria-pressed') === 'true' || e.getAttribute('aria-selected') === 'true')).catch(() => false);
    // The container's activity bar entry appears once the extension host has registered the
    // extension, a few seconds after the workbench itself: wait for it.
    const deadline = Date.now() + timeoutMs;
    let usedPalette = false;
    while (!(await shown())) {
      if (Date.now() > deadline) throw new Error(`the side bar never showed "${containerTitle}"`);
      const tabVisible = await tab.first().isVisible().catch(() => false);
      if (tabVisible && !((await tabActive()) && (await sideBar.isVisible().catch(() => false)))) {
        await tab.first().click();
        await page.waitForTimeout(300);
      } else if (!tabVisible && !usedPalette && Date.now() > deadline - timeoutMs / 2) {
        usedPalette = true;
        await runCommand(wb, `View: Show ${containerTitle}`, 5000);
      } else {
        await page.waitForTimeout(250);
      }
    }
  });
}

/** The side bar's tree rows. */
export function treeRows(wb: Workbench): Locator {
  return wb.page.locator('#workbench\\.parts\\.sidebar .monaco-list-row[role="treeitem"]');
}

/** The side bar tree row whose label is exactly `label` (a RegExp matches it as given). */
export function treeItem(wb: Workbench, label: string | RegExp): Locator {
  const match = typeof label === 'string' ? exactText(label) : label;
  return treeRows(wb).filter({ has: wb.page.locator('.label-name', { hasText: match }) });
}

export interface TreeRowInfo {
  label: string;
  description: string;
  level: number;
  expanded?: boolean;
}

/** What the side bar tree shows now, top to bottom. */
export async function treeSnapshot(wb: Workbench): Promise<TreeRowInfo[]> {
  return wb.page.evaluate(() => {
    const rows = Array.from(document.querySelectorAll<HTMLElement>('#workbench\\.parts\\.sidebar .monaco-list-row[role="treeitem"]'));
    return rows
      .map((r) => ({
        top: parseFloat(r.style.top || '0'),
        label: (r.querySelector<HTMLElement>('.label-name')?.innerText ?? '').trim(),
        description: (r.querySelector<HTMLElement>('.label-description')?.innerText ?? '').trim(),
        level: Number(r.getAttribute('aria-level') ?? 0),
        expanded: r.hasAttribute('aria-expanded') ? r.getAttribute('aria-expanded') === 'true' : undefined,
      }))
      .sort((a, b) => a.top - b.top)
      .map(({ top: _top, ...rest }) => rest);
  });
}

/** Just the labels of `treeSnapshot()`, optionally only those at one level (1 = roots). */
export async function treeLabels(wb: Workbench, level?: number): Promise<string[]> {
  return (await treeSnapshot(wb)).filter((r) => level === undefined || r.level === level).map((r) => r.label);
}

/** Waits for the tree row `label` (optionally below the row `under`) and expands it. */
export async function expand(wb: Workbench, label: string | RegExp, timeoutMs = STEP_TIMEOUT_MS): Promise<Locator> {
  const item = treeItem(wb, label).first();
  await step(wb, `expand "${label}"`, async () => {
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    await item.scrollIntoViewIfNeeded();
    const state = await item.getAttribute('aria-expanded');
    if (state === null) throw new Error(`"${label}" has no children (it is not collapsible)`);
    if (state === 'false') await item.locator('.monaco-tl-twistie').click();
    await wb.page.locator(`#workbench\\.parts\\.sidebar .monaco-list-row[role="treeitem"][aria-expanded="true"]`)
      .filter({ has: wb.page.locator('.label-name', { hasText: typeof label === 'string' ? exactText(label) : label }) })
      .first().waitFor({ state: 'visible', timeout: timeoutMs });
  });
  return item;
}

/** Clicks a tree row (runs its command, if it has one). */
export async function clickTreeItem(wb: Workbench, label: string | RegExp, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  await step(wb, `click "${label}"`, async () => {
    const item = treeItem(wb, label).first();
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    await item.click();
  });
}

/** A status bar entry whose text contains `text`. */
export function statusBarItem(wb: Workbench, text: string | RegExp): Locator {
  return wb.page.locator('#workbench\\.parts\\.statusbar .statusbar-item').filter({ hasText: text });
}

/** Texts of the notification toasts shown now. */
export async function notifications(wb: Workbench): Promise<string[]> {
  return (await wb.page.locator('.notification-toast .notification-list-item-message').allInnerTexts()).map((s) => s.trim());
}

/** Right-clicks the tree row `label` and chooses `item` from its context menu. */
export async function contextMenu(wb: Workbench, label: string | RegExp, item: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  await step(wb, `context menu of "${label}" → "${item}"`, async () => {
    const { page } = wb;
    const row = treeItem(wb, label).first();
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
    await row.scrollIntoViewIfNeeded();
    await row.click({ button: 'right' });
    const entry = page.locator('.context-view .action-item:visible, .monaco-menu .action-item:visible')
      .filter({ has: page.locator('.action-label', { hasText: exactText(item) }) }).first();
    await entry.waitFor({ state: 'visible', timeout: timeoutMs });
    // A menu item clicked at once after the menu opens may be ignored: hover first, then press Enter on it.
    await page.waitForTimeout(150);
    await entry.hover();
    await page.keyboard.press('Enter');
    await page.locator('.context-view .monaco-menu:visible').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  });
}

/** Types into the open quick input (input box or quick pick filter) and optionally presses Enter. */
export async function quickInputType(wb: Workbench, text: string, opts: { enter?: boolean; timeoutMs?: number } = {}): Promise<void> {
  await step(wb, `type "${text.slice(0, 40)}" into the quick input`, async () => {
    const input = wb.page.locator(`${QUICK_INPUT} input`);
    await input.waitFor({ state: 'visible', timeout: opts.timeoutMs ?? STEP_TIMEOUT_MS });
    await input.fill(text);
    if (opts.enter ?? true) await input.press('Enter');
  });
}

/** The text under the quick input's box (validation message, prompt), as shown now. */
export async function quickInputMessage(wb: Workbench): Promise<string> {
  const msg = wb.page.locator(`${QUICK_INPUT} .quick-input-message:visible, ${QUICK_INPUT} .monaco-inputbox-message:visible`);
  return (await msg.allInnerTexts()).join('\n').trim();
}

/** The title of the open quick input (`Create Stage (2/5)`…). */
export async function quickInputTitle(wb: Workbench): Promise<string> {
  return (await wb.page.locator(`${QUICK_INPUT} .quick-input-title:visible`).allInnerTexts()).join(' ').trim();
}

/** Waits until the open quick input is at wizard step `n` (`3/4`): typing before it shows would go to the step before. */
export async function quickInputAtStep(wb: Workbench, n: string): Promise<void> {
  await waitUntil(wb, `the wizard is at step ${n}`, async () => (await quickInputTitle(wb)).includes(`(${n})`));
}

/** Waits for a modal dialog whose text matches `text`, and returns its text. */
export async function waitDialog(wb: Workbench, text: RegExp, timeoutMs = STEP_TIMEOUT_MS): Promise<string> {
  const box = wb.page.locator('.monaco-dialog-box').filter({ hasText: text });
  await waitVisible(wb, box, `a dialog saying ${text}`, timeoutMs);
  return box.first().innerText();
}

/** Clicks a button of the modal dialog. */
export async function dialogButton(wb: Workbench, label: string): Promise<void> {
  await step(wb, `click "${label}" in the dialog`, async () => {
    const button = wb.page.locator('.monaco-dialog-box .monaco-button').filter({ hasText: exactText(label) }).first();
    await button.waitFor({ state: 'visible' });
    await button.click();
    // The dialog with that button goes; the next one of a chain (Recreate, then its confirmation) may show at once.
    await button.waitFor({ state: 'hidden' });
  });
}
