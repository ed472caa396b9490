// UpdateStage patch operations for method settings (paths in shared/API_GATEWAY.md).
import type { MethodSetting, PatchOperation } from '@aws-sdk/client-api-gateway';
import { methodSettingPath } from './methodKey';

/** MethodSetting field → the patch path after `/{key}/`. */
export const SETTING_PATHS: Record<keyof MethodSetting, string> = {
  metricsEnabled: 'metrics/enabled',
  loggingLevel: 'logging/loglevel',
  dataTraceEnabled: 'logging/dataTrace',
  throttlingBurstLimit: 'throttling/burstLimit',
  throttlingRateLimit: 'throttling/rateLimit',
  cachingEnabled: 'caching/enabled',
  cacheTtlInSeconds: 'caching/ttlInSeconds',
  cacheDataEncrypted: 'caching/dataEncrypted',
  requireAuthorizationForCacheControl: 'caching/requireAuthorizationForCacheControl',
  unauthorizedCacheControlHeaderStrategy: 'caching/unauthorizedCacheControlHeaderStrategy',
};

/** One `replace` per set field of each key; values are strings, as the API wants them. */
export function methodSettingPatches(settings: Record<string, MethodSetting>): PatchOperation[] {
  const ops: PatchOperation[] = [];
  for (const key of Object.keys(settings).sort()) {
    const setting = settings[key];
    for (const field of Object.keys(SETTING_PATHS) as (keyof MethodSetting)[]) {
      const value = setting[field];
      if (value !== undefined && value !== null) ops.push({ op: 'replace', path: methodSettingPath(key, SETTING_PATHS[field]), value: String(value) });
    }
  }
  return ops;
}

/**
 * Operations per UpdateStage. AWS answers "Update size too large. Try updating stage in multiple
 * UpdateStage operations" for large ones (its limit is not documented); below this a save is one request.
 */
export const MAX_PATCH_OPERATIONS = 50;

/** The operations in UpdateStage-sized parts, in order. */
export function splitPatch<T>(ops: readonly T[], max = MAX_PATCH_OPERATIONS): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < ops.length; i += max) parts.push(ops.slice(i, i + max));
  return parts;
}

const FIELD_BY_PATH = new Map(Object.entries(SETTING_PATHS).map(([field, path]) => [path, field as keyof MethodSetting]));

/** The value a method-setting patch path points at (`/~1pets/GET/caching/enabled`), or undefined. */
export function methodSettingsByPath(settings: Record<string, MethodSetting>, path: string): unknown {
  const parts = path.slice(1).split('/');
  const field = FIELD_BY_PATH.get(parts.slice(-2).join('/'));
  const key = parts.slice(0, -2).join('/');
  return field && key ? settings[key]?.[field] : undefined;
}
