// What a snippet says of an operation no tool property stands for.
import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import { quoted } from './quote';

export function describePatchOp(op: PatchOperation): string {
  return `${op.op ?? '?'} ${op.from !== undefined ? `${op.from} → ` : ''}${op.path ?? ''}${op.value !== undefined ? ` ${quoted(op.value)}` : ''}`;
}
