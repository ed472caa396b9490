// Short, human descriptions of a stage's settings for labels and tooltips.
import type { MethodSetting, Stage } from '@aws-sdk/client-api-gateway';
import { ALL_METHODS_KEY } from './methodKey';

export function cacheSummary(stage: Stage): string {
  if (!stage.cacheClusterEnabled) return 'off';
  const status = stage.cacheClusterStatus ? ` (${stage.cacheClusterStatus})` : '';
  return `${stage.cacheClusterSize ?? '?'} GB${status}`;
}

export function logLevelSummary(stage: Stage): string {
  const all = stage.methodSettings?.[ALL_METHODS_KEY];
  const level = all?.loggingLevel ?? 'OFF';
  return all?.dataTraceEnabled ? `${level} + full request/response data` : level;
}

export function throttlingSummary(stage: Stage): string {
  const all = stage.methodSettings?.[ALL_METHODS_KEY];
  if (all?.throttlingRateLimit === undefined && all?.throttlingBurstLimit === undefined) return 'account default';
  return `rate ${all?.throttlingRateLimit ?? '-'} /s, burst ${all?.throttlingBurstLimit ?? '-'}`;
}

export type SettingGroup = 'cache' | 'logging' | 'metrics' | 'throttling';

const GROUP_FIELDS: Record<SettingGroup, ReadonlyArray<keyof MethodSetting>> = {
  cache: ['cachingEnabled', 'cacheTtlInSeconds', 'cacheDataEncrypted', 'requireAuthorizationForCacheControl', 'unauthorizedCacheControlHeaderStrategy'],
  logging: ['loggingLevel', 'dataTraceEnabled'],
  metrics: ['metricsEnabled'],
  throttling: ['throttlingRateLimit', 'throttlingBurstLimit'],
};

// What a stage reports when `*/*` was never set; throttling defaults come from the account.
const STAGE_DEFAULTS: MethodSetting = {
  metricsEnabled: false,
  loggingLevel: 'OFF',
  dataTraceEnabled: false,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
};

/**
 * Which groups of a method-level override differ from the stage-wide `*\/*` setting.
 * GetStage returns every field of an override, so the difference is what the override changes.
 */
export function overriddenGroups(override: MethodSetting, stageWide: MethodSetting | undefined): SettingGroup[] {
  return (Object.keys(GROUP_FIELDS) as SettingGroup[]).filter((group) =>
    GROUP_FIELDS[group].some((field) => override[field] !== undefined && override[field] !== (stageWide ?? STAGE_DEFAULTS)[field]),
  );
}
