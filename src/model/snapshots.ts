// Deleted stages, kept so they can be restored: in the editor's global storage, per profile, region and API.
import type { Stage } from '@aws-sdk/client-api-gateway';

/** At most this many snapshots per API; the oldest go first. */
export const MAX_SNAPSHOTS_PER_API = 50;

export interface StageSnapshot {
  /** Unique within the API's list: the stage name and when it was deleted. */
  readonly id: string;
  readonly restApiId: string;
  readonly apiName?: string;
  readonly profile: string;
  readonly region: string;
  /** ISO time of the delete. */
  readonly deletedAt: string;
  /** The whole stage as GetStage returned it just before the delete (dates as ISO strings). */
  readonly stage: Stage;
}

/** The part of VS Code's Memento that the store needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface ApiRef {
  readonly profile: string;
  readonly region: string;
  readonly restApiId: string;
}

export class SnapshotStore {
  constructor(private readonly storage: KeyValueStore) {}

  static key(api: ApiRef): string {
    return `stageSnapshots/${api.profile}|${api.region}|${api.restApiId}`;
  }

  /** Newest first. */
  list(api: ApiRef): StageSnapshot[] {
    return [...(this.storage.get<StageSnapshot[]>(SnapshotStore.key(api)) ?? [])].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  }

  async add(api: ApiRef & { apiName?: string }, stage: Stage, deletedAt = new Date()): Promise<StageSnapshot> {
    const snapshot: StageSnapshot = {
      id: `${stage.stageName}@${deletedAt.toISOString()}`,
      restApiId: api.restApiId,
      apiName: api.apiName,
      profile: api.profile,
      region: api.region,
      deletedAt: deletedAt.toISOString(),
      // Through JSON, as the storage keeps it: dates become strings now, not on the next read.
      stage: JSON.parse(JSON.stringify(stage)) as Stage,
    };
    const kept = [snapshot, ...this.list(api)].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt)).slice(0, MAX_SNAPSHOTS_PER_API);
    await this.storage.update(SnapshotStore.key(api), kept);
    return snapshot;
  }

  async remove(api: ApiRef, id: string): Promise<void> {
    await this.storage.update(SnapshotStore.key(api), this.list(api).filter((s) => s.id !== id));
  }
}

/** A Map-backed store, for tests and for runs without an editor. */
export function memoryStore(): KeyValueStore {
  const map = new Map<string, unknown>();
  return {
    get: <T>(key: string) => map.get(key) as T | undefined,
    update: async (key, value) => {
      map.set(key, value);
    },
  };
}
