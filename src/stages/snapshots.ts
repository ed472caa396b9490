// Snapshots of deleted stages, per AWS account, region and API: taken just before a delete, listed
// for Restore Deleted Stage… and Delete Stage Snapshot…, each damaged file said, not silently skipped.
import type { Added } from '../aws/snapshotStore';
import { damagedMessage } from '../aws/snapshotStore';
import type { Ctx } from '../context';
import { Notice } from '../errors';
import { formatDate } from '../model/dates';
import type { ApiRef, StageSnapshot } from '../model/snapshots';
import { settingsSummary } from '../model/rebuild';
import { referenceLines } from '../model/references';
import type { Prompter, StepInfo } from '../ui/prompter';
import type { ApiTarget } from './targets';

/** Where an API's snapshots are: its account (one STS GetCallerIdentity per connection), region and id. */
export async function snapshotApi(target: ApiTarget): Promise<ApiRef> {
  return { account: await target.gateway.accountId(), region: target.connection.region, restApiId: target.restApiId };
}

/**
 * Reads the whole stage and what points at it (GetStage, the domains' mappings, the usage plans) and
 * keeps it: called after the delete was confirmed, just before DeleteStage, so that nothing changed
 * while a dialog was open is missing.
 */
export async function keepSnapshot(ctx: Ctx, target: ApiTarget, stageName: string): Promise<Added> {
  const [api, stage, references] = await Promise.all([
    snapshotApi(target),
    target.gateway.getStage(target.restApiId, stageName),
    target.gateway.stageReferences(target.restApiId, stageName),
  ]);
  const { $metadata: _m, ...plain } = stage as typeof stage & { $metadata?: unknown };
  return ctx.snapshots.add({ ...api, apiName: target.apiName, profile: target.connection.profile }, plain, references);
}

/** What a delete that dropped old snapshots says. */
export function droppedText(dropped: readonly StageSnapshot[]): string {
  if (!dropped.length) return '';
  return ` The oldest snapshot${dropped.length === 1 ? '' : 's'} of this API (${dropped.map((d) => `"${d.stage.stageName}" deleted ${formatDate(new Date(d.deletedAt))}`).join(', ')}) ${dropped.length === 1 ? 'was' : 'were'} dropped: ${dropped.length === 1 ? 'it keeps' : 'they keep'} at most 50.`;
}

/** The snapshots of an API, newest first; damaged files said (not thrown: the others stay usable). */
export async function listSnapshots(ctx: Ctx, target: ApiTarget): Promise<{ api: ApiRef; snapshots: StageSnapshot[] }> {
  const api = await snapshotApi(target);
  const { snapshots, damaged } = await ctx.snapshots.listWithProblems(api, target.connection.profile);
  if (damaged.length) {
    ctx.log.warn(damagedMessage(damaged));
    void ctx.notifier.info(damagedMessage(damaged));
  }
  if (!snapshots.length) throw new Notice(`No deleted stage of ${target.apiName} is kept for account ${api.account} in ${api.region}.`);
  return { api, snapshots };
}

/** Asks for one snapshot: name, when deleted, deployment, what it carries, what pointed at it. */
export async function pickSnapshot(prompter: Prompter, info: StepInfo, target: ApiTarget, snapshots: readonly StageSnapshot[], placeholder: string): Promise<StageSnapshot> {
  const picked = await prompter.pick(
    snapshots.map((snap) => ({
      label: snap.stage.stageName ?? '?',
      description: `deleted ${formatDate(new Date(snap.deletedAt))}${snap.profile !== target.connection.profile ? ` with profile ${snap.profile}` : ''}`,
      detail: [`deployment ${snap.stage.deploymentId ?? 'none'}`, snap.stage.description, ...settingsSummary(snap.stage), ...referenceLines(snap.references)].filter(Boolean).join(' · '),
      snap,
    })),
    { ...info, placeholder, matchOnDetail: true },
  );
  return picked.snap;
}
