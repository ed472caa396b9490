// The stage editor's outbox: nothing reaches a page before it has said ready, nothing is lost, and
// the order holds (the form's early post was once lost while the page loaded).
import * as assert from 'assert/strict';
import { ReadyQueue } from '../../src/editor/readyQueue';

describe('ReadyQueue', () => {
  /** A queue and what each page it was connected to received. */
  function setup() {
    const q = new ReadyQueue<string>();
    const pages: string[][] = [];
    const connect = () => {
      const got: string[] = [];
      pages.push(got);
      q.connect((m) => got.push(m));
      return got;
    };
    return { q, pages, connect };
  }

  it('holds what is posted before there is a page, and before the page said ready, then sends it in order', () => {
    const { q, connect } = setup();
    q.post('load');
    const page = connect();
    q.post('context');
    assert.deepEqual(page, [], 'the page hears nothing before its ready');
    assert.equal(q.pending, 2);
    assert.equal(q.markReady(), false, 'a first ready');
    assert.deepEqual(page, ['load', 'context']);
    assert.equal(q.pending, 0);
  });

  it('sends at once once the page is ready', () => {
    const { q, connect } = setup();
    const page = connect();
    q.markReady();
    q.post('review');
    assert.deepEqual(page, ['review']);
    assert.equal(q.pending, 0);
  });

  it('says when a page says ready again (made again, it lost what it was sent)', () => {
    const { q, connect } = setup();
    connect();
    assert.equal(q.markReady(), false);
    assert.equal(q.markReady(), true);
  });

  it('a ready with no page sends nothing and keeps the messages', () => {
    const { q } = setup();
    q.post('load');
    assert.equal(q.markReady(), false);
    assert.equal(q.pending, 1);
  });

  it('a new page waits for its own ready; a closed page gets nothing more', () => {
    const { q, connect } = setup();
    const first = connect();
    q.markReady();
    q.post('a');
    q.disconnect();
    q.post('b');
    assert.deepEqual(first, ['a']);
    const second = connect();
    q.post('c');
    assert.deepEqual(second, [], 'not before its ready');
    q.markReady();
    assert.deepEqual(second, ['b', 'c']);
    assert.deepEqual(first, ['a']);
  });

  it('dispose drops what waits and sends nothing after', () => {
    const { q, connect } = setup();
    const page = connect();
    q.post('a');
    q.dispose();
    assert.equal(q.pending, 0);
    q.markReady();
    assert.deepEqual(page, []);
  });
});
