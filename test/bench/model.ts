// The settings model's own cost, no request: a save's conflict check on a stage with thousands of
// method overrides (the case that froze the extension host for 4.3 s when it was quadratic).
import { performance } from 'perf_hooks';
import type { MethodSetting, Stage } from '@aws-sdk/client-api-gateway';
import { concurrentChanges, rebase, stageChanges } from '../../src/model/stageChanges';
import { formFromStage } from '../../src/model/stageForm';
import { type Stats, stats } from './measure';

export interface ModelRow {
  readonly action: string;
  readonly overrides: number;
  readonly ms: Stats;
  /** The target for the row. */
  readonly targetMs: number;
}

function stageWith(overrides: number): Stage {
  const methodSettings: Record<string, MethodSetting> = { '*/*': { metricsEnabled: true, throttlingRateLimit: 100, throttlingBurstLimit: 50 } };
  for (let i = 0; i < overrides; i++) methodSettings[`~1res${i}/GET`] = { cachingEnabled: i % 2 === 0, cacheTtlInSeconds: 60 + (i % 100), throttlingRateLimit: 10, throttlingBurstLimit: 5 };
  return { stageName: 'prod', deploymentId: 'd1', description: 'before', methodSettings };
}

/** Median over `reps` runs after one warm-up, of: what they changed, the conflicts, their stage with my edit on top, and its patch. */
export function modelTimings(reps: number, overrides = 2000): ModelRow[] {
  const base = formFromStage(stageWith(overrides));
  // Someone else removed 1,500 of the overrides; I changed the description only.
  const theirs = structuredClone(base);
  for (const key of Object.keys(theirs.overrides).slice(0, Math.floor(overrides * 0.75))) delete theirs.overrides[key];
  const mine = { ...structuredClone(base), description: 'after' };
  const time = (fn: () => void) => {
    fn();
    return stats(Array.from({ length: reps }, () => {
      const t = performance.now();
      fn();
      return performance.now() - t;
    }));
  };
  return [
    {
      action: 'save: the conflict check (someone else removed 75 % of the overrides meanwhile, I edited the description)',
      overrides,
      targetMs: 50,
      ms: time(() => {
        if (concurrentChanges(base, mine, theirs).conflicts.length) throw new Error('no conflict expected');
      }),
    },
    { action: 'apply my edits on top: the rebase and its operations', overrides, targetMs: 50, ms: time(() => stageChanges(theirs, rebase(base, mine, theirs))) },
    { action: 'save: the operations of one edit', overrides, targetMs: 50, ms: time(() => stageChanges(base, mine)) },
  ];
}
