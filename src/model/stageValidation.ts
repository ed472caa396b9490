// One check per field of the stage form; each returns what is wrong and what is allowed.
// Problem ids are form paths: `stageWide.cacheTtlInSeconds`, `overrides.<key>.throttlingRateLimit`, `variables.2.name`.
import { percentProblem } from './canary';
import { CACHE_SIZES, type CanaryValues, LOG_LEVELS, type MethodValues, type StageForm, UNAUTHORIZED_STRATEGIES } from './stageForm';
import { descriptionProblem } from './stageName';

export interface Problem {
  readonly id: string;
  readonly message: string;
}

/** The account's throttling limits from GetAccount; stage and method throttling may not exceed them. */
export interface AccountLimits {
  readonly rateLimit?: number;
  readonly burstLimit?: number;
}

export function ttlProblem(v: string): string | undefined {
  if (!/^\d+$/.test(v)) return 'Cache TTL is a whole number of seconds from 0 to 3600.';
  return Number(v) > 3600 ? `Cache TTL is at most 3600 seconds (${v} given).` : undefined;
}

export function rateProblem(v: string, limits: AccountLimits = {}): string | undefined {
  if (v === '') return 'Enter a rate: a number of requests per second, 0 or more.';
  // A run of digits long enough to overflow a double reads as Infinity: refused with the same words.
  if (!/^\d+(\.\d+)?$/.test(v) || !Number.isFinite(Number(v))) return 'Throttling rate is a number of requests per second, 0 or more (e.g. 100 or 12.5).';
  if (limits.rateLimit !== undefined && Number(v) > limits.rateLimit) return `Throttling rate may not exceed the account's limit of ${limits.rateLimit} requests per second.`;
  return undefined;
}

/** The largest burstLimit AWS's Integer holds. */
export const BURST_MAX = 2_147_483_647;

export function burstProblem(v: string, limits: AccountLimits = {}): string | undefined {
  if (v === '') return 'Enter a burst: a whole number of requests, 0 or more.';
  if (!/^\d+$/.test(v)) return 'Throttling burst is a whole number of requests, 0 or more.';
  if (limits.burstLimit !== undefined && Number(v) > limits.burstLimit) return `Throttling burst may not exceed the account's limit of ${limits.burstLimit} requests.`;
  // AWS's burstLimit is a 32-bit integer: a larger one would be refused even with no account limit known.
  if (Number(v) > BURST_MAX) return `Throttling burst is at most ${BURST_MAX} requests.`;
  return undefined;
}

export function cacheSizeProblem(v: string): string | undefined {
  return (CACHE_SIZES as readonly string[]).includes(v) ? undefined : `Cache capacity is one of ${CACHE_SIZES.join(', ')} GB.`;
}

export function logLevelProblem(v: string): string | undefined {
  return (LOG_LEVELS as readonly string[]).includes(v) ? undefined : 'Log level is OFF, ERROR or INFO.';
}

export function strategyProblem(v: string): string | undefined {
  return (UNAUTHORIZED_STRATEGIES as readonly string[]).includes(v) ? undefined : `Choose one of ${UNAUTHORIZED_STRATEGIES.join(', ')}.`;
}

export function variableNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) return 'A stage variable name is 1–64 letters, digits or "_" (no spaces or other characters).';
  return undefined;
}

export function variableValueProblem(value: string): string | undefined {
  if (value.length > 512) return `A stage variable value has at most 512 characters (${value.length} given).`;
  if (!/^[A-Za-z0-9\-._~:/?#&=,]+$/.test(value)) return 'A stage variable value is 1–512 characters: letters, digits and - . _ ~ : / ? # & = , only.';
  return undefined;
}

// AWS's tag characters: letters, digits and spaces of any script, and _ . : / = + - @. Lengths count characters, not UTF-16 units.
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_CHARS_TEXT = 'letters, digits, spaces and _ . : / = + - @';

export function tagKeyProblem(key: string): string | undefined {
  const n = [...key].length;
  if (n < 1 || n > 128) return 'A tag key has 1–128 characters.';
  if (/^aws:/i.test(key)) return 'Tag keys starting with "aws:" are reserved by AWS.';
  if (!TAG_CHARS.test(key)) return `A tag key has only ${TAG_CHARS_TEXT}.`;
  return undefined;
}

export function tagValueProblem(value: string): string | undefined {
  const n = [...value].length;
  if (n > 256) return `A tag value has at most 256 characters (${n} given).`;
  if (!TAG_CHARS.test(value)) return `A tag value has only ${TAG_CHARS_TEXT}.`;
  return undefined;
}

export function accessLogArnProblem(arn: string): string | undefined {
  if (!/^arn:aws[a-z-]*:(logs|firehose):[a-z0-9-]+:\d{12}:.+$/.test(arn)) {
    return 'The destination is the ARN of a CloudWatch Logs log group or a Firehose stream (arn:aws:logs:region:account:log-group:name).';
  }
  // Past the account: the names AWS allows (log groups: 1–512 of [A-Za-z0-9_./#-]; API Gateway's Firehose streams: amazon-apigateway-…).
  if (/:logs:/.test(arn) && !/:log-group:[\w./#-]{1,512}(:\*)?$/.test(arn)) {
    return 'A log group ARN ends in log-group:name, the name 1–512 letters, digits and _ - / . # (arn:aws:logs:region:account:log-group:name).';
  }
  if (/:firehose:/.test(arn) && !/:deliverystream\/amazon-apigateway-[\w.-]{1,46}$/.test(arn)) {
    return 'A Firehose stream for access logs is named amazon-apigateway-…, of letters, digits and _ - . (arn:aws:firehose:region:account:deliverystream/amazon-apigateway-name).';
  }
  return undefined;
}

export function accessLogFormatProblem(format: string): string | undefined {
  if (/[\r\n]/.test(format)) return 'The access log format is one line.';
  if (new TextEncoder().encode(format).length > 3 * 1024) return 'The access log format is at most 3 KB.';
  if (!format.includes('$context.requestId')) return 'The access log format must include $context.requestId.';
  return undefined;
}

const ROLE_EXAMPLE = 'arn:aws:iam::123456789012:role/APIGatewayPushToCloudWatchLogs';
/** The characters of an IAM role's name and path parts (IAM's `[\w+=,.@-]`). */
const ROLE_CHARS = /^[\w+=,.@-]+$/;

/**
 * An IAM role's ARN, `arn:<partition>:iam::<12-digit account id>:role/<path/><name>`, or what is
 * wrong with it, said plainly: a space, the account id's digits, the missing `role/`, a user's or a
 * session's ARN, the partition, the service, a region where IAM has none, the name's characters and
 * length. Spaces around it are left to the caller (the box trims them).
 */
export function roleArnProblem(input: string): string | undefined {
  const arn = input.trim();
  if (!arn) return `Enter the ARN of an IAM role, like ${ROLE_EXAMPLE}.`;
  const space = arn.search(/\s/);
  if (space >= 0) return `An ARN has no spaces: there is one after "${arn.slice(Math.max(0, space - 24), space)}".`;
  if (/^\d{12}$/.test(arn)) return `That is an account id alone: the role's ARN is arn:aws:iam::${arn}:role/ and the role's name.`;
  if (!/^arn:/i.test(arn)) {
    if (/^role\//.test(arn)) return `That is the end of a role's ARN: it starts with "arn:aws:iam::" and the 12-digit account id, like ${ROLE_EXAMPLE}.`;
    if (ROLE_CHARS.test(arn)) return `That is the role's name alone: its ARN is arn:aws:iam::<12-digit account id>:role/ and the name, like ${ROLE_EXAMPLE}.`;
    return `An IAM role's ARN starts with "arn:", like ${ROLE_EXAMPLE}.`;
  }
  const parts = arn.split(':');
  const [prefix, partition, service, region, account] = parts;
  const resource = parts.slice(5).join(':');
  if (prefix !== 'arn' || partition !== partition.toLowerCase() || service !== service.toLowerCase()) return `"arn:aws:iam" is written in lower case.`;
  if (parts.length < 6) return `An IAM role's ARN has six parts separated by ":", like ${ROLE_EXAMPLE}; this one has ${parts.length}.`;
  if (!/^aws(-[a-z]+)*$/.test(partition)) return `The partition is "aws" (or "aws-cn", "aws-us-gov"), not "${partition}".`;
  if (service === 'sts' && /^assumed-role\/[^/]+\//.test(resource)) {
    return `That is the ARN of a session of a role (sts, assumed-role), not of the role: use arn:${partition}:iam::${account}:role/${resource.split('/')[1]}.`;
  }
  if (service !== 'iam') return `The service of a role's ARN is "iam", not "${service}".`;
  if (region) return `An IAM ARN has no region: "iam::" is followed by the account id (not "${region}").`;
  if (!account) return 'The account id is missing: 12 digits between "iam::" and ":role/".';
  if (!/^\d{12}$/.test(account)) {
    return /^\d+$/.test(account) ? `The account id is 12 digits; this one has ${account.length}.` : `The account id is 12 digits, nothing else: not "${account}".`;
  }
  if (parts.length > 6) return 'A role\'s name and path have no ":".';
  const kind = /^(user|group|policy|instance-profile|saml-provider|oidc-provider|server-certificate|mfa)\//.exec(resource)?.[1];
  if (kind) return `That is the ARN of an IAM ${kind.replace(/-/g, ' ')}, not of a role: after the account id comes "role/".`;
  if (/^role\//i.test(resource) && !resource.startsWith('role/')) return '"role/" is written in lower case.';
  if (!resource.startsWith('role/')) return `After the account id comes "role/" and the role's name, like ${ROLE_EXAMPLE}.`;
  const segments = resource.slice('role/'.length).split('/');
  const name = segments.pop()!;
  if (!name) return segments.length ? 'The role\'s name is missing after its path (the ARN ends with "/").' : 'The role\'s name is missing after "role/".';
  if (segments.some((x) => !x)) return 'The role\'s path has an empty part ("//").';
  const odd = [...segments, name].join('/').replace(/[\w+=,.@/-]/g, '');
  if (odd) return `A role's name and path have only letters, digits and + = , . @ _ - (not "${[...odd][0]}").`;
  // IAM: a path of at most 512 characters (with its slashes), a name of 1–64.
  const path = segments.length ? `/${segments.join('/')}/` : '/';
  if (path.length > 512) return `A role's path has at most 512 characters (this one has ${path.length}).`;
  if (name.length > 64) return `An IAM role name has at most 64 characters (this one has ${name.length}).`;
  return undefined;
}

/**
 * `inherits`: for an override that is new in this save, the stage-wide values it is created from. AWS starts a new
 * method entry from the current `*\/*` entry, and no operation can unset a throttling value: an empty one would
 * come back as the stage-wide value, not as "account default".
 */
function methodProblems(prefix: string, v: MethodValues, limits: AccountLimits, loaded: MethodValues | undefined, inherits?: MethodValues): Problem[] {
  const out: Problem[] = [];
  const add = (field: keyof MethodValues, message: string | undefined) => {
    if (message) out.push({ id: `${prefix}.${field}`, message });
  };
  add('cacheTtlInSeconds', ttlProblem(v.cacheTtlInSeconds));
  add('loggingLevel', logLevelProblem(v.loggingLevel));
  add('unauthorizedCacheControlHeaderStrategy', strategyProblem(v.unauthorizedCacheControlHeaderStrategy));
  // A throttling value once set cannot be unset alone (AWS has no path for it): empty is only fine if it was empty.
  if (v.throttlingRateLimit !== '' || loaded?.throttlingRateLimit) add('throttlingRateLimit', rateProblem(v.throttlingRateLimit, limits));
  else if (inherits?.throttlingRateLimit) add('throttlingRateLimit', `${rateProblem('')} A new override gets the stage-wide rate (${inherits.throttlingRateLimit}) unless it has its own.`);
  if (v.throttlingBurstLimit !== '' || loaded?.throttlingBurstLimit) add('throttlingBurstLimit', burstProblem(v.throttlingBurstLimit, limits));
  else if (inherits?.throttlingBurstLimit) add('throttlingBurstLimit', `${burstProblem('')} A new override gets the stage-wide burst (${inherits.throttlingBurstLimit}) unless it has its own.`);
  return out;
}

/** Everything wrong with the form; `loaded` is the form as loaded (for what cannot be emptied again). */
export function formProblems(form: StageForm, limits: AccountLimits = {}, loaded?: StageForm): Problem[] {
  const out: Problem[] = [];
  const description = descriptionProblem(form.description);
  if (description) out.push({ id: 'description', message: description });
  if (form.cacheClusterEnabled) {
    const p = cacheSizeProblem(form.cacheClusterSize);
    if (p) out.push({ id: 'cacheClusterSize', message: p });
  }
  if (form.accessLogDestinationArn || form.accessLogFormat) {
    // A destination as loaded was taken by AWS: not checked again (it may be of a form this check does not know).
    const arn = !form.accessLogDestinationArn ? 'Enter the destination ARN too, or clear the format to turn access logging off.'
      : form.accessLogDestinationArn === loaded?.accessLogDestinationArn ? undefined : accessLogArnProblem(form.accessLogDestinationArn);
    const fmt = form.accessLogFormat ? accessLogFormatProblem(form.accessLogFormat) : 'Enter a format too, or clear the destination to turn access logging off.';
    if (arn) out.push({ id: 'accessLogDestinationArn', message: arn });
    if (fmt) out.push({ id: 'accessLogFormat', message: fmt });
  }
  if (form.variables.length > 100) out.push({ id: 'variables', message: `A stage has at most 100 variables (${form.variables.length} given).` });
  out.push(...variableProblems('variables', form.variables, 'Stage variable'));
  if (form.tags.length > 50) out.push({ id: 'tags', message: `A stage has at most 50 tags (${form.tags.length} given).` });
  const seenTags = new Set<string>();
  // A tag as loaded was taken by AWS (or another tool): not checked again, so it never blocks a save.
  const loadedTags = new Map(loaded?.tags);
  form.tags.forEach(([key, value], i) => {
    const k = (loadedTags.has(key) ? undefined : tagKeyProblem(key)) ?? (seenTags.has(key) ? `Tag "${key}" is listed twice: each key once.` : undefined);
    seenTags.add(key);
    if (k) out.push({ id: `tags.${i}.key`, message: k });
    const v = loadedTags.get(key) === value ? undefined : tagValueProblem(value);
    if (v) out.push({ id: `tags.${i}.value`, message: v });
  });
  // AWS refuses to change or remove an `aws:` tag (CloudFormation's stack name): it belongs to the tool that made the stage.
  const kept = new Map(form.tags);
  for (const [key, value] of loadedTags) {
    if (/^aws:/i.test(key) && kept.get(key) !== value) out.push({ id: 'tags', message: `Tag "${key}" stays as it is (${kept.has(key) ? 'changed' : 'removed'} here): keys starting with "aws:" are AWS's, set by the tool that made the stage.` });
  }
  if (form.canary) out.push(...canaryProblems(form.canary, loaded));
  out.push(...methodProblems('stageWide', form.stageWide, limits, loaded?.stageWide));
  for (const [key, values] of Object.entries(form.overrides)) {
    const isNew = loaded !== undefined && !loaded.overrides[key];
    out.push(...methodProblems(`overrides.${key}`, values, limits, loaded?.overrides[key], isNew ? form.stageWide : undefined));
  }
  return out;
}

/** Names and values of variables, or of a canary's overrides of them (the same rules): each name once. */
function variableProblems(prefix: string, list: readonly [string, string][], what: string): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  list.forEach(([name, value], i) => {
    const n = variableNameProblem(name) ?? (seen.has(name) ? `${what} "${name}" is listed twice: each name once.` : undefined);
    seen.add(name);
    if (n) out.push({ id: `${prefix}.${i}.name`, message: n });
    const v = variableValueProblem(value);
    if (v) out.push({ id: `${prefix}.${i}.value`, message: v });
  });
  return out;
}

/** A deployment id as API Gateway makes them (letters and digits). */
export function deploymentIdProblem(id: string): string | undefined {
  return /^[A-Za-z0-9]{1,64}$/.test(id) ? undefined : `A deployment id is letters and digits, as API Gateway makes them (${JSON.stringify(id)} given).`;
}

/** The canary as edited: its share, its deployment and overrides. The form edits a canary; it does not make one. */
function canaryProblems(c: CanaryValues, loaded: StageForm | undefined): Problem[] {
  if (loaded && !loaded.canary) return [{ id: 'canary', message: 'A canary is made with Deploy to Canary… (a new deployment for it): the form edits an existing one.' }];
  const out: Problem[] = [];
  // The share as loaded was taken by AWS: not checked again.
  const share = c.percentTraffic === loaded?.canary?.percentTraffic ? undefined : percentProblem(c.percentTraffic);
  if (share) out.push({ id: 'canary.percentTraffic', message: share });
  const deployment = deploymentIdProblem(c.deploymentId);
  if (deployment) out.push({ id: 'canary.deploymentId', message: deployment });
  out.push(...variableProblems('canary.overrides', c.overrides, 'Canary override'));
  return out;
}

