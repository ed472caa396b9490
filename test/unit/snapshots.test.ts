import * as assert from 'assert/strict';
import type { Stage } from '@aws-sdk/client-api-gateway';
import { type ApiRef, type KeyValueStore, MAX_SNAPSHOTS_PER_API, memoryStore, SnapshotStore, type StageSnapshot } from '../../src/model/snapshots';

const API: ApiRef = { profile: 'dev', region: 'eu-west-1', restApiId: 'a1b2c3' };
const at = (minute: number) => new Date(Date.UTC(2025, 5, 1, 12, minute));

describe('stage snapshots', () => {
  let storage: KeyValueStore;
  let store: SnapshotStore;
  beforeEach(() => {
    storage = memoryStore();
    store = new SnapshotStore(storage);
  });

  it('keeps snapshots per profile, region and API', async () => {
    await store.add({ ...API, apiName: 'Pets' }, { stageName: 'beta', deploymentId: 'd1' }, at(0));
    assert.deepEqual(store.list(API).map((s) => s.stage.stageName), ['beta']);
    assert.deepEqual(store.list({ ...API, region: 'us-east-1' }), []);
    assert.deepEqual(store.list({ ...API, profile: 'prod' }), []);
    assert.deepEqual(store.list({ ...API, restApiId: 'zzz' }), []);
    assert.equal(SnapshotStore.key(API), 'stageSnapshots/dev|eu-west-1|a1b2c3');
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
    assert.deepEqual(store.list(API), [expected]);
  });

  it('lists newest first', async () => {
    await store.add(API, { stageName: 'a' }, at(1));
    await store.add(API, { stageName: 'c' }, at(3));
    await store.add(API, { stageName: 'b' }, at(2));
    assert.deepEqual(store.list(API).map((s) => s.stage.stageName), ['c', 'b', 'a']);
  });

  it(`keeps at most ${MAX_SNAPSHOTS_PER_API} per API: the next add drops the oldest`, async () => {
    assert.equal(MAX_SNAPSHOTS_PER_API, 50);
    for (let i = 0; i < 50; i++) await store.add(API, { stageName: `s${i}` }, at(i));
    await store.add({ ...API, restApiId: 'other' }, { stageName: 'x' }, at(0));
    assert.equal(store.list(API).length, 50);
    await store.add(API, { stageName: 's50' }, at(50));
    const names = store.list(API).map((s) => s.stage.stageName);
    assert.equal(names.length, 50);
    assert.equal(names[0], 's50');
    assert.equal(names[49], 's1');
    assert.ok(!names.includes('s0'), 'the oldest snapshot is still there');
    assert.equal(store.list({ ...API, restApiId: 'other' }).length, 1, 'another API lost its snapshot');
  });

  it('removes one snapshot by id', async () => {
    const a = await store.add(API, { stageName: 'a' }, at(1));
    const b = await store.add(API, { stageName: 'b' }, at(2));
    await store.add({ ...API, region: 'us-east-1' }, { stageName: 'a' }, at(1));
    await store.remove(API, a.id);
    assert.deepEqual(store.list(API).map((s) => s.id), [b.id]);
    assert.equal(store.list({ ...API, region: 'us-east-1' }).length, 1);
    await store.remove(API, 'no-such-id');
    assert.deepEqual(store.list(API).map((s) => s.id), [b.id]);
  });

  it('stores dates as ISO strings, as the editor storage keeps them', async () => {
    const stage: Stage = { stageName: 'beta', createdDate: new Date('2025-01-02T03:04:05Z'), lastUpdatedDate: new Date('2025-02-03T04:05:06.789Z') };
    await store.add(API, stage, at(0));
    const stored = storage.get<StageSnapshot[]>(SnapshotStore.key(API));
    assert.ok(stored);
    assert.equal(stored[0].deletedAt, '2025-06-01T12:00:00.000Z');
    assert.equal(stored[0].stage.createdDate, '2025-01-02T03:04:05.000Z' as unknown as Date);
    assert.equal(stored[0].stage.lastUpdatedDate, '2025-02-03T04:05:06.789Z' as unknown as Date);
    // The snapshot is a copy: later edits of the stage object do not reach it.
    stage.description = 'changed';
    assert.equal(store.list(API)[0].stage.description, undefined);
  });
});
