// Operations under way on a node (stage, Stages folder): the node spins and says what runs, and
// another command on it is refused with that reason instead of racing it.
import { BusyError } from '../errors';

export class Busy {
  private readonly running = new Map<string, string>();

  constructor(private readonly changed: (id: string) => void) {}

  /** What runs on the node with this id, e.g. `Deleting…`. */
  label(id: string): string | undefined {
    return this.running.get(id);
  }

  /** Runs `task` with the node marked; `relabel` changes what it says as the task moves on. */
  async run<T>(id: string, what: string, label: string, task: (relabel: (label: string) => void) => PromiseLike<T>): Promise<T> {
    const current = this.running.get(id);
    if (current) throw new BusyError(`${what} is busy (${current}). Try again when that is done.`);
    this.running.set(id, label);
    this.changed(id);
    const relabel = (next: string) => {
      if (this.running.get(id) === undefined) return;
      this.running.set(id, next);
      this.changed(id);
    };
    try {
      return await task(relabel);
    } finally {
      this.running.delete(id);
      this.changed(id);
    }
  }
}
