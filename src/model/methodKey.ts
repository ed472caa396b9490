// Method-setting keys: `*/*` for the whole stage, else the resource path with `/` written `~1`, then `/VERB`.

export const ALL_METHODS_KEY = '*/*';

/** `/pets/{petId}` GET → `~1pets~1{petId}/GET`; `/` GET → `~1/GET`. JSON-pointer order: `~` first. */
export function methodKey(resourcePath: string, httpMethod: string): string {
  if (!resourcePath.startsWith('/')) throw new Error(`Resource path must start with "/": ${resourcePath}`);
  const verb = httpMethod.toUpperCase();
  if (!/^[A-Z]+$/.test(verb)) throw new Error(`Not an HTTP method: ${httpMethod}`);
  return `${escapePath(resourcePath)}/${verb}`;
}

export function escapePath(resourcePath: string): string {
  return resourcePath.replace(/~/g, '~0').replace(/\//g, '~1');
}

export interface MethodRef {
  readonly resourcePath: string;
  readonly httpMethod: string;
}

/** Inverse of methodKey; undefined for `*\/*` and for keys that are not method keys. */
export function parseMethodKey(key: string): MethodRef | undefined {
  const slash = key.lastIndexOf('/');
  if (slash <= 0 || key === ALL_METHODS_KEY) return undefined;
  const escaped = key.slice(0, slash);
  const httpMethod = key.slice(slash + 1);
  if (!escaped.startsWith('~1') || escaped.includes('/') || !/^[A-Z]+$/.test(httpMethod)) return undefined;
  return { resourcePath: escaped.replace(/~1/g, '/').replace(/~0/g, '~'), httpMethod };
}

/** `~1pets~1{petId}/GET` → `/pets/{petId}/GET`, the way people write it (the root: `//GET`); other keys as they are. */
export function readableMethodKey(key: string): string {
  const ref = parseMethodKey(key);
  return ref ? `${ref.resourcePath}/${ref.httpMethod}` : key;
}

/** `/` or `/a/{b}/{c+}`: no empty segment, no space, no `*` (wildcard keys are not edited here). */
function isResourcePath(path: string): boolean {
  return path === '/' || /^(\/[^/\s*]+)+$/.test(path);
}

/**
 * The method key a person wrote: `/pets/{petId}/GET`, `pets/GET` (Terraform's way) or `~1pets~1{petId}/GET`;
 * undefined if it names no single method. An escaped key must be escaped as methodKey does it.
 */
export function methodKeyFromText(text: string): string | undefined {
  if (text.startsWith('~1')) {
    const ref = parseMethodKey(text);
    return ref && isResourcePath(ref.resourcePath) && methodKey(ref.resourcePath, ref.httpMethod) === text ? text : undefined;
  }
  const slash = text.lastIndexOf('/');
  const verb = text.slice(slash + 1);
  if (slash <= 0 || !/^[A-Z]+$/.test(verb)) return undefined;
  const path = text.startsWith('/') ? text.slice(0, slash) : `/${text.slice(0, slash)}`;
  return isResourcePath(path) ? methodKey(path, verb) : undefined;
}

/** The patch path of one method setting, e.g. `/~1pets~1{petId}/GET/caching/enabled`. */
export function methodSettingPath(key: string, setting: string): string {
  return `/${key}/${setting}`;
}

export interface MethodEntry extends MethodRef {
  readonly key: string;
  /** `GET /pets/{petId}` */
  readonly label: string;
}

/** Every method of a GetResources answer (with `embed=methods`), in path order, verbs sorted. */
export function methodsOf(resources: readonly { path?: string; resourceMethods?: Record<string, unknown> }[]): MethodEntry[] {
  return resources.flatMap((r) =>
    r.path
      ? Object.keys(r.resourceMethods ?? {})
          .sort()
          .map((httpMethod) => ({ resourcePath: r.path!, httpMethod, key: methodKey(r.path!, httpMethod), label: `${httpMethod} ${r.path}` }))
      : [],
  );
}
