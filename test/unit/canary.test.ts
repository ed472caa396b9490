// A stage's canary in words: the tree row, its tooltip and the reviews say it, so nobody skips it unknowingly.
import * as assert from 'assert/strict';
import { canaryShort, canaryText, deployCanaryNote } from '../../src/model/canary';

describe('canary words', () => {
  const deployments = [
    { id: 'abc123', description: 'Add owners', createdDate: new Date('2026-12-05T14:28:44Z') },
    { id: 'nodesc1', createdDate: new Date('2026-12-05T14:28:45Z') },
  ];

  it('names the canary on a tree row by its share and its deployment\'s description', () => {
    assert.equal(canaryShort({ percentTraffic: 10, deploymentId: 'abc123' }, deployments), 'canary 10% → Add owners');
  });

  it('cuts a long description, so the stage\'s own deployment stays in sight', () => {
    const long = { id: 'long1', description: 'Move the pets and the owners to the new backend, with the cache warmed first' };
    const text = canaryShort({ percentTraffic: 10, deploymentId: 'long1' }, [long]);
    assert.ok(text.length <= 'canary 10% → '.length + 40, text);
    assert.match(text, /^canary 10% → Move the pets .*…$/);
  });

  it('keeps decimals, and names the deployment by its id before the deployments are listed', () => {
    assert.equal(canaryShort({ percentTraffic: 2.5, deploymentId: 'abc123' }), 'canary 2.5% → abc123');
    assert.equal(canaryShort({ deploymentId: 'gone99' }, deployments), 'canary 0% → gone99', 'no share set: AWS sends 0');
    assert.equal(canaryShort({}), 'canary 0% → ?');
  });

  it('says the whole canary in the tooltip: share, deployment by description and id, overrides, the stage cache', () => {
    const c = { percentTraffic: 10, deploymentId: 'abc123', stageVariableOverrides: { backend: 'canary.internal', flag: 'on' }, useStageCache: true };
    assert.equal(canaryText(c, deployments), '10% of requests → "Add owners" (abc123), 2 variable overrides, uses the stage cache');
    assert.equal(canaryText(c), '10% of requests → deployment abc123, 2 variable overrides, uses the stage cache');
    assert.equal(canaryText({ percentTraffic: 1, deploymentId: 'nodesc1', stageVariableOverrides: { a: 'b' } }, deployments), '1% of requests → deployment nodesc1, 1 variable override');
  });

  it('says in the Deploy review why no plain deployment is offered (AWS\'s recorded refusal)', () => {
    const note = deployCanaryNote('prod', { percentTraffic: 10, deploymentId: 'abc123' });
    assert.match(note, /Stage "prod" has a canary: 10% of requests → deployment abc123\./);
    assert.match(note, /Non canary deployment not supported on stage prod because Canary is enabled/);
  });
});
