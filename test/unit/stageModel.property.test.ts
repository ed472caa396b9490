import * as assert from 'assert/strict';
import type { MethodSetting, PatchOperation, Stage } from '@aws-sdk/client-api-gateway';
import * as fc from 'fast-check';
import { ALL_METHODS_KEY } from '../../src/model/methodKey';
import { MAX_PATCH_OPERATIONS, SETTING_PATHS, splitPatch } from '../../src/model/patchPaths';
import { concurrentChanges, flatten, rebase, stageChanges, type StageChanges } from '../../src/model/stageChanges';
import { CACHE_SIZES, formFromStage, LOG_LEVELS, type MethodValues, newOverride, type StageForm, UNAUTHORIZED_STRATEGIES } from '../../src/model/stageForm';
import { formProblems } from '../../src/model/stageValidation';
import { normalize } from './formMeaning';

// Properties of the settings model, for random stages and random edits: the operations it sends,
// applied the way API Gateway applies them, give the edited stage; each change sends one operation and
// an unchanged field nothing; a save is split where AWS would answer "Update size too large"; and the
// three-way merge keeps both sides' edits and calls a conflict exactly where both changed a field.
// A fixed seed (FC_SEED overrides it) makes a failure repeat; fast-check prints it.

const SEED = Number(process.env.FC_SEED ?? 20261125);
const RUNS = Number(process.env.FC_RUNS ?? 200);
const params = { seed: SEED, numRuns: RUNS };

// ---- What API Gateway does with an UpdateStage (shared/API_GATEWAY.md), written apart from the model.

const FIELD_BY_PATH = new Map(Object.entries(SETTING_PATHS).map(([field, path]) => [path, field as keyof MethodSetting]));
const BOOL_FIELDS = new Set<keyof MethodSetting>(['metricsEnabled', 'dataTraceEnabled', 'cachingEnabled', 'cacheDataEncrypted', 'requireAuthorizationForCacheControl']);

class AwsError extends Error {}

function typed(field: keyof MethodSetting, v: string): MethodSetting[keyof MethodSetting] {
  if (BOOL_FIELDS.has(field)) {
    if (v !== 'true' && v !== 'false') throw new AwsError(`${field}: not a boolean: ${v}`);
    return v === 'true';
  }
  if (field === 'cacheTtlInSeconds') {
    if (!/^\d+$/.test(v) || Number(v) > 3600) throw new AwsError('Invalid time-to-live setting, must be an integer no greater than 3600');
    return Number(v);
  }
  if (field === 'throttlingBurstLimit') {
    if (!/^\d+$/.test(v)) throw new AwsError(`burstLimit: not an integer: ${v}`);
    return Number(v);
  }
  if (field === 'throttlingRateLimit') {
    if (!Number.isFinite(Number(v)) || Number(v) < 0 || v.trim() === '') throw new AwsError(`rateLimit: not a number: ${v}`);
    return Number(v);
  }
  if (field === 'loggingLevel' && !(LOG_LEVELS as readonly string[]).includes(v)) throw new AwsError(`loglevel: ${v}`);
  if (field === 'unauthorizedCacheControlHeaderStrategy' && !(UNAUTHORIZED_STRATEGIES as readonly string[]).includes(v)) throw new AwsError(`strategy: ${v}`);
  return v;
}

/** One UpdateStage: refused whole when too large, else each operation in order; a new method entry starts from `*\/*`. */
function updateStage(stage: Stage, ops: readonly PatchOperation[]): Stage {
  if (ops.length > MAX_PATCH_OPERATIONS) throw new AwsError('Update size too large. Try updating stage in multiple UpdateStage operations');
  const s = structuredClone(stage);
  for (const op of ops) {
    const path = op.path ?? '';
    const value = op.value;
    if (op.op !== 'replace' && op.op !== 'remove' && !(op.op === 'add' && path.startsWith('/accessLogSettings/'))) throw new AwsError(`op ${op.op} on ${path}`);
    if (op.op !== 'remove' && typeof value !== 'string') throw new AwsError(`no value for ${path}`);
    const v = value ?? '';
    const parts = path.split('/').slice(1);
    if (path === '/description') s.description = v;
    else if (path === '/deploymentId') s.deploymentId = v;
    else if (path === '/cacheClusterEnabled' || path === '/tracingEnabled') {
      if (v !== 'true' && v !== 'false') throw new AwsError(`${path}: ${v}`);
      s[parts[0] as 'cacheClusterEnabled' | 'tracingEnabled'] = v === 'true';
    } else if (path === '/cacheClusterSize') {
      if (!(CACHE_SIZES as readonly string[]).includes(v)) throw new AwsError(`cache size ${v}`);
      s.cacheClusterSize = v as Stage['cacheClusterSize'];
    } else if (path === '/accessLogSettings') {
      if (op.op !== 'remove') throw new AwsError('Invalid accessLogSettings path');
      delete s.accessLogSettings;
    } else if (parts[0] === 'accessLogSettings') {
      if (op.op === 'remove') throw new AwsError(`Cannot remove method setting ${path.slice(1)}`);
      if (parts.length !== 2 || !['destinationArn', 'format'].includes(parts[1])) throw new AwsError('Invalid accessLogSettings path');
      if (!v) throw new AwsError('Access Log value must not be empty');
      s.accessLogSettings = { ...s.accessLogSettings, [parts[1]]: v };
    } else if (parts[0] === 'variables' && parts.length === 2 && parts[1]) {
      s.variables = { ...s.variables };
      if (op.op === 'remove') delete s.variables[parts[1]];
      else s.variables[parts[1]] = v;
    } else if (parts.length === 2 && op.op === 'remove') {
      const key = `${parts[0]}/${parts[1]}`;
      if (!s.methodSettings?.[key]) throw new AwsError(`Cannot remove method setting ${key} because there is no method setting for this method `);
      delete s.methodSettings[key];
    } else if (parts.length === 4 && op.op === 'replace' && FIELD_BY_PATH.has(`${parts[2]}/${parts[3]}`) && /^(\*\/\*|~1[^/]*\/[A-Z]+)$/.test(`${parts[0]}/${parts[1]}`)) {
      const key = `${parts[0]}/${parts[1]}`;
      const field = FIELD_BY_PATH.get(`${parts[2]}/${parts[3]}`)!;
      s.methodSettings = { ...s.methodSettings };
      s.methodSettings[key] = { ...(s.methodSettings[key] ?? (key === ALL_METHODS_KEY ? {} : s.methodSettings[ALL_METHODS_KEY])) };
      (s.methodSettings[key] as Record<string, unknown>)[field] = typed(field, v);
    } else throw new AwsError(`Invalid method setting path: ${path}`);
  }
  return s;
}

/** TagResource / UntagResource. */
function tag(stage: Stage, c: StageChanges): Stage {
  const tags = { ...stage.tags, ...c.tagsToSet };
  for (const k of c.tagsToRemove) delete tags[k];
  return { ...stage, tags };
}

/** A save: the operations in UpdateStage-sized parts, then the tag calls. */
function save(stage: Stage, c: StageChanges): Stage {
  return tag(splitPatch(c.patch).reduce(updateStage, stage), c);
}

// ---- Random stages and edits.

const METHOD_KEYS = ['~1/GET', '~1pets/GET', '~1pets/POST', '~1pets~1{petId}/GET', '~1pets~1{petId}/DELETE', '~1owners/GET', '~1{proxy+}/ANY', '~1a~0b/PUT'];
const ttl = fc.integer({ min: 0, max: 3600 });
const rate = fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 20000 }).map((n) => n / 2));
const burst = fc.integer({ min: 0, max: 5000 });
const varName = fc.stringMatching(/^[A-Za-z0-9_]{1,6}$/);
const varValue = fc.stringMatching(/^[A-Za-z0-9\-._~:/?#&=,]{1,10}$/);
const tagKey = fc.stringMatching(/^[a-z][a-z0-9 _.:/=+@-]{0,6}$/).filter((k) => !/^aws:/i.test(k));
const tagValue = fc.stringMatching(/^[A-Za-z0-9 _.:/=+@-]{0,8}$/);
const arn = fc.constantFrom('arn:aws:logs:us-east-1:123456789012:log-group:api-access', 'arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-x');
const format = fc.constantFrom('$context.requestId', '{"id":"$context.requestId","status":"$context.status"}');

const methodSetting: fc.Arbitrary<MethodSetting> = fc.record({
  metricsEnabled: fc.boolean(),
  loggingLevel: fc.constantFrom(...LOG_LEVELS),
  dataTraceEnabled: fc.boolean(),
  throttlingBurstLimit: burst,
  throttlingRateLimit: rate,
  cachingEnabled: fc.boolean(),
  cacheTtlInSeconds: ttl,
  cacheDataEncrypted: fc.boolean(),
  requireAuthorizationForCacheControl: fc.boolean(),
  unauthorizedCacheControlHeaderStrategy: fc.constantFrom(...UNAUTHORIZED_STRATEGIES),
}, { requiredKeys: [] });

const stageArb: fc.Arbitrary<Stage> = fc.record({
  stageName: fc.constant('prod'),
  deploymentId: fc.constant('d1'),
  description: fc.string({ maxLength: 20 }),
  cacheClusterEnabled: fc.boolean(),
  cacheClusterSize: fc.constantFrom(...CACHE_SIZES),
  tracingEnabled: fc.boolean(),
  accessLogSettings: fc.record({ destinationArn: arn, format }),
  variables: fc.dictionary(varName, varValue, { maxKeys: 4 }),
  tags: fc.dictionary(tagKey, tagValue, { maxKeys: 4 }),
  methodSettings: fc.dictionary(fc.constantFrom(ALL_METHODS_KEY, ...METHOD_KEYS), methodSetting, { maxKeys: 4 }),
}, { requiredKeys: ['stageName', 'deploymentId'] });

type Edit = (f: StageForm) => void;
/** An edit that prints as what it does in a counterexample. */
const named = (text: string, edit: Edit): Edit => Object.assign(edit, { [fc.toStringMethod]: () => text });
const FIELD_VALUES: { [F in keyof MethodValues]: fc.Arbitrary<MethodValues[F]> } = {
  cachingEnabled: fc.boolean(),
  cacheTtlInSeconds: ttl.map(String),
  cacheDataEncrypted: fc.boolean(),
  requireAuthorizationForCacheControl: fc.boolean(),
  unauthorizedCacheControlHeaderStrategy: fc.constantFrom(...UNAUTHORIZED_STRATEGIES),
  loggingLevel: fc.constantFrom(...LOG_LEVELS),
  dataTraceEnabled: fc.boolean(),
  metricsEnabled: fc.boolean(),
  throttlingRateLimit: rate.map(String),
  throttlingBurstLimit: burst.map(String),
};
const methodKey = fc.constantFrom(ALL_METHODS_KEY, ...METHOD_KEYS);
const setMethodField = (key: string, field: keyof MethodValues, v: string | boolean): Edit => named(`${key} ${field} = ${JSON.stringify(v)}`, (f) => {
  const entry = key === ALL_METHODS_KEY ? f.stageWide : (f.overrides[key] ??= newOverride(f));
  (entry as unknown as Record<string, unknown>)[field] = v;
});
const methodEdit: fc.Arbitrary<Edit> = fc.oneof(...(Object.keys(FIELD_VALUES) as (keyof MethodValues)[]).map((field) =>
  fc.tuple(methodKey, FIELD_VALUES[field] as fc.Arbitrary<string | boolean>).map(([key, v]) => setMethodField(key, field, v))));
const removeOverride = (key: string): Edit => named(`remove override ${key}`, (f) => void delete f.overrides[key]);
const setPair = (list: 'variables' | 'tags', k: string, v: string): Edit => named(`${list} ${JSON.stringify(k)} = ${JSON.stringify(v)}`, (f) => {
  const i = f[list].findIndex(([n]) => n === k);
  if (i >= 0) f[list][i][1] = v;
  else f[list].push([k, v]);
});
const dropPair = (list: 'variables' | 'tags', i: number): Edit => named(`drop ${list} row ${i}`, (f) => void f[list].splice(i % Math.max(1, f[list].length), 1));
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.string({ maxLength: 20, unit: 'grapheme' }).map((v) => named(`description = ${JSON.stringify(v)}`, (f) => (f.description = v))),
  fc.boolean().map((v) => named(`cache ${v ? 'on' : 'off'}`, (f) => (f.cacheClusterEnabled = v))),
  fc.constantFrom(...CACHE_SIZES).map((v) => named(`cache size ${v}`, (f) => (f.cacheClusterSize = v))),
  fc.boolean().map((v) => named(`tracing ${v}`, (f) => (f.tracingEnabled = v))),
  fc.option(fc.tuple(arn, format)).map((v) => named(`access log ${JSON.stringify(v)}`, (f) => ([f.accessLogDestinationArn, f.accessLogFormat] = v ?? ['', '']))),
  fc.tuple(varName, varValue).map(([k, v]) => setPair('variables', k, v)),
  fc.nat().map((i) => dropPair('variables', i)),
  fc.tuple(tagKey, tagValue).map(([k, v]) => setPair('tags', k, v)),
  fc.nat().map((i) => dropPair('tags', i)),
  methodEdit,
  methodEdit,
  methodEdit,
  fc.constantFrom(...METHOD_KEYS).map(removeOverride),
  // Removed and added again: an override back to the stage-wide values.
  fc.constantFrom(...METHOD_KEYS).map((key) => named(`reset override ${key}`, (f) => {
    if (f.overrides[key]) f.overrides[key] = newOverride(f);
  })),
  // A big save: every method gets an override with its own TTL, caching, encryption and throttling (7 operations each).
  fc.tuple(ttl, rate, burst).map(([t, r, b]) => named(`every method overridden, TTL ${t}, rate ${r}, burst ${b}`, (f) => {
    for (const key of METHOD_KEYS) {
      const o = (f.overrides[key] ??= newOverride(f));
      Object.assign(o, {
        cacheTtlInSeconds: String(t), cachingEnabled: !f.stageWide.cachingEnabled, cacheDataEncrypted: !f.stageWide.cacheDataEncrypted,
        requireAuthorizationForCacheControl: !f.stageWide.requireAuthorizationForCacheControl, throttlingRateLimit: String(r + 0.5), throttlingBurstLimit: String(b + 1),
        unauthorizedCacheControlHeaderStrategy: f.stageWide.unauthorizedCacheControlHeaderStrategy === 'FAIL_WITH_403' ? 'SUCCEED_WITHOUT_RESPONSE_HEADER' : 'FAIL_WITH_403',
      });
    }
  })),
);
const editsArb = fc.array(editArb, { maxLength: 6 });

/** The same field edited by me and by them, mostly to different values, or an override one removes and the other edits:
 *  where conflicts come from, which two independent edits seldom meet on. */
const clashArb: fc.Arbitrary<[Edit, Edit]> = fc.oneof(
  fc.tuple(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 })).map(([a, b]): [Edit, Edit] => [named(`description = ${JSON.stringify(a)}`, (f) => (f.description = a)), named(`description = ${JSON.stringify(b)}`, (f) => (f.description = b))]),
  fc.tuple(varName, varValue, varValue).map(([k, a, b]): [Edit, Edit] => [setPair('variables', k, a), setPair('variables', k, b)]),
  fc.tuple(tagKey, tagValue, tagValue).map(([k, a, b]): [Edit, Edit] => [setPair('tags', k, a), setPair('tags', k, b)]),
  fc.tuple(methodKey, ttl, ttl).map(([key, a, b]): [Edit, Edit] => [setMethodField(key, 'cacheTtlInSeconds', String(a)), setMethodField(key, 'cacheTtlInSeconds', String(b))]),
  fc.tuple(fc.constantFrom(...METHOD_KEYS), fc.constantFrom(...LOG_LEVELS), fc.boolean()).map(([key, level, iRemove]): [Edit, Edit] => {
    const pair: [Edit, Edit] = [removeOverride(key), setMethodField(key, 'loggingLevel', level)];
    return iRemove ? pair : [pair[1], pair[0]];
  }),
);

function applyEdits(form: StageForm, edits: readonly Edit[]): StageForm {
  const f = structuredClone(form);
  for (const e of edits) e(f);
  return f;
}

/** The flat ids whose values differ (see flatten): what an edit changed. */
function changedIds(a: StageForm, b: StageForm): Set<string> {
  const fa = flatten(a);
  const fb = flatten(b);
  return new Set([...fa.keys(), ...fb.keys()].filter((id) => fa.get(id) !== fb.get(id)));
}

const NONE: StageChanges = { changes: [], patch: [], tagsToSet: {}, tagsToRemove: [] };

/** Whether patch path `p` carries the change `id` (removing the access log carries both its fields). */
const carries = (p: string, id: string) => p === `/${id}` || (p === '/accessLogSettings' && id.startsWith('accessLogSettings/'));

/** Keys of overrides I added that they did not: AWS makes them from the stage's `*\/*` as it is when my save lands. */
const newOnlyInMine = (base: StageForm, mine: StageForm, theirs: StageForm) => Object.keys(mine.overrides).filter((k) => !base.overrides[k] && !theirs.overrides[k]);

/** The logging and metrics fields of a new override that I did not set: it takes them from the stage as it is (and sends them, AWS not being proven to copy them). */
const followsStage = (keys: readonly string[], mySet: ReadonlyMap<string, string>) => (o: PatchOperation) =>
  !mySet.has(o.path!.slice(1)) && keys.some((k) => o.path === `/${k}/metrics/enabled` || o.path!.startsWith(`/${k}/logging/`));

/**
 * Saving the rebased form over their stage sends exactly my operations and tag calls; but for the
 * logging and metrics fields of an override I added, which follow the stage as it now is (their
 * stage-wide change included), each sent as the merged stage-wide value.
 */
function assertRebaseSendsMine(base: StageForm, mine: StageForm, theirs: StageForm): void {
  const rebased = rebase(base, mine, theirs);
  const again = stageChanges(theirs, rebased);
  const mineOps = stageChanges(base, mine);
  const follows = followsStage(newOnlyInMine(base, mine, theirs), flatten(mine, base));
  const own = (ops: readonly PatchOperation[]) => ops.filter((o) => !follows(o));
  assert.deepEqual([own(again.patch), again.tagsToSet, again.tagsToRemove], [own(mineOps.patch), mineOps.tagsToSet, mineOps.tagsToRemove]);
  const wide = flatten(rebased);
  for (const o of again.patch.filter(follows)) assert.equal(o.value, wide.get(`*/*/${o.path!.split('/').slice(-2).join('/')}`), `${o.path} follows the stage`);
}

describe(`stage model properties (fast-check, seed ${SEED}, ${RUNS} runs each)`, () => {
  it('a save applied as API Gateway applies it gives the edited stage', () => {
    fc.assert(fc.property(stageArb, editsArb, (stage, edits) => {
      const form = formFromStage(stage);
      const edited = applyEdits(form, edits);
      // Only a form the editor lets you save: what validation refuses is never sent.
      fc.pre(formProblems(edited, {}, form).length === 0);
      const saved = save(stage, stageChanges(form, edited));
      assert.deepEqual(normalize(formFromStage(saved)), normalize({ ...edited, deploymentId: form.deploymentId }));
    }), params);
  });

  it('one operation or tag call per listed change, none for a field that did not change; nothing at all for no edit', () => {
    let savable = 0;
    fc.assert(fc.property(stageArb, editsArb, (stage, edits) => {
      const form = formFromStage(stage);
      assert.deepEqual(stageChanges(form, structuredClone(form)), NONE);
      const edited = applyEdits(form, edits);
      assert.deepEqual(stageChanges(edited, edited), NONE);
      const changed = changedIds(form, edited);
      const c = stageChanges(form, edited);
      const paths = c.patch.map((o) => o.path!);
      assert.equal(new Set(paths).size, paths.length, `a path twice: ${paths.join(' ')}`);
      for (const p of paths) {
        const ok = p === '/accessLogSettings' ? [...changed].some((id) => id.startsWith('accessLogSettings/')) : changed.has(p.slice(1));
        assert.ok(ok, `${p} was sent, but that field did not change (changed: ${[...changed].join(', ')})`);
      }
      for (const k of [...Object.keys(c.tagsToSet), ...c.tagsToRemove]) assert.ok(changed.has(`tags/${k}`), `tag ${k} did not change`);
      for (const ch of c.changes) assert.ok(changed.has(ch.id), `change listed for ${ch.id}, which did not change`);
      // With nothing of theirs, a rebase is my edit.
      assert.deepEqual(normalize(rebase(form, edited, form)), normalize({ ...edited, deploymentId: form.deploymentId }));
      // Of a form the editor lets you save (a cleared throttling value is refused, and sends nothing), each listed change
      // is exactly one operation or tag call; an added override sends its fields instead, a capacity dropped with the
      // cache turned off sends nothing, and a removed override's fields go with its removal.
      if (formProblems(edited, {}, form).length) return;
      savable++;
      const removedKeys = c.patch.filter((o) => o.op === 'remove' && o.path !== '/accessLogSettings' && !o.path!.startsWith('/variables/')).map((o) => o.path!.slice(1));
      for (const ch of c.changes) {
        const n = ch.id.startsWith('tags/')
          ? Number(ch.id.slice(5) in c.tagsToSet) + Number(c.tagsToRemove.includes(ch.id.slice(5)))
          : paths.filter((p) => carries(p, ch.id)).length;
        const sendsNothing = ch.text.endsWith(': added') || (ch.id === 'cacheClusterSize' && !edited.cacheClusterEnabled);
        assert.equal(n, sendsNothing ? 0 : 1, `${ch.text} (${ch.id})`);
        assert.ok(!removedKeys.some((k) => ch.id.startsWith(`${k}/`)), `a field of a removed override: ${ch.id}`);
      }
      for (const p of paths) assert.ok(c.changes.some((ch) => carries(p, ch.id)), `${p} was sent, but no listed change asked for it`);
    }), params);
    assert.ok(savable > RUNS / 2, `only ${savable} edits could be saved`);
    console.log(`      edits the editor lets you save: ${savable} of ${RUNS}`);
  });

  it(`a save over ${MAX_PATCH_OPERATIONS} operations is split into UpdateStage requests AWS accepts, in order`, () => {
    let split = 0;
    fc.assert(fc.property(stageArb, editsArb, (stage, edits) => {
      const form = formFromStage(stage);
      const edited = applyEdits(form, edits);
      fc.pre(formProblems(edited, {}, form).length === 0);
      const { patch } = stageChanges(form, edited);
      const parts = splitPatch(patch);
      assert.deepEqual(parts.flat(), patch, 'the parts are the operations in order');
      assert.equal(parts.length, Math.ceil(patch.length / MAX_PATCH_OPERATIONS));
      for (const part of parts) assert.ok(part.length >= 1 && part.length <= MAX_PATCH_OPERATIONS, `a part of ${part.length}`);
      if (patch.length > MAX_PATCH_OPERATIONS) {
        split++;
        assert.throws(() => updateStage(stage, patch), /Update size too large/);
      }
      // Part by part, the stage ends as one request would leave it, were it allowed.
      assert.deepEqual(parts.reduce(updateStage, stage), patch.reduce((s, op) => updateStage(s, [op]), stage));
    }), params);
    assert.ok(split > 0, 'some saves were large enough to be split');
    console.log(`      saves split (over ${MAX_PATCH_OPERATIONS} operations): ${split} of ${RUNS}`);
  });

  it('splitPatch of any list: parts of at most the limit, none empty, the same operations in order', () => {
    fc.assert(fc.property(fc.array(fc.nat(), { maxLength: 400 }), fc.integer({ min: 1, max: 120 }), (ops, max) => {
      const parts = splitPatch(ops, max);
      assert.deepEqual(parts.flat(), ops);
      assert.ok(parts.every((p) => p.length >= 1 && p.length <= max));
      assert.equal(parts.length, Math.ceil(ops.length / max));
    }), params);
  });

  it('disjoint edits by me and someone else: no conflict, and the rebase keeps both', () => {
    let disjoint = 0;
    fc.assert(fc.property(stageArb, editsArb, editsArb, (stage, mineEdits, theirEdits) => {
      const base = formFromStage(stage);
      const mine = applyEdits(base, mineEdits);
      const theirs = applyEdits(base, theirEdits);
      const mineIds = changedIds(base, mine);
      const theirIds = changedIds(base, theirs);
      fc.pre(![...mineIds].some((id) => theirIds.has(id)));
      disjoint++;
      const c = concurrentChanges(base, mine, theirs);
      assert.deepEqual(c.conflicts, []);
      assert.deepEqual(c.theirs, stageChanges(base, theirs).changes);
      const merged = flatten(rebase(base, mine, theirs));
      const b = flatten(base);
      const m = flatten(mine);
      const mSet = flatten(mine, base);
      const t = flatten(theirs);
      const added = newOnlyInMine(base, mine, theirs);
      for (const id of new Set([...b.keys(), ...m.keys(), ...t.keys()])) {
        // A field of an override I added that I did not set is the stage's as it now is (theirs included), as AWS makes it.
        const inherits = added.find((k) => id.startsWith(`${k}/`) && !mSet.has(id));
        const want = inherits ? merged.get(`*/*/${id.slice(inherits.length + 1)}`) : mineIds.has(id) ? m.get(id) : theirIds.has(id) ? t.get(id) : b.get(id);
        assert.equal(merged.get(id), want, `${id}: ${inherits ? 'the stage\'s' : mineIds.has(id) ? 'mine' : theirIds.has(id) ? 'theirs' : 'as loaded'}`);
      }
      // Either way round, the same stage; but an override one side added and the other did not is AWS's
      // copy of the stage when it was made (theirs, made first) or when my save lands (mine): not symmetric.
      if (!added.length && !newOnlyInMine(base, theirs, mine).length) assert.deepEqual(flatten(rebase(base, theirs, mine)), merged);
      assertRebaseSendsMine(base, mine, theirs);
    }), params);
    assert.ok(disjoint > RUNS / 4, `only ${disjoint} runs had disjoint edits`);
  });

  it('a conflict is exactly a change of theirs to a value I changed too (or removed the override of), where we now differ', () => {
    let rebased = 0;
    let conflicted = 0;
    fc.assert(fc.property(stageArb, editsArb, editsArb, fc.array(clashArb, { maxLength: 2 }), (stage, mineEdits, theirEdits, clashes) => {
      const base = formFromStage(stage);
      const mine = applyEdits(base, [...mineEdits, ...clashes.map(([m]) => m)]);
      const theirs = applyEdits(base, [...theirEdits, ...clashes.map(([, t]) => t)]);
      const mineIds = new Set(stageChanges(base, mine).changes.map((c) => c.id));
      const c = concurrentChanges(base, mine, theirs);
      assert.deepEqual(c.theirs, stageChanges(base, theirs).changes);
      const differ = new Set(stageChanges(mine, theirs).changes.map((x) => x.id));
      const removedByMe = Object.keys(base.overrides).filter((k) => !mine.overrides[k]);
      // They removed an override whose fields I edited: that override is a conflict too.
      const removedByThemEditedByMe = (id: string) => !!base.overrides[id] && !theirs.overrides[id] && [...mineIds].some((m) => m.startsWith(`${id}/`));
      const touched = (id: string) => mineIds.has(id) || removedByMe.some((k) => id.startsWith(`${k}/`)) || removedByThemEditedByMe(id);
      assert.deepEqual(c.conflicts.map((x) => x.id), c.theirs.filter((x) => touched(x.id) && differ.has(x.id)).map((x) => x.id));
      if (c.conflicts.length) conflicted++;
      // No conflict and no change of theirs that I made too (a wider case than disjoint fields): the rebase sends mine.
      if (c.conflicts.length || c.theirs.some((x) => mineIds.has(x.id))) return;
      rebased++;
      assertRebaseSendsMine(base, mine, theirs);
    }), params);
    assert.ok(rebased > RUNS / 4 && conflicted > RUNS / 4, `${rebased} runs could be rebased, ${conflicted} had a conflict`);
    console.log(`      with a conflict: ${conflicted}, rebased without one: ${rebased}, of ${RUNS}`);
  });

  it('a field both changed, to different values: a conflict naming it, and the rebase takes mine', () => {
    const fieldEdit = fc.constantFrom<{ id: string; set: (f: StageForm, v: string) => void }>(
      { id: 'description', set: (f, v) => (f.description = v) },
      { id: `${ALL_METHODS_KEY}/caching/ttlInSeconds`, set: (f, v) => (f.stageWide.cacheTtlInSeconds = v) },
      { id: `${ALL_METHODS_KEY}/throttling/burstLimit`, set: (f, v) => (f.stageWide.throttlingBurstLimit = v) },
    );
    fc.assert(fc.property(stageArb, fieldEdit, ttl, ttl, (stage, field, a, b) => {
      const base = formFromStage(stage);
      const mine = applyEdits(base, [(f) => field.set(f, String(a))]);
      const theirs = applyEdits(base, [(f) => field.set(f, String(b))]);
      fc.pre(a !== b && flatten(base).get(field.id) !== String(a) && flatten(base).get(field.id) !== String(b));
      const c = concurrentChanges(base, mine, theirs);
      assert.deepEqual(c.conflicts.map((x) => x.id), [field.id]);
      assert.equal(flatten(rebase(base, mine, theirs)).get(field.id), String(a));
    }), params);
  });
});
