// Which emulator the tests run against, what a running one offers, and how to empty it given only
// its endpoint. No process code here: the host tests import it inside the extension host.
import type { Log } from './log';

export type EmulatorKind = 'moto' | 'localstack';
export const EMULATOR_KINDS: readonly EmulatorKind[] = ['moto', 'localstack'];

export interface Emulator {
  readonly kind: EmulatorKind;
  readonly endpoint: string;
  readonly port: number;
  /** Clears all state: every API, stage, deployment, tag, the account settings. */
  reset(): Promise<void>;
  /** Kills the emulator and waits for it to exit. All state is lost. */
  stop(): Promise<void>;
  /** Starts it again on the same port after stop(); a no-op while running. */
  start(): Promise<void>;
}

export interface EmulatorOptions {
  readonly port?: number;
  readonly log?: Log;
  /** Default: APIGW_EMULATOR, else moto. */
  readonly kind?: EmulatorKind;
  /** moto: load IAM's AWS-managed policies (LocalStack always has them). */
  readonly iamManagedPolicies?: boolean;
}

/** `APIGW_EMULATOR` (moto when unset); anything else is an error naming the choices. */
export function emulatorKind(env: NodeJS.ProcessEnv = process.env): EmulatorKind {
  const value = env.APIGW_EMULATOR?.trim() || 'moto';
  if (!(EMULATOR_KINDS as readonly string[]).includes(value)) {
    throw new Error(`APIGW_EMULATOR=${value} is not an emulator: use ${EMULATOR_KINDS.join(' or ')}`);
  }
  return value as EmulatorKind;
}

// moto's own route; LocalStack (community) has no reset route, so our launcher adds this one
// (test/harness/localstack.ts). LocalStack answers 200 to /moto-api/reset and keeps everything.
const RESET_PATH: Record<EmulatorKind, string> = { moto: '/moto-api/reset', localstack: '/_test/state/reset' };

/** Clears every API, stage, deployment, tag and the account settings of the emulator at `endpoint`. */
export async function resetEmulatorAt(endpoint: string, kind: EmulatorKind = emulatorKind()): Promise<void> {
  const res = await fetch(`${endpoint}${RESET_PATH[kind]}`, { method: 'POST' });
  if (!res.ok) throw new Error(`${kind} reset failed: HTTP ${res.status} ${await res.text()}`);
}

// Signs nothing real: emulators pick the service and region from the credential scope.
const WARMUP_AUTH = 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0';

/** Emulators load their API Gateway backend on first use (about 1 s): do it now, not in a test's time. */
export async function warmUp(endpoint: string): Promise<void> {
  await fetch(`${endpoint}/restapis`, { headers: { authorization: WARMUP_AUTH } });
}
