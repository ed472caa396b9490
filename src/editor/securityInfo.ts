// The stage editor's security section: built from the stage as loaded or changed; the client
// certificate's description and expiry read lazily, once per certificate, only when the stage has one
// (opening the editor of a stage without one costs no request more).
import type { Stage } from '../aws/apiGateway';
import { errorMessage } from '../errors';
import { endpointIsAws } from '../model/consoleUrl';
import { type CertificateFacts, type StageSecurity, stageSecurity } from '../model/stageSecurity';
import type { ApiTarget } from '../stages/targets';

export class SecurityInfo {
  private stage: Stage | undefined;
  private certificateId: string | undefined;
  private facts: CertificateFacts | undefined;

  constructor(
    private readonly target: ApiTarget,
    /** The certificate's facts came in: the section is shown again. */
    private readonly changed: (security: StageSecurity) => void,
  ) {}

  get summary(): StageSecurity | undefined {
    if (!this.stage) return undefined;
    return stageSecurity(this.stage, this.target.connection.region, endpointIsAws(this.target.connection.endpoint), this.facts);
  }

  /** The stage as loaded or changed; whether the section changed. A certificate new to it is read (one GetClientCertificate). */
  take(stage: Stage): boolean {
    const before = JSON.stringify(this.summary);
    this.stage = stage;
    const id = stage.clientCertificateId;
    if (id !== this.certificateId) {
      this.certificateId = id;
      this.facts = id ? 'loading' : undefined;
      if (id) void this.lookUp(id);
    }
    return JSON.stringify(this.summary) !== before;
  }

  private async lookUp(id: string): Promise<void> {
    let facts: CertificateFacts;
    try {
      const c = await this.target.gateway.getClientCertificate(id);
      facts = c ? { description: c.description, expirationDate: c.expirationDate } : { problem: 'it no longer exists (deleted?)' };
    } catch (e) {
      facts = { problem: `reading it failed: ${errorMessage(e)}` };
    }
    if (this.certificateId !== id) return; // another certificate meanwhile
    this.facts = facts;
    this.changed(this.summary!);
  }
}
