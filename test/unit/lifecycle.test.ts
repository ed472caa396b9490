// The Disposable base of the stage editor's document, page and provider: what is registered is
// disposed once, newest first, and nothing registered late outlives its owner.
import * as assert from 'assert/strict';
import { Disposable, type DisposableLike } from '../../src/editor/lifecycle';

class Owner extends Disposable {
  add<T extends DisposableLike>(d: T): T {
    return this.register(d);
  }
  get gone(): boolean {
    return this.isDisposed;
  }
}

describe('Disposable', () => {
  const log: string[] = [];
  const item = (name: string): DisposableLike => ({ dispose: () => log.push(name) });
  beforeEach(() => (log.length = 0));

  it('disposes what it registered, newest first, once', () => {
    const o = new Owner();
    o.add(item('emitter'));
    o.add(item('listener'));
    assert.equal(o.gone, false);
    o.dispose();
    o.dispose();
    assert.deepEqual(log, ['listener', 'emitter']);
    assert.equal(o.gone, true);
  });

  it('disposes at once what is registered after it was disposed', () => {
    const o = new Owner();
    o.dispose();
    o.add(item('late'));
    assert.deepEqual(log, ['late']);
    o.dispose();
    assert.deepEqual(log, ['late'], 'not twice');
  });

  it('register returns what it was given', () => {
    const o = new Owner();
    const d = item('x');
    assert.equal(o.add(d), d);
  });
});
