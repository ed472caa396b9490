// A stage change as the snippet generators read it: the UpdateStage patch operations of the editor's
// pending change (stageChanges) or of a review's plan, gathered by what they set. One reading for all
// three tools, so each writes the same change.
import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import { ALL_METHODS_KEY, parseMethodKey } from '../methodKey';
import { SETTING_PATHS } from '../patchPaths';

/** A method setting's fields as the API names them, values typed. */
export interface MethodChange {
  /** `/pets/{petId}`, or `/*` for the stage's defaults. */
  readonly resourcePath: string;
  /** `GET`, or `*`. */
  readonly httpMethod: string;
  /** The override goes (AWS's `remove /{key}`). */
  removed?: boolean;
  readonly settings: Partial<Record<keyof typeof SETTING_PATHS, string | number | boolean>>;
}

export interface StageChange {
  readonly stageName: string;
  /** Stage fields set: `description`, `cacheClusterEnabled`, `cacheClusterSize`, `tracingEnabled`, `deploymentId`… */
  readonly fields: Partial<Record<StageField, string | boolean>>;
  /** Stage variables set (a value) or removed (null), in order. */
  readonly variables: [name: string, value: string | null][];
  /** Set fields, or `removed` for the whole setting. */
  accessLog?: { destinationArn?: string; format?: string } | 'removed';
  canary?: { percentTraffic?: number; deploymentId?: string; useStageCache?: boolean; overrides: [name: string, value: string | null][] } | 'removed';
  readonly methods: MethodChange[];
  /** Operations no tool property stands for (said as a comment). */
  readonly other: PatchOperation[];
}

export const STAGE_FIELDS = ['description', 'deploymentId', 'cacheClusterEnabled', 'cacheClusterSize', 'tracingEnabled', 'clientCertificateId', 'documentationVersion'] as const;
export type StageField = (typeof STAGE_FIELDS)[number];
const BOOLEAN_FIELDS: ReadonlySet<string> = new Set(['cacheClusterEnabled', 'tracingEnabled']);
const FIELD_BY_SUFFIX = new Map(Object.entries(SETTING_PATHS).map(([field, path]) => [path, field as keyof typeof SETTING_PATHS]));
const NUMBERS: ReadonlySet<string> = new Set(['throttlingBurstLimit', 'throttlingRateLimit', 'cacheTtlInSeconds']);
const STRINGS: ReadonlySet<string> = new Set(['loggingLevel', 'unauthorizedCacheControlHeaderStrategy']);

/** A patch value typed as the field is: `"true"` → true, `"300"` → 300. */
function typed(field: string, value: string): string | number | boolean {
  if (STRINGS.has(field)) return value;
  if (NUMBERS.has(field)) return Number.isFinite(Number(value)) && value.trim() !== '' ? Number(value) : value;
  return value === 'true' ? true : value === 'false' ? false : value;
}

/** The change of these operations on stage `stageName`. */
export function stageChangeOf(stageName: string, ops: readonly PatchOperation[]): StageChange {
  const c: StageChange = { stageName, fields: {}, variables: [], methods: [], other: [] };
  const methods = new Map<string, MethodChange>();
  const method = (key: string): MethodChange | undefined => {
    let m = methods.get(key);
    if (!m) {
      const ref = key === ALL_METHODS_KEY ? { resourcePath: '/*', httpMethod: '*' } : parseMethodKey(key);
      if (!ref) return undefined;
      m = { ...ref, settings: {} };
      methods.set(key, m);
      c.methods.push(m);
    }
    return m;
  };
  for (const op of ops) {
    const path = (op.path ?? '').slice(1);
    const value = op.value ?? '';
    const remove = op.op === 'remove';
    // A copy or a move takes a value the snippet does not know: said as it is.
    if (op.op !== 'replace' && op.op !== 'add' && !remove) c.other.push(op);
    else if ((STAGE_FIELDS as readonly string[]).includes(path) && !remove) {
      c.fields[path as StageField] = BOOLEAN_FIELDS.has(path) ? value === 'true' : value;
    } else if (path.startsWith('variables/')) {
      c.variables.push([path.slice('variables/'.length), remove ? null : value]);
    } else if (path === 'accessLogSettings' && remove) {
      c.accessLog = 'removed';
    } else if (path.startsWith('accessLogSettings/') && !remove) {
      const log = c.accessLog === 'removed' || !c.accessLog ? (c.accessLog = {}) : c.accessLog;
      if (path.endsWith('/destinationArn')) log.destinationArn = value;
      else log.format = value;
    } else if (path === 'canarySettings' && remove) {
      c.canary = 'removed';
    } else if ((path.startsWith('canarySettings/') && !remove) || path.startsWith('canarySettings/stageVariableOverrides/')) {
      const canary = c.canary === 'removed' || !c.canary ? (c.canary = { overrides: [] }) : c.canary;
      const field = path.slice('canarySettings/'.length);
      if (field.startsWith('stageVariableOverrides/')) canary.overrides.push([field.slice('stageVariableOverrides/'.length), remove ? null : value]);
      else if (field === 'percentTraffic') canary.percentTraffic = Number(value);
      else if (field === 'useStageCache') canary.useStageCache = value === 'true';
      else if (field === 'deploymentId') canary.deploymentId = value;
      else c.other.push(op);
    } else if (!takeMethodOp(path, value, remove, method)) {
      c.other.push(op);
    }
  }
  return c;
}

/** `~1pets/GET/caching/enabled` (a field) or `~1pets/GET` removed (the override); false for anything else. */
function takeMethodOp(path: string, value: string, remove: boolean, method: (key: string) => MethodChange | undefined): boolean {
  const parts = path.split('/');
  if (remove && parts.length === 2) {
    const m = method(path);
    if (m) m.removed = true;
    return !!m;
  }
  const field = FIELD_BY_SUFFIX.get(parts.slice(-2).join('/'));
  const m = field && !remove ? method(parts.slice(0, -2).join('/')) : undefined;
  if (!m || !field) return false;
  m.settings[field] = typed(field, value);
  return true;
}

/** Whether there is anything to write. */
export function isEmptyChange(c: StageChange): boolean {
  return !Object.keys(c.fields).length && !c.variables.length && !c.accessLog && !c.canary && !c.methods.length && !c.other.length;
}
