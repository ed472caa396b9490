// The stage editor's read-only "Security and documentation" section: the web ACL, the client
// certificate and the documentation version, each with the command that changes it. Text only from
// the extension's state, set as text (never as HTML).
import type { StageSecurity } from '../model/stageSecurity';
import { button, el, section } from './fields';
import type { EditorCommand } from './protocol';

export const SECURITY_SECTION_ID = 'security-section';

export interface SecurityActions {
  command(name: EditorCommand): void;
  openWebAcl(): void;
}

export function renderSecurity(s: StageSecurity | undefined, a: SecurityActions): HTMLElement {
  const root = section('Security and documentation', true);
  root.id = SECURITY_SECTION_ID;
  const line = (...children: (Node | string)[]) => el('p', { class: 'line' }, ...children);
  const secondary = (label: string, name: EditorCommand) => button(label, () => a.command(name), { secondary: true });

  const acl = s?.webAcl;
  root.append(el('h3', {}, 'Web ACL (AWS WAF)'));
  if (acl) {
    root.append(line(el('bdi', { class: 'web-acl-name' }, acl.name), ' ', el('code', { class: 'web-acl-arn' }, acl.arn)));
    if (acl.consoleUrl) root.append(button('Open in WAF Console', () => a.openWebAcl(), { secondary: true, icon: 'link-external' }), ' ');
    else root.append(el('p', { class: 'note' }, "The endpoint is not AWS's: its web ACL is not in the AWS console."));
  } else root.append(line('None.'));
  root.append(secondary('Associate Web ACL…', 'associateWebAcl'));

  const cert = s?.clientCertificate;
  root.append(el('h3', {}, 'Client certificate'));
  if (cert) {
    root.append(line(el('code', { class: 'certificate-id' }, cert.id), cert.description ? ' · ' : '', cert.description ? el('bdi', {}, cert.description) : ''));
    if (cert.loading) root.append(el('p', { class: 'note' }, 'Reading the certificate…'));
    else if (cert.problem) root.append(el('p', { class: 'warn' }, `Its details are not shown: ${cert.problem}`));
    else if (cert.expiry) root.append(el('p', { class: cert.warn ? 'warn certificate-expiry' : 'note certificate-expiry' }, `${cert.warn ? 'Warning: ' : ''}${cert.expiry[0].toUpperCase()}${cert.expiry.slice(1)}.`));
  } else root.append(line('None.'));
  root.append(secondary('Set Client Certificate…', 'setClientCertificate'));
  if (cert) root.append(' ', secondary('Copy PEM', 'copyClientCertificatePem'));

  root.append(el('h3', {}, 'Documentation version'));
  root.append(line(s?.documentationVersion ? el('code', { class: 'documentation-version' }, s.documentationVersion) : 'None.'));
  root.append(secondary('Set Documentation Version…', 'setDocumentationVersion'), ' ', secondary('Publish Documentation…', 'publishDocumentation'));
  return root;
}
