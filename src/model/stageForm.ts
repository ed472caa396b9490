// The stage editor's model: a GetStage answer as form values, and back as patch operations.
// Numbers stay strings while edited, so a half-typed value is kept and marked, never lost.
import type { CanarySettings, MethodSetting, Stage } from '@aws-sdk/client-api-gateway';
import { ALL_METHODS_KEY, parseMethodKey } from './methodKey';
import { SETTING_PATHS } from './patchPaths';

export const CACHE_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as const;
/** What a stage without a cache size reads as (AWS's smallest). */
export const DEFAULT_CACHE_SIZE = '0.5';
export const LOG_LEVELS = ['OFF', 'ERROR', 'INFO'] as const;
export const UNAUTHORIZED_STRATEGIES = ['FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type UnauthorizedStrategy = (typeof UNAUTHORIZED_STRATEGIES)[number];

// Values in the words a user reads, the one source for every place that shows them (Edit One
// Setting…, and the stage editor's form): API Gateway's own names are for the requests.
export const LOG_LEVEL_WORDS: Readonly<Record<LogLevel, string>> = { OFF: 'Off', ERROR: 'Errors only', INFO: 'Errors and info' };
/** The console's texts for what API Gateway does with an unauthorized cache invalidation request. */
export const UNAUTHORIZED_STRATEGY_WORDS: Readonly<Record<UnauthorizedStrategy, string>> = {
  FAIL_WITH_403: 'Fail the request with status code 403',
  SUCCEED_WITH_RESPONSE_HEADER: 'Ignore cache control header; add a warning in response header',
  SUCCEED_WITHOUT_RESPONSE_HEADER: 'Ignore cache control header; no warning',
};

/** One method setting entry (`*\/*` or a method override), as the form edits it. */
export interface MethodValues {
  cachingEnabled: boolean;
  cacheTtlInSeconds: string;
  cacheDataEncrypted: boolean;
  requireAuthorizationForCacheControl: boolean;
  unauthorizedCacheControlHeaderStrategy: string;
  loggingLevel: string;
  dataTraceEnabled: boolean;
  metricsEnabled: boolean;
  /** Empty: not set (the account's limit applies). */
  throttlingRateLimit: string;
  throttlingBurstLimit: string;
}

/** A stage's canary as the form edits it; made with Deploy to Canary…, removed with Delete Canary… or Promote Canary…. */
export interface CanaryValues {
  /** 0 to 100, decimals allowed, as typed. */
  percentTraffic: string;
  deploymentId: string;
  useStageCache: boolean;
  /** The canary's stage variable overrides, in the order shown (secret as the variables are). */
  overrides: [name: string, value: string][];
}

export interface StageForm {
  description: string;
  /** Shown; changed with Change Deployment…, not saved from the form. */
  deploymentId: string;
  cacheClusterEnabled: boolean;
  cacheClusterSize: string;
  tracingEnabled: boolean;
  /** Both empty: access logging off. */
  accessLogDestinationArn: string;
  accessLogFormat: string;
  /** In the order shown; names are checked for duplicates. */
  variables: [name: string, value: string][];
  tags: [key: string, value: string][];
  /** `*\/*`: every method of the stage. */
  stageWide: MethodValues;
  /** Method overrides by method-setting key (`~1pets~1{petId}/GET`). */
  overrides: Record<string, MethodValues>;
  /** None: the stage has no canary. */
  canary?: CanaryValues;
}

/** AWS's values for a setting never set (shared/API_GATEWAY.md). */
export const METHOD_DEFAULTS: MethodValues = {
  cachingEnabled: false,
  cacheTtlInSeconds: '300',
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
  loggingLevel: 'OFF',
  dataTraceEnabled: false,
  metricsEnabled: false,
  throttlingRateLimit: '',
  throttlingBurstLimit: '',
};

function methodValues(s: MethodSetting | undefined, base: MethodValues): MethodValues {
  return methodValuesFrom((field) => s?.[field], base);
}

/**
 * Method values field by field, from booleans, numbers or their strings: `read` gives a field's value,
 * or undefined (then `fallback`'s). One loop over METHOD_FIELDS serves a GetStage answer and the flat form.
 */
export function methodValuesFrom(read: (field: keyof MethodValues) => unknown, fallback: MethodValues): MethodValues {
  const out: Record<string, string | boolean> = {};
  for (const field of METHOD_FIELDS) {
    const v = read(field);
    if (v === undefined || v === null) out[field] = fallback[field];
    else out[field] = typeof METHOD_DEFAULTS[field] === 'boolean' ? v === true || v === 'true' : String(v);
  }
  return out as unknown as MethodValues;
}

export function formFromStage(stage: Stage): StageForm {
  const settings = stage.methodSettings ?? {};
  const stageWide = methodValues(settings[ALL_METHODS_KEY], METHOD_DEFAULTS);
  const overrides: Record<string, MethodValues> = {};
  // A field AWS left out of an override (moto leaves out loggingLevel) reads as AWS's default, not the
  // stage-wide value: else a stage-wide change would look like a change of every override.
  // Keys of one method only: wildcard keys (`*\/GET` from SAM templates) are not edited here, and stay as they are.
  for (const key of Object.keys(settings).sort()) if (key !== ALL_METHODS_KEY && parseMethodKey(key)) overrides[key] = methodValues(settings[key], METHOD_DEFAULTS);
  return {
    description: stage.description ?? '',
    deploymentId: stage.deploymentId ?? '',
    cacheClusterEnabled: !!stage.cacheClusterEnabled,
    cacheClusterSize: stage.cacheClusterSize ?? DEFAULT_CACHE_SIZE,
    tracingEnabled: !!stage.tracingEnabled,
    accessLogDestinationArn: stage.accessLogSettings?.destinationArn ?? '',
    accessLogFormat: stage.accessLogSettings?.format ?? '',
    variables: sortedPairs(stage.variables),
    tags: sortedPairs(stage.tags),
    stageWide,
    overrides,
    ...(stage.canarySettings ? { canary: canaryValues(stage.canarySettings) } : {}),
  };
}

const sortedPairs = (m: Record<string, string> | undefined): [string, string][] => Object.entries(m ?? {}).sort(([a], [b]) => a.localeCompare(b));

function canaryValues(c: CanarySettings): CanaryValues {
  return { percentTraffic: String(c.percentTraffic ?? 0), deploymentId: c.deploymentId ?? '', useStageCache: !!c.useStageCache, overrides: sortedPairs(c.stageVariableOverrides) };
}

/** A new override starts from the stage-wide values, as AWS does. */
export function newOverride(form: StageForm): MethodValues {
  return { ...form.stageWide };
}

/** The method-setting fields in form order, each with its patch path after `/{key}/`. */
export const METHOD_FIELDS = Object.keys(METHOD_DEFAULTS) as (keyof MethodValues)[];

export function methodFieldPath(field: keyof MethodValues): string {
  return SETTING_PATHS[field];
}

/** The form with its stage variables' and canary overrides' names and no values (what may be written to disk unsealed). */
export function withoutVariableValues(form: StageForm): StageForm {
  const names = (pairs: [string, string][]): [string, string][] => pairs.map(([name]) => [name, '']);
  return { ...form, variables: names(form.variables), canary: form.canary && { ...form.canary, overrides: names(form.canary.overrides) } };
}

/** The on/off fields of the form (stage-wide and per method). */
const SWITCHES: ReadonlySet<string> = new Set(['cacheClusterEnabled', 'tracingEnabled', 'useStageCache', ...METHOD_FIELDS.filter((f) => typeof METHOD_DEFAULTS[f] === 'boolean')]);

/** A field's value in words: On / Off, the log level's and the strategy's words; any other value as it is. */
export function valueWords(field: string, value: string | boolean): string {
  if (SWITCHES.has(field)) return value === true || value === 'true' ? 'On' : 'Off';
  if (field === 'loggingLevel') return LOG_LEVEL_WORDS[value as LogLevel] ?? String(value);
  if (field === 'unauthorizedCacheControlHeaderStrategy') return UNAUTHORIZED_STRATEGY_WORDS[value as UnauthorizedStrategy] ?? String(value);
  return String(value);
}
