import * as assert from 'assert/strict';
import { Limiter } from '../../src/aws/limiter';

describe('Limiter', () => {
  it('never runs more tasks at once than allowed, and runs them all', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setImmediate(r));
          running--;
          done.push(i);
        }),
      ),
    );
    assert.equal(peak, 2);
    assert.deepEqual(done.sort(), [0, 1, 2, 3, 4, 5]);
  });

  it('frees the slot when a task fails', async () => {
    const limiter = new Limiter(1);
    await assert.rejects(limiter.run(() => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(await limiter.run(async () => 'next'), 'next');
  });
});
