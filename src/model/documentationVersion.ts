// A stage's documentation version: a published snapshot of the API's documentation parts. Set to one
// that exists (`replace /documentationVersion`, '' clears it), or published and set in one request
// (CreateDocumentationVersion with `stageName`).
import type { PlanStep } from './plans';
import { hasControlCharacter } from './stageName';

export const DOCUMENTATION_VERSION_MAX = 64;

/** A version name: 1–64 characters, one line, no `/` (it is a path segment of its URL), no spaces around it. */
export function documentationVersionProblem(text: string): string | undefined {
  const rule = `A documentation version is 1–${DOCUMENTATION_VERSION_MAX} characters, such as 1.0.0 or 2026-12-05, with no "/" and no control characters`;
  if (!text) return `${rule}.`;
  if (text.length > DOCUMENTATION_VERSION_MAX) return `${rule} (this one has ${text.length}).`;
  if (hasControlCharacter(text)) return `${rule}: this one has a control character (a line break, a tab).`;
  if (text.includes('/')) return `${rule}: "/" would end up in the version's URL.`;
  if (text.trim() !== text) return `${rule}, and no spaces at its start or end.`;
  return undefined;
}

/** Sets an existing version on the stage, or with undefined clears it. */
export function documentationVersionPlan(restApiId: string, stageName: string, version: string | undefined): PlanStep[] {
  return [{ op: 'UpdateStage', restApiId, stageName, patchOperations: [{ op: 'replace', path: '/documentationVersion', value: version ?? '' }] }];
}

/** Publishes the API's documentation as `version` and sets it on the stage: one request. */
export function publishDocumentationPlan(restApiId: string, stageName: string, documentationVersion: string, description: string): PlanStep[] {
  return [{ op: 'CreateDocumentationVersion', restApiId, documentationVersion, stageName, description }];
}
