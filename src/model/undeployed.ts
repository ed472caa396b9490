// What the API has now that a stage's deployment does not: a deployment is a snapshot, and people
// change methods and forget to deploy. GetDeployment's `apiSummary` (path → verb → authorization
// type, API key required) is the snapshot; the API's resources with their methods are now.
import type { Resource } from '@aws-sdk/client-api-gateway';

/** GetDeployment `embed=apisummary`: resource path → HTTP method → what it requires. */
export type ApiSummary = Record<string, Record<string, { authorizationType?: string; apiKeyRequired?: boolean }>>;

export interface UndeployedChange {
  readonly path: string;
  readonly httpMethod: string;
  readonly kind: 'added' | 'removed' | 'authorization' | 'apiKey';
  /** One line: `POST /orders added`, `GET /pets: authorization NONE → AWS_IAM`. */
  readonly text: string;
}

/**
 * The changes, in path then method order; undefined when the deployment has no summary (the
 * emulators give none, and a guess would be worse than nothing).
 */
export function undeployedChanges(summary: ApiSummary | undefined, resources: readonly Resource[]): UndeployedChange[] | undefined {
  if (!summary) return undefined;
  const now = methodsNow(resources);
  const changes: UndeployedChange[] = [];
  const paths = new Set([...Object.keys(summary), ...now.keys()]);
  for (const path of [...paths].sort(compareText)) {
    const before = summary[path] ?? {};
    const after = now.get(path) ?? {};
    for (const verb of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareText)) {
      const was = before[verb];
      const is = after[verb];
      const name = `${verb} ${path}`;
      if (!was) changes.push({ path, httpMethod: verb, kind: 'added', text: `${name} added` });
      else if (!is) changes.push({ path, httpMethod: verb, kind: 'removed', text: `${name} removed` });
      else {
        const auth = (m: { authorizationType?: string }) => m.authorizationType ?? 'NONE';
        if (auth(was) !== auth(is)) changes.push({ path, httpMethod: verb, kind: 'authorization', text: `${name}: authorization ${auth(was)} → ${auth(is)}` });
        if (!!was.apiKeyRequired !== !!is.apiKeyRequired) {
          changes.push({ path, httpMethod: verb, kind: 'apiKey', text: `${name}: API key ${is.apiKeyRequired ? 'now required' : 'no longer required'}` });
        }
      }
    }
  }
  return changes;
}

/** `2 changes not deployed`; undefined when there are none (or none known). */
export function undeployedLabel(changes: readonly UndeployedChange[] | undefined): string | undefined {
  if (!changes?.length) return undefined;
  return `${changes.length} change${changes.length === 1 ? '' : 's'} not deployed`;
}

/** The deploy review's note: what the new deployment brings that the stage's deployment lacks; a sentence (a review row) each. */
export function undeployedNote(deploymentId: string, changes: readonly UndeployedChange[] | undefined): string | undefined {
  if (!changes?.length) return undefined;
  const n = changes.length === 1 ? '1 change' : `${changes.length} changes`;
  return `Deployment ${deploymentId} lacks ${n} that this deploy brings. ${changes.map((c) => `${c.text}.`).join(' ')}`;
}

function methodsNow(resources: readonly Resource[]): Map<string, ApiSummary[string]> {
  const out = new Map<string, ApiSummary[string]>();
  for (const r of resources) {
    const methods = Object.entries(r.resourceMethods ?? {});
    if (!r.path || !methods.length) continue;
    out.set(r.path, Object.fromEntries(methods.map(([verb, m]) => [verb, { authorizationType: m.authorizationType, apiKeyRequired: m.apiKeyRequired }])));
  }
  return out;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
