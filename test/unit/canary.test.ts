// A stage's canary in words: the tree row, its tooltip and the reviews say it, so nobody skips it unknowingly.
import * as assert from 'assert/strict';
import { canaryShort, canaryText, deployCanaryNote, percentProblem, promoteNotes, promoteOps } from '../../src/model/canary';
import { describePlan, updateStageSteps } from '../../src/model/plans';

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

describe('canary share', () => {
  it('takes 0 to 100, decimals allowed', () => {
    for (const ok of ['0', '10', '2.5', '100', '99.99', '0.1']) assert.equal(percentProblem(ok), undefined, ok);
  });

  it('refuses what AWS would, saying what is wrong and what was typed', () => {
    for (const bad of ['', '-1', '100.5', '101', '1e2', '10%', 'ten', '.5', '5.', '0x10', '1,5', '1000', ' 7']) {
      assert.match(percentProblem(bad) ?? '', /^The canary's share is a percentage from 0 to 100, decimals allowed, e\.g\. 10 or 2\.5 \(".*" given\)\.$/, bad);
    }
  });
});

describe('promote the canary', () => {
  const c = { percentTraffic: 10, deploymentId: 'can123', stageVariableOverrides: { backend: 'canary.internal' } };

  it('copies the canary\'s deployment and overrides onto the stage, then removes the canary', () => {
    assert.deepEqual(promoteOps(c, false), [
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'remove', path: '/canarySettings' },
    ]);
  });

  it('or keeps it at 0% for the next release; with no overrides, no copy of them', () => {
    assert.deepEqual(promoteOps({ percentTraffic: 10, deploymentId: 'can123' }, true), [
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0' },
    ]);
  });

  it('the review shows each copy with its source and target', () => {
    assert.deepEqual(describePlan(updateStageSteps('a1', 'prod', promoteOps(c, false))), [
      'UpdateStage prod (3 operations)',
      '  copy /canarySettings/deploymentId → /deploymentId',
      '  copy /canarySettings/stageVariableOverrides → /variables',
      '  remove /canarySettings',
    ]);
  });

  it('says where the traffic goes and which variables change', () => {
    assert.deepEqual(promoteNotes('prod', { deploymentId: 'old1', canarySettings: c }), [
      'Stage "prod" moves from deployment old1 to the canary\'s can123: every request then runs the canary\'s code.',
      'The stage\'s variables take the canary\'s overrides: backend.',
    ]);
    assert.match(promoteNotes('prod', { deploymentId: 'old1', canarySettings: { deploymentId: 'can123' } })[1], /no variable overrides: the stage keeps its variables/);
  });
});
