import type { StageForm } from '../../src/model/stageForm';

/** What a form means, for comparing two: lists in name order, no capacity while the cache is off. */
export function normalize(f: StageForm): unknown {
  const byName = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return { ...f, cacheClusterSize: f.cacheClusterEnabled ? f.cacheClusterSize : undefined, variables: [...f.variables].sort(byName), tags: [...f.tags].sort(byName) };
}
