// Deployments the way people know them: by their description, then the date and the id; newest first.
import type { Deployment, Stage } from '@aws-sdk/client-api-gateway';
import { formatDate } from './dates';
import { truncate } from './displayText';
import { describeChar, descriptionProblem, firstControlCharacter } from './stageName';

/**
 * Newest first by `createdDate`, which has whole seconds. Deployments made in the same second keep the
 * order AWS lists them in (AWS documents no order; the emulators list them as made, so their
 * same-second ones read oldest first: `npm start`'s sample makes its deployments a second apart).
 */
export function newestFirst<T extends Deployment>(deployments: readonly T[]): T[] {
  return deployments
    .map((d, at) => ({ d, at, time: d.createdDate?.getTime() ?? 0 }))
    .sort((a, b) => b.time - a.time || a.at - b.at)
    .map((x) => x.d);
}

type Named = Pick<Deployment, 'id' | 'description' | 'createdDate'>;

/** What a row calls a deployment: its description, else its date, else its id. */
export function deploymentLabel(d: Named): string {
  return d.description || (d.createdDate ? formatDate(d.createdDate) : d.id ?? '');
}

/** What follows the label: the date (unless the label is the date) and the id. */
export function deploymentFacts(d: Named): string[] {
  return [d.description && d.createdDate ? formatDate(d.createdDate) : undefined, d.id].filter((x): x is string => !!x);
}

/** Most characters of a description named in a sentence (the review, a message); the pickers show it whole. */
const NAMED_DESCRIPTION_MAX = 60;

/** A description in a sentence: quoted, cut at NAMED_DESCRIPTION_MAX. */
export function quotedDescription(description: string): string {
  return `"${truncate(description, NAMED_DESCRIPTION_MAX)}"`;
}

/** A deployment in a sentence: `"Add owners" (1rm39see5n)`, or its id alone when it has no description. */
export function deploymentName(d: Named | undefined, id = d?.id): string {
  if (!d?.description) return id ?? 'none';
  return `${quotedDescription(d.description)} (${id})`;
}

/**
 * A deployment's description as Edit Deployment Description… takes it: the size CreateDeployment's
 * check allows, and no control characters (they come from a paste, never from typing). Line breaks
 * and tabs pass: the console's text area makes them, and the box is prefilled with what AWS holds.
 */
export function deploymentDescriptionProblem(text: string): string | undefined {
  const size = descriptionProblem(text);
  if (size) return size;
  const bad = firstControlCharacter(text, '\t\n\r');
  return bad === undefined ? undefined : `A description may not contain control characters (line breaks and tabs are fine); ${describeChar(bad)} is not allowed.`;
}

/** A stage that runs a deployment: as its own deployment, or as its canary's. */
export interface DeploymentHolder {
  readonly stageName: string;
  readonly as: 'stage' | 'canary';
}

/** The stages whose deployment, or whose canary's deployment, is `deploymentId` (AWS refuses to delete it while any is). */
export function holdersOf(stages: readonly Stage[], deploymentId: string): DeploymentHolder[] {
  return stages.flatMap((s): DeploymentHolder[] => [
    ...(s.deploymentId === deploymentId ? [{ stageName: s.stageName ?? '', as: 'stage' as const }] : []),
    ...(s.canarySettings?.deploymentId === deploymentId ? [{ stageName: s.stageName ?? '', as: 'canary' as const }] : []),
  ]);
}

/** `stage "prod", the canary of stage "beta"`. */
export function holdersText(holders: readonly DeploymentHolder[]): string {
  return holders.map((h) => (h.as === 'stage' ? `stage "${h.stageName}"` : `the canary of stage "${h.stageName}"`)).join(', ');
}
