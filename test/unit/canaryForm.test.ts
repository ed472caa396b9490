// The stage editor's Canary section, in the model: the canary as form values, its edits as patch
// operations under /canarySettings, its rules, and a canary removed by someone else meanwhile.
import * as assert from 'assert/strict';
import type { Stage } from '@aws-sdk/client-api-gateway';
import { changeLogText, concurrentChanges, formFieldOf, rebase, stageChanges } from '../../src/model/stageChanges';
import { formFromStage, type StageForm, withoutVariableValues } from '../../src/model/stageForm';
import { formProblems } from '../../src/model/stageValidation';
import { isStageForm } from '../../src/webview/protocol';

const withCanary = (): Stage => ({
  stageName: 'prod',
  deploymentId: 'dep1',
  variables: { backend: 'live.internal' },
  canarySettings: { percentTraffic: 10, deploymentId: 'can9', stageVariableOverrides: { backend: 'canary.internal', flag: 'on' }, useStageCache: false },
});

function edited(edit: (f: StageForm) => void, from: Stage = withCanary()): StageForm {
  const f = structuredClone(formFromStage(from));
  edit(f);
  return f;
}

describe('canary in the stage editor', () => {
  it('reads the canary as form values: the share as typed text, overrides sorted by name; a stage without one has none', () => {
    assert.deepEqual(formFromStage(withCanary()).canary, {
      percentTraffic: '10', deploymentId: 'can9', useStageCache: false, overrides: [['backend', 'canary.internal'], ['flag', 'on']],
    });
    assert.equal('canary' in formFromStage({ stageName: 'dev', deploymentId: 'dep1' }), false);
  });

  it('an edit of each field is one replace under /canarySettings, said in words; an override removed is a remove', () => {
    const base = formFromStage(withCanary());
    const mine = edited((f) => {
      f.canary!.percentTraffic = '25.5';
      f.canary!.deploymentId = 'can10';
      f.canary!.useStageCache = true;
      f.canary!.overrides = [['backend', 'canary2.internal'], ['extra', 'x']];
    });
    const c = stageChanges(base, mine);
    assert.deepEqual(c.patch, [
      { op: 'replace', path: '/canarySettings/deploymentId', value: 'can10' },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '25.5' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/backend', value: 'canary2.internal' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/extra', value: 'x' },
      { op: 'remove', path: '/canarySettings/stageVariableOverrides/flag' },
      { op: 'replace', path: '/canarySettings/useStageCache', value: 'true' },
    ]);
    const texts = c.changes.map((x) => x.text);
    assert.ok(texts.includes("Canary's share of requests (%): 10 → 25.5"), texts.join(' | '));
    assert.ok(texts.includes("Canary's deployment: can9 → can10"), texts.join(' | '));
    assert.ok(texts.includes('Canary uses the stage cache: off → on'), texts.join(' | '));
    // An override's value is as secret as a variable's: the log says its name only.
    const override = c.changes.find((x) => x.id === 'canarySettings/stageVariableOverrides/backend')!;
    assert.equal(override.secret, true);
    assert.equal(changeLogText(override), "Canary's override of stage variable backend: changed");
  });

  it('comes after the stage fields, variables and tags in the review, before the method settings', () => {
    const mine = edited((f) => {
      f.description = 'x';
      f.canary!.percentTraffic = '5';
      f.stageWide.metricsEnabled = true;
      f.tags.push(['team', 'pets']);
    });
    assert.deepEqual(stageChanges(formFromStage(withCanary()), mine).changes.map((c) => c.id), ['description', 'tags/team', 'canarySettings/percentTraffic', '*/*/metrics/enabled']);
  });

  it('a canary gone from the form (the JSON view may drop it) is one remove /canarySettings, none of its fields', () => {
    const mine = edited((f) => delete f.canary);
    const c = stageChanges(formFromStage(withCanary()), mine);
    assert.deepEqual(c.patch, [{ op: 'remove', path: '/canarySettings' }]);
    assert.deepEqual(c.changes.map((x) => x.text), ["Canary: removed (all requests go to the stage's deployment)"]);
  });

  it('marks a problem at the field the change is about', () => {
    assert.equal(formFieldOf('canarySettings/percentTraffic'), 'canary.percentTraffic');
    assert.equal(formFieldOf('canarySettings/deploymentId'), 'canary.deploymentId');
    assert.equal(formFieldOf('canarySettings/stageVariableOverrides/backend'), undefined);
  });

  it('checks the share, the deployment id and the overrides at their own ids; a share as loaded is not checked again', () => {
    const loaded = formFromStage(withCanary());
    const bad = edited((f) => {
      f.canary!.percentTraffic = '101';
      f.canary!.deploymentId = 'can 9';
      f.canary!.overrides = [['backend', 'a b'], ['backend', 'x'], ['', 'y']];
    });
    const problems = formProblems(bad, {}, loaded);
    const at = (id: string) => problems.find((p) => p.id === id)?.message ?? '';
    assert.match(at('canary.percentTraffic'), /percentage from 0 to 100/);
    assert.match(at('canary.deploymentId'), /letters and digits/);
    assert.match(at('canary.overrides.0.value'), /letters, digits and/);
    assert.match(at('canary.overrides.1.name'), /Canary override "backend" is listed twice/);
    assert.match(at('canary.overrides.2.name'), /1–64 letters/);
    const oddLoaded = formFromStage({ ...withCanary(), canarySettings: { percentTraffic: 1e-7, deploymentId: 'can9' } });
    assert.deepEqual(formProblems(oddLoaded, {}, oddLoaded), [], 'what AWS holds never blocks a save');
  });

  it('never makes a canary: a new one in the form is refused, pointing to Deploy to Canary…', () => {
    const plain: Stage = { stageName: 'dev', deploymentId: 'dep1' };
    const mine = edited((f) => (f.canary = { percentTraffic: '10', deploymentId: 'dep1', useStageCache: false, overrides: [] }), plain);
    assert.deepEqual(formProblems(mine, {}, formFromStage(plain)), [{ id: 'canary', message: 'A canary is made with Deploy to Canary… (a new deployment for it): the form edits an existing one.' }]);
  });

  it('a canary removed meanwhile by someone else, whose share I edited: a conflict; my edit on top does not bring it back', () => {
    const base = formFromStage(withCanary());
    const mine = edited((f) => (f.canary!.percentTraffic = '50'));
    const theirs = edited((f) => delete f.canary);
    const { conflicts } = concurrentChanges(base, mine, theirs);
    assert.deepEqual(conflicts.map((c) => c.text), ["Canary: removed (all requests go to the stage's deployment)"]);
    const merged = rebase(base, mine, theirs);
    assert.equal(merged.canary, undefined);
    assert.deepEqual(stageChanges(theirs, merged).patch, [], 'nothing to send under /canarySettings');
  });

  it('their new canary deployment and my new share both go on top', () => {
    const base = formFromStage(withCanary());
    const mine = edited((f) => (f.canary!.percentTraffic = '50'));
    const theirs = edited((f) => (f.canary!.deploymentId = 'can11'));
    assert.deepEqual(concurrentChanges(base, mine, theirs).conflicts, []);
    const merged = rebase(base, mine, theirs);
    assert.deepEqual([merged.canary?.percentTraffic, merged.canary?.deploymentId, merged.canary?.overrides.length], ['50', 'can11', 2]);
    assert.deepEqual(stageChanges(theirs, merged).patch, [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50' }]);
  });

  it('what goes to disk unsealed has the overrides\' names only', () => {
    assert.deepEqual(withoutVariableValues(formFromStage(withCanary())).canary?.overrides, [['backend', ''], ['flag', '']]);
  });

  it('the webview may send a form with a canary, never a malformed one', () => {
    assert.equal(isStageForm(formFromStage(withCanary())), true);
    for (const canary of [null, 1, {}, { percentTraffic: 10, deploymentId: 'a', useStageCache: false, overrides: [] }, { percentTraffic: '1', deploymentId: 'a', useStageCache: 'no', overrides: [] },
      { percentTraffic: '1', deploymentId: 'a', useStageCache: false, overrides: [['a', 1]] }]) {
      assert.equal(isStageForm({ ...formFromStage(withCanary()), canary }), false, JSON.stringify(canary));
    }
  });
});
