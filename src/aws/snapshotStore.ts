// Deleted stages on disk: one JSON file per snapshot, in one folder per profile, region and API,
// under the extension's global storage. Each file is written whole to a temp file and renamed, so
// a crash leaves the old state or the new, never half a snapshot; several windows share the folder.
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import {
  type ApiRef, apiFolderName, makeSnapshot, MAX_SNAPSHOTS_PER_API, newestFirst, parseSnapshot, snapshotFileName, type StageSnapshot,
} from '../model/snapshots';
import type { Stage } from './apiGateway';

/** A snapshot file that could not be read: which file, and why. */
export interface DamagedSnapshot {
  readonly file: string;
  readonly problem: string;
}

export interface SnapshotListing {
  /** Newest first. */
  readonly snapshots: StageSnapshot[];
  readonly damaged: DamagedSnapshot[];
}

/** Where snapshots were kept before (VS Code's globalState): read once, moved to files, then cleared. */
export interface LegacySnapshots {
  keys(): readonly string[];
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const LEGACY_PREFIX = 'stageSnapshots/';
const TEMP_SUFFIX = '.tmp';
/** A temp file older than this is what a crash left behind (a live write takes milliseconds). */
const STALE_TEMP_MS = 60_000;

export class SnapshotStore {
  private migrated: Promise<void> | undefined;

  /** `root`: the folder for all snapshots (created when the first one is written). */
  constructor(readonly root: string, private readonly legacy?: LegacySnapshots) {}

  folder(api: ApiRef): string {
    return path.join(this.root, apiFolderName(api));
  }

  /** Newest first; damaged files are left out (listWithProblems says which). */
  async list(api: ApiRef): Promise<StageSnapshot[]> {
    return (await this.listWithProblems(api)).snapshots;
  }

  async listWithProblems(api: ApiRef): Promise<SnapshotListing> {
    await this.migrate();
    const dir = this.folder(api);
    const snapshots: StageSnapshot[] = [];
    const damaged: DamagedSnapshot[] = [];
    for (const name of await readDir(dir)) {
      const file = path.join(dir, name);
      if (name.endsWith(TEMP_SUFFIX)) {
        await removeIfStale(file);
        continue;
      }
      if (!name.endsWith('.json')) continue;
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed meanwhile (another window)
        damaged.push({ file, problem: `cannot be read (${(e as Error).message})` });
        continue;
      }
      const parsed = parseSnapshot(text, api);
      if (typeof parsed === 'string') damaged.push({ file, problem: parsed });
      else snapshots.push(parsed);
    }
    return { snapshots: snapshots.sort(newestFirst), damaged };
  }

  async add(api: ApiRef & { apiName?: string }, stage: Stage, deletedAt = new Date()): Promise<StageSnapshot> {
    await this.migrate();
    const snapshot = makeSnapshot(api, stage, deletedAt);
    await this.write(api, snapshot);
    await this.trim(api);
    return snapshot;
  }

  async remove(api: ApiRef, id: string): Promise<void> {
    await this.migrate();
    await fs.rm(path.join(this.folder(api), snapshotFileName(id)), { force: true });
  }

  /** Whole or not at all: temp file, flushed to disk, then renamed over the final name. */
  private async write(api: ApiRef, snapshot: StageSnapshot): Promise<void> {
    const dir = this.folder(api);
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, snapshotFileName(snapshot.id));
    const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
    try {
      const handle = await fs.open(temp, 'wx');
      try {
        await handle.writeFile(JSON.stringify(snapshot, null, 1), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, file);
    } catch (e) {
      await fs.rm(temp, { force: true });
      throw new Error(`Could not keep the snapshot of stage "${snapshot.stage.stageName}" in ${dir}: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Keeps the newest MAX_SNAPSHOTS_PER_API; damaged files are left for the user to look at. */
  private async trim(api: ApiRef): Promise<void> {
    const { snapshots } = await this.listWithProblems(api);
    for (const old of snapshots.slice(MAX_SNAPSHOTS_PER_API)) await this.remove(api, old.id);
  }

  /** Once per store: snapshots an older version kept in globalState become files, then leave it. */
  private migrate(): Promise<void> {
    this.migrated ??= (async () => {
      const legacy = this.legacy;
      if (!legacy) return;
      for (const key of legacy.keys().filter((k) => k.startsWith(LEGACY_PREFIX))) {
        const kept = legacy.get<StageSnapshot[]>(key);
        for (const snapshot of Array.isArray(kept) ? kept : []) {
          if (typeof snapshot?.id !== 'string' || typeof snapshot.stage?.stageName !== 'string') continue;
          await this.write(snapshot, snapshot);
        }
        // Cleared only when every file is written: a crash before this migrates again, to the same files.
        await legacy.update(key, undefined);
      }
    })();
    // A failed migration is tried again next time, not remembered as done.
    this.migrated.catch(() => (this.migrated = undefined));
    return this.migrated;
  }
}

async function readDir(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`Cannot read the deleted-stage snapshots in ${dir}: ${(e as Error).message}`, { cause: e });
  }
}

async function removeIfStale(file: string): Promise<void> {
  try {
    const { mtimeMs } = await fs.stat(file);
    if (Date.now() - mtimeMs > STALE_TEMP_MS) await fs.rm(file, { force: true });
  } catch { /* gone already */ }
}

/** The message for damaged files: which ones, why, and what to do. */
export function damagedMessage(damaged: readonly DamagedSnapshot[]): string {
  const files = damaged.map((d) => `${d.file}: ${d.problem}`).join('; ');
  return `${damaged.length === 1 ? 'A snapshot file is' : `${damaged.length} snapshot files are`} damaged and skipped (${files}). ` +
    'The other snapshots can still be restored. Move the file away (or delete it if you do not need that stage).';
}
