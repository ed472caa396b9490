// Edit One Setting…: one setting through quick picks: the stage, the setting, the whole stage or
// one method, the value, each value in words; then, on the stage read again, the change in plain
// words and its operations, and one UpdateStage that sends only what the change touches.
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { ALL_METHODS_KEY, methodsOf } from '../../model/methodKey';
import { FIELD_LABELS, methodLabel, readable } from '../../model/stageChanges';
import { updateStageSteps } from '../../model/plans';
import { CACHE_SIZES, formFromStage, LOG_LEVELS, type MethodValues, newOverride, type StageForm, UNAUTHORIZED_STRATEGIES, valueWords } from '../../model/stageForm';
import { burstProblem, rateProblem, ttlProblem } from '../../model/stageValidation';
import { descriptionProblem } from '../../model/stageName';
import type { TreeNode } from '../../tree/node';
import type { Prompter, StepInfo } from '../../ui/prompter';
import { type ApiTarget, reportDone } from '../../stages/targets';
import { confirmPlan, execute } from '../../stages/execute';
import { stageReview } from '../../stages/ownership';
import { confirmLoggingRole, offerDeployAfter } from '../../stages/cloudWatchChecks';
import { type Fresh, freshChanges, readStageNow, theirsNote } from '../../stages/readBeforeWrite';
import { knownStage, type StageState, stageSteps } from '../stageTarget';
import { type Filled, filled, type PromptStep, runWizard } from '../wizard';

type Kind = { kind: 'bool' } | { kind: 'enum'; options: readonly string[] } | { kind: 'text'; validate: (v: string) => string | undefined };

interface Setting {
  readonly label: string;
  readonly kind: Kind;
  /** A method setting: for `*\/*` or one method's override. */
  readonly method?: keyof MethodValues;
  readonly stage?: 'description' | 'cacheClusterEnabled' | 'cacheClusterSize' | 'tracingEnabled';
}

const BOOL: Kind = { kind: 'bool' };
const SETTINGS: Setting[] = [
  { label: 'Description', stage: 'description', kind: { kind: 'text', validate: (v) => descriptionProblem(v) } },
  { label: 'Stage cache (billed by the hour while on)', stage: 'cacheClusterEnabled', kind: BOOL },
  { label: 'Cache capacity (GB)', stage: 'cacheClusterSize', kind: { kind: 'enum', options: CACHE_SIZES } },
  { label: 'X-Ray tracing', stage: 'tracingEnabled', kind: BOOL },
  { label: FIELD_LABELS.cachingEnabled, method: 'cachingEnabled', kind: BOOL },
  { label: `${FIELD_LABELS.cacheTtlInSeconds} (seconds, 0–3600)`, method: 'cacheTtlInSeconds', kind: { kind: 'text', validate: ttlProblem } },
  { label: FIELD_LABELS.cacheDataEncrypted, method: 'cacheDataEncrypted', kind: BOOL },
  { label: FIELD_LABELS.requireAuthorizationForCacheControl, method: 'requireAuthorizationForCacheControl', kind: BOOL },
  { label: FIELD_LABELS.unauthorizedCacheControlHeaderStrategy, method: 'unauthorizedCacheControlHeaderStrategy', kind: { kind: 'enum', options: UNAUTHORIZED_STRATEGIES } },
  { label: FIELD_LABELS.loggingLevel, method: 'loggingLevel', kind: { kind: 'enum', options: LOG_LEVELS } },
  { label: `${FIELD_LABELS.dataTraceEnabled} (can log sensitive data)`, method: 'dataTraceEnabled', kind: BOOL },
  { label: `${FIELD_LABELS.metricsEnabled} (charged per method)`, method: 'metricsEnabled', kind: BOOL },
  { label: `${FIELD_LABELS.throttlingRateLimit} (requests per second)`, method: 'throttlingRateLimit', kind: { kind: 'text', validate: (v) => rateProblem(v) } },
  { label: `${FIELD_LABELS.throttlingBurstLimit} (requests)`, method: 'throttlingBurstLimit', kind: { kind: 'text', validate: (v) => burstProblem(v) } },
];

interface State extends StageState {
  loaded?: StageForm;
  setting?: Setting;
  /** `*\/*` or a method key. */
  key?: string;
  value?: string;
  /** The change put on the stage as read at the review (read before write). */
  fresh?: Fresh;
}

/** From a stage or method node, or (API, stage) from the stage editor; from the palette the API and the stage are the wizard's first steps. */
export async function editStageSetting(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const known = knownStage(from, stageName);
  const p = ctx.prompter;
  const state: State = { ...known, key: known.methodKey };
  const fromMethod = known.methodKey !== undefined;
  // The account's limits only for a throttling value: one GetAccount then.
  const limits = (t: ApiTarget) => t.gateway.getAccount().then((a) => a.throttleSettings ?? {}, () => ({}) as { rateLimit?: number; burstLimit?: number });
  const steps: PromptStep<State>[] = [
    ...stageSteps(ctx, known),
    {
      prompt: async (state, info) => {
        const st = filled(state, ['target', 'stageName']);
        const loaded = formFromStage(await readStageNow(st.target, st.stageName));
        st.loaded = loaded;
        const items = SETTINGS.filter((x) => !fromMethod || x.method).map((x) => ({ label: x.label, description: current(loaded, x, st.key ?? ALL_METHODS_KEY), setting: x }));
        st.setting = (await p.pick(items, { ...info, placeholder: `Setting of stage "${st.stageName}"${known.methodKey !== undefined ? ` for ${methodLabel(known.methodKey)}` : ''}` })).setting;
      },
    },
    {
      // Counted until the setting is known (the longest path first), then only for method settings.
      when: (st) => !fromMethod && (st.setting === undefined || !!st.setting.method),
      prompt: async (state, info) => {
        const st = filled(state, ['target', 'loaded', 'setting']);
        const methods = await methodItems(st.target);
        const items = [{ label: 'The whole stage (all methods)', description: current(st.loaded, st.setting, ALL_METHODS_KEY), key: ALL_METHODS_KEY }, ...methods.map((m) => ({
          ...m,
          description: st.loaded.overrides[m.key] ? `override: ${current(st.loaded, st.setting, m.key)}` : 'uses the stage settings',
        }))];
        st.key = (await p.pick(items, { ...info, placeholder: `${st.setting.label}: for the whole stage or one method?` })).key;
      },
    },
    {
      prompt: async (state, info) => {
        const st = filled(state, ['target', 'loaded', 'setting']);
        const throttling = st.setting.method === 'throttlingRateLimit' || st.setting.method === 'throttlingBurstLimit';
        st.value = await askValue(p, st.setting, raw(st.loaded, st.setting, st.key ?? ALL_METHODS_KEY), info, throttling ? await limits(st.target) : {});
      },
    },
    {
      // Read before write: the change goes on the stage as it is now, and only what it touches is sent.
      prompt: async (state, info) => {
        const st = filled(state, ['target', 'stageName', 'loaded', 'setting', 'value']);
        const t = st.target;
        st.fresh = await freshChanges(ctx, t, st.stageName, st.loaded, edited(st), { words: true });
        const { changes, patch } = st.fresh;
        if (!changes.length) throw new Notice(`${st.setting.label} is already ${fieldWords(st.setting, st.value)}.`);
        await confirmPlan(p, info, `Apply: ${readable(changes).map((c) => c.text).join('; ')}`, updateStageSteps(t.restApiId, st.stageName, patch), theirsNote(st.fresh.theirs), stageReview(ctx, t, st.fresh.stage));
      },
    },
  ];
  const done = await runWizard(known.stageName === undefined ? TITLE : `${TITLE}: ${known.stageName}`, state, steps, ['target', 'stageName', 'setting', 'fresh']);
  const { target: t, stageName: name, fresh } = done;
  if (!(await confirmLoggingRole(ctx, t, fresh.now, fresh.merged, undefined, name)).proceed) return;
  await execute(ctx, t, updateStageSteps(t.restApiId, name, fresh.patch), {
    busy: { stage: name },
    busyLabel: 'Saving…',
    progressTitle: `Saving stage "${name}"…`,
  });
  reportDone(ctx, t.connection, `Saved ${done.setting.label} of stage ${name}`);
  offerDeployAfter(ctx, t, name, fresh.changes);
}

const TITLE = 'Edit One Setting';

/** The setting's field name (the stage field, or the method setting). */
const fieldOf = (s: Setting): string => s.stage ?? s.method!;

/** A value of the setting in words (On / Off, Errors only, the strategy's text). */
const fieldWords = (s: Setting, value: string): string => valueWords(fieldOf(s), value);

/** The setting's value now, as API Gateway names it (`true`, `ERROR`). */
function raw(form: StageForm, s: Setting, key: string): string {
  if (s.stage) return String(form[s.stage]);
  const values = key === ALL_METHODS_KEY ? form.stageWide : (form.overrides[key] ?? form.stageWide);
  return String(values[s.method!]);
}

/** The setting's value now, in words. */
function current(form: StageForm, s: Setting, key: string): string {
  return fieldWords(s, raw(form, s, key));
}

function edited(st: Filled<State, 'loaded' | 'setting' | 'value'>): StageForm {
  const form = structuredClone(st.loaded);
  const s = st.setting;
  const v = st.value;
  if (s.stage === 'description') form.description = v;
  else if (s.stage === 'cacheClusterSize') form.cacheClusterSize = v;
  else if (s.stage) form[s.stage] = v === 'true';
  else {
    const key = st.key ?? ALL_METHODS_KEY;
    const values = key === ALL_METHODS_KEY ? form.stageWide : (form.overrides[key] ??= newOverride(form));
    const field = s.method!;
    (values as unknown as Record<string, string | boolean>)[field] = typeof values[field] === 'boolean' ? v === 'true' : v;
  }
  return form;
}

/** The value: On / Off and the enums picked by their words (the current one marked), the rest typed. Returns API Gateway's value. */
async function askValue(p: Prompter, s: Setting, now: string, info: StepInfo, limits: { rateLimit?: number; burstLimit?: number }): Promise<string> {
  if (s.kind.kind !== 'text') {
    const values = s.kind.kind === 'bool' ? ['true', 'false'] : s.kind.options;
    const items = values.map((value) => ({ label: fieldWords(s, value), value, description: value === now ? '(current)' : undefined }));
    return (await p.pick(items, { ...info, placeholder: s.label })).value;
  }
  const validate = s.method === 'throttlingRateLimit' ? (v: string) => rateProblem(v, limits) : s.method === 'throttlingBurstLimit' ? (v: string) => burstProblem(v, limits) : s.kind.validate;
  return (await p.input({ ...info, prompt: s.label, value: now, validate })).trim();
}

async function methodItems(t: ApiTarget): Promise<{ label: string; key: string }[]> {
  return methodsOf(await t.gateway.listResources(t.restApiId)).map((m) => ({ label: m.label, key: m.key }));
}
