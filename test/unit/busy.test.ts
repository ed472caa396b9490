import { BusyError } from '../../src/errors';
import * as assert from 'assert/strict';
import { Busy } from '../../src/tree/busy';

describe('busy nodes', () => {
  it('marks a node while its task runs, refuses a second task, and clears the mark after a failure', async () => {
    const redrawn: string[] = [];
    const busy = new Busy((id) => redrawn.push(id));
    let release!: () => void;
    const first = busy.run('s1', 'Stage "dev"', 'Deleting…', () => new Promise<void>((r) => (release = r)));
    assert.equal(busy.label('s1'), 'Deleting…');
    await assert.rejects(busy.run('s1', 'Stage "dev"', 'Deploying…', async () => 1), (e: Error) => e instanceof BusyError && /Stage "dev" is busy \(Deleting…\)/.test(e.message));
    assert.equal(await busy.run('s2', 'Stage "prod"', 'Deploying…', async () => 2), 2, 'another node is not blocked');
    release();
    await first;
    assert.equal(busy.label('s1'), undefined);
    await assert.rejects(busy.run('s1', 'x', 'Failing…', async () => {
      throw new Error('boom');
    }), /boom/);
    assert.equal(busy.label('s1'), undefined, 'a failure clears the mark');
    assert.deepEqual(redrawn, ['s1', 's2', 's2', 's1', 's1', 's1']);
  });

  it('relabels while the task moves on, and not after it ended', async () => {
    const busy = new Busy(() => undefined);
    let relabelLater!: (l: string) => void;
    await busy.run('s', 'Stage "qa"', 'Checking…', async (relabel) => {
      relabel('Deleting…');
      assert.equal(busy.label('s'), 'Deleting…');
      relabelLater = relabel;
    });
    relabelLater('Late…');
    assert.equal(busy.label('s'), undefined);
  });
});
