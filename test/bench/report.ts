// The bench's output: a table on stdout, bench/results.json, and the measured part of docs/PERFORMANCE.md.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../harness/paths';
import type { CellResult, Stats } from './measure';
import type { ModelRow } from './model';
import type { OverheadRow } from './overhead';
import type { StaticFigures } from './static';

export interface UiRowResult {
  readonly action: string;
  readonly scale: string;
  readonly ours: Stats;
  /** The minimal extension's time: its tree's first row, or its page's heading. */
  readonly minimal?: Stats;
  readonly request?: Stats;
  /** As the targets count it: ours − minimal − the bare SDK's time for the tree; ours − GetStage's time for the editor. */
  readonly overheadMs?: number;
  /** The editor only: ours − the minimal page − GetStage, what our page adds to VS Code's webview. */
  readonly ownMs?: number;
}

export interface Results {
  readonly date: string;
  readonly machine: { readonly cpus: number; readonly cpu: string; readonly node: string; readonly os: string };
  readonly reps: number;
  readonly wallSeconds: number;
  readonly cells: CellResult[];
  /** Open the view against an in-process canned answer: our layer's own cost. */
  readonly layer?: OverheadRow[];
  /** The settings model alone: a save's conflict check at thousands of overrides. */
  readonly model?: ModelRow[];
  readonly static?: StaticFigures;
  readonly ui?: { readonly rows: UiRowResult[]; readonly activation?: Stats; readonly profilesRead?: Stats } | { readonly skipped: string };
}

export function machine(): Results['machine'] {
  return { cpus: os.cpus().length, cpu: os.cpus()[0]?.model.trim() ?? '?', node: process.version, os: `${os.type()} ${os.release()}` };
}

export function scaleLabel(c: Pick<CellResult, 'group' | 'size'>, deployments?: number): string {
  if (c.group === 'apis') return `${c.size} APIs`;
  if (c.group === 'resources') return `${c.size} resources`;
  return `${c.size} stages${deployments ? `, ${deployments} deployments` : ''}`;
}

const ms = (s: Stats | undefined) => (s ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : '–');
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const ratio = (a: Stats | undefined, b: Stats | undefined) => (a && b ? pairedRatio(a, b).toFixed(2) : '–');

/**
 * ours ÷ bare SDK: the median of the ratios of runs made side by side (the variants alternate),
 * so that a slow moment of a shared machine slows both sides of a pair and cancels out.
 */
export function pairedRatio(a: Stats, b: Stats): number {
  const n = Math.min(a.runs.length, b.runs.length);
  if (!n) return a.median / b.median;
  const r = Array.from({ length: n }, (_, i) => a.runs[i] / b.runs[i]).sort((x, y) => x - y);
  return n % 2 ? r[n >> 1] : (r[n / 2 - 1] + r[n / 2]) / 2;
}
const total = (r: Record<string, number> | undefined) => (r ? Object.values(r).reduce((x, y) => x + y, 0) : 0);
const ops = (r: Record<string, number> | undefined) => (r ? Object.entries(r).map(([k, v]) => `${v} ${k}`).join(', ') : '–');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A read sends only Get requests: its target is ours ÷ bare SDK ≤ 1.05. */
export const isRead = (c: CellResult) => Object.keys(c.budget).every((op) => op.startsWith('Get'));
export const withinBudget = (c: CellResult) => {
  const sent = c.results.ours?.requests ?? {};
  return [...new Set([...Object.keys(sent), ...Object.keys(c.budget)])].every((op) => (sent[op] ?? 0) === (c.budget[op] ?? 0));
};

function markdownTable(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** The results as Markdown: the measured part of docs/PERFORMANCE.md and what the bench prints. */
export function render(r: Results, deployments: number): string {
  const lines: string[] = [];
  lines.push(`Measured ${r.date} on ${r.machine.cpus} × ${r.machine.cpu}, Node ${r.machine.node}, ${r.machine.os}: moto 5.2.5 behind the paging proxy on the same machine, ${r.reps} runs each after one warm-up (${r.reps * 4} for ours and the SDK when a run takes under 100 ms), median (min–max) in ms. \`npm run bench\` took ${(r.wallSeconds / 60).toFixed(1)} min.`);
  lines.push('');
  lines.push(...markdownTable(
    ['action', 'scale', 'our requests', 'as designed', 'ours ms', 'bare SDK ms', 'AWS CLI ms (requests)', 'ours ÷ SDK (paired)', 'ours ÷ CLI'],
    r.cells.map((c) => [
      c.action, scaleLabel(c, c.group === 'stages' ? deployments : undefined), ops(c.results.ours?.requests), withinBudget(c) ? 'yes' : `no: ${ops(c.budget)}`,
      ms(c.results.ours?.ms), ms(c.results.bare?.ms), c.results.cli ? `${ms(c.results.cli.ms)} (${total(c.results.cli.requests)})` : '–',
      ratio(c.results.ours?.ms, c.results.bare?.ms), ratio(c.results.ours?.ms, c.results.cli?.ms),
    ]),
  ));
  lines.push('');
  lines.push(...growth(r.cells));
  if (r.layer?.length) {
    const runs = r.layer[0].ours.runs.length;
    lines.push('', `Our layer alone: open the view answered from memory by an in-process server (no emulator, no network), ${runs} runs each, alternating:`, '');
    lines.push(...markdownTable(['APIs', 'ours ms', 'bare SDK ms', 'ours ÷ SDK (paired)'], r.layer.map((l) => [String(l.apis), ms(l.ours), ms(l.bare), ratio(l.ours, l.bare)])));
  }
  if (r.model?.length) {
    lines.push('', `The settings model alone (no request), ${r.model[0].ms.runs.length} runs each:`, '');
    lines.push(...markdownTable(['model action', 'overrides', 'ms', 'target ms'], r.model.map((m) => [m.action, String(m.overrides), ms(m.ms), `< ${m.targetMs}`])));
  }
  if (r.ui && 'rows' in r.ui) {
    lines.push('', 'In the editor (code-server + Chromium, a fresh window each run): time to the first row, ours beside a minimal extension whose tree answers the same rows from memory; ' +
      'and from clicking a stage to the stage editor\'s heading, beside the minimal extension\'s page (a webview whose script asks the extension for its heading).', '');
    const dash = (x: number | undefined) => (x === undefined ? '–' : fmt(x));
    lines.push(...markdownTable(['UI action', 'scale', 'ours ms', 'minimal extension ms', 'request ms', 'UI overhead ms (ours − minimal − bare SDK; editor: ours − GetStage)', 'editor: ours − minimal page − GetStage'],
      r.ui.rows.map((u) => [u.action, u.scale, ms(u.ours), ms(u.minimal), ms(u.request), dash(u.overheadMs), dash(u.ownMs)])));
    if (r.ui.activation) lines.push('', `Activation (the extension's own log, "Activated in N ms"): ${ms(r.ui.activation)} ms over ${r.ui.activation.runs.length} windows.`);
    if (r.ui.profilesRead) lines.push(`The AWS profile files, read after activate() returned, were in ${ms(r.ui.profilesRead)} ms after activation began (the view waits for them with its progress bar).`);
  } else if (r.ui) {
    lines.push('', `UI timings: ${r.ui.skipped}.`);
  }
  if (r.static) {
    const s = r.static;
    lines.push('', `Production bundle: dist/extension.js ${kb(s.extensionBytes)}, dist/webview.js ${kb(s.webviewBytes)}. VSIX ${kb(s.vsixBytes)}, ${s.vsixFiles.length} files:`);
    lines.push('', ...markdownTable(['file in the VSIX', 'size', 'packed'], s.vsixFiles.map((f) => [f.name, kb(f.bytes), kb(f.compressed)])));
  }
  lines.push('', ...targets(r));
  return lines.join('\n');
}

/** How requests and time grow from the smallest to the largest scale of each action. */
function growth(cells: CellResult[]): string[] {
  const byAction = new Map<string, CellResult[]>();
  for (const c of cells) byAction.set(c.action, [...(byAction.get(c.action) ?? []), c]);
  const out: string[] = ['Growth, smallest to largest scale:', ''];
  for (const [action, list] of byAction) {
    if (list.length < 2) continue;
    const a = list[0];
    const b = list[list.length - 1];
    const t = (c: CellResult, v: 'ours' | 'bare' | 'cli') => c.results[v]?.ms.median;
    const x = (v: 'ours' | 'bare' | 'cli') => (t(a, v) && t(b, v) ? `×${(t(b, v)! / t(a, v)!).toFixed(1)}` : '–');
    out.push(`- ${action}: ${a.size} → ${b.size} (×${(b.size / a.size).toFixed(0)}): our requests ${total(a.results.ours?.requests)} → ${total(b.results.ours?.requests)}, ours ${x('ours')}, bare SDK ${x('bare')}, CLI ${x('cli')} (${total(a.results.cli?.requests)} → ${total(b.results.cli?.requests)} requests).`);
  }
  return out.length > 2 ? out : [];
}

/** Where the bench writes its Markdown, between these markers (docs/PERFORMANCE.md). */
export const PERFORMANCE_DOC = path.join('docs', 'PERFORMANCE.md');
export const BENCH_START = '<!-- bench:start -->';
export const BENCH_END = '<!-- bench:end -->';

/** `doc` with the text between the bench markers replaced; the markers must be there once, in order. */
export function replaceBenchBlock(doc: string, text: string): string {
  const start = doc.indexOf(BENCH_START);
  const end = doc.indexOf(BENCH_END);
  if (start < 0 || end < start || doc.indexOf(BENCH_START, start + 1) >= 0 || doc.indexOf(BENCH_END, end + 1) >= 0) {
    throw new Error(`${PERFORMANCE_DOC} must hold ${BENCH_START} and then ${BENCH_END}, once each`);
  }
  return doc.slice(0, start) + `${BENCH_START}\n${text}\n${BENCH_END}` + doc.slice(end + BENCH_END.length);
}

/** Writes bench/results.json and the section between the bench markers of docs/PERFORMANCE.md. */
export function write(r: Results, text: string): { json: string; doc: string } {
  const root = repoRoot();
  const json = path.join(root, 'bench', 'results.json');
  fs.mkdirSync(path.dirname(json), { recursive: true });
  fs.writeFileSync(json, JSON.stringify(r, null, 2) + '\n');
  const doc = path.join(root, PERFORMANCE_DOC);
  fs.writeFileSync(doc, replaceBenchBlock(fs.readFileSync(doc, 'utf8'), text));
  return { json, doc };
}

/** The issue's targets, each met or missed. */
export function targets(r: Results): string[] {
  const out = ['Targets:'];
  for (const l of r.layer ?? []) {
    const x = pairedRatio(l.ours, l.bare);
    out.push(`- our layer alone, open the view with ${l.apis} APIs: ours ÷ bare SDK ${x.toFixed(3)} (${x <= 1.05 ? 'met' : 'missed'})`);
  }
  for (const m of r.model ?? []) out.push(`- ${m.action}, ${m.overrides} overrides: median ${fmt(m.ms.median)} ms, under ${m.targetMs} ms (${m.ms.median < m.targetMs ? 'met' : 'missed'})`);
  const reads = r.cells.filter(isRead);
  const x = (c: CellResult) => pairedRatio(c.results.ours!.ms, c.results.bare!.ms);
  const slow = reads.filter((c) => x(c) > 1.05);
  out.push(`- ours ÷ bare SDK ≤ 1.05 for every read: ${slow.length ? `missed in ${slow.length} of ${reads.length} (${slow.map((c) => `${c.action} @ ${c.size}: ${x(c).toFixed(2)}`).join('; ')})` : `met (${reads.length} reads)`}`);
  const withCli = r.cells.filter((c) => c.results.cli);
  const notFaster = withCli.filter((c) => c.results.ours!.ms.median >= c.results.cli!.ms.median);
  out.push(`- faster than the AWS CLI: ${notFaster.length ? `missed in ${notFaster.map((c) => `${c.action} @ ${c.size}`).join(', ')}` : `met (${withCli.length} of ${withCli.length})`}`);
  const uiRows = r.ui && 'rows' in r.ui ? r.ui.rows : [];
  for (const u of uiRows.filter((row) => row.overheadMs !== undefined && !/first in/.test(row.action))) {
    // The view: ours within minimal + bare SDK + 100 ms; the editor: its form within GetStage + 150 ms.
    const editor = /editor/.test(u.action);
    const allowed = editor ? 150 : 100;
    const floor = editor && u.minimal && u.ownMs !== undefined
      ? `; the minimal page alone takes ${fmt(u.minimal.median)} ms, and ours − minimal page − GetStage is ${fmt(u.ownMs)} ms` : '';
    out.push(`- ${u.action} @ ${u.scale}: ${editor ? 'ours − GetStage' : 'ours − minimal − bare SDK'} ${fmt(u.overheadMs!)} ms, allowed ${allowed} ms (${u.overheadMs! <= allowed ? 'met' : 'missed'})${floor}`);
  }
  const act = r.ui && 'rows' in r.ui ? r.ui.activation : undefined;
  out.push(`- activation under 20 ms: ${act ? `${act.median < 20 ? 'met' : 'missed'} (median ${act.median.toFixed(1)} ms)` : 'not measured (no UI run)'}`);
  if (r.static) out.push(`- extension bundle under 1.5 MB: ${r.static.extensionBytes < 1.5 * 1024 * 1024 ? 'met' : 'missed'} (${(r.static.extensionBytes / 1024).toFixed(0)} KB)`);
  const over = r.cells.filter((c) => !withinBudget(c));
  out.push(`- requests as designed: ${over.length ? `missed in ${over.length}` : `met (${r.cells.length} of ${r.cells.length})`}`);
  return out;
}
