// Which save VS Code asks a stage editor for: the user's is sent, auto-save's never, the rest once confirmed.
import * as assert from 'assert';
import { AutoSaveGuard, type AutoSaveSettings } from '../../src/editor/autoSaveGuard';

describe('AutoSaveGuard', () => {
  const URI = 'apigateway-stage:/local/us-east-1/abc/prod.apigateway-stage';
  const DEV = 'apigateway-stage:/local/us-east-1/abc/dev.apigateway-stage';
  let now = 100_000;
  let settings: AutoSaveSettings;
  const guard = () => new AutoSaveGuard(() => settings, () => now);
  /** An edit told to VS Code `ago` ms before now. */
  const editedAgo = (g: AutoSaveGuard, ago: number, uri = URI) => {
    now -= ago;
    g.changed(uri);
    now += ago;
  };
  beforeEach(() => {
    now = 100_000;
    settings = { mode: 'afterDelay', delayMs: 1000, windowFocused: true };
  });

  it('sends every save when auto-save is off (File: Save, the close prompt)', () => {
    settings = { ...settings, mode: 'off' };
    const g = guard();
    editedAgo(g, 1000);
    assert.equal(g.classify(URI), 'explicit');
  });

  it('keeps the save of the timer an edit started: at the delay, or later when the window is busy', () => {
    for (const late of [750, 1000, 1200, 3500, 20_000]) {
      const g = guard();
      editedAgo(g, late);
      assert.equal(g.classify(URI), 'auto', `${late} ms after the edit`);
    }
  });

  it('counts the timer once: the next save (File: Save from the menu) is asked about', () => {
    const g = guard();
    editedAgo(g, 1000);
    assert.equal(g.classify(URI), 'auto');
    now += 30_000;
    assert.equal(g.classify(URI), 'ask');
  });

  it('asks for a save before the delay has passed, and one with no edit since the document was saved or reverted', () => {
    const g = guard();
    editedAgo(g, 200);
    assert.equal(g.classify(URI), 'ask', 'too early for auto-save');
    editedAgo(g, 5000);
    g.clean(URI);
    assert.equal(g.classify(URI), 'ask', 'VS Code dropped its timer when the document was saved');
    assert.equal(guard().classify(URI), 'ask', 'no edit at all');
  });

  it('undo and redo start the timer again like an edit (VS Code runs them and tells its timer)', () => {
    const g = guard();
    editedAgo(g, 1000);
    assert.equal(g.classify(URI), 'auto');
    editedAgo(g, 1100); // an undo
    assert.equal(g.classify(URI), 'auto');
  });

  it('keeps the save of a timer run out just as the next edit was typed (the edit reached VS Code after its timer ran out)', () => {
    const g = guard();
    editedAgo(g, 1300); // the user pauses for the delay…
    editedAgo(g, 200); // …and types again, while VS Code's timer for the first edit has run out
    assert.equal(g.classify(URI), 'auto', "the first edit's timer");
    assert.equal(g.classify(URI), 'ask', 'that timer counted once; the second edit is too new');
    now += 1000;
    assert.equal(g.classify(URI), 'auto', "the second edit's timer");
  });

  it('forgets such an older timer a few seconds after the next edit, and one whose newer timer has come', () => {
    const g = guard();
    editedAgo(g, 5000);
    editedAgo(g, 4000 - 1);
    now += 5000;
    assert.equal(g.classify(URI), 'auto', "the newer edit's timer: the older one's save never came");
    assert.equal(g.classify(URI), 'ask', 'both spent: File: Save from the menu is asked about');
    const h = guard();
    editedAgo(h, 10_000);
    editedAgo(h, 5000);
    now += 100;
    assert.equal(h.classify(URI), 'auto');
    assert.equal(h.classify(URI), 'ask', 'the older timer was superseded over three seconds ago');
  });

  it('does not keep an edit typed before the delay ran out: VS Code dropped its timer for the next edit', () => {
    const g = guard();
    editedAgo(g, 450); // typed 350 ms apart: under the delay, even counted early
    editedAgo(g, 100);
    now += 100;
    assert.equal(g.classify(URI), 'ask', 'the first edit is 550 ms old, but its timer was dropped for the second');
  });

  it("takes VS Code's timer as run out up to half the delay (at most a second) early: it starts its timer for an undo or a restored editor before the extension hears of it", () => {
    const g = guard();
    editedAgo(g, 500);
    assert.equal(g.classify(URI), 'auto');
    settings = { ...settings, delayMs: 10_000 };
    editedAgo(g, 8999);
    assert.equal(g.classify(URI), 'ask', 'over a second early');
    editedAgo(g, 9000);
    assert.equal(g.classify(URI), 'auto');
  });

  it('keeps any save that comes while the window is not focused (auto-save on leaving the window)', () => {
    for (const mode of ['afterDelay', 'onFocusChange', 'onWindowChange']) {
      settings = { mode, delayMs: 1000, windowFocused: false };
      assert.equal(guard().classify(URI), 'auto', mode);
    }
  });

  it('sends the save the user asked for, and any save of the same stage while it runs (one save, joined); the timer is spent', async () => {
    const g = guard();
    editedAgo(g, 1000);
    editedAgo(g, 1000, DEV);
    const kinds = await g.explicitly(URI, async () => [g.classify(URI), g.classify(URI)]);
    assert.deepEqual(kinds, ['explicit', 'explicit']);
    assert.equal(g.classify(URI), 'ask', 'the timer that ran out during the save was counted');
    assert.equal(g.classify(DEV), 'auto', 'another stage is not asked for');
  });

  it("does not count a timer still running when the user saves: its save comes later, and is auto-save's (a save that failed keeps the tab dirty)", async () => {
    const g = guard();
    editedAgo(g, 600); // past the early margin, not the delay: VS Code's timer may still be running
    assert.deepEqual(await g.explicitly(URI, async () => g.classify(URI)), 'explicit');
    now += 400;
    assert.equal(g.classify(URI), 'auto', "the timer's own save, after the user's save was refused (a conflict)");
  });

  it('forgets the request once its save is over, even one that found nothing to save or failed', async () => {
    const g = guard();
    await g.explicitly(URI, async () => undefined);
    assert.equal(g.isAsked(URI), false);
    editedAgo(g, 1000);
    assert.equal(g.classify(URI), 'auto');
    await assert.rejects(g.explicitly(URI, async () => Promise.reject(new Error('refused'))));
    editedAgo(g, 1000);
    assert.equal(g.classify(URI), 'auto');
  });

  it('counts two requests at once: the first to end does not end the second', async () => {
    const g = guard();
    let release!: () => void;
    const second = g.explicitly(URI, () => new Promise<void>((r) => (release = r)));
    await g.explicitly(URI, async () => undefined);
    assert.equal(g.classify(URI), 'explicit');
    release();
    await second;
    assert.equal(g.isAsked(URI), false);
  });
});
