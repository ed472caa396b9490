// A stage's canary, said wherever a command would move the stage's traffic: a team whose release
// relies on the canary must never skip it without knowing.
import type { CanarySettings, PatchOperation, Stage } from '@aws-sdk/client-api-gateway';

/** AWS's answer to a plain deployment to a stage with a canary (recorded; shared/API_GATEWAY.md). */
export const NON_CANARY_DEPLOY_REFUSED = (stage: string) => `Non canary deployment not supported on stage ${stage} because Canary is enabled`;

/** `10% of requests → deployment abc123, 2 variable overrides` */
export function canaryText(c: CanarySettings): string {
  const overrides = Object.keys(c.stageVariableOverrides ?? {}).length;
  return [
    `${c.percentTraffic ?? 0}% of requests → deployment ${c.deploymentId ?? '?'}`,
    overrides ? `${overrides} variable override${overrides === 1 ? '' : 's'}` : '',
    c.useStageCache ? 'uses the stage cache' : '',
  ].filter(Boolean).join(', ');
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

/** What the review of Deploy to Stage says on a stage with a canary: AWS refuses the plain deployment. */
export function deployCanaryNote(stageName: string, c: CanarySettings): string {
  return `Stage "${stageName}" has a canary: ${canaryText(c)}. AWS refuses a plain deployment to it ("${NON_CANARY_DEPLOY_REFUSED(stageName)}"), so none is offered: deploy to the whole stage and remove the canary, or cancel.`;
}
