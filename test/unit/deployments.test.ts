import * as assert from 'assert/strict';
import { deploymentFacts, deploymentLabel, deploymentName, holdersOf, holdersText, newestFirst } from '../../src/model/deployments';
import { formatDate } from '../../src/model/dates';

// Deployments as people know them (the pickers, the tree, the reviews): description, then date and id; newest first.
describe('deployments', () => {
  const at = (iso: string) => new Date(iso);

  it('lists newest first by date', () => {
    const list = [
      { id: 'a', createdDate: at('2026-01-01T10:00:00Z') },
      { id: 'c', createdDate: at('2026-03-01T10:00:00Z') },
      { id: 'b', createdDate: at('2026-02-01T10:00:00Z') },
    ];
    assert.deepEqual(newestFirst(list).map((d) => d.id), ['c', 'b', 'a']);
  });

  it('keeps deployments made in the same second in the order they are listed (createdDate has whole seconds)', () => {
    // As moto lists three deployments made within one second: as made.
    const second = at('2026-12-05T14:28:44Z');
    const list = [
      { id: 'initial', description: 'Initial release', createdDate: second },
      { id: 'owners', description: 'Add owners', createdDate: second },
      { id: 'proxy', description: 'Proxy fallback', createdDate: second },
      { id: 'older', createdDate: at('2026-12-05T14:28:43Z') },
    ];
    assert.deepEqual(newestFirst(list).map((d) => d.id), ['initial', 'owners', 'proxy', 'older']);
    assert.deepEqual(list.map((d) => d.id), ['initial', 'owners', 'proxy', 'older'], 'the list given is left as it was');
  });

  it('puts deployments without a date last, keeping them in a stable order', () => {
    const list = [{ id: 'x' }, { id: 'dated', createdDate: at('2026-01-01T00:00:00Z') }, { id: 'y' }];
    assert.deepEqual(newestFirst(list).map((d) => d.id), ['dated', 'x', 'y']);
  });

  it('is called by its description, then its date and id', () => {
    const date = at('2026-12-05T14:28:44Z');
    const d = { id: 'owners1', description: 'Add owners', createdDate: date };
    assert.equal(deploymentLabel(d), 'Add owners');
    assert.deepEqual(deploymentFacts(d), [formatDate(date), 'owners1']);
    // No description: the date is the label, and not said twice.
    assert.equal(deploymentLabel({ id: 'nodesc', createdDate: date }), formatDate(date));
    assert.deepEqual(deploymentFacts({ id: 'nodesc', createdDate: date }), ['nodesc']);
    assert.equal(deploymentLabel({ id: 'bare' }), 'bare');
  });

  it('is named in a sentence by its description and id; by its id alone when it has no description', () => {
    assert.equal(deploymentName({ id: 'owners1', description: 'Add owners' }), '"Add owners" (owners1)');
    assert.equal(deploymentName({ id: 'nodesc' }), 'nodesc');
    assert.equal(deploymentName(undefined, 'unknown1'), 'unknown1');
    assert.equal(deploymentName(undefined), 'none');
    const long = deploymentName({ id: 'long1', description: 'x'.repeat(500) });
    assert.ok(long.length < 80 && long.endsWith('…" (long1)'), long);
  });

  it('the stages that hold a deployment: as their own, or as their canary\'s (AWS refuses to delete it for either)', () => {
    const stages = [
      { stageName: 'prod', deploymentId: 'd1' },
      { stageName: 'beta', deploymentId: 'd2', canarySettings: { deploymentId: 'd1', percentTraffic: 10 } },
      { stageName: 'both', deploymentId: 'd1', canarySettings: { deploymentId: 'd1' } },
      { stageName: 'other', deploymentId: 'd3' },
    ];
    const held = holdersOf(stages, 'd1');
    assert.deepEqual(held, [
      { stageName: 'prod', as: 'stage' }, { stageName: 'beta', as: 'canary' }, { stageName: 'both', as: 'stage' }, { stageName: 'both', as: 'canary' },
    ]);
    assert.equal(holdersText(held), 'stage "prod", the canary of stage "beta", stage "both", the canary of stage "both"');
    assert.deepEqual(holdersOf(stages, 'd9'), []);
    assert.deepEqual(holdersOf(stages, 'd2'), [{ stageName: 'beta', as: 'stage' }]);
  });
});
