// Deleted-stage snapshots on disk (version 2): one file each, per AWS account, region and API, in
// folders only the user can enter, with stage variable values only sealed. Written atomically and
// read by any new store on the same folder (a window reload, another window); a crash's temp file
// ignored; anything that is not a regular file under 1 MB skipped unread and named, the others still
// usable; and what earlier versions kept (per profile, in plain text; before that in globalState)
// moved in once, sealed.
import * as assert from 'assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Stage } from '@aws-sdk/client-api-gateway';
import { type KeyStore, Sealer } from '../../src/aws/sealer';
import { damagedMessage, type LegacySnapshots, SnapshotStore } from '../../src/aws/snapshotStore';
import { NO_REFERENCES, type StageReferences } from '../../src/model/references';
import {
  type ApiRef, apiFolderName, hasSecrets, legacyFolderName, MAX_SNAPSHOTS_PER_API, snapshotFileName, type StageSnapshot,
} from '../../src/model/snapshots';

const API: ApiRef = { account: '123456789012', region: 'eu-west-1', restApiId: 'a1b2c3' };
const WHO = { ...API, apiName: 'Pets', profile: 'dev' };
const at = (minute: number) => new Date(Date.UTC(2025, 5, 1, 12, minute));
const unix = process.platform !== 'win32';

/** VS Code's secret storage for the sealing key, as a variable. */
function memoryKeys(): KeyStore & { value?: string } {
  const store: KeyStore & { value?: string } = {
    get: async () => store.value,
    set: async (v) => {
      store.value = v;
    },
  };
  return store;
}

/** A Memento-like map, as globalState was used before files. */
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

/** Every regular file under `dir`, with its bytes. */
function allFiles(dir: string): { file: string; bytes: Buffer }[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const file = path.join(dir, d.name);
    if (d.isDirectory()) return allFiles(file);
    return d.isFile() ? [{ file, bytes: fs.readFileSync(file) }] : [];
  });
}

/** Fails after `ms` instead of blocking the run; `unblock` then frees whatever hangs. */
async function within<T>(ms: number, work: Promise<T>, unblock: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      unblock();
      reject(new Error(`still running after ${ms} ms: it hangs`));
    }, ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('stage snapshots (version 2)', () => {
  let root: string;
  let keys: KeyStore & { value?: string };
  let store: SnapshotStore;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-snapshots-'));
    keys = memoryKeys();
    store = new SnapshotStore(path.join(root, 'stageSnapshots'), new Sealer(keys));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Another window, or this one after a reload: a new store and sealer on the same folder and key. */
  const reloaded = (legacy?: LegacySnapshots) => new SnapshotStore(store.root, new Sealer(keys), legacy);
  const files = (api: ApiRef = API) => (fs.existsSync(store.folder(api)) ? fs.readdirSync(store.folder(api)).sort() : []);
  const names = (snapshots: readonly StageSnapshot[]) => snapshots.map((s) => s.stage.stageName);
  /** A snapshot file as the store writes it, for tests that put files in place by hand. */
  const fileOf = (snapshot: StageSnapshot) => path.join(store.folder(snapshot), snapshotFileName(snapshot.id));

  describe('where they are kept', () => {
    it('one folder per account, region and API; another profile of the account finds them', async () => {
      const { snapshot } = await store.add(WHO, { stageName: 'beta', deploymentId: 'd1' }, NO_REFERENCES, at(0));
      assert.deepEqual(names(await store.list(API)), ['beta']);
      assert.deepEqual(await store.list({ ...API, region: 'us-east-1' }), []);
      assert.deepEqual(await store.list({ ...API, account: '210987654321' }), []);
      assert.deepEqual(await store.list({ ...API, restApiId: 'zzz' }), []);
      // The account is what counts: a profile "prod" of the same account sees what "dev" deleted, and who did.
      const seen = await reloaded().list(API, 'prod');
      assert.deepEqual(seen, [snapshot]);
      assert.equal(seen[0].profile, 'dev');

      assert.equal(apiFolderName(API), '123456789012-eu-west-1-a1b2c3');
      assert.deepEqual(fs.readdirSync(store.root), ['123456789012-eu-west-1-a1b2c3']);
      assert.deepEqual(files(), [snapshotFileName('beta@2025-06-01T12:00:00.000Z')]);
      assert.match(files()[0], /^beta-[0-9a-f]{16}\.json$/);
    });

    it('returns what it added: version 2, the API, who deleted it, when, what pointed at it', async () => {
      const references: StageReferences = {
        mappings: [{ domainName: 'api.example.com', basePath: 'v1', multiLevel: false }],
        usagePlans: [{ id: 'up1', name: 'Gold', throttle: { '/pets/GET': { burstLimit: 5, rateLimit: 2 } } }],
      };
      const { snapshot, dropped } = await store.add(WHO, { stageName: 'beta', deploymentId: 'd1' }, references, at(7));
      const expected: StageSnapshot = {
        version: 2,
        id: 'beta@2025-06-01T12:07:00.000Z',
        account: '123456789012',
        region: 'eu-west-1',
        restApiId: 'a1b2c3',
        apiName: 'Pets',
        profile: 'dev',
        deletedAt: '2025-06-01T12:07:00.000Z',
        stage: { stageName: 'beta', deploymentId: 'd1' },
        references,
      };
      assert.deepEqual(snapshot, expected);
      assert.deepEqual(dropped, []);
      assert.ok(!hasSecrets(snapshot), 'no variables, nothing sealed');
      assert.deepEqual(await reloaded().list(API), [expected]);
      // A stage without secrets makes no key: there is nothing to seal.
      assert.equal(keys.value, undefined);
    });

    it('lists newest first', async () => {
      await store.add(WHO, { stageName: 'a' }, NO_REFERENCES, at(1));
      await store.add(WHO, { stageName: 'c' }, NO_REFERENCES, at(3));
      await store.add(WHO, { stageName: 'b' }, NO_REFERENCES, at(2));
      assert.deepEqual(names(await store.list(API)), ['c', 'b', 'a']);
    });

    it('stores dates as ISO strings; the snapshot is a copy of the stage', async () => {
      const stage: Stage = { stageName: 'beta', createdDate: new Date('2025-01-02T03:04:05Z'), lastUpdatedDate: new Date('2025-02-03T04:05:06.789Z') };
      const { snapshot } = await store.add(WHO, stage, NO_REFERENCES, at(0));
      const stored = JSON.parse(fs.readFileSync(fileOf(snapshot), 'utf8')) as StageSnapshot;
      assert.equal(stored.deletedAt, '2025-06-01T12:00:00.000Z');
      assert.equal(stored.stage.createdDate, '2025-01-02T03:04:05.000Z' as unknown as Date);
      assert.equal(stored.stage.lastUpdatedDate, '2025-02-03T04:05:06.789Z' as unknown as Date);
      // What add returned is what a reload reads: dates are strings already, not on the next read.
      assert.deepEqual(snapshot, (await reloaded().list(API))[0]);
      stage.description = 'changed';
      assert.equal((await store.list(API))[0].stage.description, undefined);
    });

    it('hashes the folder name when the ids are unusual (uppercase, long, other characters)', async () => {
      const unusual: ApiRef[] = [
        { ...API, restApiId: 'A1B2C3' },
        { ...API, restApiId: 'x'.repeat(80) },
        { ...API, region: '../../etc' },
        { ...API, account: 'acct/with\\slashes:and*stars' },
        { ...API, restApiId: 'ünï' },
      ];
      const folders = unusual.map(apiFolderName);
      for (const f of folders) assert.match(f, /^api-[0-9a-f]{32}$/);
      assert.equal(new Set(folders).size, unusual.length, 'two APIs share a folder');
      // Not the same folder as the lowercase id: on a case-insensitive file system they would be one.
      assert.notEqual(apiFolderName({ ...API, restApiId: 'A1B2C3' }).toLowerCase(), apiFolderName(API).toLowerCase());
      // Up to 80 characters, the plain name.
      assert.equal(apiFolderName({ ...API, restApiId: 'x'.repeat(57) }), `${API.account}-${API.region}-${'x'.repeat(57)}`);
      assert.match(apiFolderName({ ...API, restApiId: 'x'.repeat(58) }), /^api-/);

      await store.add({ ...WHO, restApiId: 'A1B2C3' }, { stageName: 'upper' }, NO_REFERENCES, at(1));
      await store.add(WHO, { stageName: 'lower' }, NO_REFERENCES, at(1));
      assert.deepEqual(names(await store.list({ ...API, restApiId: 'A1B2C3' })), ['upper']);
      assert.deepEqual(names(await store.list(API)), ['lower']);
      assert.deepEqual(fs.readdirSync(store.root).sort(), [apiFolderName(API), folders[0]].sort());
    });

    it('keeps Prod and prod deleted at the same instant apart, even on a case-insensitive file system', async () => {
      await store.add(WHO, { stageName: 'Prod', description: 'upper' }, NO_REFERENCES, at(5));
      await store.add(WHO, { stageName: 'prod', description: 'lower' }, NO_REFERENCES, at(5));
      const listed = await reloaded().list(API);
      assert.deepEqual(listed.map((s) => [s.stage.stageName, s.stage.description]).sort(), [['Prod', 'upper'], ['prod', 'lower']]);
      // The names differ in more than case: a file system that folds case still has two files.
      assert.equal(new Set(files().map((f) => f.toLowerCase())).size, 2, files().join());
      for (const f of files()) assert.match(f, /^prod-[0-9a-f]{16}\.json$/);
    });

    it('gives long and non-ASCII stage names short, safe file names', async () => {
      const stageNames = ['x'.repeat(128), 'ünïcödé', '日本語のステージ', '🔑🔑', '../../etc/passwd', 'a b\\c:d*e?f"g<h>i|j', 'CON', '.hidden'];
      for (const [i, stageName] of stageNames.entries()) await store.add(WHO, { stageName }, NO_REFERENCES, at(i));
      for (const f of files()) {
        assert.match(f, /^[a-z0-9_-]{1,40}-[0-9a-f]{16}\.json$/, f);
        assert.ok(f.length <= 62, f);
      }
      assert.equal(files().length, stageNames.length);
      // Each comes back with its exact name.
      assert.deepEqual(names(await reloaded().list(API)).sort(), [...stageNames].sort());
      assert.deepEqual(fs.readdirSync(store.root), [apiFolderName(API)], 'a name reached outside the folder');
    });

    it('removes one snapshot by id, and its file', async () => {
      const a = (await store.add(WHO, { stageName: 'a' }, NO_REFERENCES, at(1))).snapshot;
      const b = (await store.add(WHO, { stageName: 'b' }, NO_REFERENCES, at(2))).snapshot;
      await store.add({ ...WHO, region: 'us-east-1' }, { stageName: 'a' }, NO_REFERENCES, at(1));
      await store.remove(API, a.id);
      assert.deepEqual((await store.list(API)).map((s) => s.id), [b.id]);
      assert.deepEqual(files(), [snapshotFileName(b.id)]);
      assert.equal((await store.list({ ...API, region: 'us-east-1' })).length, 1);
      await store.remove(API, 'no-such-id@2025-01-01T00:00:00.000Z');
      assert.deepEqual((await store.list(API)).map((s) => s.id), [b.id]);
    });

    it(`keeps at most ${MAX_SNAPSHOTS_PER_API} per API: the add past it drops the oldest and returns it`, async () => {
      assert.equal(MAX_SNAPSHOTS_PER_API, 50);
      const added: StageSnapshot[] = [];
      for (let i = 0; i < 50; i++) {
        const { snapshot, dropped } = await store.add(WHO, { stageName: `s${i}` }, NO_REFERENCES, at(i));
        assert.deepEqual(dropped, [], `add ${i} dropped a snapshot`);
        added.push(snapshot);
      }
      await store.add({ ...WHO, restApiId: 'other' }, { stageName: 'x' }, NO_REFERENCES, at(0));
      const { snapshot, dropped } = await store.add(WHO, { stageName: 's50', variables: { k: 'v' } }, NO_REFERENCES, at(50));
      // The caller says which were dropped: the oldest, whole.
      assert.deepEqual(dropped, [added[0]]);
      const listed = names(await store.list(API));
      assert.equal(listed.length, 50);
      assert.equal(listed[0], 's50');
      assert.equal(listed[49], 's1');
      assert.ok(!listed.includes('s0'));
      assert.equal(files().length, 50, 'the oldest file is still on disk');
      assert.ok(!files().includes(snapshotFileName(added[0].id)));
      assert.equal(snapshot.stage.stageName, 's50');
      assert.equal((await store.list({ ...API, restApiId: 'other' })).length, 1, 'another API lost its snapshot');
    });
  });

  describe('secrets', () => {
    const SECRET = 'v4lue-Only-In-The-Keychain-7f3e91';
    const CANARY_SECRET = 'c4nary-Override-Secret-2b8d40';
    const stage: Stage = {
      stageName: 'prod',
      deploymentId: 'd1',
      variables: { backendKey: SECRET, plain: 'also sealed' },
      canarySettings: { percentTraffic: 10, deploymentId: 'd2', stageVariableOverrides: { backendKey: CANARY_SECRET } },
      createdDate: new Date('2025-01-02T03:04:05Z'),
    };

    it('are in no byte of any file in the folder; the file has their names only', async () => {
      const { snapshot } = await store.add(WHO, stage, NO_REFERENCES, at(1));
      await store.add(WHO, { ...stage, stageName: 'beta' }, NO_REFERENCES, at(2));
      const all = allFiles(root);
      assert.equal(all.length, 2);
      for (const { file, bytes } of all) {
        for (const secret of [SECRET, CANARY_SECRET, 'also sealed']) {
          for (const encoded of [secret, Buffer.from(secret).toString('base64'), JSON.stringify(secret).slice(1, -1)]) {
            assert.equal(bytes.indexOf(encoded), -1, `${secret} is in ${file}`);
          }
        }
      }
      const stored = JSON.parse(fs.readFileSync(fileOf(snapshot), 'utf8')) as StageSnapshot;
      assert.deepEqual(stored.stage.variables, { backendKey: '', plain: '' });
      assert.deepEqual(stored.stage.canarySettings, { percentTraffic: 10, deploymentId: 'd2', stageVariableOverrides: { backendKey: '' } });
      assert.match(stored.sealed ?? '', /^aesgcm1:/);
      // Nor in what add returns (it is shown in pickers and logs).
      assert.ok(!JSON.stringify(snapshot).includes(SECRET));
      assert.ok(hasSecrets(snapshot));
    });

    it('come back with open(), after a reload too', async () => {
      await store.add(WHO, stage, NO_REFERENCES, at(1));
      const [snapshot] = await reloaded().list(API);
      const opened = await reloaded().open(snapshot);
      assert.equal(opened.secretsLost, undefined);
      assert.deepEqual(opened.stage, JSON.parse(JSON.stringify(stage)));
      // A snapshot with nothing sealed opens without a key.
      const { snapshot: bare } = await store.add(WHO, { stageName: 'bare', variables: {} }, NO_REFERENCES, at(2));
      const empty = new SnapshotStore(store.root, new Sealer(memoryKeys()));
      assert.deepEqual(await empty.open(bare), { stage: { stageName: 'bare', variables: {} } });
    });

    it('are lost, said and not thrown, when the key is gone (another machine, a reset keychain)', async () => {
      await store.add(WHO, stage, NO_REFERENCES, at(1));
      const emptyKeys = memoryKeys();
      const elsewhere = new SnapshotStore(store.root, new Sealer(emptyKeys));
      const [snapshot] = await elsewhere.list(API);
      const opened = await elsewhere.open(snapshot);
      assert.match(opened.secretsLost ?? '', /no key in secret storage/);
      // The rest of the stage is there; the variables by name, empty.
      assert.equal(opened.stage.deploymentId, 'd1');
      assert.deepEqual(opened.stage.variables, { backendKey: '', plain: '' });
      assert.equal(emptyKeys.value, undefined, 'opening made a key');
      // Another key (a keychain reset, then a new snapshot made a new key): said the same way.
      await elsewhere.add(WHO, { stageName: 'later', variables: { a: 'b' } }, NO_REFERENCES, at(2));
      assert.match((await elsewhere.open(snapshot)).secretsLost ?? '', /does not open it/);
    });
  });

  describe('files and folders only the user can read', () => {
    before(function () {
      if (!unix) this.skip();
    });
    const mode = (p: string) => fs.statSync(p).mode & 0o777;

    it('folders 0700, files 0600, whatever the umask', async () => {
      const umask = process.umask(0o000);
      try {
        const { snapshot } = await store.add(WHO, { stageName: 'prod', variables: { a: 'b' } }, NO_REFERENCES, at(1));
        assert.equal(mode(store.root).toString(8), '700');
        assert.equal(mode(store.folder(API)).toString(8), '700');
        assert.equal(mode(fileOf(snapshot)).toString(8), '600');
      } finally {
        process.umask(umask);
      }
    });

    it('tightens folders an earlier version made 0755, and replaces a 0644 file with a 0600 one', async () => {
      fs.mkdirSync(store.folder(API), { recursive: true });
      fs.chmodSync(store.root, 0o755);
      fs.chmodSync(store.folder(API), 0o755);
      const id = `prod@${at(1).toISOString()}`;
      fs.writeFileSync(path.join(store.folder(API), snapshotFileName(id)), '{}', { mode: 0o644 });
      fs.chmodSync(path.join(store.folder(API), snapshotFileName(id)), 0o644);
      const { snapshot } = await store.add(WHO, { stageName: 'prod' }, NO_REFERENCES, at(1));
      assert.equal(snapshot.id, id);
      assert.equal(mode(store.root).toString(8), '700');
      assert.equal(mode(store.folder(API)).toString(8), '700');
      assert.equal(mode(fileOf(snapshot)).toString(8), '600');
    });
  });

  describe('what is not a snapshot file: skipped unread, named; the others stay usable', () => {
    let good: StageSnapshot;
    beforeEach(async () => {
      good = (await store.add(WHO, { stageName: 'good', variables: { k: 'v' } }, NO_REFERENCES, at(1))).snapshot;
    });
    /** A valid snapshot of this API that is not listed yet, as text: if the store read it, it would show. */
    const valid = (stageName: string, extra: Partial<StageSnapshot> = {}) =>
      JSON.stringify({ ...good, id: `${stageName}@${at(9).toISOString()}`, deletedAt: at(9).toISOString(), stage: { stageName }, sealed: undefined, ...extra });
    const skipped = async (file: string, problem: RegExp) => {
      const { snapshots, damaged } = await reloaded().listWithProblems(API);
      assert.deepEqual(snapshots, [good]);
      assert.deepEqual(damaged.map((d) => d.file), [file]);
      assert.match(damaged[0].problem, problem);
      // The good one still opens, and the folder takes new snapshots.
      assert.deepEqual((await store.open(snapshots[0])).stage.variables, { k: 'v' });
      await store.add(WHO, { stageName: 'after' }, NO_REFERENCES, at(2));
      assert.deepEqual(names(await store.list(API)), ['after', 'good']);
      return damaged;
    };

    it('a FIFO named x.json: not opened (a read would block for ever)', async function () {
      if (!unix) this.skip();
      const fifo = path.join(store.folder(API), 'x.json');
      execFileSync('mkfifo', [fifo]);
      // Should the store open it, a writer frees the blocked open, so that the run ends and this test fails.
      const unblock = () => {
        try {
          fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
        } catch { /* no reader waiting */ }
      };
      await within(2000, skipped(fifo, /not a regular file/), unblock);
      assert.ok(fs.lstatSync(fifo).isFIFO(), 'the FIFO is left for the user to look at');
    });

    it('a link named x.json to a valid snapshot elsewhere: not followed', async function () {
      if (!unix) this.skip();
      const target = path.join(root, 'elsewhere.json');
      fs.writeFileSync(target, valid('linked'));
      const link = path.join(store.folder(API), 'x.json');
      fs.symlinkSync(target, link);
      await skipped(link, /not a regular file/);
      assert.ok(fs.lstatSync(link).isSymbolicLink());
      assert.equal(fs.readFileSync(target, 'utf8'), valid('linked'), 'the link\'s target was changed');
    });

    it('a file over 1 MB, even a valid snapshot: not read', async () => {
      const big = path.join(store.folder(API), 'big.json');
      const text = valid('big', { stage: { stageName: 'big', description: 'x'.repeat(2 * 1024 * 1024) } });
      fs.writeFileSync(big, text);
      assert.ok(fs.statSync(big).size > 2 * 1024 * 1024);
      const [d] = await skipped(big, /larger than 1 MB/);
      assert.ok(d.problem.includes(String(Buffer.byteLength(text))), d.problem);
    });

    it('a folder named x.json', async () => {
      const dir = path.join(store.folder(API), 'x.json');
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'inside.json'), valid('inside'));
      await skipped(dir, /not a regular file/);
    });

    it('damaged files: each named with what is wrong, and left on disk', async () => {
      await store.add(WHO, { stageName: 'other' }, NO_REFERENCES, at(2));
      const dir = store.folder(API);
      const put = (name: string, text: string) => {
        fs.writeFileSync(path.join(dir, name), text);
        return path.join(dir, name);
      };
      const broken = put('broken.json', valid('broken').slice(0, 60));
      const wrongShape = put('shape.json', valid('shape', { deletedAt: 'yesterday' }));
      const noStage = put('nostage.json', valid('nostage', { stage: {} as Stage }));
      const v1 = put('v1.json', valid('v1', { version: undefined }));
      const list = put('list.json', '[]');
      const empty = put('empty.json', '');
      put('notes.txt', 'not a snapshot, not named .json: not ours to judge');

      const { snapshots, damaged } = await reloaded().listWithProblems(API);
      assert.deepEqual(names(snapshots), ['other', 'good']);
      assert.deepEqual(damaged.map((d) => d.file).sort(), [broken, wrongShape, noStage, v1, list, empty].sort());
      const problem = (f: string) => damaged.find((d) => d.file === f)!.problem;
      assert.match(problem(broken), /^not valid JSON/);
      assert.equal(problem(wrongShape), '"deletedAt" is not a date');
      assert.equal(problem(noStage), '"stage" is missing or has no stageName');
      assert.equal(problem(v1), 'not a snapshot of this version (version undefined)');
      assert.equal(problem(list), 'not a JSON object');
      assert.match(problem(empty), /^not valid JSON/);

      const message = damagedMessage(damaged);
      assert.match(message, /^6 files in the snapshot folder were skipped/);
      for (const f of [broken, wrongShape, noStage, v1, list, empty]) assert.ok(message.includes(f), message);
      assert.match(message, /The other snapshots can still be restored\. Move the file away/);
      assert.match(damagedMessage(damaged.slice(0, 1)), /^A file in the snapshot folder was skipped/);

      await store.remove(API, good.id);
      assert.deepEqual(names(await store.list(API)), ['other']);
      assert.ok(fs.existsSync(broken), 'a damaged file is left for the user to look at');
    });

    it('another API\'s snapshot in the folder (a shared hash, a case-folding file system): ignored, not damaged', async () => {
      const { snapshot: theirs } = await store.add({ ...WHO, restApiId: 'zzz' }, { stageName: 'theirs' }, NO_REFERENCES, at(3));
      const { snapshot: otherAccount } = await store.add({ ...WHO, account: '210987654321' }, { stageName: 'acct' }, NO_REFERENCES, at(3));
      fs.copyFileSync(fileOf(theirs), path.join(store.folder(API), 'theirs.json'));
      fs.copyFileSync(fileOf(otherAccount), path.join(store.folder(API), 'acct.json'));
      const { snapshots, damaged } = await reloaded().listWithProblems(API);
      assert.deepEqual(snapshots, [good]);
      assert.deepEqual(damaged, []);
    });

    it('a folder that cannot be read says which', async () => {
      const api = { ...API, restApiId: 'notafolder' };
      fs.writeFileSync(store.folder(api), 'a file, not a folder');
      await assert.rejects(store.list(api), (e: Error) => e.message.includes(store.folder(api)) && /Cannot read the deleted-stage snapshots/.test(e.message));
    });
  });

  describe('a window reload, another window', () => {
    it('a new store on the same folder lists, opens and removes what the first one kept', async () => {
      const { snapshot: a } = await store.add(WHO, { stageName: 'a', deploymentId: 'd1', variables: { k: 'v' } }, NO_REFERENCES, at(1));
      await store.add(WHO, { stageName: 'b' }, NO_REFERENCES, at(2));
      const other = reloaded();
      assert.deepEqual(await other.list(API), await store.list(API));
      assert.deepEqual((await other.open((await other.list(API))[1])).stage.variables, { k: 'v' });
      await other.remove(API, a.id);
      assert.deepEqual(names(await store.list(API)), ['b'], 'the first store sees the other\'s remove at once');
    });

    it('two stores adding at once lose nothing (one file each, no shared list to overwrite), and one key serves both', async () => {
      const other = reloaded();
      await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).add(WHO, { stageName: `s${i}`, variables: { i: String(i) } }, NO_REFERENCES, at(i))));
      const listed = await reloaded().list(API);
      assert.equal(listed.length, 10);
      const next = reloaded();
      for (const s of listed) assert.deepEqual((await next.open(s)).stage.variables, { i: s.stage.stageName!.slice(1) });
      assert.ok(!files().some((f) => f.endsWith('.tmp')), files().join());
    });
  });

  describe('a crash while writing', () => {
    it('leaves at most a temp file, which is ignored, and removed once it is stale', async () => {
      await store.add(WHO, { stageName: 'kept' }, NO_REFERENCES, at(1));
      // What a crash half way through a write leaves: the temp file, cut short; the final name never appears.
      const half = JSON.stringify({ version: 2, id: 'lost@2025-06-01T12:02:00.000Z', ...API, profile: 'dev', deletedAt: '2025-06-01T12:02:00.000Z', stage: { stageName: 'lost' } });
      const temp = path.join(store.folder(API), `${snapshotFileName('lost@2025-06-01T12:02:00.000Z')}.4242-deadbeef.tmp`);
      fs.writeFileSync(temp, half.slice(0, half.length / 2));
      const fresh = temp.replace('4242-deadbeef', '4343-cafecafe');
      fs.writeFileSync(fresh, half);
      const old = new Date(Date.now() - 10 * 60_000);
      fs.utimesSync(temp, old, old);

      const { snapshots, damaged } = await reloaded().listWithProblems(API);
      assert.deepEqual(names(snapshots), ['kept']);
      assert.deepEqual(damaged, [], 'a temp file is not a damaged snapshot');
      assert.ok(!fs.existsSync(temp), 'the stale temp file is still there');
      assert.ok(fs.existsSync(fresh), 'a temp file another window may be writing right now was removed');
    });

    it('never shows a snapshot half written: the final file appears whole, by rename', async () => {
      const seen: number[] = [];
      const big: Stage = { stageName: 'big', variables: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`v${i}`, 'x'.repeat(50)])) };
      const adding = store.add(WHO, big, NO_REFERENCES, at(3));
      // Read while it writes: every read of the folder finds either no snapshot or the whole one.
      for (let i = 0; i < 50; i++) {
        const { snapshots, damaged } = await reloaded().listWithProblems(API);
        assert.deepEqual(damaged, [], 'a reader met a half-written snapshot');
        seen.push(...snapshots.map((s) => Object.keys(s.stage.variables ?? {}).length));
      }
      await adding;
      assert.ok(seen.every((n) => n === 2000), seen.join());
      const [listed] = await store.list(API);
      assert.deepEqual((await store.open(listed)).stage.variables, big.variables);
      assert.ok(!files().some((f) => f.endsWith('.tmp')), files().join());
    });

    it('a write that fails leaves no temp file and says where it could not write', async () => {
      // A folder where the snapshot's file should be: the rename over it fails (as root too).
      const id = `x@${at(1).toISOString()}`;
      fs.mkdirSync(path.join(store.folder(API), snapshotFileName(id)), { recursive: true });
      await assert.rejects(store.add(WHO, { stageName: 'x', variables: { a: 'b' } }, NO_REFERENCES, at(1)), (e: Error) => {
        assert.ok(e.message.startsWith(`Could not keep the snapshot of stage "x" in ${store.folder(API)}: `), e.message);
        assert.ok(e.cause instanceof Error);
        return true;
      });
      assert.deepEqual(files(), [snapshotFileName(id)], 'a temp file was left behind');
    });

    it('a folder that cannot be made fails the add, naming the path', async () => {
      fs.mkdirSync(store.root, { recursive: true });
      fs.writeFileSync(store.folder(API), 'a file where the API\'s folder should be');
      await assert.rejects(store.add(WHO, { stageName: 'x' }, NO_REFERENCES, at(1)), (e: Error) => e.message.includes(store.folder(API)));
    });
  });

  describe('version 1 snapshots (one folder per profile, variables in plain text)', () => {
    const PLAIN = 'plain-v1-Secret-55c0ffee';
    const v1Folder = (profile = 'dev', api: ApiRef = API) => path.join(store.root, legacyFolderName(profile, api.region, api.restApiId));
    /** A snapshot as version 1 wrote it: no version, no account, variables in the clear. */
    const v1 = (stageName: string, minute: number, profile = 'dev', variables: Record<string, string> = { dbPassword: PLAIN }) => ({
      id: `${stageName}@${at(minute).toISOString()}`,
      restApiId: API.restApiId,
      apiName: 'Pets',
      profile,
      region: API.region,
      deletedAt: at(minute).toISOString(),
      stage: { stageName, deploymentId: 'd1', variables, createdDate: '2025-01-02T03:04:05.000Z' },
    });
    /** Written by hand where and as version 1 did: `safeName(id).json`, folder 0755, file 0644. */
    const writeV1 = (snapshot: ReturnType<typeof v1>, profile = 'dev') => {
      fs.mkdirSync(v1Folder(profile), { recursive: true, mode: 0o755 });
      const file = path.join(v1Folder(profile), `${snapshot.id.replace(/@/, '%40').replace(/:/g, '%3A').replace(/\./g, '%2E')}.json`);
      fs.writeFileSync(file, JSON.stringify(snapshot), { mode: 0o644 });
      return file;
    };

    it('are moved into the account\'s folder, sealed, with the same id, the first time the API is listed with that profile', async () => {
      assert.equal(legacyFolderName('dev', API.region, API.restApiId), 'dev%7Ceu-west-1%7Ca1b2c3');
      const old = v1('beta', 1);
      const file = writeV1(old);
      assert.equal(path.basename(file), 'beta%402025-06-01T12%3A01%3A00%2E000Z.json');

      const { snapshots, damaged } = await store.listWithProblems(API, 'dev');
      assert.deepEqual(damaged, []);
      assert.equal(snapshots.length, 1);
      const [moved] = snapshots;
      assert.equal(moved.id, old.id);
      assert.equal(moved.version, 2);
      assert.equal(moved.account, API.account);
      assert.equal(moved.profile, 'dev');
      assert.equal(moved.apiName, 'Pets');
      assert.equal(moved.deletedAt, old.deletedAt);
      assert.deepEqual(moved.references, NO_REFERENCES);
      assert.deepEqual(moved.stage.variables, { dbPassword: '' });
      assert.ok(hasSecrets(moved));
      assert.deepEqual((await store.open(moved)).stage, old.stage);

      // The plain-text file and its folder are gone; the value is in no file anywhere.
      assert.ok(!fs.existsSync(file));
      assert.ok(!fs.existsSync(v1Folder()));
      assert.deepEqual(fs.readdirSync(store.root), [apiFolderName(API)]);
      assert.deepEqual(files(), [snapshotFileName(old.id)]);
      for (const { file: f, bytes } of allFiles(root)) assert.equal(bytes.indexOf(PLAIN), -1, `${PLAIN} is in ${f}`);

      // Listing again, here or after a reload, does not add it twice; it is removable as any other.
      assert.deepEqual(await store.list(API, 'dev'), [moved]);
      assert.deepEqual(await reloaded().list(API, 'dev'), [moved]);
      await store.remove(API, moved.id);
      assert.deepEqual(await reloaded().list(API, 'dev'), []);
    });

    it('each profile\'s folder moves when that profile lists; then both are in the account\'s folder', async () => {
      writeV1(v1('a', 1));
      const opsFile = writeV1(v1('b', 2, 'ops'), 'ops');
      assert.deepEqual(names(await store.list(API, 'dev')), ['a']);
      assert.ok(fs.existsSync(opsFile), 'another profile\'s snapshots moved before it listed');
      const both = await store.list(API, 'ops');
      assert.deepEqual(both.map((s) => [s.stage.stageName, s.profile]), [['b', 'ops'], ['a', 'dev']]);
      assert.ok(!fs.existsSync(v1Folder('ops')));
    });

    it('leaves in place what it cannot move (damaged, another API\'s) and moves the rest', async () => {
      writeV1(v1('good', 1));
      const dir = v1Folder();
      fs.writeFileSync(path.join(dir, 'broken.json'), '{"id": "bro');
      fs.writeFileSync(path.join(dir, 'baddate.json'), JSON.stringify({ ...v1('baddate', 2), deletedAt: 'yesterday' }));
      fs.writeFileSync(path.join(dir, 'otherapi.json'), JSON.stringify({ ...v1('elsewhere', 3), restApiId: 'zzz' }));
      // A version 1 file with a time that is not one stopped every listing of the API (RangeError).
      const { snapshots } = await store.listWithProblems(API, 'dev');
      assert.deepEqual(names(snapshots), ['good']);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['baddate.json', 'broken.json', 'otherapi.json']);
      // And listing again still works.
      assert.deepEqual(names(await reloaded().list(API, 'dev')), ['good']);
    });

    it('a move cut short (the new file written, the old one not yet removed) is done again, to the same file', async () => {
      const old = v1('beta', 1);
      const file = writeV1(old);
      const text = fs.readFileSync(file);
      await store.list(API, 'dev');
      // The crash: the old file is still there beside the new one.
      fs.mkdirSync(v1Folder(), { recursive: true });
      fs.writeFileSync(file, text);
      const listed = await reloaded().list(API, 'dev');
      assert.deepEqual(listed.map((s) => s.id), [old.id]);
      assert.equal(files().length, 1);
      assert.ok(!fs.existsSync(v1Folder()));
      assert.deepEqual((await store.open(listed[0])).stage.variables, { dbPassword: PLAIN });
    });

    describe('kept in globalState before files', () => {
      const key = `stageSnapshots/dev|eu-west-1|a1b2c3`;
      const otherKey = 'stageSnapshots/dev|us-east-1|x9';

      it('become version 1 files, then move on into the account\'s folder, sealed; globalState is cleared of them', async () => {
        const legacy = legacyStore({
          [key]: [v1('a', 1), v1('b', 2, 'dev', {})],
          [otherKey]: [{ ...v1('c', 3), region: 'us-east-1', restApiId: 'x9' }],
          unrelated: 42,
        });
        const migrating = new SnapshotStore(store.root, new Sealer(keys), legacy);
        const listed = await migrating.list(API, 'dev');
        assert.deepEqual(names(listed), ['b', 'a']);
        assert.deepEqual(listed.map((s) => s.id), [v1('b', 2).id, v1('a', 1).id]);
        assert.deepEqual(listed.map(hasSecrets), [false, true]);
        assert.deepEqual((await migrating.open(listed[1])).stage.variables, { dbPassword: PLAIN });
        assert.deepEqual([...legacy.map.keys()], ['unrelated']);
        assert.equal(legacy.map.get('unrelated'), 42);

        // The other API's snapshot is a version 1 file until that API is listed; then it moves too.
        const otherApi = { ...API, region: 'us-east-1', restApiId: 'x9' };
        assert.ok(fs.existsSync(v1Folder('dev', otherApi)));
        assert.deepEqual(names(await migrating.list(otherApi, 'dev')), ['c']);
        assert.ok(!fs.existsSync(v1Folder('dev', otherApi)));
        assert.deepEqual(fs.readdirSync(store.root).sort(), [apiFolderName(API), apiFolderName(otherApi)].sort());
        for (const { file, bytes } of allFiles(root)) assert.equal(bytes.indexOf(PLAIN), -1, `${PLAIN} is in ${file}`);

        // Once: a reload with the same (now empty) globalState adds nothing.
        assert.deepEqual(names(await reloaded(legacy).list(API, 'dev')), ['b', 'a']);
      });

      it('a migration cut short is done again, to the same files (no duplicates)', async () => {
        const legacy = legacyStore({ [key]: [v1('a', 1), v1('b', 2)] });
        // The first try "crashes" before globalState is cleared: its files are there, the list too.
        const failing: LegacySnapshots = { ...legacy, update: async () => { throw new Error('crash'); } };
        const first = new SnapshotStore(store.root, new Sealer(keys), failing);
        await assert.rejects(first.list(API, 'dev'), /crash/);
        assert.deepEqual([...legacy.map.keys()], [key]);
        // Not remembered as done: the same store tries again (and fails again).
        await assert.rejects(first.list(API, 'dev'), /crash/);

        const again = reloaded(legacy);
        assert.deepEqual(names(await again.list(API, 'dev')), ['b', 'a']);
        assert.equal(legacy.map.size, 0);
        assert.equal(files().length, 2);
        assert.ok(!fs.existsSync(v1Folder()));
      });
    });
  });
});
