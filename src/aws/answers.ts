// API Gateway's own answers, and nothing else, count as answers. Two checks at the boundary of the
// AWS layer: the raw HTTP answer (status, JSON body: a proxy's page, a text "OK", a 204 or an empty
// body to a request that returns a resource are not success), then the deserialized output, whose
// values are turned into AWS's types (an emulator's "300" for a number, "true" for a boolean) or
// refused ("yes" for a boolean). Nothing of the wrong type reaches the tree or the form.

/** An answer that is not API Gateway's: a write may or may not have been applied. */
export class UnexpectedAnswer extends Error {
  override name = 'UnexpectedAnswer';
  readonly $metadata: { httpStatusCode?: number };
  constructor(readonly what: string, status: number | undefined, readonly $operation?: string) {
    super(`The endpoint answered ${what} (HTTP ${status ?? '?'}), not what API Gateway answers${$operation ? ` to ${$operation}` : ''}`);
    this.$metadata = { httpStatusCode: status };
  }
}

/** A body that is not JSON: a web page (a proxy's or a network sign-in page), or an answer cut short. */
export class NotApiGatewayAnswer extends Error {
  override name = 'NotApiGatewayAnswer';
  readonly $metadata: { httpStatusCode?: number };
  constructor(status: number | undefined, readonly kind: 'a web page' | 'cut short' | 'text') {
    super(`The endpoint answered ${kind === 'cut short' ? 'JSON cut short' : kind}, not JSON (HTTP ${status ?? '?'})`);
    this.$metadata = { httpStatusCode: status };
  }
}

/** Operations whose success has no body: the statuses API Gateway answers (moto answers `{}` and 200 to some: a JSON object is let through). */
const NO_BODY: Readonly<Record<string, readonly number[]>> = {
  DeleteStage: [202],
  FlushStageCache: [202],
  FlushStageAuthorizersCache: [202],
  TagResource: [204, 200],
  UntagResource: [204, 200],
};

/** Checks a raw answer of a JSON service (API Gateway v1, v2, WAF v2); throws when it is not one. */
export function checkRawAnswer(operation: string, status: number, body: Uint8Array): void {
  const text = Buffer.from(body).toString('utf8');
  const trimmed = text.trim();
  const parsed = trimmed ? parseJson(trimmed) : undefined;
  const notJson = () => new NotApiGatewayAnswer(status, looksLikeHtml(trimmed) ? 'a web page' : /^[{[]/.test(trimmed) ? 'cut short' : 'text');
  if (trimmed && parsed === INVALID) throw notJson();
  if (status >= 300) return; // an error: the SDK reads it (JSON, or no body)
  const expected = NO_BODY[operation];
  if (expected) {
    if (!expected.includes(status)) throw new UnexpectedAnswer(`HTTP ${status} where ${expected.join(' or ')} was expected`, status, operation);
    if (trimmed && !isObject(parsed)) throw new UnexpectedAnswer('a body that is not a JSON object', status, operation);
    return;
  }
  if (status === 204 || !trimmed) throw new UnexpectedAnswer('nothing (an empty answer)', status, operation);
  if (!isObject(parsed)) throw new UnexpectedAnswer('JSON that is not an object', status, operation);
  // Else `{"message":"hello"}` would read as an empty list: no APIs, no stages. (`{}` is let through.)
  if (LISTS.has(operation) && Object.keys(parsed).length && !('item' in parsed) && !('position' in parsed)) {
    throw new UnexpectedAnswer('JSON without a list (no "item")', status, operation);
  }
}

/** API Gateway's list operations: their answer is `{"item": [...], "position": ...}`. */
const LISTS: ReadonlySet<string> = new Set(['GetRestApis', 'GetStages', 'GetDeployments', 'GetResources', 'GetUsagePlans', 'GetDomainNames', 'GetBasePathMappings']);

const INVALID = Symbol('invalid');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}

function looksLikeHtml(text: string): boolean {
  return /<\s*(!doctype|html|head|body|title|h1|p|div)\b/i.test(text) || /^</.test(text);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- The deserialized output: AWS's types, or refused.

type Shape =
  | 'string' | 'boolean' | 'number' | 'integer' | 'date' | 'any'
  | { readonly object: Readonly<Record<string, Shape>>; readonly required?: readonly string[] }
  | { readonly map: Shape }
  | { readonly list: Shape };

const METHOD_SETTING: Shape = {
  object: {
    metricsEnabled: 'boolean', loggingLevel: 'string', dataTraceEnabled: 'boolean', throttlingBurstLimit: 'integer', throttlingRateLimit: 'number',
    cachingEnabled: 'boolean', cacheTtlInSeconds: 'integer', cacheDataEncrypted: 'boolean', requireAuthorizationForCacheControl: 'boolean',
    unauthorizedCacheControlHeaderStrategy: 'string',
  },
};

const STAGE: Shape = {
  required: ['stageName'],
  object: {
    stageName: 'string', deploymentId: 'string', clientCertificateId: 'string', description: 'string', cacheClusterEnabled: 'boolean',
    cacheClusterSize: 'string', cacheClusterStatus: 'string', methodSettings: { map: METHOD_SETTING }, variables: { map: 'string' },
    documentationVersion: 'string', accessLogSettings: { object: { format: 'string', destinationArn: 'string' } },
    canarySettings: { object: { percentTraffic: 'number', deploymentId: 'string', stageVariableOverrides: { map: 'string' }, useStageCache: 'boolean' } },
    tracingEnabled: 'boolean', webAclArn: 'string', tags: { map: 'string' }, createdDate: 'date', lastUpdatedDate: 'date',
  },
};

const DEPLOYMENT: Shape = { required: ['id'], object: { id: 'string', description: 'string', createdDate: 'date', apiSummary: 'any' } };
const THROTTLE: Shape = { object: { burstLimit: 'integer', rateLimit: 'number' } };
const ACCOUNT: Shape = { required: ['throttleSettings'], object: { cloudwatchRoleArn: 'string', throttleSettings: THROTTLE, features: { list: 'string' }, apiKeyVersion: 'string' } };
const REST_API: Shape = { required: ['id'], object: { id: 'string', name: 'string', description: 'string', createdDate: 'date', endpointConfiguration: 'any', tags: { map: 'string' } } };
const RESOURCE: Shape = { required: ['id'], object: { id: 'string', parentId: 'string', pathPart: 'string', path: 'string', resourceMethods: 'any' } };
const USAGE_PLAN: Shape = {
  required: ['id'],
  object: {
    id: 'string', name: 'string', description: 'string', throttle: THROTTLE, quota: { object: { limit: 'integer', offset: 'integer', period: 'string' } },
    apiStages: { list: { object: { apiId: 'string', stage: 'string', throttle: { map: THROTTLE } } } },
  },
};
const DOMAIN: Shape = { required: ['domainName'], object: { domainName: 'string' } };
const MAPPING: Shape = { object: { basePath: 'string', restApiId: 'string', stage: 'string' } };
const items = (item: Shape): Shape => ({ object: { items: { list: item }, position: 'string' } });

/** The shape of each API Gateway output the extension reads; other operations are let through as the SDK made them. */
const OUTPUTS: Readonly<Record<string, Shape>> = {
  GetStage: STAGE,
  CreateStage: STAGE,
  UpdateStage: STAGE,
  GetStages: { object: { item: { list: STAGE } } },
  CreateDeployment: DEPLOYMENT,
  GetDeployments: items(DEPLOYMENT),
  GetAccount: ACCOUNT,
  UpdateAccount: ACCOUNT,
  GetRestApis: items(REST_API),
  GetResources: items(RESOURCE),
  GetUsagePlans: items(USAGE_PLAN),
  GetUsagePlan: USAGE_PLAN,
  UpdateUsagePlan: USAGE_PLAN,
  GetDomainNames: items(DOMAIN),
  GetBasePathMappings: items(MAPPING),
  GetBasePathMapping: MAPPING,
  CreateBasePathMapping: MAPPING,
};

/** The output with AWS's types; throws UnexpectedAnswer when a value cannot be one. */
export function checkOutput<T>(operation: string, output: T): T {
  const shape = OUTPUTS[operation];
  if (!shape) return output;
  const status = (output as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const { $metadata, ...rest } = output as T & { $metadata?: unknown };
  try {
    const clean = coerce(shape, rest, operation) as Record<string, unknown>;
    return ($metadata === undefined ? clean : { ...clean, $metadata }) as T;
  } catch (e) {
    if (e instanceof BadValue) throw new UnexpectedAnswer(e.message, status, operation);
    throw e;
  }
}

class BadValue extends Error {}

function coerce(shape: Shape, v: unknown, at: string): unknown {
  if (v === null || v === undefined) return undefined;
  if (shape === 'any') return v;
  if (shape === 'string') {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    throw new BadValue(`${describeValue(v)} where ${at} is a text`);
  }
  if (shape === 'boolean') {
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw new BadValue(`${describeValue(v)} where ${at} is true or false`);
  }
  if (shape === 'number' || shape === 'integer') {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isFinite(n) || (shape === 'integer' && !Number.isInteger(n))) throw new BadValue(`${describeValue(v)} where ${at} is ${shape === 'integer' ? 'a whole number' : 'a number'}`);
    return n;
  }
  if (shape === 'date') {
    if (v instanceof Date && !Number.isNaN(v.getTime())) return v;
    throw new BadValue(`${describeValue(v)} where ${at} is a date`);
  }
  if ('list' in shape) {
    if (!Array.isArray(v)) throw new BadValue(`${describeValue(v)} where ${at} is a list`);
    return v.map((x, i) => coerce(shape.list, x, `${at}[${i}]`));
  }
  if (!isObject(v)) throw new BadValue(`${describeValue(v)} where ${at} is an object`);
  if ('map' in shape) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = coerce(shape.map, x, `${at}.${k}`);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const field = shape.object[k];
    const c = field ? coerce(field, x, `${at}.${k}`) : x;
    if (c !== undefined) out[k] = c;
  }
  for (const k of shape.required ?? []) if (out[k] === undefined) throw new BadValue(`an answer without ${at}.${k}`);
  return out;
}

function describeValue(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
