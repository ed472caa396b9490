// Deleted-stage snapshots on disk: one file each, written atomically, read by any new store on the
// same folder (a window reload, another window), a crash's temp file ignored, a damaged file named
// while the others stay usable, and globalState's old list moved to files once.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Stage } from '@aws-sdk/client-api-gateway';
import { damagedMessage, type LegacySnapshots, SnapshotStore } from '../../src/aws/snapshotStore';
import { type ApiRef, apiFolderName, MAX_SNAPSHOTS_PER_API, safeName, snapshotFileName, type StageSnapshot } from '../../src/model/snapshots';

const API: ApiRef = { profile: 'dev', region: 'eu-west-1', restApiId: 'a1b2c3' };
const at = (minute: number) => new Date(Date.UTC(2025, 5, 1, 12, minute));

/** A Memento-like map, as globalState was used before. */
function legacyStore(entries: Record<string, unknown>): LegacySnapshots & { map: Map<string, unknown> } {
  const map = new Map(Object.entries(entries));
  return {
    map,
    keys: () => [...map.keys()],
    get: <T>(key: string) => map.get(key) as T | undefined,
    update: async (key, value) => {
      if (value === undefined) map.delete(key);
      else map.set(key, value);
    },
  };
}

describe('stage snapshots', () => {
  let root: string;
  let store: SnapshotStore;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-snapshots-'));
    store = new SnapshotStore(path.join(root, 'stageSnapshots'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const files = (api: ApiRef = API) => (fs.existsSync(store.folder(api)) ? fs.readdirSync(store.folder(api)).sort() : []);

  it('keeps snapshots per profile, region and API, one folder each', async () => {
    await store.add({ ...API, apiName: 'Pets' }, { stageName: 'beta', deploymentId: 'd1' }, at(0));
    assert.deepEqual((await store.list(API)).map((s) => s.stage.stageName), ['beta']);
    assert.deepEqual(await store.list({ ...API, region: 'us-east-1' }), []);
    assert.deepEqual(await store.list({ ...API, profile: 'prod' }), []);
    assert.deepEqual(await store.list({ ...API, restApiId: 'zzz' }), []);
    assert.equal(apiFolderName(API), 'dev%7Ceu-west-1%7Ca1b2c3');
    assert.deepEqual(fs.readdirSync(path.join(root, 'stageSnapshots')), ['dev%7Ceu-west-1%7Ca1b2c3']);
    assert.deepEqual(files(), ['beta%402025-06-01T12%3A00%3A00%2E000Z.json']);
  });

  it('names files and folders with letters, digits, _ and - only, whatever the profile', () => {
    for (const name of [safeName('../../etc/passwd'), safeName('a b/c\\d:e*f?g"h<i>j|k'), safeName('ü'), apiFolderName({ ...API, profile: '..' })]) {
      assert.match(name, /^[A-Za-z0-9_%-]+$/, name);
    }
    assert.equal(safeName('ü'), '%C3%BC');
    assert.equal(snapshotFileName('x@y'), 'x%40y.json');
  });

  it('returns what it added, with an id, the API and the time of the delete', async () => {
    const snap = await store.add({ ...API, apiName: 'Pets' }, { stageName: 'beta', deploymentId: 'd1' }, at(7));
    const expected: StageSnapshot = {
      id: 'beta@2025-06-01T12:07:00.000Z',
      restApiId: 'a1b2c3',
      apiName: 'Pets',
      profile: 'dev',
      region: 'eu-west-1',
      deletedAt: '2025-06-01T12:07:00.000Z',
      stage: { stageName: 'beta', deploymentId: 'd1' },
    };
    assert.deepEqual(snap, expected);
    assert.deepEqual(await store.list(API), [expected]);
  });

  it('lists newest first', async () => {
    await store.add(API, { stageName: 'a' }, at(1));
    await store.add(API, { stageName: 'c' }, at(3));
    await store.add(API, { stageName: 'b' }, at(2));
    assert.deepEqual((await store.list(API)).map((s) => s.stage.stageName), ['c', 'b', 'a']);
  });

  it(`keeps at most ${MAX_SNAPSHOTS_PER_API} per API: the next add drops the oldest`, async () => {
    assert.equal(MAX_SNAPSHOTS_PER_API, 50);
    for (let i = 0; i < 50; i++) await store.add(API, { stageName: `s${i}` }, at(i));
    await store.add({ ...API, restApiId: 'other' }, { stageName: 'x' }, at(0));
    assert.equal((await store.list(API)).length, 50);
    await store.add(API, { stageName: 's50' }, at(50));
    const names = (await store.list(API)).map((s) => s.stage.stageName);
    assert.equal(names.length, 50);
    assert.equal(names[0], 's50');
    assert.equal(names[49], 's1');
    assert.ok(!names.includes('s0'), 'the oldest snapshot is still there');
    assert.equal(files().length, 50, 'the oldest file is still on disk');
    assert.equal((await store.list({ ...API, restApiId: 'other' })).length, 1, 'another API lost its snapshot');
  });

  it('removes one snapshot by id, and its file', async () => {
    const a = await store.add(API, { stageName: 'a' }, at(1));
    const b = await store.add(API, { stageName: 'b' }, at(2));
    await store.add({ ...API, region: 'us-east-1' }, { stageName: 'a' }, at(1));
    await store.remove(API, a.id);
    assert.deepEqual((await store.list(API)).map((s) => s.id), [b.id]);
    assert.deepEqual(files(), [snapshotFileName(b.id)]);
    assert.equal((await store.list({ ...API, region: 'us-east-1' })).length, 1);
    await store.remove(API, 'no-such-id');
    assert.deepEqual((await store.list(API)).map((s) => s.id), [b.id]);
  });

  it('stores dates as ISO strings, in a file of its own that is plain JSON', async () => {
    const stage: Stage = { stageName: 'beta', createdDate: new Date('2025-01-02T03:04:05Z'), lastUpdatedDate: new Date('2025-02-03T04:05:06.789Z') };
    const snap = await store.add(API, stage, at(0));
    const stored = JSON.parse(fs.readFileSync(path.join(store.folder(API), snapshotFileName(snap.id)), 'utf8')) as StageSnapshot;
    assert.equal(stored.deletedAt, '2025-06-01T12:00:00.000Z');
    assert.equal(stored.stage.createdDate, '2025-01-02T03:04:05.000Z' as unknown as Date);
    assert.equal(stored.stage.lastUpdatedDate, '2025-02-03T04:05:06.789Z' as unknown as Date);
    // The snapshot is a copy: later edits of the stage object do not reach it.
    stage.description = 'changed';
    assert.equal((await store.list(API))[0].stage.description, undefined);
  });

  describe('a window reload, another window', () => {
    it('a new store on the same folder lists, restores and removes what the first one kept', async () => {
      const a = await store.add({ ...API, apiName: 'Pets' }, { stageName: 'a', deploymentId: 'd1', variables: { k: 'v' } }, at(1));
      await store.add(API, { stageName: 'b' }, at(2));
      const reloaded = new SnapshotStore(store.root);
      assert.deepEqual(await reloaded.list(API), await store.list(API));
      await reloaded.remove(API, a.id);
      assert.deepEqual((await store.list(API)).map((s) => s.stage.stageName), ['b'], 'the first store sees the other\'s remove at once');
    });

    it('two stores adding at once lose nothing (one file each, no shared list to overwrite)', async () => {
      const other = new SnapshotStore(store.root);
      await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).add(API, { stageName: `s${i}` }, at(i))));
      assert.equal((await store.list(API)).length, 10);
    });
  });

  describe('a crash while writing', () => {
    it('leaves at most a temp file, which is ignored, and removed once it is stale', async () => {
      await store.add(API, { stageName: 'kept' }, at(1));
      // What a crash half way through a write leaves: the temp file, cut short; the final name never appears.
      const half = JSON.stringify({ id: 'lost@2025-06-01T12:02:00.000Z', restApiId: 'a1b2c3', profile: 'dev', region: 'eu-west-1', deletedAt: '2025-06-01T12:02:00.000Z', stage: { stageName: 'lost' } });
      const temp = path.join(store.folder(API), `${snapshotFileName('lost@2025-06-01T12:02:00.000Z')}.4242-deadbeef.tmp`);
      fs.writeFileSync(temp, half.slice(0, half.length / 2));
      const fresh = `${temp.replace('4242-deadbeef', '4343-cafecafe')}`;
      fs.writeFileSync(fresh, half.slice(0, 10));
      const old = new Date(Date.now() - 10 * 60_000);
      fs.utimesSync(temp, old, old);

      const reloaded = new SnapshotStore(store.root);
      const { snapshots, damaged } = await reloaded.listWithProblems(API);
      assert.deepEqual(snapshots.map((s) => s.stage.stageName), ['kept']);
      assert.deepEqual(damaged, [], 'a temp file is not a damaged snapshot');
      assert.ok(!fs.existsSync(temp), 'the stale temp file is still there');
      assert.ok(fs.existsSync(fresh), 'a temp file another window may be writing right now was removed');
    });

    it('never shows a snapshot half written: the final file appears whole, by rename', async () => {
      const seen: string[] = [];
      const big: Stage = { stageName: 'big', variables: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`v${i}`, 'x'.repeat(50)])) };
      const adding = store.add(API, big, at(3));
      // Read while it writes: every read of the folder finds either no snapshot or the whole one.
      for (let i = 0; i < 50; i++) {
        const { snapshots, damaged } = await new SnapshotStore(store.root).listWithProblems(API);
        assert.deepEqual(damaged, [], 'a reader met a half-written snapshot');
        seen.push(...snapshots.map((s) => String(Object.keys(s.stage.variables ?? {}).length)));
      }
      await adding;
      assert.ok(seen.every((n) => n === '2000'), seen.join());
      assert.equal(Object.keys((await store.list(API))[0].stage.variables ?? {}).length, 2000);
      assert.ok(!files().some((f) => f.endsWith('.tmp')), files().join());
    });

    it('a write that fails leaves no temp file and says where it could not write', async () => {
      fs.mkdirSync(store.root, { recursive: true });
      // A file where the API's folder should be: mkdir fails.
      fs.writeFileSync(store.folder(API), 'not a folder');
      await assert.rejects(store.add(API, { stageName: 'x' }, at(1)), /EEXIST|ENOTDIR|not a directory|file already exists/);
    });
  });

  describe('a damaged file', () => {
    it('is named with what is wrong; the others are listed and can be removed', async () => {
      const good = await store.add(API, { stageName: 'good' }, at(1));
      await store.add(API, { stageName: 'other' }, at(2));
      const broken = path.join(store.folder(API), snapshotFileName('broken@2025-06-01T12:03:00.000Z'));
      fs.writeFileSync(broken, '{"id": "broken", "stage": {"stageName": "bro');
      const wrongShape = path.join(store.folder(API), 'shape.json');
      fs.writeFileSync(wrongShape, JSON.stringify({ id: 'x', restApiId: 'a1b2c3', profile: 'dev', region: 'eu-west-1', deletedAt: 'yesterday', stage: { stageName: 's' } }));
      const elsewhere = path.join(store.folder(API), 'moved.json');
      fs.writeFileSync(elsewhere, JSON.stringify({ ...good, restApiId: 'zzz' }));

      const { snapshots, damaged } = await new SnapshotStore(store.root).listWithProblems(API);
      assert.deepEqual(snapshots.map((s) => s.stage.stageName), ['other', 'good']);
      assert.deepEqual(damaged.map((d) => d.file).sort(), [broken, elsewhere, wrongShape].sort());
      const problem = (f: string) => damaged.find((d) => d.file === f)!.problem;
      assert.match(problem(broken), /^not valid JSON/);
      assert.equal(problem(wrongShape), '"deletedAt" is not a date');
      assert.match(problem(elsewhere), /belongs to another API \(dev\|eu-west-1\|zzz\)/);

      const message = damagedMessage(damaged);
      assert.match(message, /^3 snapshot files are damaged and skipped/);
      assert.ok(message.includes(broken), message);
      assert.match(message, /The other snapshots can still be restored\. Move the file away/);
      assert.match(damagedMessage(damaged.slice(0, 1)), /^A snapshot file is damaged and skipped/);

      await store.remove(API, good.id);
      assert.deepEqual((await store.list(API)).map((s) => s.stage.stageName), ['other']);
      await store.add(API, { stageName: 'new' }, at(4));
      assert.deepEqual((await store.list(API)).map((s) => s.stage.stageName), ['new', 'other']);
      assert.ok(fs.existsSync(broken), 'a damaged file is left for the user to look at');
    });

    it('a folder that cannot be read says which', async () => {
      fs.mkdirSync(store.root, { recursive: true });
      fs.writeFileSync(store.folder(API), 'a file, not a folder');
      await assert.rejects(store.list(API), (e: Error) => e.message.includes(store.folder(API)) && /Cannot read the deleted-stage snapshots/.test(e.message));
    });
  });

  describe('snapshots kept in globalState by an older version', () => {
    const key = `stageSnapshots/dev|eu-west-1|a1b2c3`;
    const old = (name: string, minute: number): StageSnapshot => ({
      id: `${name}@${at(minute).toISOString()}`, restApiId: 'a1b2c3', apiName: 'Pets', profile: 'dev', region: 'eu-west-1', deletedAt: at(minute).toISOString(), stage: { stageName: name, deploymentId: 'd1' },
    });

    it('become files on first use, once; globalState is cleared of them; other keys stay', async () => {
      const legacy = legacyStore({ [key]: [old('a', 1), old('b', 2)], 'stageSnapshots/dev|us-east-1|x': [{ ...old('c', 3), region: 'us-east-1', restApiId: 'x' }], unrelated: 42 });
      const migrating = new SnapshotStore(store.root, legacy);
      assert.deepEqual((await migrating.list(API)).map((s) => s.stage.stageName), ['b', 'a']);
      assert.deepEqual([...legacy.map.keys()], ['unrelated']);
      assert.equal(legacy.map.get('unrelated'), 42);
      // The snapshot of another API moved too, to its own folder.
      assert.equal((await migrating.list({ ...API, region: 'us-east-1', restApiId: 'x' }))[0]?.stage.stageName, 'c');
      // Restorable and removable as any other.
      await migrating.remove(API, old('a', 1).id);
      assert.deepEqual((await new SnapshotStore(store.root, legacy).list(API)).map((s) => s.stage.stageName), ['b']);
    });

    it('a migration cut short is done again, to the same files (no duplicates)', async () => {
      const legacy = legacyStore({ [key]: [old('a', 1), old('b', 2)] });
      // The first try "crashes" before globalState is cleared: its files are there, the list too.
      const failing = { ...legacy, update: async () => { throw new Error('crash'); } };
      await assert.rejects(new SnapshotStore(store.root, failing).list(API), /crash/);
      assert.deepEqual([...legacy.map.keys()], [key]);
      const again = new SnapshotStore(store.root, legacy);
      assert.deepEqual((await again.list(API)).map((s) => s.stage.stageName), ['b', 'a']);
      assert.deepEqual(legacy.map.size, 0);
    });
  });
});
