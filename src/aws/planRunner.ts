// Sends a plan's steps in order: the one path every change to AWS takes. Each answer is checked
// (answers.ts); a write whose answer was lost is read back before it is sent again (readBack.ts); a
// failure part way says what was done, so nothing is half done silently; a cancel stops it.
import { isKind, NotApiGatewayAnswer, PlanCancelled, PlanError, UnexpectedAnswer } from '../errors';
import type { Account, ClientCertificate, Deployment, DocumentationVersion, Stage } from '@aws-sdk/client-api-gateway';
import { NEW_CLIENT_CERTIFICATE_ID, NEW_DEPLOYMENT_ID, type PlanStep, stageOfStep } from '../model/plans';
import type { ApiGateway } from './apiGateway';
import { GUARDED_WRITES } from './clientPool';
import { type Fate, readBack } from './readBack';
import { NEW_ROLE_ARN } from '../model/loggingPlans';

export interface PlanResult {
  /** The stage as the last stage step returned it (none after a delete). */
  stage?: Stage;
  /** The deployment the plan made (CreateDeployment) or changed (UpdateDeployment), as AWS answered. */
  deployment?: Deployment;
  account?: Account;
  /** What the plan's GenerateClientCertificate made. */
  clientCertificate?: ClientCertificate;
  documentationVersion?: DocumentationVersion;
  /** The role the plan's CreateRole made. */
  role?: { RoleName?: string; Arn?: string };
}

/** After each step that succeeded: what AWS answered (the shared stages and the editor take it from here). */
export type OnAnswer = (step: PlanStep, answer: unknown) => void;

/** Said while the plan waits (for IAM to propagate a new role): for the progress notification. */
export type OnWait = (message: string) => void;

/**
 * `done`: what earlier steps of the same plan returned (a retry of the rest after a failure).
 * `signal`: a cancel stops the plan before its next step, and ends the one under way (and its retries).
 */
export async function runPlan(gateway: ApiGateway, plan: readonly PlanStep[], done: PlanResult = {}, signal?: AbortSignal, onAnswer?: OnAnswer, onWait?: OnWait): Promise<PlanResult> {
  const result: PlanResult = { ...done };
  for (let i = 0; i < plan.length; i++) {
    if (signal?.aborted) throw new PlanCancelled(plan.slice(0, i), plan[i], plan.slice(i + 1), result, false);
    const step = withNewIds(plan[i], result);
    let answer: unknown;
    try {
      answer = await (step.op === 'UpdateAccount' && (result.role || plan.slice(0, i).some((s) => s.op === 'AttachRolePolicy'))
        ? whileIamPropagates(() => sendChecked(gateway, step, signal), signal, onWait)
        : sendChecked(gateway, step, signal));
    } catch (e) {
      if (signal?.aborted) throw new PlanCancelled(plan.slice(0, i), plan[i], plan.slice(i + 1), result, true);
      throw new PlanError(plan.slice(0, i), plan[i], plan.slice(i + 1), e, result);
    }
    record(result, step, answer);
    onAnswer?.(step, answer);
  }
  return result;
}

function record(result: PlanResult, step: PlanStep, answer: unknown): void {
  if (step.op === 'DeleteStage') result.stage = undefined;
  else if (step.op === 'CreateDeployment' || step.op === 'UpdateDeployment') result.deployment = answer as Deployment;
  else if (step.op === 'UpdateAccount') result.account = answer as Account;
  else if (step.op === 'GenerateClientCertificate') result.clientCertificate = answer as ClientCertificate;
  else if (step.op === 'CreateDocumentationVersion') result.documentationVersion = answer as DocumentationVersion;
  else if (step.op === 'CreateRole') result.role = answer as PlanResult['role'];
  else if (step.op === 'CreateStage' || step.op === 'UpdateStage') result.stage = answer as Stage;
}

/** At most this many sends of one step whose answers were lost (a second after a read showed the first was not taken). */
const SENDS = 2;

/** Sends a step; a guarded write whose answer was lost is read back, then goes on, is sent once more, or fails saying what is known. */
async function sendChecked(gateway: ApiGateway, step: PlanStep, signal: AbortSignal | undefined): Promise<unknown> {
  for (let sends = 1; ; sends++) {
    const sentAt = Date.now();
    try {
      const answer = await gateway.send(step, signal);
      checkAnswer(step, answer);
      return answer;
    } catch (e) {
      if (signal?.aborted || !GUARDED_WRITES.has(step.op) || !answerMayBeLost(e, sends)) throw e;
      const fate: Fate = await readBack(gateway, step, sentAt);
      if (fate.applied === true) return fate.answer;
      if (fate.applied === 'unknown') throw withFate(e, `may or may not have been applied: ${fate.why}`, sends);
      if (sends >= SENDS) throw withFate(e, 'was not applied (read back)', sends);
    }
  }
}

/** Whether the step's answer (not AWS's refusal) may be what failed: the request may have been taken. */
function answerMayBeLost(e: unknown, sends: number): boolean {
  const err = e as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = err.$metadata?.httpStatusCode;
  // The endpoint has no such operation (an emulator): nothing was taken.
  if ((e as { unimplementedAt?: string }).unimplementedAt) return false;
  if (err.name === 'TimeoutError') return !/establish a connection/.test(err.message ?? '');
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || /socket hang up|ECONNRESET/.test(err.message ?? '')) return true;
  if (isKind(e, NotApiGatewayAnswer) && e.kind === 'cut short') return true;
  if (/Deserialization error/.test(err.message ?? '')) return true;
  if (status !== undefined && status >= 500) return true;
  // After our own second send: "already exists", "not found", "cannot remove" may be our first send's doing.
  return sends > 1 && (status === 409 || status === 404 || (status === 400 && /Cannot remove/.test(err.message ?? '')));
}

/** The error, saying what the read-back found, and how many times the step was sent. */
function withFate(e: unknown, fate: string, sends: number): unknown {
  if (e && typeof e === 'object') {
    const err = e as { fate?: string; $metadata?: { attempts?: number } };
    err.fate = fate;
    if (sends > 1) err.$metadata = { ...err.$metadata, attempts: Math.max(sends, err.$metadata?.attempts ?? 1) };
  }
  return e;
}

/** What a step's answer must hold beyond its shape (answers.ts): the stage it changed, the value it set. */
function checkAnswer(step: PlanStep, answer: unknown): void {
  const bad = (what: string) => new UnexpectedAnswer(what, (answer as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode, step.op);
  if (step.op === 'CreateStage' || step.op === 'UpdateStage') {
    const name = (answer as Stage | undefined)?.stageName;
    if (name !== stageOfStep(step)) throw bad(`stage "${String(name)}" for stage "${stageOfStep(step)}"`);
  } else if (step.op === 'CreateDeployment') {
    if (!(answer as Deployment | undefined)?.id) throw bad('a deployment without an id');
  } else if (step.op === 'UpdateAccount') {
    const role = step.patchOperations.find((o) => o.path === '/cloudwatchRoleArn')?.value;
    if (role !== undefined && (answer as Account | undefined)?.cloudwatchRoleArn !== role) throw bad(`the role ${String((answer as Account | undefined)?.cloudwatchRoleArn)} for ${role}`);
  } else if (step.op === 'UpdateUsagePlan') {
    if ((answer as { id?: string } | undefined)?.id !== step.usagePlanId) throw bad('another usage plan');
  } else if (step.op === 'UpdateDeployment') {
    if ((answer as Deployment | undefined)?.id !== step.deploymentId) throw bad(`deployment "${String((answer as Deployment | undefined)?.id)}" for deployment "${step.deploymentId}"`);
  } else if (step.op === 'GenerateClientCertificate') {
    if (!(answer as ClientCertificate | undefined)?.clientCertificateId) throw bad('a client certificate without an id');
  } else if (step.op === 'CreateRole') {
    const name = (answer as PlanResult['role'])?.RoleName;
    if (name !== step.roleName || !(answer as PlanResult['role'])?.Arn) throw bad(`role "${String(name)}" for role "${step.roleName}"`);
  } else if (step.op === 'CreateDocumentationVersion') {
    const version = (answer as DocumentationVersion | undefined)?.version;
    if (version !== step.documentationVersion) throw bad(`documentation version "${String(version)}" for "${step.documentationVersion}"`);
  }
}

/** Fills in the ids of what the plan made (NEW_DEPLOYMENT_ID, NEW_CLIENT_CERTIFICATE_ID) where the plan names them. */
function withNewIds(r: PlanStep, made: PlanResult): PlanStep {
  if (r.op === 'UpdateAccount' && r.patchOperations.some((o) => o.value === NEW_ROLE_ARN)) {
    if (!made.role?.Arn) throw new Error('The plan needs the new role\'s ARN before it was made.');
    return { ...r, patchOperations: r.patchOperations.map((o) => (o.value === NEW_ROLE_ARN ? { ...o, value: made.role!.Arn } : o)) };
  }
  if (r.op !== 'UpdateStage') return r;
  const ids = new Map<string | undefined, [string | undefined, string]>([
    [NEW_DEPLOYMENT_ID, [made.deployment?.id, 'deployment']],
    [NEW_CLIENT_CERTIFICATE_ID, [made.clientCertificate?.clientCertificateId, 'client certificate']],
  ]);
  if (!r.patchOperations.some((o) => ids.has(o.value))) return r;
  return {
    ...r,
    patchOperations: r.patchOperations.map((o) => {
      const placeholder = ids.get(o.value);
      if (!placeholder) return o;
      const [id, what] = placeholder;
      if (!id) throw new Error(`The plan needs the new ${what} id before it was made.`);
      return { ...o, value: id };
    }),
  };
}

/**
 * Seconds between tries of an UpdateAccount that sets a role the plan just made or gave its policy:
 * IAM takes seconds to reach API Gateway, which meanwhile refuses the role (about a minute in all).
 */
export const IAM_PROPAGATION_WAITS_S: readonly number[] = [2, 4, 8, 16, 30];

/**
 * AWS's refusal of a role it cannot use yet (or at all): 400 BadRequestException "The role ARN does not
 * have required permissions set to API Gateway" (newer: "... configured. Please grant trust permission...").
 */
export function isRoleNotUsable(e: unknown): boolean {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return err?.name === 'BadRequestException' && /^The role ARN does not have required permissions/.test(err.message ?? '');
}

async function whileIamPropagates<T>(send: () => Promise<T>, signal: AbortSignal | undefined, onWait: OnWait | undefined): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await send();
    } catch (e) {
      if (!isRoleNotUsable(e) || i >= IAM_PROPAGATION_WAITS_S.length || signal?.aborted) throw e;
      const seconds = IAM_PROPAGATION_WAITS_S[i];
      onWait?.(`Waiting for IAM: API Gateway cannot use the new role yet; trying again in ${seconds} s…`);
      await sleep(seconds * 1000, signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
