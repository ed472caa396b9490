// What the stage editor's "Security and documentation" section shows: the web ACL (its name from the
// ARN, no request), the client certificate (its facts from one GetClientCertificate, when the stage
// has one) and the documentation version.
import { parseWebAclArn } from './arns';
import { expiryOf } from './clientCertificate';
import { webAclConsoleUrl } from './consoleUrl';
import { formatDate } from './dates';
import { webAclName } from './webAcl';

export interface StageSecurity {
  readonly webAcl?: { readonly arn: string; readonly name: string; readonly consoleUrl?: string };
  readonly clientCertificate?: {
    readonly id: string;
    readonly description?: string;
    readonly expires?: string;
    /** `expires in 12 days (…)`, `expired on …`. */
    readonly expiry?: string;
    readonly warn?: boolean;
    readonly loading?: boolean;
    /** Why its facts are not shown (gone, or the read failed). */
    readonly problem?: string;
  };
  readonly documentationVersion?: string;
}

/** The certificate's facts as read: still loading, read, or why not. */
export type CertificateFacts = 'loading' | { readonly description?: string; readonly expirationDate?: Date } | { readonly problem: string };

export interface SecurityFields {
  readonly webAclArn?: string;
  readonly clientCertificateId?: string;
  readonly documentationVersion?: string;
}

/** `onAws`: the endpoint is AWS's, so the console knows the web ACL (an emulator's is not linked). */
export function stageSecurity(stage: SecurityFields, region: string, onAws: boolean, facts: CertificateFacts | undefined, now = new Date()): StageSecurity {
  const out: { -readonly [K in keyof StageSecurity]: StageSecurity[K] } = {};
  if (stage.webAclArn) {
    const ref = parseWebAclArn(stage.webAclArn);
    out.webAcl = { arn: stage.webAclArn, name: webAclName(stage.webAclArn), ...(ref && onAws ? { consoleUrl: webAclConsoleUrl(ref.region || region, ref.name, ref.id) } : {}) };
  }
  const id = stage.clientCertificateId;
  if (id) {
    if (!facts || facts === 'loading') out.clientCertificate = { id, loading: true };
    else if ('problem' in facts) out.clientCertificate = { id, problem: facts.problem };
    else {
      const expiry = expiryOf(facts.expirationDate, now);
      out.clientCertificate = {
        id,
        ...(facts.description ? { description: facts.description } : {}),
        ...(facts.expirationDate ? { expires: formatDate(facts.expirationDate) } : {}),
        ...(expiry ? { expiry: expiry.text, warn: expiry.warn } : {}),
      };
    }
  }
  if (stage.documentationVersion) out.documentationVersion = stage.documentationVersion;
  return out;
}
