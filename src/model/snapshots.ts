// Deleted stages, kept so they can be restored: what a snapshot holds, how it is named and checked.
// The files themselves are written by src/aws/snapshotStore.ts.
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

export interface ApiRef {
  readonly profile: string;
  readonly region: string;
  readonly restApiId: string;
}

/** The snapshot of a stage deleted at `deletedAt`, as it is stored (dates already ISO strings). */
export function makeSnapshot(api: ApiRef & { apiName?: string }, stage: Stage, deletedAt: Date): StageSnapshot {
  return {
    id: `${stage.stageName}@${deletedAt.toISOString()}`,
    restApiId: api.restApiId,
    apiName: api.apiName,
    profile: api.profile,
    region: api.region,
    deletedAt: deletedAt.toISOString(),
    // Through JSON, as the file keeps it: dates become strings now, not on the next read.
    stage: JSON.parse(JSON.stringify(stage)) as Stage,
  };
}

export const newestFirst = (a: StageSnapshot, b: StageSnapshot): number => b.deletedAt.localeCompare(a.deletedAt);

/** A file name part safe on every file system: letters, digits, `.`, `_`, `-`; the rest as %XX. */
export function safeName(text: string): string {
  return [...new TextEncoder().encode(text)]
    .map((b) => (/[A-Za-z0-9_-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

/** The folder of one API's snapshots: `profile|region|restApiId`, made safe. */
export const apiFolderName = (api: ApiRef): string => safeName(`${api.profile}|${api.region}|${api.restApiId}`);

/** The file of one snapshot in its API's folder. */
export const snapshotFileName = (id: string): string => `${safeName(id)}.json`;

/** The snapshot in a file's text, or why it is not one. */
export function parseSnapshot(text: string, api: ApiRef): StageSnapshot | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return `not valid JSON (${(e as Error).message})`;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const s = v as Record<string, unknown>;
  for (const k of ['id', 'restApiId', 'profile', 'region', 'deletedAt'] as const) {
    if (typeof s[k] !== 'string') return `"${k}" is missing or not a string`;
  }
  if (Number.isNaN(Date.parse(s.deletedAt as string))) return '"deletedAt" is not a date';
  const stage = s.stage as Record<string, unknown> | undefined;
  if (typeof stage !== 'object' || stage === null || Array.isArray(stage) || typeof stage.stageName !== 'string') return '"stage" is missing or has no stageName';
  if (s.profile !== api.profile || s.region !== api.region || s.restApiId !== api.restApiId) return `it belongs to another API (${String(s.profile)}|${String(s.region)}|${String(s.restApiId)})`;
  return s as unknown as StageSnapshot;
}
