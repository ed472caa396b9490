// The README is the Marketplace page: short, with a row of the commands table for every command
// package.json contributes; the README and docs/ link only to files and headings that exist; the
// bench finds its markers in docs/PERFORMANCE.md.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ACTIONS } from '../bench/actions';
import { BENCH_END, BENCH_START, PERFORMANCE_DOC, replaceBenchBlock } from '../bench/report';
import type { Fixture } from '../bench/scales';
import { repoRoot } from '../harness/paths';

const root = repoRoot();
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
const README = 'README.md';
const DOCS = [README, 'CONTRIBUTING.md', 'CHANGELOG.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const COMMANDS_HEADING = '## Commands and what they cost';

/** The README row (its first cell) of each benchmarked action, whose requests test/service/requestBudget.test.ts counts. */
const ROW_OF_ACTION: Record<string, string> = {
  'open the view (list APIs)': 'open the view, expand an API',
  'expand an API (stages)': 'open the view, expand an API',
  'expand a stage (resources, methods)': 'expand a stage',
  'expand Deployments': 'expand Deployments',
  'open the stage editor': '*Edit Stage Settings*',
  'save one change in the editor': 'Save in the editor, *Save Stage to AWS*',
  'create a stage': '*Create Stage…*',
  'change the deployment of a stage': '*Change Deployment…*',
  'delete a stage': '*Delete Stage…*',
};

/** The rows of the first table under `heading`, as cells. */
function tableUnder(md: string, heading: string): string[][] {
  const at = md.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `no "${heading}" in the README`);
  const lines = md.slice(at + heading.length + 2).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines.slice(start + 2, end).map((l) => l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim())); // cells split at unescaped pipes
}

/** A heading's anchor as GitHub and VS Code's Markdown preview make it. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

function anchorsOf(md: string): Set<string> {
  const outsideCode = md.replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...outsideCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
}

describe('the README and docs/', () => {
  it('the README is under 15 KB', () => {
    const bytes = Buffer.byteLength(read(README));
    assert.ok(bytes < 15_000, `README.md is ${bytes} bytes`);
  });

  it('the commands table has a row, with its requests, for every contributed command', () => {
    const manifest = JSON.parse(read('package.json')) as { contributes: { commands: { command: string; title: string }[] } };
    const rows = tableUnder(read(README), COMMANDS_HEADING);
    assert.ok(rows.length >= 20, `only ${rows.length} rows`);
    const named = rows.flatMap((r) => [...r[0].matchAll(/\*([^*]+)\*/g)].map((m) => m[1]));
    const missing = manifest.contributes.commands.filter((c) => !named.includes(c.title)).map((c) => `${c.command} (${c.title})`);
    assert.deepEqual(missing, [], 'commands without a row in the README');
    assert.deepEqual(rows.filter((r) => r.length !== 3 || !r[2]).map((r) => r[0]), [], 'rows without their requests');
  });

  it('the commands table names every request the request-budget test counts, on the row of its action', () => {
    const rows = tableUnder(read(README), COMMANDS_HEADING);
    const fixture: Fixture = { group: 'stages', size: 1, restApiId: 'a', resources: 1, deploymentIds: ['d'], stageNames: ['s001'] };
    const missing: string[] = [];
    for (const action of ACTIONS) {
      const row = rows.find((r) => r[0] === ROW_OF_ACTION[action.name]);
      if (!row) {
        missing.push(`${action.name}: no row "${ROW_OF_ACTION[action.name]}"`);
        continue;
      }
      for (const op of Object.keys(action.budget(fixture, 500))) if (!row[2].includes(`\`${op}\``)) missing.push(`${action.name}: ${op}`);
    }
    assert.deepEqual(missing, []);
  });

  for (const doc of DOCS) {
    it(`${doc} links only to files and headings that exist`, () => {
      const md = read(doc).replace(/^```[\s\S]*?^```/gm, '');
      const broken: string[] = [];
      for (const [, target] of md.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^\w+:/.test(target)) continue; // https:, mailto:
        const [file, anchor] = target.split('#');
        const resolved = file ? path.normalize(path.join(path.dirname(doc), file)) : doc;
        if (!fs.existsSync(path.join(root, resolved))) broken.push(target);
        else if (anchor && resolved.endsWith('.md') && !anchorsOf(read(resolved)).has(anchor)) broken.push(target);
      }
      assert.deepEqual(broken, []);
    });
  }

  it(`${PERFORMANCE_DOC} holds the bench's markers, and the bench replaces only what is between them`, () => {
    const doc = read(PERFORMANCE_DOC);
    const replaced = replaceBenchBlock(doc, 'NEW RESULTS');
    assert.equal(replaced.slice(0, doc.indexOf(BENCH_START)), doc.slice(0, doc.indexOf(BENCH_START)));
    assert.ok(replaced.endsWith(doc.slice(doc.indexOf(BENCH_END))));
    assert.ok(replaced.includes(`${BENCH_START}\nNEW RESULTS\n${BENCH_END}`));
    assert.throws(() => replaceBenchBlock(doc.replace(BENCH_END, ''), 'x'), /must hold/);
    assert.ok(!read(README).includes(BENCH_START), 'the bench writes docs/PERFORMANCE.md, not the README');
  });
});
