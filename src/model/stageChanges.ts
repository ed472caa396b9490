// What changed between two stage forms: patch operations for one UpdateStage, tag calls, the same
// in plain words, and the three-way comparison that catches a change someone else made meanwhile.
// Every pass is linear in the number of fields: a stage may carry thousands of overrides.
import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import { ALL_METHODS_KEY, parseMethodKey } from './methodKey';
import { METHOD_DEFAULTS, METHOD_FIELDS, type MethodValues, methodFieldPath, methodValuesFrom, type StageForm, valueWords } from './stageForm';

/** A form as `patch-path id → value`: `description`, `variables/x`, `~1pets/GET/caching/enabled`, `~1pets/GET` (an override exists). */
type Flat = Map<string, string>;

const ACCESS_LOG = ['accessLogSettings/destinationArn', 'accessLogSettings/format'];
/** The canary's marker id (it exists) and its fields' ids: patch paths under `/canarySettings`. */
const CANARY = 'canarySettings';
const CANARY_OVERRIDES = 'canarySettings/stageVariableOverrides/';
const CANARY_FIELDS = { percentTraffic: `${CANARY}/percentTraffic`, deploymentId: `${CANARY}/deploymentId`, useStageCache: `${CANARY}/useStageCache` } as const;
const isCanaryField = (id: string) => id.startsWith(`${CANARY}/`);

/**
 * AWS's recorded answers show a new method entry copying the cache and throttling fields of `*\/*`;
 * none shows the logging and metrics fields copied (LocalStack leaves the log level out): a new
 * override sends them itself when the stage's are not AWS's defaults.
 */
const NOT_PROVEN_COPIED: ReadonlySet<keyof MethodValues> = new Set(['loggingLevel', 'dataTraceEnabled', 'metricsEnabled']);

/** `/caching/enabled` and the others, in METHOD_FIELDS order: a field id is its key and one of these. */
const FIELD_SUFFIXES = METHOD_FIELDS.map((f) => `/${methodFieldPath(f)}`);
const OVERRIDE = 'override';

/**
 * The form as a Flat. With `base`, an override that `base` does not have is sparse: only the fields
 * that differ from the stage-wide values, because AWS starts a new method entry from the stage's
 * `*\/*` entry (shared/API_GATEWAY.md). A field the user did not set is then not counted as theirs
 * in a conflict, nor put over someone else's value by a rebase; changesBetween sends what a new entry needs.
 */
export function flatten(form: StageForm, base?: StageForm): Flat {
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
  if (form.canary) {
    const c = form.canary;
    flat.set(CANARY, 'canary');
    flat.set(CANARY_FIELDS.percentTraffic, c.percentTraffic);
    flat.set(CANARY_FIELDS.deploymentId, c.deploymentId);
    flat.set(CANARY_FIELDS.useStageCache, String(c.useStageCache));
    for (const [name, value] of c.overrides) flat.set(CANARY_OVERRIDES + name, value);
  }
  const method = (key: string, values: MethodValues, inherits?: MethodValues) => {
    for (let i = 0; i < METHOD_FIELDS.length; i++) {
      const field = METHOD_FIELDS[i];
      const v = values[field];
      if (v !== '' && (!inherits || v !== inherits[field])) flat.set(key + FIELD_SUFFIXES[i], typeof v === 'boolean' ? (v ? 'true' : 'false') : v);
    }
  };
  method(ALL_METHODS_KEY, form.stageWide);
  for (const [key, values] of Object.entries(form.overrides)) {
    flat.set(key, OVERRIDE);
    method(key, values, base && !base.overrides[key] ? form.stageWide : undefined);
  }
  return flat;
}

export interface Change {
  /** The patch-path id (see Flat); for a new override, its key. */
  readonly id: string;
  /** `Cache TTL for GET /pets/{petId}: 300 → 60` */
  readonly text: string;
  /** A stage variable: the log says its name and "changed", never its value. */
  readonly secret?: true;
}

/** A change as the log writes it: no stage variable value. */
export function changeLogText(c: Change): string {
  return c.secret ? `${c.text.slice(0, c.text.indexOf(':'))}: changed` : c.text;
}

export interface StageChanges {
  readonly changes: Change[];
  /** For one UpdateStage; empty when only tags changed. */
  readonly patch: PatchOperation[];
  readonly tagsToSet: Record<string, string>;
  readonly tagsToRemove: string[];
}

const isOverrideMarker = (id: string) => id !== ALL_METHODS_KEY && !!parseMethodKey(id);
const GROUPS = new Set(['caching', 'logging', 'metrics', 'throttling']);
/** The method-setting key of a field id (`~1pets/GET/caching/enabled` → `~1pets/GET`); by index, not a regex: it runs for every field of every override. */
const keyOf = (id: string): string | undefined => {
  if (id.startsWith('*/*/')) return ALL_METHODS_KEY;
  if (id.startsWith('tags/') || id.startsWith('variables/')) return undefined;
  const field = id.lastIndexOf('/');
  const group = field > 0 ? id.lastIndexOf('/', field - 1) : -1;
  if (group <= 0 || !GROUPS.has(id.slice(group + 1, field))) return undefined;
  const key = id.slice(0, group);
  const verb = key.lastIndexOf('/');
  return verb > 0 && /^[A-Z]+$/.test(key.slice(verb + 1)) ? key : undefined;
};

export interface DescribeOptions {
  /** Log levels and strategies in words (`Errors only`), as Edit One Setting… offers them; else API Gateway's names (`ERROR`). */
  readonly words?: boolean;
}

/** The changes from `base` to `edited`, in form order; one per field (readable() puts a new override in one line). */
export function stageChanges(base: StageForm, edited: StageForm, options: DescribeOptions = {}): StageChanges {
  return changesBetween(flatten(base), flatten(edited, base), options);
}

function changesBetween(before: Flat, flatAfter: Flat, options: DescribeOptions = {}): StageChanges {
  const after = withWhatNewOverridesNeed(before, flatAfter);
  const all: string[] = [];
  for (const [id, v] of before) if (v !== after.get(id)) all.push(id);
  for (const id of after.keys()) if (!before.has(id)) all.push(id);
  // A removed override goes whole: its fields are dropped before the sort (thousands of them, when many go).
  const removedOverrides = new Set(all.filter((id) => before.get(id) === OVERRIDE && !after.has(id) && isOverrideMarker(id)));
  // A removed canary goes whole too: one `remove /canarySettings`.
  const canaryRemoved = before.has(CANARY) && !after.has(CANARY);
  const ids = removedOverrides.size || canaryRemoved ? all.filter((id) => !removedOverrides.has(keyOf(id) ?? '') && !(canaryRemoved && isCanaryField(id))) : all;
  const changes: Change[] = [];
  const patch: PatchOperation[] = [];
  const tagsToSet: Record<string, string> = {};
  const tagsToRemove: string[] = [];
  let accessLogRemoved = false;
  for (const id of sortedByFormOrder(ids)) {
    const was = before.get(id);
    const now = after.get(id);
    changes.push(describe(id, was, now, options));
    if (id.startsWith('tags/')) {
      if (now === undefined) tagsToRemove.push(id.slice(5));
      else tagsToSet[id.slice(5)] = now;
    } else if ((was === OVERRIDE || now === OVERRIDE) && isOverrideMarker(id)) {
      if (now === undefined) patch.push({ op: 'remove', path: `/${id}` });
    } else if (ACCESS_LOG.includes(id) && now === undefined) {
      if (!accessLogRemoved) patch.push({ op: 'remove', path: '/accessLogSettings' });
      accessLogRemoved = true;
    } else if (id === CANARY) {
      // Made only by Deploy to Canary… (a CreateDeployment): the form refuses a new one (formProblems).
      if (now === undefined) patch.push({ op: 'remove', path: `/${CANARY}` });
    } else if ((id.startsWith('variables/') || id.startsWith(CANARY_OVERRIDES)) && now === undefined) {
      patch.push({ op: 'remove', path: `/${id}` });
    } else if (now !== undefined) {
      patch.push({ op: 'replace', path: `/${id}`, value: now });
    }
    // Left: a capacity dropped with the cache turned off, a throttling value cleared (refused by validation).
  }
  return { changes, patch, tagsToSet, tagsToRemove };
}

/**
 * `after` with what a new override must send besides the fields set on it: the stage's logging and
 * metrics (AWS is not proven to copy them) when they are not AWS's defaults; and, with no field at
 * all, one operation to exist: the stage's own metrics value.
 */
function withWhatNewOverridesNeed(before: Flat, after: Flat): Flat {
  const added: string[] = [];
  for (const [id, v] of after) if (v === OVERRIDE && !before.has(id) && isOverrideMarker(id)) added.push(id);
  if (!added.length) return after;
  const out = new Map(after);
  const stages = (field: keyof MethodValues) => after.get(`${ALL_METHODS_KEY}/${methodFieldPath(field)}`) ?? String(METHOD_DEFAULTS[field]);
  for (const key of added) {
    const own = METHOD_FIELDS.some((f) => after.has(`${key}/${methodFieldPath(f)}`));
    const follows = [...NOT_PROVEN_COPIED].filter((f) => !after.has(`${key}/${methodFieldPath(f)}`) && stages(f) !== String(METHOD_DEFAULTS[f]));
    if (!own && !follows.length) follows.push('metricsEnabled');
    for (const field of follows) out.set(`${key}/${methodFieldPath(field)}`, stages(field));
  }
  return out;
}

/**
 * The changes as the review shows them: a new override in one line, `New override for POST /pets:
 * throttling rate 20, throttling burst 10; other settings as the stage's`; every other change as it is.
 */
export function readable(changes: readonly Change[]): Change[] {
  const created = new Set(changes.filter((c) => isOverrideMarker(c.id) && c.text.endsWith(': added')).map((c) => c.id));
  if (!created.size) return [...changes];
  const fields = new Map<string, string[]>();
  const out: (Change | string)[] = [];
  for (const c of changes) {
    const key = isOverrideMarker(c.id) ? c.id : keyOf(c.id);
    if (!key || !created.has(key)) {
      out.push(c);
      continue;
    }
    if (!fields.has(key)) {
      fields.set(key, []);
      out.push(key); // its line, where the override's first change was
    }
    if (c.id !== key) fields.get(key)!.push(fieldPhrase(c.text));
  }
  return out.map((c) => {
    if (typeof c !== 'string') return c;
    const own = fields.get(c)!;
    return { id: c, text: `New override for ${methodLabel(c)}: ${own.length ? `${own.join(', ')}; other settings as the stage's` : "the stage's settings"}` };
  });
}

/** `Throttling rate for POST /pets: (none) → 20` → `throttling rate 20`. */
function fieldPhrase(text: string): string {
  const m = /^(.*) for .*: .* → (.*)$/.exec(text);
  return m ? `${m[1].charAt(0).toLowerCase()}${m[1].slice(1)} ${m[2]}` : text;
}

/** Stage fields, variables, tags, then `*\/*`, then overrides by key; within a key, form order. Keys computed once per id. */
function sortedByFormOrder(ids: readonly string[]): string[] {
  const fieldOrder = new Map(METHOD_FIELDS.map((f, i) => [methodFieldPath(f), i]));
  const decorated = ids.map((id) => {
    const key = keyOf(id);
    let rank = 4;
    if (id === CANARY || isCanaryField(id)) rank = 2.5;
    else if (!id.includes('/') || id.startsWith('accessLogSettings/')) rank = 0;
    else if (id.startsWith('variables/')) rank = 1;
    else if (id.startsWith('tags/')) rank = 2;
    else if (key === ALL_METHODS_KEY) rank = 3;
    // -1 for the override marker: before its fields.
    const field = key ? (fieldOrder.get(id.slice(key.length + 1)) ?? -1) : -1;
    return { id, rank, key: key ?? id, field };
  });
  decorated.sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.field - b.field || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return decorated.map((d) => d.id);
}

const STAGE_LABELS: Record<string, string> = {
  description: 'Description',
  cacheClusterEnabled: 'Stage cache',
  cacheClusterSize: 'Cache capacity (GB)',
  tracingEnabled: 'X-Ray tracing',
  'accessLogSettings/destinationArn': 'Access log destination',
  'accessLogSettings/format': 'Access log format',
  [CANARY_FIELDS.percentTraffic]: "Canary's share of requests (%)",
  [CANARY_FIELDS.deploymentId]: "Canary's deployment",
  [CANARY_FIELDS.useStageCache]: 'Canary uses the stage cache',
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

/** The enum fields whose values have words (valueWords); on/off are said as such anyway. */
const WORDED: ReadonlySet<string> = new Set(['loggingLevel', 'unauthorizedCacheControlHeaderStrategy']);

function describe(id: string, was: string | undefined, now: string | undefined, options: DescribeOptions): Change {
  const arrow = `${shown(was)} → ${shown(now)}`;
  const change = (text: string): Change => ({ id, text });
  if (STAGE_LABELS[id]) return change(`${STAGE_LABELS[id]}: ${arrow}`);
  if (id.startsWith('variables/')) return { ...change(`Stage variable ${id.slice(10)}: ${arrow}`), secret: true };
  if (id.startsWith(CANARY_OVERRIDES)) return { ...change(`Canary's override of stage variable ${id.slice(CANARY_OVERRIDES.length)}: ${arrow}`), secret: true };
  if (id === CANARY) return change(`Canary: ${now === undefined ? "removed (all requests go to the stage's deployment)" : 'added'}`);
  if (id.startsWith('tags/')) return change(`Tag ${id.slice(5)}: ${arrow}`);
  if (isOverrideMarker(id)) return change(`Override for ${methodLabel(id)}: ${now === undefined ? 'removed (uses the stage settings)' : 'added'}`);
  const key = keyOf(id) ?? '';
  const field = METHOD_FIELDS.find((f) => id === `${key}/${methodFieldPath(f)}`);
  // Whole: the words are ours and short enough (shown() cuts values from AWS).
  const inWords = (v: string | undefined) => (v === undefined ? '(none)' : valueWords(field!, v));
  const worded = options.words && field && WORDED.has(field) ? `${inWords(was)} → ${inWords(now)}` : arrow;
  return change(`${field ? FIELD_LABELS[field] : id} for ${methodLabel(key)}: ${worded}`);
}

export interface Concurrent {
  /** What someone else changed since the form was loaded. */
  readonly theirs: Change[];
  /** Fields both changed, to different values: `text` says theirs. */
  readonly conflicts: Change[];
}

/** base: the stage as loaded; mine: the form now; theirs: the stage as read again before saving. */
export function concurrentChanges(base: StageForm, mine: StageForm, theirs: StageForm, options: DescribeOptions = {}): Concurrent {
  const b = flatten(base);
  const m = flatten(mine, base);
  const t = flatten(theirs, base);
  const theirChanges = changesBetween(b, t, options).changes;
  const iChanged = (id: string) => m.get(id) !== b.get(id);
  // Keys under which I changed a field, in one pass: they removed an override whose fields I edited, that is a conflict too.
  const editedKeys = new Set<string>();
  let editedCanary = false;
  const note = (id: string) => {
    if (!iChanged(id)) return;
    const key = keyOf(id);
    if (key) editedKeys.add(key);
    if (isCanaryField(id)) editedCanary = true;
  };
  for (const id of b.keys()) note(id);
  for (const id of m.keys()) if (!b.has(id)) note(id);
  const conflicts = theirChanges.filter((c) =>
    (iChanged(c.id) && m.get(c.id) !== t.get(c.id)) || (isOverrideMarker(c.id) && !t.has(c.id) && editedKeys.has(c.id)) || (c.id === CANARY && !t.has(CANARY) && editedCanary));
  return { theirs: theirChanges, conflicts };
}

/** The form field a change is about, by the id the form marks problems with (`overrides.~1pets/GET.cacheTtlInSeconds`); undefined for a variable, a tag or an override as a whole. */
export function formFieldOf(changeId: string): string | undefined {
  if (changeId === ACCESS_LOG[0]) return 'accessLogDestinationArn';
  if (changeId === ACCESS_LOG[1]) return 'accessLogFormat';
  for (const [field, id] of Object.entries(CANARY_FIELDS)) if (changeId === id) return `canary.${field}`;
  if (!changeId.includes('/')) return changeId;
  const key = keyOf(changeId);
  if (!key) return undefined;
  const field = METHOD_FIELDS.find((f) => changeId === `${key}/${methodFieldPath(f)}`);
  return field && `${key === ALL_METHODS_KEY ? 'stageWide' : `overrides.${key}`}.${field}`;
}

/** Their stage with my edits on top: what "apply my edits anyway" saves. */
export function rebase(base: StageForm, mine: StageForm, theirs: StageForm): StageForm {
  const b = flatten(base);
  const m = flatten(mine, base);
  const result = flatten(theirs);
  const revived = new Set<string>();
  const mineOnTop = (id: string) => {
    const v = m.get(id);
    if (b.get(id) === v) return;
    if (v === undefined) result.delete(id);
    else result.set(id, v);
    // My edit of an override they removed brings the override back, whole, as I have it.
    const key = keyOf(id);
    if (key && key !== ALL_METHODS_KEY && !result.has(key) && m.has(key)) revived.add(key);
  };
  for (const id of b.keys()) mineOnTop(id);
  for (const id of m.keys()) if (!b.has(id)) mineOnTop(id);
  if (revived.size) {
    for (const [id, v] of m) if (revived.has(id) || revived.has(keyOf(id) ?? '')) result.set(id, v);
  }
  // My new overrides that they did not make: what I did not set is the stage's, as AWS makes it (from the merged `*\/*`).
  for (const key of Object.keys(mine.overrides)) {
    if (base.overrides[key] || theirs.overrides[key] || !result.has(key)) continue;
    for (const field of METHOD_FIELDS) {
      const id = `${key}/${methodFieldPath(field)}`;
      const inherited = result.get(`${ALL_METHODS_KEY}/${methodFieldPath(field)}`);
      if (!result.has(id) && inherited !== undefined) result.set(id, inherited);
    }
  }
  return unflatten(result, theirs);
}

/** The inverse of flatten, with `like` for what flatten leaves out (deployment, a capacity while the cache is off). */
function unflatten(flat: Flat, like: StageForm): StageForm {
  const get = (id: string) => flat.get(id) ?? '';
  const stageWide = methodFrom(flat, ALL_METHODS_KEY, UNSET);
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
    stageWide,
    overrides: {},
    ...(flat.has(CANARY) ? { canary: { percentTraffic: get(CANARY_FIELDS.percentTraffic), deploymentId: get(CANARY_FIELDS.deploymentId), useStageCache: get(CANARY_FIELDS.useStageCache) === 'true', overrides: [] } } : {}),
  };
  for (const [id, v] of flat) {
    if (id.startsWith('variables/')) form.variables.push([id.slice(10), v]);
    else if (id.startsWith(CANARY_OVERRIDES)) form.canary?.overrides.push([id.slice(CANARY_OVERRIDES.length), v]);
    else if (id.startsWith('tags/')) form.tags.push([id.slice(5), v]);
    else if (isOverrideMarker(id)) form.overrides[id] = methodFrom(flat, id, UNSET);
  }
  return form;
}

/** What a method entry is with no field set in the flat form: booleans off, texts empty. */
const UNSET: MethodValues = Object.fromEntries(METHOD_FIELDS.map((f) => [f, typeof METHOD_DEFAULTS[f] === 'boolean' ? false : ''])) as unknown as MethodValues;

function methodFrom(flat: Flat, key: string, fallback: MethodValues): MethodValues {
  return methodValuesFrom((f) => flat.get(`${key}/${methodFieldPath(f)}`), fallback);
}
