// The stage's settings as a JSON document (Reopen Editor With… → Text Editor): the form's fields in the shape
// `aws apigateway get-stage` prints, without its read-only fields; and the document read back into a form, each
// problem at its place in the text. The rules are the form's (formProblems): this file only adds JSON's own.
//
// Reading, a field missing from the document is AWS's default or off (no description, no variables, no tags, cache
// and tracing off, access logging off, a stage-wide setting at AWS's default, no throttling): the document is the
// whole truth for what it holds (a stage variable's value, hidden as "(hidden)", keeps the stage's). Except in a method override: there a missing field keeps the value the override
// has in `base`, and in a new override takes the stage-wide value, as AWS starts a new override from `*/*`.
import type { Node } from 'jsonc-parser';
import { type JsonProblem, JsonNumber, JsonObject, type JsonValue, jsonPointer, parseJson, printJson } from './jsonDocument';
import { ALL_METHODS_KEY, methodKeyFromText, readableMethodKey } from './methodKey';
import { DEFAULT_CACHE_SIZE, METHOD_DEFAULTS, METHOD_FIELDS, type MethodValues, newOverride, type StageForm } from './stageForm';
import {
  accessLogArnProblem, accessLogFormatProblem, type AccountLimits, burstProblem, cacheSizeProblem, formProblems, logLevelProblem, rateProblem,
  strategyProblem, ttlProblem, variableValueProblem,
} from './stageValidation';

export type { JsonProblem };

const TOP_FIELDS = ['description', 'cacheClusterEnabled', 'cacheClusterSize', 'tracingEnabled', 'accessLogSettings', 'variables', 'tags', 'methodSettings'];
const ACCESS_LOG_FIELDS = ['destinationArn', 'format'];
/** Fields of get-stage's answer that this document leaves out, and what to do instead. */
const NOT_HERE: Record<string, string> = {
  deploymentId: 'the deployment is changed with Change Deployment…',
  stageName: 'a stage keeps its name',
  clientCertificateId: 'it is not edited here',
  documentationVersion: 'it is not edited here',
  canarySettings: "the canary is edited in the form's Canary section, or with Deploy to Canary…, Promote Canary… and Delete Canary…",
  webAclArn: 'it is not edited here',
  cacheClusterStatus: 'it is read-only',
  createdDate: 'it is read-only',
  lastUpdatedDate: 'it is read-only',
};
/** What a method setting's number holds, in the words of its check (each given a value it never takes). */
const NUMBERS: Partial<Record<keyof MethodValues, { integer: boolean; rule: string }>> = {
  cacheTtlInSeconds: { integer: true, rule: ttlProblem('')! },
  throttlingRateLimit: { integer: false, rule: rateProblem('x')! },
  throttlingBurstLimit: { integer: true, rule: burstProblem('x')! },
};
const ENUM_RULES: Partial<Record<keyof MethodValues, string>> = {
  loggingLevel: logLevelProblem('')!,
  unauthorizedCacheControlHeaderStrategy: strategyProblem('')!,
};
const MAX_PROBLEMS = 100;
/** A stage variable's value as the document shows it; it keeps the stage's value. Never a real value: AWS allows no space or parenthesis in one. */
export const HIDDEN_VALUE = '(hidden)';

/** The JSON document of a form: 2-space indent, a final line break, keys in a fixed order. */
export function stageJsonText(form: StageForm): string {
  const doc: [string, JsonValue][] = [
    ['description', form.description],
    ['cacheClusterEnabled', form.cacheClusterEnabled],
    ['cacheClusterSize', form.cacheClusterSize],
    ['tracingEnabled', form.tracingEnabled],
  ];
  if (form.accessLogDestinationArn || form.accessLogFormat) {
    doc.push(['accessLogSettings', new JsonObject([['destinationArn', form.accessLogDestinationArn], ['format', form.accessLogFormat]])]);
  }
  // Entries, not an object: a name the form lists twice stays twice, and reading it back says so.
  // A variable's value is not written: it often holds a backend key, and VS Code backs an edited document up to disk in plain text.
  doc.push(['variables', new JsonObject(form.variables.map(([name]) => [name, HIDDEN_VALUE]))], ['tags', new JsonObject(form.tags)]);
  const overrides = Object.keys(form.overrides).map((key) => [readableMethodKey(key), key] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  doc.push(['methodSettings', new JsonObject([[ALL_METHODS_KEY, methodJson(form.stageWide)], ...overrides.map(([readable, key]) => [readable, methodJson(form.overrides[key])] as const)])]);
  return printJson(new JsonObject(doc));
}

function methodJson(values: MethodValues): JsonObject {
  return new JsonObject(METHOD_FIELDS.flatMap((field): [string, JsonValue][] => {
    const v = values[field];
    if (typeof v === 'boolean' || !NUMBERS[field]) return [[field, v]];
    return v === '' && field !== 'cacheTtlInSeconds' ? [] : [[field, numberJson(v)]];
  }));
}

/** A form's number as a JSON number when it is one (`007` as 7); else the text typed, as a string, which reading refuses with the field's rule. */
function numberJson(v: string): JsonValue {
  if (/^(0|[1-9]\d*)(\.\d+)?$/.test(v)) return new JsonNumber(v);
  if (/^\d+(\.\d+)?$/.test(v) && Number.isFinite(Number(v))) return new JsonNumber(String(Number(v)));
  return v;
}

/**
 * The form a document describes, or everything wrong with it. `base` is the form as loaded: it gives the
 * deployment, the fields an existing override leaves out, and what formProblems does not check again (tags and
 * an access log destination AWS took, throttling that cannot be unset). Never throws.
 */
export function parseStageJson(text: string, base: StageForm, limits: AccountLimits = {}): { form: StageForm } | { problems: JsonProblem[] } {
  try {
    return read(text, base, limits);
  } catch (e) {
    return { problems: [{ path: '', message: `The document could not be read: ${e instanceof Error ? e.message : String(e)}`, offset: 0, length: 0 }] };
  }
}

/** Where a form field came from: its value, or (when missing) the object that lacks it. */
interface Place {
  readonly path: string;
  readonly offset: number;
  readonly length: number;
  readonly missing?: string;
  /** Missing, and given a value from elsewhere (AWS's default, base or `*\/*`), checked where it is written. */
  readonly inherited?: boolean;
}

interface Prop {
  readonly name: string;
  readonly key: Node;
  readonly value: Node;
  readonly path: (string | number)[];
}

function read(text: string, base: StageForm, limits: AccountLimits): { form: StageForm } | { problems: JsonProblem[] } {
  const parsed = parseJson(text);
  if ('problems' in parsed) return parsed;
  const r = new Reader(text);
  const top = r.fields(parsed.root, [], [...TOP_FIELDS, '$schema'], 'The document is one JSON object of the stage\'s settings: { "description": "…", "methodSettings": { "*/*": { … } } }.');
  if (!top) return { problems: r.problems };
  const rootAnchor = { offset: parsed.root.offset, length: 1 };
  const field = (name: string) => top.get(name);
  r.place('description', field('description'), rootAnchor, ['description']);
  r.place('cacheClusterSize', field('cacheClusterSize'), rootAnchor, ['cacheClusterSize']);
  const size = r.str(field('cacheClusterSize'), cacheSizeProblem('')!);
  // Checked even with the cache off, as the schema does: the document states it.
  if (size !== undefined && cacheSizeProblem(size)) r.problem(r.valuePlace(field('cacheClusterSize')!), cacheSizeProblem(size)!);

  const form: StageForm = {
    description: r.str(field('description'), 'A description is text.') ?? '',
    deploymentId: base.deploymentId,
    // Edited in the form, or with the canary's commands: the document keeps the stage's.
    ...(base.canary ? { canary: base.canary } : {}),
    cacheClusterEnabled: r.bool(field('cacheClusterEnabled')) ?? false,
    cacheClusterSize: size ?? DEFAULT_CACHE_SIZE,
    tracingEnabled: r.bool(field('tracingEnabled')) ?? false,
    ...readAccessLog(r, field('accessLogSettings')),
    variables: readVariables(r, field('variables'), base),
    tags: readPairs(r, field('tags'), 'tags', ['key', 'value'], 'A tag value is text, at most 256 characters.'),
    stageWide: { ...METHOD_DEFAULTS },
    overrides: {},
  };
  readMethodSettings(r, field('methodSettings'), rootAnchor, form, base);

  // The form's own rules, each at the place its field came from; a place already refused for its JSON is not marked twice.
  const taken = new Set(r.problems.map((p) => `${p.path}@${p.offset}`));
  for (const p of formProblems(form, limits, base)) {
    const at = r.places.get(p.id) ?? { path: '', offset: parsed.root.offset, length: 1 };
    if (at.inherited || taken.has(`${at.path}@${at.offset}`)) continue;
    taken.add(`${at.path}@${at.offset}`);
    const why = at.missing && /^throttling/.test(at.missing) ? ' AWS cannot unset a throttling value once set.' : '';
    r.problem(at, at.missing ? `Missing "${at.missing}".${why} ${p.message}` : p.message);
  }
  return r.problems.length ? { problems: capped(r.problems) } : { form };
}

function readAccessLog(r: Reader, prop: Prop | undefined): Pick<StageForm, 'accessLogDestinationArn' | 'accessLogFormat'> {
  if (!prop) return { accessLogDestinationArn: '', accessLogFormat: '' };
  const fields = r.fields(prop.value, prop.path, ACCESS_LOG_FIELDS, 'Expected an object: { "destinationArn": "arn:aws:logs:…", "format": "… $context.requestId …" }.');
  const out = { accessLogDestinationArn: '', accessLogFormat: '' };
  if (!fields) return out;
  const parts = [['destinationArn', 'accessLogDestinationArn', accessLogArnProblem('')!], ['format', 'accessLogFormat', accessLogFormatProblem('')!]] as const;
  for (const [name, id, rule] of parts) {
    const p = fields.get(name);
    const at = r.place(id, p, prop.key, [...prop.path, name]);
    const v = r.str(p, rule);
    if (v === undefined && p) continue;
    // Both or neither: an empty block or field is a mistake here (the form reads two empty fields as "off").
    if (!v) r.problem(at, `${at.missing ? `Missing "${name}". ` : ''}${rule} Or remove accessLogSettings to turn access logging off.`);
    else out[id] = v;
  }
  return out;
}

/** Variables: "(hidden)" keeps the value the stage has; a variable the stage does not have needs one. */
function readVariables(r: Reader, prop: Prop | undefined, base: StageForm): [string, string][] {
  const known = new Map(base.variables);
  const pairs = readPairs(r, prop, 'variables', ['name', 'value'], variableValueProblem('')!);
  return pairs.map(([name, value], i) => {
    if (value !== HIDDEN_VALUE) return [name, value];
    const kept = known.get(name);
    if (kept === undefined) r.problem(r.places.get(`variables.${i}.value`)!, `${quoted(name)} is new: give it a value ("${HIDDEN_VALUE}" keeps a value the stage has). ${variableValueProblem('')}`);
    return [name, kept ?? ''];
  });
}

/** Variables or tags: an object of strings, in document order; a name given twice is kept, for formProblems to name. */
function readPairs(r: Reader, prop: Prop | undefined, id: 'variables' | 'tags', [first, second]: [string, string], rule: string): [string, string][] {
  if (!prop) return [];
  r.places.set(id, r.keyPlace(prop));
  const entries = r.entries(prop.value, prop.path, `Expected an object of ${id === 'variables' ? 'names and values: { "alias": "live" }' : 'keys and values: { "team": "pets" }'}.`);
  return (entries ?? []).map((p, i) => {
    r.places.set(`${id}.${i}.${first}`, r.keyPlace(p));
    r.places.set(`${id}.${i}.${second}`, r.valuePlace(p));
    return [p.name, r.str(p, rule) ?? ''];
  });
}

function readMethodSettings(r: Reader, prop: Prop | undefined, rootAnchor: { offset: number; length: number }, form: StageForm, base: StageForm): void {
  const entries = prop ? r.entries(prop.value, prop.path, 'Expected an object of method settings: { "*/*": { … }, "/pets/{petId}/GET": { … } }.') ?? [] : [];
  const stageWide = entries.filter((p) => p.name === ALL_METHODS_KEY);
  for (const p of stageWide.slice(1)) r.problem(r.keyPlace(p), `"${ALL_METHODS_KEY}" is given twice: keep one.`);
  form.stageWide = readMethod(r, stageWide[0], prop?.key ?? rootAnchor, [...(prop?.path ?? ['methodSettings']), ALL_METHODS_KEY], 'stageWide', METHOD_DEFAULTS);
  const seen = new Map<string, string>();
  for (const p of entries) {
    if (p.name === ALL_METHODS_KEY) continue;
    const key = methodKeyFromText(p.name);
    if (!key) {
      r.problem(r.keyPlace(p), `${quoted(p.name)} is not a method key. Write "*/*" for every method, or a resource path and an HTTP method in capitals, like "/pets/{petId}/GET".`);
      continue;
    }
    const before = seen.get(key);
    if (before !== undefined) {
      r.problem(r.keyPlace(p), before === p.name ? `${quoted(p.name)} is given twice: keep one.` : `${quoted(p.name)} and ${quoted(before)} are the same method: keep one.`);
      continue;
    }
    seen.set(key, p.name);
    const fallback = Object.hasOwn(base.overrides, key) ? base.overrides[key] : newOverride(form);
    form.overrides[key] = readMethod(r, p, p.key, p.path, `overrides.${key}`, fallback);
  }
}

function readMethod(r: Reader, prop: Prop | undefined, anchor: { offset: number; length: number }, path: (string | number)[], id: string, fallback: MethodValues): MethodValues {
  const out: Record<string, string | boolean> = { ...fallback };
  const fields = prop ? r.fields(prop.value, path, METHOD_FIELDS, 'Expected an object of settings: { "cachingEnabled": false, "cacheTtlInSeconds": 300, … }.') : undefined;
  for (const field of METHOD_FIELDS) {
    const p = fields?.get(field);
    r.place(`${id}.${field}`, p, prop?.key ?? anchor, [...path, field], fallback[field] !== '');
    const number = NUMBERS[field];
    const v = typeof METHOD_DEFAULTS[field] === 'boolean' ? r.bool(p) : number ? r.num(p, number.integer, number.rule) : r.str(p, ENUM_RULES[field]!);
    if (v !== undefined) out[field] = v;
  }
  return out as unknown as MethodValues;
}

function capped(problems: JsonProblem[]): JsonProblem[] {
  const sorted = [...problems].sort((a, b) => a.offset - b.offset || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (sorted.length <= MAX_PROBLEMS) return sorted;
  const rest = sorted[MAX_PROBLEMS];
  return [...sorted.slice(0, MAX_PROBLEMS), { ...rest, message: `…and ${sorted.length - MAX_PROBLEMS} more problems from here on.` }];
}

/** Reads typed values from the tree, noting each problem and where each form field came from. */
class Reader {
  readonly problems: JsonProblem[] = [];
  /** By formProblems' ids (`stageWide.cacheTtlInSeconds`, `variables.2.name`). */
  readonly places = new Map<string, Place>();

  constructor(private readonly text: string) {}

  problem(at: Place, message: string): void {
    this.problems.push({ path: at.path, message, offset: at.offset, length: at.length });
  }

  keyPlace(p: Prop): Place {
    return { path: jsonPointer(p.path), offset: p.key.offset, length: p.key.length };
  }

  valuePlace(p: Prop): Place {
    return { path: jsonPointer(p.path), offset: p.value.offset, length: p.value.length };
  }

  /** Notes where form field `id` comes from: the value, or the anchor (the key of the object that lacks it). */
  place(id: string, p: Prop | undefined, anchor: { offset: number; length: number }, path: (string | number)[], inherited = false): Place {
    const at = p ? this.valuePlace(p) : { path: jsonPointer(path), offset: anchor.offset, length: anchor.length, missing: String(path[path.length - 1]), inherited };
    this.places.set(id, at);
    return at;
  }

  /** An object's properties in order (a name may repeat), or undefined if `node` is not an object. */
  entries(node: Node, path: (string | number)[], notObject: string): Prop[] | undefined {
    if (node.type !== 'object') {
      this.problem({ path: jsonPointer(path), offset: node.offset, length: node.length }, `${notObject} Here it is ${kindOf(node)}.`);
      return undefined;
    }
    return (node.children ?? []).flatMap((c) => {
      const [key, value] = c.children ?? [];
      return key && value ? [{ name: String(key.value), key, value, path: [...path, String(key.value)] }] : [];
    });
  }

  /** An object of known fields: an unknown one or one given twice is a problem; `$schema` is skipped. */
  fields(node: Node, path: (string | number)[], allowed: readonly string[], notObject: string): Map<string, Prop> | undefined {
    const entries = this.entries(node, path, notObject);
    if (!entries) return undefined;
    const out = new Map<string, Prop>();
    for (const p of entries) {
      if (!allowed.includes(p.name)) {
        const why = path.length === 0 && Object.hasOwn(NOT_HERE, p.name) ? `"${p.name}" is not part of this document: ${NOT_HERE[p.name]}. Remove it.` : `Unknown property ${quoted(p.name)}.`;
        this.problem(this.keyPlace(p), `${why} Allowed here: ${allowed.filter((a) => a !== '$schema').join(', ')}.`);
      } else if (out.has(p.name)) this.problem(this.keyPlace(p), `${quoted(p.name)} is given twice: keep one.`);
      else if (p.name !== '$schema') out.set(p.name, p);
    }
    return out;
  }

  str(p: Prop | undefined, rule: string): string | undefined {
    if (!p) return undefined;
    if (p.value.type === 'string') return p.value.value as string;
    const literal = this.literal(p.value);
    const hint = p.value.type === 'number' || p.value.type === 'boolean' ? ` Write it in quotes: ${quoted(literal)}.` : '';
    this.problem(this.valuePlace(p), `Expected a string, not ${kindOf(p.value)}. ${rule}${hint}`);
    return undefined;
  }

  bool(p: Prop | undefined): boolean | undefined {
    if (!p) return undefined;
    if (p.value.type === 'boolean') return p.value.value as boolean;
    const hint = p.value.type === 'string' && /^(true|false)$/.test(p.value.value as string) ? ` Write it without quotes: ${p.value.value}.` : '';
    this.problem(this.valuePlace(p), `Expected true or false, not ${kindOf(p.value)}.${hint}`);
    return undefined;
  }

  /** A number as the form holds it: the text written when it is plain (`10000.0` stays), else its value (`1e3` is 1000). */
  num(p: Prop | undefined, integer: boolean, rule: string): string | undefined {
    if (!p) return undefined;
    if (p.value.type === 'number') {
      const literal = this.literal(p.value);
      return /^\d+(\.\d+)?$/.test(literal) && !(integer && literal.includes('.')) ? literal : String(p.value.value);
    }
    const hint = p.value.type === 'string' && /^\d+(\.\d+)?$/.test(p.value.value as string) ? ` Write it without quotes: ${p.value.value}.` : '';
    this.problem(this.valuePlace(p), `Expected a number, not ${kindOf(p.value)}. ${rule}${hint}`);
    return undefined;
  }

  private literal(node: Node): string {
    return this.text.slice(node.offset, node.offset + node.length);
  }
}

/** A name from the document, as JSON writes it (control characters escaped), cut when long. */
function quoted(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 57)}…` : name);
}

const KINDS: Record<Node['type'], string> = { string: 'a string', number: 'a number', boolean: '', null: 'null', array: 'a list', object: 'an object', property: 'a property' };

function kindOf(node: Node): string {
  return node.type === 'boolean' ? String(node.value) : KINDS[node.type];
}
