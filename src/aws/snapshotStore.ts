// Deleted stages on disk: one JSON file per snapshot, in one folder per AWS account, region and API,
// under the extension's global storage. Folders are 0700 and files 0600; stage variable values are
// in them only encrypted (sealer.ts). Each file is written whole to a temp file and renamed, so a
// crash leaves the old state or the new, never half a snapshot; several windows share the folder.
import { randomBytes } from 'crypto';
import { constants, promises as fs } from 'fs';
import * as path from 'path';
import {
  type ApiRef, apiFolderName, joinSecrets, legacyFolderName, makeSnapshot, MAX_SNAPSHOT_BYTES, MAX_SNAPSHOTS_PER_API, newestFirst,
  parseLegacySnapshot, parseSnapshot, type SnapshotSecrets, snapshotFileName, splitSecrets, type StageSnapshot,
} from '../model/snapshots';
import { NO_REFERENCES, type StageReferences } from '../model/references';
import type { Stage } from './apiGateway';
import { isKind, SealedError } from '../errors';
import type { Sealer } from './sealer';

/** A file in a snapshot folder that was skipped: which file, and why. */
export interface SkippedFile {
  readonly file: string;
  readonly problem: string;
}

export interface SnapshotListing {
  /** Newest first. */
  readonly snapshots: StageSnapshot[];
  /** Damaged, or not a snapshot file at all (a link, a pipe, a folder, over 1 MB): left on disk, named. */
  readonly damaged: SkippedFile[];
}

/** Where snapshots were kept before files (VS Code's globalState): read once, moved to files, then cleared. */
export interface LegacySnapshots {
  keys(): readonly string[];
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface Added {
  readonly snapshot: StageSnapshot;
  /** Older snapshots of the API dropped to stay within MAX_SNAPSHOTS_PER_API. */
  readonly dropped: StageSnapshot[];
}

export interface Opened {
  /** The stage with its variable values, as it was deleted. */
  readonly stage: Stage;
  /** Why the variable values could not be opened (the key is gone): the stage has their names only. */
  readonly secretsLost?: string;
}

const LEGACY_PREFIX = 'stageSnapshots/';
const TEMP_SUFFIX = '.tmp';
/** A temp file older than this is what a crash left behind (a live write takes milliseconds). */
const STALE_TEMP_MS = 60_000;
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

export class SnapshotStore {
  private migrated: Promise<void> | undefined;

  /** `root`: the folder for all snapshots (created when the first one is written). */
  constructor(readonly root: string, private readonly sealer: Sealer, private readonly legacy?: LegacySnapshots) {}

  folder(api: ApiRef): string {
    return path.join(this.root, apiFolderName(api));
  }

  /** Newest first; damaged files are left out (listWithProblems says which). */
  async list(api: ApiRef, profile?: string): Promise<StageSnapshot[]> {
    return (await this.listWithProblems(api, profile)).snapshots;
  }

  /** `profile`: snapshots an earlier version kept for this profile move here first. */
  async listWithProblems(api: ApiRef, profile?: string): Promise<SnapshotListing> {
    if (profile !== undefined) await this.migrateProfile(api, profile);
    const dir = this.folder(api);
    const snapshots: StageSnapshot[] = [];
    const damaged: SkippedFile[] = [];
    for (const name of await readDir(dir)) {
      const file = path.join(dir, name);
      if (name.endsWith(TEMP_SUFFIX)) {
        await removeIfStale(file);
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const text = await readSnapshotFile(file);
      if (text === undefined) continue; // removed meanwhile (another window)
      if (typeof text !== 'string') {
        damaged.push({ file, problem: text.problem });
        continue;
      }
      const parsed = parseSnapshot(text, api);
      if (typeof parsed === 'string') damaged.push({ file, problem: parsed });
      else if (parsed) snapshots.push(parsed);
    }
    return { snapshots: snapshots.sort(newestFirst), damaged };
  }

  /** Keeps a snapshot of `stage` (variable values sealed) and what pointed at it; drops the oldest past the limit. */
  async add(api: ApiRef & { apiName?: string; profile: string }, stage: Stage, references: StageReferences = NO_REFERENCES, deletedAt = new Date()): Promise<Added> {
    const { stage: plain, secrets } = splitSecrets(stage);
    const sealed = secrets ? await this.sealer.seal(secrets) : undefined;
    const snapshot = makeSnapshot(api, plain, references, deletedAt, sealed);
    await this.write(api, snapshot);
    return { snapshot, dropped: await this.trim(api) };
  }

  /** The stage of a snapshot, with its variable values opened. */
  async open(snapshot: StageSnapshot): Promise<Opened> {
    if (!snapshot.sealed) return { stage: snapshot.stage };
    try {
      return { stage: joinSecrets(snapshot.stage, (await this.sealer.open(snapshot.sealed)) as SnapshotSecrets) };
    } catch (e) {
      if (isKind(e, SealedError)) return { stage: snapshot.stage, secretsLost: e.message };
      throw e;
    }
  }

  async remove(api: ApiRef, id: string): Promise<void> {
    await fs.rm(path.join(this.folder(api), snapshotFileName(id)), { force: true });
  }

  /** Whole or not at all: temp file (0600), flushed to disk, then renamed over the final name. */
  private async write(api: ApiRef, snapshot: StageSnapshot): Promise<void> {
    const dir = this.folder(api);
    await privateDir(this.root);
    await privateDir(dir);
    await writeAtomically(path.join(dir, snapshotFileName(snapshot.id)), JSON.stringify(snapshot, null, 1)).catch((e: unknown) => {
      throw new Error(`Could not keep the snapshot of stage "${snapshot.stage.stageName}" in ${dir}: ${(e as Error).message}`, { cause: e });
    });
  }

  /** Keeps the newest MAX_SNAPSHOTS_PER_API; damaged files are left for the user to look at. */
  private async trim(api: ApiRef): Promise<StageSnapshot[]> {
    const { snapshots } = await this.listWithProblems(api);
    const dropped = snapshots.slice(MAX_SNAPSHOTS_PER_API);
    for (const old of dropped) await this.remove(api, old.id);
    return dropped;
  }

  /**
   * Snapshots of earlier versions, kept per profile (and before that in globalState), with their
   * variables in plain text: moved into the account's folder, sealed, once.
   */
  private async migrateProfile(api: ApiRef, profile: string): Promise<void> {
    await this.migrateGlobalState();
    const dir = path.join(this.root, legacyFolderName(profile, api.region, api.restApiId));
    for (const name of await readDir(dir)) {
      if (!name.endsWith('.json')) continue;
      const file = path.join(dir, name);
      const text = await readSnapshotFile(file);
      const old = typeof text === 'string' ? parseLegacySnapshot(text) : undefined;
      if (!old || old.region !== api.region || old.restApiId !== api.restApiId) continue;
      const { stage, secrets } = splitSecrets(old.stage);
      const snapshot = { ...makeSnapshot({ ...api, apiName: old.apiName, profile }, stage, NO_REFERENCES, new Date(old.deletedAt), secrets ? await this.sealer.seal(secrets) : undefined), id: old.id };
      await this.write(api, snapshot);
      await fs.rm(file, { force: true });
    }
    await fs.rmdir(dir).catch(() => undefined); // only when empty
  }

  /** Once per store: what globalState kept becomes version 1 files in their profile's folder (moved on from there). */
  private migrateGlobalState(): Promise<void> {
    this.migrated ??= (async () => {
      const legacy = this.legacy;
      if (!legacy) return;
      for (const key of legacy.keys().filter((k) => k.startsWith(LEGACY_PREFIX))) {
        const kept = legacy.get<{ id?: string; profile?: string; region?: string; restApiId?: string; stage?: Stage }[]>(key);
        for (const s of Array.isArray(kept) ? kept : []) {
          if (typeof s?.id !== 'string' || typeof s.stage?.stageName !== 'string' || !s.profile || !s.region || !s.restApiId) continue;
          const dir = path.join(this.root, legacyFolderName(s.profile, s.region, s.restApiId));
          await privateDir(this.root);
          await privateDir(dir);
          await writeAtomically(path.join(dir, `${s.id.replace(/[^A-Za-z0-9_-]/g, '_')}.json`), JSON.stringify(s));
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

/** A folder only its owner can enter (made, or tightened when an earlier version made it 0755). */
async function privateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
  if (process.platform !== 'win32') await fs.chmod(dir, DIR_MODE);
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
  try {
    const handle = await fs.open(temp, 'wx', FILE_MODE);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}

/**
 * The text of a snapshot file; a problem for what is not a regular file under 1 MB (a FIFO would block
 * a read for ever, a link may point anywhere); undefined when it is gone.
 */
async function readSnapshotFile(file: string): Promise<string | { problem: string } | undefined> {
  try {
    const before = await fs.lstat(file);
    if (!before.isFile()) return { problem: 'not a regular file (a link, a folder, a pipe or a device): not read' };
    if (before.size > MAX_SNAPSHOT_BYTES) return { problem: `larger than 1 MB (${before.size} bytes): not read` };
    // No blocking open, no following a link that replaced the file meanwhile; checked again on the handle.
    const handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
    try {
      const st = await handle.stat();
      if (!st.isFile() || st.size > MAX_SNAPSHOT_BYTES) return { problem: 'not a regular file under 1 MB: not read' };
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') return { problem: 'a link: not read' };
    return { problem: `cannot be read (${(e as Error).message})` };
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
    const { mtimeMs } = await fs.lstat(file);
    if (Date.now() - mtimeMs > STALE_TEMP_MS) await fs.rm(file, { force: true });
  } catch { /* gone already */ }
}

/** The message for skipped files: which ones, why, and what to do. */
export function damagedMessage(damaged: readonly SkippedFile[]): string {
  const files = damaged.map((d) => `${d.file}: ${d.problem}`).join('; ');
  return `${damaged.length === 1 ? 'A file in the snapshot folder was' : `${damaged.length} files in the snapshot folder were`} skipped (${files}). ` +
    'The other snapshots can still be restored. Move the file away (or delete it if you do not need that stage).';
}
