// Runs one action at one scale: ours, the bare SDK and the AWS CLI side by side, each repeated,
// timed and counted (requests by operation, as the paging proxy saw them).
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { performance } from 'perf_hooks';
import { type ApiProxy, matcher, OPERATIONS } from '../harness/apiProxy';
import type { Action, Budget, Ours } from './actions';
import { awsApigateway } from './cli';
import type { Fixture } from './scales';

export type Variant = 'ours' | 'bare' | 'cli';

export interface Stats {
  readonly runs: number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface VariantResult {
  readonly ms: Stats;
  /** Requests of one run, by operation (the same in every run, else the largest run's). */
  readonly requests: Record<string, number>;
}

export interface CellResult {
  readonly action: string;
  readonly group: string;
  readonly size: number;
  readonly budget: Budget;
  readonly results: Partial<Record<Variant, VariantResult>>;
}

export interface Bench {
  readonly proxy: ApiProxy;
  readonly ours: Ours;
  /** The bare SDK's client, through the proxy. */
  readonly bare: APIGatewayClient;
  /** Straight to the emulator: setup and cleanup, never counted. */
  readonly direct: APIGatewayClient;
  /** The `aws` binary, or undefined to skip the CLI. */
  readonly cli?: string;
  readonly reps: number;
  /** The session's page size (500 unless a test lowers it). */
  readonly pageSize: number;
}

export function stats(runs: number[]): Stats {
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { runs, median, min: sorted[0], max: sorted[sorted.length - 1] };
}

const OPERATION_MATCHERS = Object.keys(OPERATIONS).map((name) => ({ name, matches: matcher(name) }));

/** `METHOD /path [call]` as the proxy records it, named by SDK operation. */
export function operationOf(request: string): string {
  const [method, path, call] = request.split(' ');
  return OPERATION_MATCHERS.find((m) => m.matches(method, path, call))?.name ?? request;
}

export function countByOperation(requests: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of requests) {
    const op = operationOf(r);
    out[op] = (out[op] ?? 0) + 1;
  }
  return out;
}

/** Runs one variant once: prepare, then the timed and counted part, then cleanup. */
export async function runOnce(b: Bench, a: Action<never>, f: Fixture, variant: Variant): Promise<{ ms: number; requests: Record<string, number> }> {
  const p = (await a.prepare?.(f, b.ours, b.direct)) as never;
  const from = b.proxy.requests.length;
  const started = performance.now();
  if (variant === 'ours') await a.ours(b.ours, f, p);
  else if (variant === 'bare') await a.bare(b.bare, f, p);
  else for (const args of a.cli!(f, p)) await awsApigateway(b.cli!, b.proxy.endpoint, args);
  const ms = performance.now() - started;
  const requests = countByOperation(b.proxy.requests.slice(from));
  await a.cleanup?.(f, b.direct, p);
  return { ms, requests };
}

/** Below this a run is within the noise of a shared machine: ours and the bare SDK run FAST_FACTOR times as often. */
const FAST_MS = 100;
const FAST_FACTOR = 4;

/**
 * One untimed run of each variant (connections, JIT), then `reps` runs each, interleaved; ours
 * and the bare SDK FAST_FACTOR × `reps` runs when a run takes under FAST_MS.
 */
export async function measure(b: Bench, a: Action<never>, f: Fixture): Promise<CellResult> {
  const variants: Variant[] = ['ours', 'bare', ...(a.cli && b.cli ? (['cli'] as const) : [])];
  const times: Record<string, number[]> = {};
  const counts: Record<string, Record<string, number>> = {};
  let slowest = 0;
  for (const v of variants) {
    const warm = await runOnce(b, a, f, v);
    if (v !== 'cli') slowest = Math.max(slowest, warm.ms);
  }
  const rounds = slowest < FAST_MS ? b.reps * FAST_FACTOR : b.reps;
  for (let rep = 0; rep < rounds; rep++) {
    const now = variants.filter((v) => v !== 'cli' || rep < b.reps);
    // Rotated, so no variant always runs first after a cleanup.
    for (const v of now.map((_, i) => now[(i + rep) % now.length])) {
      const run = await runOnce(b, a, f, v);
      (times[v] ??= []).push(run.ms);
      const total = (r: Record<string, number>) => Object.values(r).reduce((x, y) => x + y, 0);
      if (!counts[v] || total(run.requests) > total(counts[v])) counts[v] = run.requests;
    }
  }
  const results: Partial<Record<Variant, VariantResult>> = {};
  for (const v of variants) results[v] = { ms: stats(times[v]), requests: counts[v] };
  return { action: a.name, group: a.group, size: f.size, budget: a.budget(f, b.pageSize), results };
}
