// Sends a plan's requests in order. A failure part way says what was done, so nothing is half done silently.
import type { Deployment, Stage } from '@aws-sdk/client-api-gateway';
import { NEW_DEPLOYMENT_ID, type StageRequest } from '../model/plans';
import type { ApiGateway } from './apiGateway';

export interface PlanResult {
  /** The stage as the last stage request returned it (none after a delete). */
  stage?: Stage;
  deployment?: Deployment;
}

/** Thrown when a request of a plan fails: `done` were sent and succeeded, `failed` and the rest were not applied. */
export class PlanError extends Error {
  constructor(
    readonly done: readonly StageRequest[],
    readonly failed: StageRequest,
    readonly rest: readonly StageRequest[],
    override readonly cause: unknown,
    readonly partial: PlanResult,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = cause instanceof Error ? cause.name : 'PlanError';
    // What errorMessage reads of the request's error, so the plan's failure says the same.
    for (const key of ['$metadata', '$operation', 'code'] as const) {
      const value = (cause as Record<string, unknown> | undefined)?.[key];
      if (value !== undefined) (this as Record<string, unknown>)[key] = value;
    }
  }
}

/**
 * The plan was cancelled: `done` succeeded; `failed` is the request under way when the cancel came
 * (sent or not: AWS may have applied it, so read the stage again) or the next one; `rest` was not sent.
 * Its name marks it a cancellation (isCancellation).
 */
export class PlanCancelled extends PlanError {
  constructor(done: readonly StageRequest[], failed: StageRequest, rest: readonly StageRequest[], partial: PlanResult, readonly inFlight: boolean) {
    super(done, failed, rest, new Error('Cancelled'), partial);
    this.name = 'Canceled';
  }
}

/**
 * `done`: what earlier requests of the same plan returned (a retry of the rest after a failure).
 * `signal`: a cancel stops the plan before its next request, and ends the one under way (and its retries).
 */
export async function runPlan(gateway: ApiGateway, plan: readonly StageRequest[], done: PlanResult = {}, signal?: AbortSignal): Promise<PlanResult> {
  const result: PlanResult = { ...done };
  for (let i = 0; i < plan.length; i++) {
    if (signal?.aborted) throw new PlanCancelled(plan.slice(0, i), plan[i], plan.slice(i + 1), result, false);
    try {
      await send(gateway, withDeployment(plan[i], result.deployment?.id), result, signal);
    } catch (e) {
      if (signal?.aborted) throw new PlanCancelled(plan.slice(0, i), plan[i], plan.slice(i + 1), result, true);
      throw new PlanError(plan.slice(0, i), plan[i], plan.slice(i + 1), e, result);
    }
  }
  return result;
}

async function send(gateway: ApiGateway, r: StageRequest, result: PlanResult, signal: AbortSignal | undefined): Promise<void> {
  switch (r.op) {
    case 'CreateStage':
      result.stage = await gateway.createStage(r.input, signal);
      return;
    case 'UpdateStage':
      result.stage = await gateway.updateStage(r.restApiId, r.stageName, r.patchOperations, signal);
      return;
    case 'DeleteStage':
      await gateway.deleteStage(r.restApiId, r.stageName, signal);
      result.stage = undefined;
      return;
    case 'CreateDeployment':
      result.deployment = await gateway.createDeployment(r.input, signal);
      return;
  }
}

/** Fills in the id of the deployment the plan made where the plan says NEW_DEPLOYMENT_ID. */
function withDeployment(r: StageRequest, deploymentId: string | undefined): StageRequest {
  if (r.op !== 'UpdateStage' || !r.patchOperations.some((o) => o.value === NEW_DEPLOYMENT_ID)) return r;
  if (!deploymentId) throw new Error('The plan needs the new deployment id before it was made.');
  return { ...r, patchOperations: r.patchOperations.map((o) => (o.value === NEW_DEPLOYMENT_ID ? { ...o, value: deploymentId } : o)) };
}
