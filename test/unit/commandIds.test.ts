// package.json and src/commandIds.ts name the same commands, and the menus use only those.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { COMMAND_NAMES, COMMAND_PREFIX, commandId } from '../../src/commandIds';
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
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as Manifest;
const contributed = manifest.contributes.commands;
const contributedIds = contributed.map((c) => c.command);

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
