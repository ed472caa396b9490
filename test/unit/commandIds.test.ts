// package.json and src/commandIds.ts name the same commands, and the menus use only those.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { COMMAND_NAMES, COMMAND_PREFIX, commandId, WALKTHROUGH_ID } from '../../src/commandIds';
import { repoRoot } from '../harness/paths';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

interface Manifest {
  contributes: {
    commands: ContributedCommand[];
    menus: Record<string, { command?: string; submenu?: string }[]>;
    viewsWelcome?: { contents: string }[];
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, unknown> };
    walkthroughs: Walkthrough[];
  };
}

interface Walkthrough {
  id: string;
  title: string;
  steps: { id: string; title: string; description: string; completionEvents?: string[]; media: { markdown?: string; image?: string; altText?: string } }[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as Manifest;
const contributed = manifest.contributes.commands;
const contributedIds = contributed.map((c) => c.command);

/** VS Code's own commands the walkthrough may link to (the rest must be ours). */
const VSCODE_COMMANDS = ['workbench.action.openSettings'];
const viewIds = Object.values(manifest.contributes.views).flat().map((v) => v.id);

/** A command a link may run: one of ours, a view's focus command (VS Code makes one per view), or VS Code's own. */
function runnable(id: string): boolean {
  return contributedIds.includes(id) || viewIds.some((v) => id === `${v}.focus`) || VSCODE_COMMANDS.includes(id);
}

function duplicates(list: readonly string[]): string[] {
  return list.filter((x, i) => list.indexOf(x) !== i);
}

describe('command ids', () => {
  it('each command in ids.ts is contributed in package.json', () => {
    const missing = COMMAND_NAMES.filter((n) => !contributedIds.includes(COMMAND_PREFIX + n));
    assert.deepEqual(missing, [], `not in contributes.commands: ${missing.join(', ')}`);
  });

  it('each contributed command is in ids.ts, under the prefix', () => {
    assert.equal(COMMAND_PREFIX, 'apigatewayStages.');
    const names: readonly string[] = COMMAND_NAMES;
    const extra = contributedIds.filter((id) => !id.startsWith(COMMAND_PREFIX) || !names.includes(id.slice(COMMAND_PREFIX.length)));
    assert.deepEqual(extra, [], `not in COMMAND_NAMES: ${extra.join(', ')}`);
  });

  it('names each command once, with a title', () => {
    assert.deepEqual(duplicates(COMMAND_NAMES), []);
    assert.deepEqual(duplicates(contributedIds), []);
    assert.deepEqual(contributed.filter((c) => !c.title?.trim()).map((c) => c.command), []);
  });

  it('menus use only contributed commands', () => {
    const used = Object.entries(manifest.contributes.menus).flatMap(([menu, items]) =>
      items.filter((i) => i.command !== undefined).map((i) => ({ menu, command: i.command! })),
    );
    assert.ok(used.length > 0, 'no menu items found');
    const unknown = used.filter((u) => !contributedIds.includes(u.command)).map((u) => `${u.menu}: ${u.command}`);
    assert.deepEqual(unknown, []);
  });

  it('welcome views link only to contributed commands', () => {
    const links = (manifest.contributes.viewsWelcome ?? []).flatMap((w) => [...w.contents.matchAll(/\(command:([^)?\s]+)/g)].map((m) => m[1]));
    assert.deepEqual(links.filter((id) => !contributedIds.includes(id)), []);
  });

  it('gives the stage commands their titles in the API Gateway category', () => {
    const expected: Record<string, string> = {
      createStage: 'Create Stage…',
      changeDeployment: 'Change Deployment…',
      deployToStage: 'Deploy to Stage…',
      deleteStage: 'Delete Stage…',
      restoreStage: 'Restore Deleted Stage…',
      openInConsole: 'Open in AWS Console',
      // Beside Edit Stage Settings it differed by one letter.
      editStageSetting: 'Edit One Setting…',
    };
    for (const [name, title] of Object.entries(expected)) {
      const c = contributed.find((x) => x.command === COMMAND_PREFIX + name);
      assert.ok(c, `${name} is not contributed`);
      assert.deepEqual({ title: c.title, category: c.category }, { title, category: 'API Gateway' }, name);
    }
  });
  it('no command id is typed by hand in src/ or test/: each comes from commandId()', () => {
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const at = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : files(at);
      return /\.(ts|mts|js|mjs)$/.test(e.name) ? [at] : [];
    });
    const typed = new RegExp(`${COMMAND_PREFIX.replace('.', '\\.')}(${COMMAND_NAMES.join('|')})\\b`);
    const root = repoRoot();
    const checked = ['src', 'test'].flatMap((d) => files(path.join(root, d))).filter((f) => f !== path.join(root, 'src', 'commandIds.ts'));
    assert.ok(checked.length > 100, `only ${checked.length} files found`);
    const found = checked.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').map((line, i) => ({ at: `${path.relative(root, f)}:${i + 1}`, line })))
      .filter((l) => typed.test(l.line)).map((l) => `${l.at}: ${l.line.trim()}`);
    assert.deepEqual(found, []);
    assert.equal(commandId('deleteStage'), `${COMMAND_PREFIX}deleteStage`);
  });
});

describe('walkthrough', () => {
  const walkthroughs = manifest.contributes.walkthroughs;
  const steps = walkthroughs.flatMap((w) => w.steps);

  it('is "Get started with API Gateway Stages", under the id Get Started opens, with the five steps of issue 17', () => {
    assert.deepEqual(walkthroughs.map((w) => [w.id, w.title]), [[WALKTHROUGH_ID, 'Get started with API Gateway Stages']]);
    assert.deepEqual(steps.map((s) => s.id), ['connect', 'openView', 'editStage', 'createStage', 'checkLogging']);
    assert.deepEqual(duplicates(steps.map((s) => s.id)), []);
  });

  it('each step has a button (a command link on a line of its own), and every link runs a command that exists', () => {
    for (const s of steps) {
      assert.match(s.description, /(^|\n)\[[^\]]+\]\(command:[^)]+\)(\n|$)/, `${s.id} has no button`);
      const links = [...s.description.matchAll(/\(command:([^)?\s]+)/g)].map((m) => m[1]);
      assert.deepEqual(links.filter((id) => !runnable(id)), [], `${s.id} links to commands that do not exist`);
    }
  });

  it('each step completes on events that can fire: commands, views and settings that exist', () => {
    const settings = Object.keys(manifest.contributes.configuration.properties);
    for (const s of steps) {
      const events = s.completionEvents ?? [];
      assert.ok(events.length > 0, `${s.id} has no completion event (VS Code would complete it on its button alone)`);
      for (const e of events) {
        const [, kind, arg] = /^(onCommand|onView|onSettingChanged|onContext|onLink|onStepSelected|onExtensionInstalled):?(.*)$/.exec(e) ?? [];
        assert.ok(kind, `${s.id}: ${e} is not a completion event`);
        if (kind === 'onCommand') assert.ok(runnable(arg), `${s.id}: ${arg} is not a command`);
        if (kind === 'onView') assert.ok(viewIds.includes(arg), `${s.id}: view ${arg} is not contributed`);
        if (kind === 'onSettingChanged') assert.ok(settings.includes(arg), `${s.id}: setting ${arg} is not contributed`);
      }
    }
  });

  it('each step shows a Markdown file or an image with alt text, which exists', () => {
    for (const s of steps) {
      const file = s.media.markdown ?? s.media.image;
      assert.ok(file, `${s.id} has no media`);
      assert.ok(fs.existsSync(path.join(repoRoot(), file)), `${s.id}: ${file} is missing`);
      if (s.media.image) assert.ok(s.media.altText?.trim(), `${s.id}: the image has no altText`);
    }
  });
});
