// One install at a time into a shared cache folder: test processes may start together.
import * as fs from 'fs';
import { setTimeout as sleep } from 'timers/promises';

/**
 * Runs `install` while holding the lock folder `lock` (mkdir is atomic). Waiters poll `done`
 * and return its result as soon as the other process has finished; a lock older than
 * `staleMs` is taken to be left by a dead process.
 */
export async function withInstallLock<T>(
  lock: string,
  staleMs: number,
  onWait: () => void,
  install: () => Promise<T>,
  done: () => T | undefined,
): Promise<T> {
  let said = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > staleMs) {
          fs.rmSync(lock, { recursive: true, force: true });
          continue;
        }
      } catch {
        continue; // released between mkdir and stat
      }
      if (!said) onWait();
      said = true;
      await sleep(1000);
      const result = done();
      if (result !== undefined) return result;
    }
  }
  try {
    return done() ?? (await install());
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
