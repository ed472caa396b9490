// API Gateway's own answers, and nothing else, count as answers. Two checks at the boundary of the
// AWS layer: the raw HTTP answer (status, JSON body: a proxy's page, a text "OK", a 204 or an empty
// body to a request that returns a resource are not success), then the deserialized output, whose
// values are turned into AWS's types (an emulator's "300" for a number, "true" for a boolean) or
// refused ("yes" for a boolean). Nothing of the wrong type reaches the tree or the form.
import { BadValue, isKind, NotApiGatewayAnswer, UnexpectedAnswer } from '../errors';

/** Operations whose success has no body: the statuses API Gateway answers (moto answers `{}` and 200 to some: a JSON object is let through). */
const NO_BODY: Readonly<Record<string, readonly number[]>> = {
  DeleteStage: [202],
  FlushStageCache: [202],
  FlushStageAuthorizersCache: [202],
  TagResource: [204, 200],
  UntagResource: [204, 200],
  DeleteDeployment: [202],
  // CloudWatch Logs (JSON 1.1): 200 and no body.
  PutRetentionPolicy: [200],
};

/**
 * Checks a raw answer of a JSON service (API Gateway v1, v2, WAF v2); throws when it is not one. Cheap
 * on the way of every answer: a body is told by its first character, never parsed here but when it
 * is small; the SDK parses it once, and a body cut short is named where that parse fails (parseFailure).
 */
export function checkRawAnswer(operation: string, status: number, body: Uint8Array): void {
  if (status < 300 && FILES[operation]) return FILES[operation](status, body);
  const first = firstNonSpace(body);
  const lead = first < 0 ? '' : String.fromCharCode(body[first]);
  if (lead && lead !== '{' && lead !== '[') {
    // Not an object or a list: a page, a text, or a JSON scalar (small: parsed to tell).
    const text = Buffer.from(body).toString('utf8').trim();
    if (parseJson(text) === INVALID) throw new NotApiGatewayAnswer(status, looksLikeHtml(text) ? 'a web page' : 'text');
    if (status >= 300) return;
    throw new UnexpectedAnswer('JSON that is not an object', status, operation);
  }
  if (status >= 300) return; // an error: the SDK reads it (JSON, or no body)
  const expected = NO_BODY[operation];
  if (expected) {
    if (!expected.includes(status)) throw new UnexpectedAnswer(`HTTP ${status} where ${expected.join(' or ')} was expected`, status, operation);
    const parsed = lead ? parseJson(Buffer.from(body).toString('utf8')) : undefined;
    if (parsed === INVALID) throw new NotApiGatewayAnswer(status, 'cut short');
    if (lead && !isObject(parsed)) throw new UnexpectedAnswer('a body that is not a JSON object', status, operation);
    if (lead && EMPTY_OBJECT.has(operation) && !isEmptyObject(body, first)) throw new UnexpectedAnswer('JSON with fields where nothing or {} is answered', status, operation);
    return;
  }
  if (status === 204 || !lead) throw new UnexpectedAnswer('nothing (an empty answer)', status, operation);
  if (EMPTY_OBJECT.has(operation) && !isEmptyObject(body, first)) throw new UnexpectedAnswer('JSON with fields where WAF answers {}', status, operation);
  if (lead === '[') throw new UnexpectedAnswer('JSON that is not an object', status, operation);
  // Else `{"message":"hello"}` would read as an empty list: no APIs, no stages. (`{}` is let through.)
  if (LISTS.has(operation) && !hasKey(body, 'item') && !hasKey(body, 'position') && !isEmptyObject(body, first)) {
    throw new UnexpectedAnswer('JSON without a list (no "item")', status, operation);
  }
}

/**
 * Checks a raw success of IAM (query protocol, XML): `<{Operation}Response>` whole. The SDK's XML parser
 * takes a web page, a text or `{}` for an empty answer, and a write without output for done.
 */
export function checkXmlAnswer(operation: string, status: number, body: Uint8Array): void {
  if (status >= 300) return; // an error: the SDK reads it
  const text = Buffer.from(body).toString('utf8').trim();
  if (!text) throw new UnexpectedAnswer('nothing (an empty answer)', status, operation);
  if (text.includes(`<${operation}Response`)) {
    if (!text.includes(`</${operation}Response>`)) throw new NotApiGatewayAnswer(status, 'cut short');
    return;
  }
  if (/<\s*(!doctype|html|head|body)\b/i.test(text)) throw new NotApiGatewayAnswer(status, 'a web page');
  if (parseJson(text) === INVALID && !text.startsWith('<')) throw new NotApiGatewayAnswer(status, 'text');
  throw new UnexpectedAnswer(`something other than IAM's ${operation}Response`, status, operation);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4"

/** Operations whose success is a file, not JSON: a definition (JSON or YAML), never a web page; an SDK, a zip. */
const FILES: Readonly<Record<string, (status: number, body: Uint8Array) => void>> = {
  GetExport: (status, body) => {
    if (looksLikeHtml(Buffer.from(body.subarray(0, 512)).toString('utf8').trim())) throw new NotApiGatewayAnswer(status, 'a web page');
  },
  GetSdk: (status, body) => {
    if (!ZIP.every((b, i) => body[i] === b)) throw new UnexpectedAnswer('a body that is not a zip file', status, 'GetSdk');
  },
};

/**
 * The SDK could not parse a body (its SyntaxError, "Deserialization error"): a web page, or JSON cut
 * short. `body` is what the raw check kept of the answer, when it is at hand.
 */
export function parseFailure(e: unknown): NotApiGatewayAnswer | undefined {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number; body?: unknown } } | undefined;
  if (!err || !(err.name === 'SyntaxError' || /Deserialization error/.test(err.message ?? ''))) return undefined;
  const body = err.$response?.body;
  const text = body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : '';
  const status = err.$metadata?.httpStatusCode ?? err.$response?.statusCode;
  return new NotApiGatewayAnswer(status, looksLikeHtml(text.trim()) || /'<'|<html|<!DOCTYPE/i.test(err.message ?? '') ? 'a web page' : 'cut short');
}

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf]); // whitespace, and a byte-order mark

function firstNonSpace(body: Uint8Array): number {
  for (let i = 0; i < body.length; i++) if (!SPACE.has(body[i])) return i;
  return -1;
}

/** `"name"` followed by `:` somewhere in the body: a key of it (a scan, not a parse). */
function hasKey(body: Uint8Array, name: string): boolean {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  for (let at = buf.indexOf(`"${name}"`); at >= 0; at = buf.indexOf(`"${name}"`, at + 1)) {
    let i = at + name.length + 2;
    while (i < buf.length && SPACE.has(buf[i])) i++;
    if (buf[i] === 0x3a) return true;
  }
  return false;
}

function isEmptyObject(body: Uint8Array, first: number): boolean {
  let i = first + 1;
  while (i < body.length && SPACE.has(body[i])) i++;
  return body[i] === 0x7d && firstNonSpace(body.subarray(i + 1)) < 0;
}

/** WAF v2 operations whose success is `{}`, and CloudWatch Logs' whose is nothing (or `{}`): anything else is another service's answer. */
const EMPTY_OBJECT: ReadonlySet<string> = new Set(['DisassociateWebACL', 'PutRetentionPolicy']);

/** API Gateway's list operations: their answer is `{"item": [...], "position": ...}`. */

const LISTS: ReadonlySet<string> = new Set(['GetRestApis', 'GetStages', 'GetDeployments', 'GetResources', 'GetUsagePlans', 'GetDomainNames', 'GetBasePathMappings', 'GetClientCertificates', 'GetDocumentationVersions']);

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
const CLIENT_CERTIFICATE: Shape = {
  required: ['clientCertificateId'],
  object: { clientCertificateId: 'string', description: 'string', pemEncodedCertificate: 'string', createdDate: 'date', expirationDate: 'date', tags: { map: 'string' } },
};
const DOCUMENTATION_VERSION: Shape = { required: ['version'], object: { version: 'string', description: 'string', createdDate: 'date' } };
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
  GetRestApi: REST_API,
  GetResources: items(RESOURCE),
  GetUsagePlans: items(USAGE_PLAN),
  GetUsagePlan: USAGE_PLAN,
  UpdateUsagePlan: USAGE_PLAN,
  GetDomainNames: items(DOMAIN),
  GetBasePathMappings: items(MAPPING),
  GetBasePathMapping: MAPPING,
  CreateBasePathMapping: MAPPING,
  GetDeployment: DEPLOYMENT,
  UpdateDeployment: DEPLOYMENT,
  GetClientCertificates: items(CLIENT_CERTIFICATE),
  GetClientCertificate: CLIENT_CERTIFICATE,
  GenerateClientCertificate: CLIENT_CERTIFICATE,
  GetDocumentationVersions: items(DOCUMENTATION_VERSION),
  CreateDocumentationVersion: DOCUMENTATION_VERSION,
};

/** The checks of OUTPUTS, each made on its first answer. */
const CHECKS = new Map<string, Check>();
const checkOf = (operation: string): Check | undefined => {
  const shape = OUTPUTS[operation];
  if (!shape) return undefined;
  let check = CHECKS.get(operation);
  if (!check) CHECKS.set(operation, (check = compile(shape)));
  return check;
};

/** The output with AWS's types; throws UnexpectedAnswer when a value cannot be one. The SDK's object itself when nothing needs changing (nothing is copied on the way of a list of a thousand). */
export function checkOutput<T>(operation: string, output: T): T {
  const check = checkOf(operation);
  if (!check) return output;
  try {
    return check(output) as T;
  } catch (e) {
    if (!isKind(e, BadValue)) throw e;
    const status = (output as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    throw new UnexpectedAnswer(e.problem(`${operation}${e.path.join('')}`), status, operation);
  }
}

const bad = (v: unknown, what: string) => new BadValue((at) => `${describeValue(v)} where ${at} is ${what}`);

/** Gives the value in AWS's type: the same value (the same object) when it is already; a copy only where a field changed. */
type Check = (v: unknown) => unknown;

const LEAVES: Readonly<Record<Exclude<Shape, object>, Check>> = {
  any: (v) => v ?? undefined,
  string: (v) => {
    if (typeof v === 'string' || v === null || v === undefined) return v ?? undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    throw bad(v, 'a text');
  },
  boolean: (v) => {
    if (typeof v === 'boolean' || v === null || v === undefined) return v ?? undefined;
    if (v === 'true' || v === 'false') return v === 'true';
    throw bad(v, 'true or false');
  },
  number: (v) => number(v, false),
  integer: (v) => number(v, true),
  date: (v) => {
    if (v === null || v === undefined) return undefined;
    if (v instanceof Date && !Number.isNaN(v.getTime())) return v;
    throw bad(v, 'a date');
  },
};

function number(v: unknown, integer: boolean): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number' && Number.isFinite(v) && (!integer || Number.isInteger(v))) return v;
  const n = typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) throw bad(v, integer ? 'a whole number' : 'a number');
  return n;
}

/** A check made once per shape: on the way of every answer, a list of a thousand items runs it a thousand times. */
function compile(shape: Shape): Check {
  if (typeof shape === 'string') return LEAVES[shape];
  if ('list' in shape) {
    const item = compile(shape.list);
    return (v) => {
      if (v === null || v === undefined) return undefined;
      if (!Array.isArray(v)) throw bad(v, 'a list');
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const c = part(item, v[i], `[${i}]`);
        if (c !== v[i]) (out ??= v.slice())[i] = c;
      }
      return out ?? v;
    };
  }
  if ('map' in shape) {
    const value = compile(shape.map);
    return (v) => {
      if (v === null || v === undefined) return undefined;
      if (!isObject(v)) throw bad(v, 'an object');
      let out: Record<string, unknown> | undefined;
      for (const k of Object.keys(v)) out = put(out, v, k, part(value, v[k], `.${k}`));
      return out ?? v;
    };
  }
  return compileObject(shape);
}

/** A value already of its leaf's type, tested inline (the call to the leaf's check is for the others). */
const ALREADY: Readonly<Record<Exclude<Shape, object>, string>> = {
  string: "typeof x === 'string'",
  boolean: "typeof x === 'boolean'",
  number: "typeof x === 'number' && Number.isFinite(x)",
  integer: 'Number.isInteger(x)',
  date: 'x instanceof Date && !Number.isNaN(x.getTime())',
  any: 'x !== null',
};

/**
 * An object's check as straight code: each field the shape names read by its name, its type tested
 * inline. A loop over the names would read `v[k]` with a different k each time, which V8 cannot make
 * fast; on a list of a thousand that was most of the layer's time. The code is made from the shapes
 * above, never from an answer: every name goes in as a JSON string.
 */
function compileObject(shape: { readonly object: Readonly<Record<string, Shape>>; readonly required?: readonly string[] }): Check {
  const keys = Object.keys(shape.object);
  const checks = keys.map((k) => compile(shape.object[k]));
  const lines = keys.map((k, i) => {
    const f = shape.object[k];
    const name = JSON.stringify(k);
    const fast = typeof f === 'string' ? ALREADY[f] : 'false';
    return `x = v[${name}]; if (x !== undefined && !(${fast})) out = put(out, v, ${name}, part(checks[${i}], x, ${JSON.stringify(`.${k}`)}));`;
  });
  const required = (shape.required ?? []).map((k) => `if (r[${JSON.stringify(k)}] === undefined) throw missing(${JSON.stringify(k)});`);
  const body = `return (v) => {
    if (v === null || v === undefined) return undefined;
    if (!isObject(v)) throw bad(v, 'an object');
    let out, x;
    ${lines.join('\n    ')}
    const r = out ?? v;
    ${required.join('\n    ')}
    return r;
  };`;
  return new Function('checks', 'part', 'put', 'bad', 'missing', 'isObject', body)(checks, part, put, bad, missing, isObject) as Check;
}

/** A field's check, its error naming the field. */
function part(check: Check, x: unknown, at: string): unknown {
  try {
    return check(x);
  } catch (e) {
    if (isKind(e, BadValue)) e.path.unshift(at);
    throw e;
  }
}

/** `out` (a copy of v made on the first change) with field k set to c; nothing copied when c is v's own value. */
function put(out: Record<string, unknown> | undefined, v: Record<string, unknown>, k: string, c: unknown): Record<string, unknown> | undefined {
  if (c === v[k]) return out;
  out ??= { ...v };
  if (c === undefined) delete out[k];
  else out[k] = c;
  return out;
}

const missing = (k: string) => new BadValue((at) => `an answer without ${at}.${k}`);

function describeValue(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
