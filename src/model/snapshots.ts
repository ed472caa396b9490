// Deleted stages, kept so they can be restored: what a snapshot holds, how it is named and checked.
// The files themselves are written by src/aws/snapshotStore.ts.
import { createHash } from 'crypto';
import type { Stage } from '@aws-sdk/client-api-gateway';
import { NO_REFERENCES, type StageReferences } from './references';

/** At most this many snapshots per API; the oldest go first (and the delete that drops one says so). */
export const MAX_SNAPSHOTS_PER_API = 50;

/** A snapshot file larger than this is not one of ours: skipped unread. */
export const MAX_SNAPSHOT_BYTES = 1024 * 1024;

/** The values a snapshot keeps encrypted: they often hold backend keys. */
export interface SnapshotSecrets {
  readonly variables?: Record<string, string>;
  readonly canaryOverrides?: Record<string, string>;
}

export interface StageSnapshot {
  readonly version: 2;
  /** Unique within the API's list: the stage name and when it was deleted. */
  readonly id: string;
  /** Snapshots are kept per AWS account (from STS), region and API: another profile of the account finds them. */
  readonly account: string;
  readonly region: string;
  readonly restApiId: string;
  readonly apiName?: string;
  /** The profile that deleted it. */
  readonly profile: string;
  /** ISO time of the delete. */
  readonly deletedAt: string;
  /**
   * The whole stage as GetStage returned it just before the delete (dates as ISO strings), with its
   * variables and its canary's variable overrides as names only: their values are in `sealed`.
   */
  readonly stage: Stage;
  /** What pointed at the stage just before the delete: custom-domain mappings, usage plans. */
  readonly references: StageReferences;
  /** SnapshotSecrets, encrypted with the key kept in VS Code's secret storage (src/aws/sealer.ts). */
  readonly sealed?: string;
}

export interface ApiRef {
  readonly account: string;
  readonly region: string;
  readonly restApiId: string;
}

/** The stage without its secret values (names kept, values empty), and the secrets apart. */
export function splitSecrets(stage: Stage): { stage: Stage; secrets?: SnapshotSecrets } {
  const variables = stage.variables && Object.keys(stage.variables).length ? stage.variables : undefined;
  const canaryOverrides = stage.canarySettings?.stageVariableOverrides && Object.keys(stage.canarySettings.stageVariableOverrides).length ? stage.canarySettings.stageVariableOverrides : undefined;
  if (!variables && !canaryOverrides) return { stage };
  const blank = (m: Record<string, string> | undefined) => m && Object.fromEntries(Object.keys(m).map((k) => [k, '']));
  const out: Stage = { ...stage };
  if (variables) out.variables = blank(variables);
  if (canaryOverrides) out.canarySettings = { ...stage.canarySettings, stageVariableOverrides: blank(canaryOverrides) };
  return { stage: out, secrets: { variables, canaryOverrides } };
}

/** The stage with its secret values back. */
export function joinSecrets(stage: Stage, secrets: SnapshotSecrets | undefined): Stage {
  if (!secrets) return stage;
  const out: Stage = { ...stage };
  if (secrets.variables) out.variables = { ...secrets.variables };
  if (secrets.canaryOverrides && out.canarySettings) out.canarySettings = { ...out.canarySettings, stageVariableOverrides: { ...secrets.canaryOverrides } };
  return out;
}

/** Whether the stage had secret values the snapshot sealed. */
export const hasSecrets = (s: StageSnapshot): boolean => !!s.sealed;

/** The snapshot of a stage deleted at `deletedAt`, as it is stored (dates already ISO strings); `sealed` from the caller. */
export function makeSnapshot(
  api: ApiRef & { apiName?: string; profile: string },
  stage: Stage,
  references: StageReferences,
  deletedAt: Date,
  sealed: string | undefined,
): StageSnapshot {
  return {
    version: 2,
    id: `${stage.stageName}@${deletedAt.toISOString()}`,
    account: api.account,
    region: api.region,
    restApiId: api.restApiId,
    apiName: api.apiName,
    profile: api.profile,
    deletedAt: deletedAt.toISOString(),
    // Through JSON, as the file keeps it: dates become strings now, not on the next read.
    stage: JSON.parse(JSON.stringify(stage)) as Stage,
    references,
    ...(sealed ? { sealed } : {}),
  };
}

export const newestFirst = (a: StageSnapshot, b: StageSnapshot): number => b.deletedAt.localeCompare(a.deletedAt);

const hash = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

/**
 * The folder of one API's snapshots: `account-region-restApiId` when that is short and of lowercase
 * letters, digits and `-` only (so the same on every file system, case-insensitive ones included),
 * else a hash of it.
 */
export function apiFolderName(api: ApiRef): string {
  const plain = `${api.account}-${api.region}-${api.restApiId}`;
  return /^[a-z0-9-]{1,80}$/.test(plain) ? plain : `api-${hash(`${api.account}|${api.region}|${api.restApiId}`, 32)}`;
}

/** The file of one snapshot: a readable part of the stage name (lowercase, short) and a hash of the exact id, so `Prod` and `prod` never share one. */
export function snapshotFileName(id: string): string {
  const name = id.slice(0, id.lastIndexOf('@')).toLowerCase().replace(/[^a-z0-9_-]+/g, '_').slice(0, 40);
  return `${name}-${hash(id, 16)}.json`;
}

/** The snapshot in a file's text, or why it is not one; `undefined` when it is another API's (a folder shared by a hash or a case-folding file system). */
export function parseSnapshot(text: string, api: ApiRef): StageSnapshot | string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return `not valid JSON (${(e as Error).message})`;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const s = v as Record<string, unknown>;
  if (s.version !== 2) return `not a snapshot of this version (version ${JSON.stringify(s.version)})`;
  for (const k of ['id', 'account', 'restApiId', 'profile', 'region', 'deletedAt'] as const) {
    if (typeof s[k] !== 'string') return `"${k}" is missing or not a string`;
  }
  if (Number.isNaN(Date.parse(s.deletedAt as string))) return '"deletedAt" is not a date';
  const stage = s.stage as Record<string, unknown> | undefined;
  if (typeof stage !== 'object' || stage === null || Array.isArray(stage) || typeof stage.stageName !== 'string') return '"stage" is missing or has no stageName';
  if (s.sealed !== undefined && typeof s.sealed !== 'string') return '"sealed" is not a string';
  if (s.account !== api.account || s.region !== api.region || s.restApiId !== api.restApiId) return undefined;
  const refs = s.references as StageReferences | undefined;
  const references = refs && Array.isArray(refs.mappings) && Array.isArray(refs.usagePlans) ? refs : NO_REFERENCES;
  return { ...(s as unknown as StageSnapshot), references };
}

// ---- Snapshots of earlier versions (one folder per profile, variables in plain text).

/** Version 1: kept per profile, region and API; its stage variables are in plain text. */
export interface LegacySnapshot {
  readonly id: string;
  readonly restApiId: string;
  readonly apiName?: string;
  readonly profile: string;
  readonly region: string;
  readonly deletedAt: string;
  readonly stage: Stage;
}

/** A file name part safe on every file system: letters, digits, `_`, `-`; the rest as %XX (version 1's names). */
export function legacySafeName(text: string): string {
  return [...new TextEncoder().encode(text)]
    .map((b) => (/[A-Za-z0-9_-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

/** Version 1's folder of a profile's snapshots of one API. */
export const legacyFolderName = (profile: string, region: string, restApiId: string): string => legacySafeName(`${profile}|${region}|${restApiId}`);

/** A version 1 snapshot in a file's text, or undefined. */
export function parseLegacySnapshot(text: string): LegacySnapshot | undefined {
  try {
    const s = JSON.parse(text) as Record<string, unknown>;
    const ok = ['id', 'restApiId', 'profile', 'region', 'deletedAt'].every((k) => typeof s[k] === 'string') && typeof (s.stage as Stage | undefined)?.stageName === 'string' && s.version === undefined &&
      // Moving it makes its time an ISO string again: a time that is not one would throw and stop every listing.
      !Number.isNaN(Date.parse(s.deletedAt as string));
    return ok ? (s as unknown as LegacySnapshot) : undefined;
  } catch {
    return undefined;
  }
}
