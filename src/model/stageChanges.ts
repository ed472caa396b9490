// What changed between two stage forms: patch operations for one UpdateStage, tag calls, the same
// in plain words, and the three-way comparison that catches a change someone else made meanwhile.
import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import { ALL_METHODS_KEY, parseMethodKey } from './methodKey';
import { METHOD_DEFAULTS, METHOD_FIELDS, type MethodValues, methodFieldPath, methodValuesFrom, type StageForm } from './stageForm';

/** A form as `patch-path id → value`: `description`, `variables/x`, `~1pets/GET/caching/enabled`, `~1pets/GET` (an override exists). */
type Flat = Map<string, string>;

const ACCESS_LOG = ['accessLogSettings/destinationArn', 'accessLogSettings/format'];

export function flatten(form: StageForm): Flat {
  const flat: Flat = new Map();
  flat.set('description', form.description);
  flat.set('cacheClusterEnabled', String(form.cacheClusterEnabled));
  // The capacity only counts while the cache is on.
  if (form.cacheClusterEnabled) flat.set('cacheClusterSize', form.cacheClusterSize);
  flat.set('tracingEnabled', String(form.tracingEnabled));
  if (form.accessLogDestinationArn || form.accessLogFormat) {
    flat.set(ACCESS_LOG[0], form.accessLogDestinationArn);
    flat.set(ACCESS_LOG[1], form.accessLogFormat);
  }
  for (const [name, value] of form.variables) flat.set(`variables/${name}`, value);
  for (const [key, value] of form.tags) flat.set(`tags/${key}`, value);
  const method = (key: string, values: MethodValues) => {
    for (const field of METHOD_FIELDS) {
      const v = values[field];
      if (v !== '') flat.set(`${key}/${methodFieldPath(field)}`, String(v));
    }
  };
  method(ALL_METHODS_KEY, form.stageWide);
  for (const [key, values] of Object.entries(form.overrides)) {
    flat.set(key, 'override');
    method(key, values);
  }
  return flat;
}

export interface Change {
  /** The patch-path id (see Flat). */
  readonly id: string;
  /** `Cache TTL for GET /pets/{petId}: 300 → 60` */
  readonly text: string;
}

export interface StageChanges {
  readonly changes: Change[];
  /** For one UpdateStage; empty when only tags changed. */
  readonly patch: PatchOperation[];
  readonly tagsToSet: Record<string, string>;
  readonly tagsToRemove: string[];
}

const isOverrideMarker = (id: string) => id !== ALL_METHODS_KEY && !!parseMethodKey(id);
const keyOf = (id: string) => {
  if (id.startsWith(`${ALL_METHODS_KEY}/`)) return ALL_METHODS_KEY;
  const m = /^(.*?\/[A-Z]+)\/(caching|logging|metrics|throttling)\//.exec(id);
  return m?.[1];
};

/** The changes from `base` to `edited`, in form order. */
export function stageChanges(base: StageForm, edited: StageForm): StageChanges {
  return changesBetween(flatten(base), flatten(edited));
}

function changesBetween(before: Flat, after: Flat): StageChanges {
  const ids = [...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id) !== after.get(id));
  const removedOverrides = new Set(ids.filter((id) => isOverrideMarker(id) && !after.has(id)));
  const changes: Change[] = [];
  const patch: PatchOperation[] = [];
  const tagsToSet: Record<string, string> = {};
  const tagsToRemove: string[] = [];
  let accessLogRemoved = false;
  for (const id of ids.sort(byFormOrder)) {
    const was = before.get(id);
    const now = after.get(id);
    const key = keyOf(id);
    if (key && removedOverrides.has(key)) continue; // the whole override goes
    changes.push({ id, text: describe(id, was, now) });
    if (id.startsWith('tags/')) {
      if (now === undefined) tagsToRemove.push(id.slice(5));
      else tagsToSet[id.slice(5)] = now;
    } else if (isOverrideMarker(id)) {
      if (now === undefined) patch.push({ op: 'remove', path: `/${id}` });
    } else if (ACCESS_LOG.includes(id) && now === undefined) {
      if (!accessLogRemoved) patch.push({ op: 'remove', path: '/accessLogSettings' });
      accessLogRemoved = true;
    } else if (id.startsWith('variables/') && now === undefined) {
      patch.push({ op: 'remove', path: `/${id}` });
    } else if (now !== undefined) {
      patch.push({ op: 'replace', path: `/${id}`, value: now });
    }
    // Left: a capacity dropped with the cache turned off, a throttling value cleared (refused by validation).
  }
  return { changes, patch, tagsToSet, tagsToRemove };
}

/** Stage fields, variables, tags, then `*\/*`, then overrides by key; within a key, form order. */
function byFormOrder(a: string, b: string): number {
  const rank = (id: string) => {
    if (!id.includes('/') || id.startsWith('accessLogSettings/')) return 0;
    if (id.startsWith('variables/')) return 1;
    if (id.startsWith('tags/')) return 2;
    if (id.startsWith(`${ALL_METHODS_KEY}/`)) return 3;
    return 4;
  };
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  const ka = keyOf(a) ?? a;
  const kb = keyOf(b) ?? b;
  if (ka !== kb) return ka < kb ? -1 : 1;
  const fa = fieldIndex(a);
  const fb = fieldIndex(b);
  return fa - fb || (a < b ? -1 : a > b ? 1 : 0);
}

function fieldIndex(id: string): number {
  const i = METHOD_FIELDS.findIndex((f) => id.endsWith(`/${methodFieldPath(f)}`));
  return i; // -1 for the override marker: before its fields
}

const STAGE_LABELS: Record<string, string> = {
  description: 'Description',
  cacheClusterEnabled: 'Stage cache',
  cacheClusterSize: 'Cache capacity (GB)',
  tracingEnabled: 'X-Ray tracing',
  'accessLogSettings/destinationArn': 'Access log destination',
  'accessLogSettings/format': 'Access log format',
};

export const FIELD_LABELS: Record<keyof MethodValues, string> = {
  cachingEnabled: 'Caching',
  cacheTtlInSeconds: 'Cache TTL',
  cacheDataEncrypted: 'Encrypt cache data',
  requireAuthorizationForCacheControl: 'Require authorization for cache invalidation',
  unauthorizedCacheControlHeaderStrategy: 'Unauthorized cache invalidation requests',
  loggingLevel: 'Log level',
  dataTraceEnabled: 'Log full requests/responses',
  metricsEnabled: 'Detailed CloudWatch metrics',
  throttlingRateLimit: 'Throttling rate',
  throttlingBurstLimit: 'Throttling burst',
};

/** `GET /pets/{petId}`, or `all methods` for `*\/*`. */
export function methodLabel(key: string): string {
  if (key === ALL_METHODS_KEY) return 'all methods';
  const m = parseMethodKey(key);
  return m ? `${m.httpMethod} ${m.resourcePath}` : key;
}

function shown(v: string | undefined): string {
  if (v === undefined || v === '') return '(none)';
  if (v === 'true') return 'on';
  if (v === 'false') return 'off';
  return v.length > 60 ? `${v.slice(0, 57)}…` : v;
}

function describe(id: string, was: string | undefined, now: string | undefined): string {
  const arrow = `${shown(was)} → ${shown(now)}`;
  if (STAGE_LABELS[id]) return `${STAGE_LABELS[id]}: ${arrow}`;
  if (id.startsWith('variables/')) return `Stage variable ${id.slice(10)}: ${arrow}`;
  if (id.startsWith('tags/')) return `Tag ${id.slice(5)}: ${arrow}`;
  if (isOverrideMarker(id)) return `Override for ${methodLabel(id)}: ${now === undefined ? 'removed (uses the stage settings)' : 'added'}`;
  const key = keyOf(id) ?? '';
  const field = METHOD_FIELDS.find((f) => id === `${key}/${methodFieldPath(f)}`);
  return `${field ? FIELD_LABELS[field] : id} for ${methodLabel(key)}: ${arrow}`;
}

export interface Concurrent {
  /** What someone else changed since the form was loaded. */
  readonly theirs: Change[];
  /** Fields both changed, to different values: `text` says theirs. */
  readonly conflicts: Change[];
}

/** base: the stage as loaded; mine: the form now; theirs: the stage as read again before saving. */
export function concurrentChanges(base: StageForm, mine: StageForm, theirs: StageForm): Concurrent {
  const b = flatten(base);
  const m = flatten(mine);
  const t = flatten(theirs);
  const theirChanges = changesBetween(b, t).changes;
  const iChanged = (id: string) => m.get(id) !== b.get(id);
  // They removed an override whose fields I edited: that is a conflict too.
  const editedUnder = (key: string) => [...new Set([...b.keys(), ...m.keys()])].some((id) => id.startsWith(`${key}/`) && iChanged(id));
  const conflicts = theirChanges.filter((c) =>
    (iChanged(c.id) && m.get(c.id) !== t.get(c.id)) || (isOverrideMarker(c.id) && !t.has(c.id) && editedUnder(c.id)));
  return { theirs: theirChanges, conflicts };
}

/** Their stage with my edits on top: what "apply my edits anyway" saves. */
export function rebase(base: StageForm, mine: StageForm, theirs: StageForm): StageForm {
  const b = flatten(base);
  const m = flatten(mine);
  const result = flatten(theirs);
  const revived = new Set<string>();
  for (const id of new Set([...b.keys(), ...m.keys()])) {
    if (b.get(id) === m.get(id)) continue;
    const v = m.get(id);
    if (v === undefined) result.delete(id);
    else result.set(id, v);
    // My edit of an override they removed brings the override back, whole, as I have it.
    const key = keyOf(id);
    if (key && key !== ALL_METHODS_KEY && !result.has(key) && m.has(key)) revived.add(key);
  }
  for (const key of revived) for (const [id, v] of m) if (id === key || id.startsWith(`${key}/`)) result.set(id, v);
  return unflatten(result, theirs);
}

/** The inverse of flatten, with `like` for what flatten leaves out (deployment, a capacity while the cache is off). */
function unflatten(flat: Flat, like: StageForm): StageForm {
  const get = (id: string) => flat.get(id) ?? '';
  const form: StageForm = {
    description: get('description'),
    deploymentId: like.deploymentId,
    cacheClusterEnabled: get('cacheClusterEnabled') === 'true',
    cacheClusterSize: flat.get('cacheClusterSize') ?? like.cacheClusterSize,
    tracingEnabled: get('tracingEnabled') === 'true',
    accessLogDestinationArn: get(ACCESS_LOG[0]),
    accessLogFormat: get(ACCESS_LOG[1]),
    variables: [],
    tags: [],
    stageWide: methodFrom(flat, ALL_METHODS_KEY),
    overrides: {},
  };
  for (const [id, v] of flat) {
    if (id.startsWith('variables/')) form.variables.push([id.slice(10), v]);
    else if (id.startsWith('tags/')) form.tags.push([id.slice(5), v]);
    else if (isOverrideMarker(id)) form.overrides[id] = methodFrom(flat, id);
  }
  return form;
}

/** What a method entry is with no field set in the flat form: booleans off, texts empty. */
const UNSET: MethodValues = Object.fromEntries(METHOD_FIELDS.map((f) => [f, typeof METHOD_DEFAULTS[f] === 'boolean' ? false : ''])) as unknown as MethodValues;

function methodFrom(flat: Flat, key: string): MethodValues {
  return methodValuesFrom((f) => flat.get(`${key}/${methodFieldPath(f)}`), UNSET);
}
