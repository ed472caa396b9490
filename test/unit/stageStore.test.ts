// The shared stages of an API, with a stand-in gateway whose answers the test releases by hand,
// so the races (an answer that arrives after a newer change) are played out exactly.
import * as assert from 'assert/strict';
import type { ApiGateway, Stage } from '../../src/aws/apiGateway';
import { StageStore } from '../../src/aws/stageStore';

interface Pending<T> {
  resolve(v: T): void;
  reject(e: unknown): void;
}

function fakeGateway() {
  const stagesCalls: Pending<Stage[]>[] = [];
  const stageCalls: Pending<Stage>[] = [];
  const gateway = {
    listStages: () => new Promise<Stage[]>((resolve, reject) => stagesCalls.push({ resolve, reject })),
    getStage: () => new Promise<Stage>((resolve, reject) => stageCalls.push({ resolve, reject })),
  } as unknown as ApiGateway;
  return { gateway, stagesCalls, stageCalls };
}

const connection = { profile: 'p', region: 'us-east-1' };
const tick = () => new Promise((r) => setImmediate(r));
const notFound = () => Object.assign(new Error('Invalid stage identifier specified'), { name: 'NotFoundException', $metadata: { httpStatusCode: 404 } });

describe('shared stages of an API', () => {
  it('keeps a stage set while a GetStages was under way, on top of its answer', async () => {
    const { gateway, stagesCalls } = fakeGateway();
    const api = new StageStore().forApi(connection, 'api1', () => gateway);
    const loading = api.load();
    api.set({ stageName: 'beta', deploymentId: 'd2' }); // a create finished meanwhile
    api.remove('old');
    stagesCalls[0].resolve([{ stageName: 'dev', deploymentId: 'd1' }, { stageName: 'old', deploymentId: 'd1' }]);
    assert.deepEqual((await loading).map((s) => s.stageName), ['beta', 'dev']);
    assert.deepEqual(api.stagesOn('d2'), ['beta']);
  });

  it('drops a GetStage answer that left before a newer write to that stage', async () => {
    const { gateway, stagesCalls, stageCalls } = fakeGateway();
    const api = new StageStore().forApi(connection, 'api1', () => gateway);
    const loading = api.load();
    stagesCalls[0].resolve([{ stageName: 'dev', deploymentId: 'd1' }]);
    await loading;
    const reading = api.reloadStage('dev'); // e.g. a Refresh, answered late
    api.remove('dev'); // a delete finished first
    stageCalls[0].resolve({ stageName: 'dev', deploymentId: 'd1' });
    await reading;
    assert.equal(api.get('dev'), undefined, 'the deleted stage does not come back');
    // A read that started after the write counts.
    const again = api.reloadStage('dev');
    await tick();
    stageCalls[1].reject(notFound());
    assert.equal(await again, undefined);
  });

  it('keeps the same object for an API across clear(), so a running command updates the new tree', async () => {
    const { gateway, stagesCalls } = fakeGateway();
    const store = new StageStore();
    const held = store.forApi(connection, 'api1', () => gateway);
    const events: string[] = [];
    store.onDidChange((k) => events.push(k));
    store.clear();
    const fresh = store.forApi(connection, 'api1', () => gateway);
    assert.equal(fresh, held);
    assert.equal(fresh.list(), undefined, 'the list is read again');
    const loading = fresh.load();
    stagesCalls[0].resolve([{ stageName: 'dev' }]);
    await loading;
    held.set({ stageName: 'beta' });
    assert.deepEqual(fresh.names(), ['beta', 'dev']);
    assert.deepEqual(events, [held.key, held.key]);
  });
});
