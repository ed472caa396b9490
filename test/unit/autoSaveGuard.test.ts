// Which save VS Code asks a stage editor for: the user's is sent, auto-save's never, the rest once confirmed.
import * as assert from 'assert';
import { AutoSaveGuard, type AutoSaveSettings } from '../../src/editor/autoSaveGuard';

describe('AutoSaveGuard', () => {
  const URI = 'apigateway-stage:/local/us-east-1/abc/prod.apigateway-stage';
  let now = 100_000;
  let settings: AutoSaveSettings;
  const guard = () => new AutoSaveGuard(() => settings, () => now);
  beforeEach(() => {
    now = 100_000;
    settings = { mode: 'afterDelay', delayMs: 1000, windowFocused: true };
  });

  it('sends every save when auto-save is off (File: Save, the close prompt)', () => {
    settings = { ...settings, mode: 'off' };
    assert.equal(guard().classify(URI, now - 1000), 'explicit');
  });

  it('keeps a save that comes as auto-save after a delay comes: the delay after the last edit, give or take', () => {
    const g = guard();
    for (const since of [750, 1000, 1200, 3500]) assert.equal(g.classify(URI, now - since), 'auto', `${since} ms after the edit`);
  });

  it('asks for a save outside that window (File: Save from the menu a while later)', () => {
    const g = guard();
    assert.equal(g.classify(URI, now - 200), 'ask', 'too early for auto-save');
    assert.equal(g.classify(URI, now - 60_000), 'ask', 'long after the edit');
  });

  it('keeps any save that comes while the window is not focused (auto-save on leaving the window)', () => {
    for (const mode of ['afterDelay', 'onFocusChange', 'onWindowChange']) {
      settings = { mode, delayMs: 1000, windowFocused: false };
      assert.equal(guard().classify(URI, now - 60_000), 'auto', mode);
    }
  });

  it('sends the save the user asked for, and any save of the same stage while it runs (one save, joined)', async () => {
    const g = guard();
    const kinds = await g.explicitly(URI, async () => [g.classify(URI, now - 1000), g.classify(URI, now - 1000)]);
    assert.deepEqual(kinds, ['explicit', 'explicit']);
    assert.equal(g.classify('apigateway-stage:/local/us-east-1/abc/dev.apigateway-stage', now - 1000), 'auto', 'another stage is not asked for');
  });

  it('forgets the request once its save is over, even one that found nothing to save or failed', async () => {
    const g = guard();
    await g.explicitly(URI, async () => undefined);
    assert.equal(g.classify(URI, now - 1000), 'auto');
    await assert.rejects(g.explicitly(URI, async () => Promise.reject(new Error('refused'))));
    assert.equal(g.classify(URI, now - 1000), 'auto');
  });

  it('counts two requests at once: the first to end does not end the second', async () => {
    const g = guard();
    let release!: () => void;
    const second = g.explicitly(URI, () => new Promise<void>((r) => (release = r)));
    await g.explicitly(URI, async () => undefined);
    assert.equal(g.classify(URI, now - 1000), 'explicit');
    release();
    await second;
    assert.equal(g.classify(URI, now - 1000), 'auto');
  });
});
