// A stage's client certificate: the one API Gateway presents to the backend. Picked from the
// region's certificates or generated (GenerateClientCertificate, then set in the same plan), or
// removed; its expiry said in words (AWS's last 365 days).
import { formatDate } from './dates';
import { DESCRIPTION_MAX, hasControlCharacter } from './stageName';
import { NEW_CLIENT_CERTIFICATE_ID, type PlanStep } from './plans';

/** Within this many days of its expiry, a certificate is warned about. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/** The description of a new certificate: needed (it tells ours apart when an answer is lost), one line, at most 1024 characters. */
export function certificateDescriptionProblem(text: string): string | undefined {
  if (!text.trim()) return 'A description is needed: it is how you will tell the certificate apart (at most 1024 characters, one line).';
  if (hasControlCharacter(text)) return 'A description is one line of text, with no control characters (at most 1024 characters).';
  if (text.length > DESCRIPTION_MAX) return `A description has at most ${DESCRIPTION_MAX} characters (this one has ${text.length}).`;
  return undefined;
}

export interface Expiry {
  readonly text: string;
  /** Expired, or within EXPIRY_WARNING_DAYS. */
  readonly warn: boolean;
  readonly expired: boolean;
}

/** `expires 2027-12-01 10:00:00`, `expires in 12 days (2027-…)`, `expired on 2026-…`; undefined with no date. */
export function expiryOf(expirationDate: Date | undefined, now: Date = new Date()): Expiry | undefined {
  if (!expirationDate) return undefined;
  const left = expirationDate.getTime() - now.getTime();
  const when = formatDate(expirationDate);
  if (left <= 0) return { text: `expired on ${when}`, warn: true, expired: true };
  const days = Math.floor(left / DAY_MS);
  if (days < EXPIRY_WARNING_DAYS) {
    const inDays = days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
    return { text: `expires ${inDays} (${when})`, warn: true, expired: false };
  }
  return { text: `expires ${when}`, warn: false, expired: false };
}

/** What Set Client Certificate… does: set one that exists, generate one and set it, or remove the stage's. */
export type CertificateChoice =
  | { readonly kind: 'set'; readonly clientCertificateId: string }
  | { readonly kind: 'generate'; readonly description: string }
  | { readonly kind: 'remove' };

/**
 * `replace /clientCertificateId`; '' clears it (what the console and Terraform send). A new
 * certificate: GenerateClientCertificate first, its id filled in by the plan runner.
 */
export function certificatePlan(restApiId: string, stageName: string, choice: CertificateChoice): PlanStep[] {
  const set = (value: string): PlanStep => ({ op: 'UpdateStage', restApiId, stageName, patchOperations: [{ op: 'replace', path: '/clientCertificateId', value }] });
  switch (choice.kind) {
    case 'set':
      return [set(choice.clientCertificateId)];
    case 'generate':
      return [{ op: 'GenerateClientCertificate', description: choice.description }, set(NEW_CLIENT_CERTIFICATE_ID)];
    case 'remove':
      return [set('')];
  }
}
