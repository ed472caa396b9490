// A stage's canary, said wherever a command would move the stage's traffic: a team whose release
// relies on the canary must never skip it without knowing.
import type { CanarySettings, Deployment, PatchOperation, Stage } from '@aws-sdk/client-api-gateway';
import { deploymentLabel, deploymentName } from './deployments';
import { truncate } from './displayText';

/** Most characters of the canary's deployment on a stage row: the stage's own deployment follows it. */
const ROW_DEPLOYMENT_MAX = 40;

/** AWS's answer to a plain deployment to a stage with a canary (recorded; shared/API_GATEWAY.md). */
export const NON_CANARY_DEPLOY_REFUSED = (stage: string) => `Non canary deployment not supported on stage ${stage} because Canary is enabled`;

/** The canary's deployment among those listed, if it is. */
const canaryDeployment = (c: CanarySettings, deployments: readonly Deployment[]) => deployments.find((d) => d.id === c.deploymentId);

/** `10% of requests → deployment abc123, 2 variable overrides`; with the deployments listed, `→ "Add owners" (abc123)`. */
export function canaryText(c: CanarySettings, deployments: readonly Deployment[] = []): string {
  const overrides = Object.keys(c.stageVariableOverrides ?? {}).length;
  const d = canaryDeployment(c, deployments);
  return [
    `${c.percentTraffic ?? 0}% of requests → ${d?.description ? deploymentName(d) : `deployment ${c.deploymentId ?? '?'}`}`,
    overrides ? `${overrides} variable override${overrides === 1 ? '' : 's'}` : '',
    c.useStageCache ? 'uses the stage cache' : '',
  ].filter(Boolean).join(', ');
}

/** The canary in a tree row's few words: `canary 10% → Add owners` (the deployment's description when listed, else its id). */
export function canaryShort(c: CanarySettings, deployments: readonly Deployment[] = []): string {
  const d = canaryDeployment(c, deployments);
  return `canary ${c.percentTraffic ?? 0}% → ${d ? truncate(deploymentLabel(d), ROW_DEPLOYMENT_MAX) : c.deploymentId ?? '?'}`;
}

export const hasCanary = (s: Stage | undefined): s is Stage & { canarySettings: CanarySettings } => !!s?.canarySettings;

/** The operations that drop the canary before the stage moves: all its traffic then goes to the stage's deployment. */
export const REMOVE_CANARY: PatchOperation = { op: 'remove', path: '/canarySettings' };

/** What the review of Change Deployment says of a canary, for each way on. */
export function changeDeploymentCanaryNotes(stageName: string, c: CanarySettings, to: string): { note: string; keep: string; remove: string } {
  const rest = 100 - (c.percentTraffic ?? 0);
  return {
    note: `Stage "${stageName}" has a canary: ${canaryText(c)}.`,
    keep: `Keep the canary: ${rest}% of requests move to deployment ${to}, ${c.percentTraffic ?? 0}% stay on the canary's ${c.deploymentId ?? '?'}. AWS documents that a stage with a canary cannot take another non-canary deployment until the canary is removed, so it may refuse this.`,
    remove: `Remove the canary: all requests go to deployment ${to}; the canary's settings are gone (remove /canarySettings).`,
  };
}

/** What the review of Deploy to Stage says on a stage with a canary: AWS refuses the plain deployment, so the user picks one of two. */
export function deployCanaryNote(stageName: string, c: CanarySettings): string {
  return `Stage "${stageName}" has a canary: ${canaryText(c)}. AWS refuses a plain deployment to it ("${NON_CANARY_DEPLOY_REFUSED(stageName)}"). Deploy to the canary: the new deployment gets the canary's ${c.percentTraffic ?? 0}% of requests, the rest stay on the stage's deployment. Or deploy to the whole stage: the canary is removed and every request goes to the new deployment.`;
}

/** The share of requests a canary gets, as typed: 0 to 100, decimals allowed (AWS's `percentTraffic` is a double). */
export function percentProblem(text: string): string | undefined {
  if (!/^\d{1,3}(\.\d+)?$/.test(text) || Number(text) > 100) return `The canary's share is a percentage from 0 to 100, decimals allowed, e.g. 10 or 2.5 (${JSON.stringify(text)} given).`;
  return undefined;
}

/**
 * Promote: the stage takes the canary's deployment and its variable overrides (AWS's own `copy`
 * operations, as the console sends them), then the canary goes, or stays at 0% for the next release.
 * No copy of overrides when there are none: nothing to take, and AWS is not documented to accept an empty source.
 */
export function promoteOps(c: CanarySettings, keepAtZero: boolean): PatchOperation[] {
  const ops: PatchOperation[] = [{ op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }];
  if (Object.keys(c.stageVariableOverrides ?? {}).length) ops.push({ op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' });
  ops.push(keepAtZero ? { op: 'replace', path: '/canarySettings/percentTraffic', value: '0' } : REMOVE_CANARY);
  return ops;
}

/** What the review of Promote Canary says: where the traffic and which variables go. */
export function promoteNotes(stageName: string, stage: Stage & { canarySettings: CanarySettings }): string[] {
  const c = stage.canarySettings;
  const names = Object.keys(c.stageVariableOverrides ?? {});
  return [
    `Stage "${stageName}" moves from deployment ${stage.deploymentId ?? '(none)'} to the canary's ${c.deploymentId ?? '?'}: every request then runs the canary's code.`,
    names.length ? `The stage's variables take the canary's overrides: ${names.join(', ')}.` : 'The canary has no variable overrides: the stage keeps its variables.',
  ];
}

