// Associate Web ACL…, Set Client Certificate…, Copy Client Certificate PEM, Set Documentation
// Version… and Publish Documentation to Stage… in the extension host, through the test proxy in
// front of moto. moto has WAF v2 (the web ACL is real); it has no client certificates nor
// documentation versions, so the proxy answers those calls with AWS's documented shapes, and the
// requests (their bodies too) are asserted at the proxy.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import { GetStageCommand } from '@aws-sdk/client-api-gateway';
import { CreateWebACLCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import type { ExtensionApi } from '../../src/extension';
import type { StageNode } from '../../src/tree/stageNodes';
import { type ApiProxy, startApiProxy } from '../harness/apiProxy';
import { jsonAnswer } from '../harness/faultAnswers';
import { sampleClient, type SeedResult } from '../harness/seed';
import { runScripted, useFreshSample, useRecordingNotifier } from './commandHelpers';
import { child, setSetting } from './treeHelpers';

const DAY = 86_400;
/** AWS sends dates as epoch seconds. */
const epoch = (daysFromNow: number) => Math.round(Date.now() / 1000 + daysFromNow * DAY);

describe('web ACL, client certificate, documentation version', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let seeded: SeedResult;
  let proxy: ApiProxy;
  const endpoint = () => process.env.APIGW_TEST_ENDPOINT!;
  const petStore = () => seeded.apis.PetStore.id;

  useFreshSample((s) => ({ api, seeded } = s));
  before(async () => {
    proxy = await startApiProxy(endpoint());
    await setSetting('endpoint', proxy.endpoint);
    await api.ctx.reload(true);
  });
  after(async () => {
    await setSetting('endpoint', undefined);
    await proxy?.close();
  });
  const recorded = useRecordingNotifier(() => api, () => proxy?.clearFaults());

  const stageNode = async (name: string) => {
    const petStoreNode = (await child(api, undefined, 'PetStore')).node;
    // The extension's own class (bundled apart from the tests): not told by instanceof.
    return (await child(api, (await child(api, petStoreNode, 'Stages')).node, name)).node as StageNode;
  };
  /** What was sent since `from` that is not a read, with its body. */
  const writesSince = (from: number) => proxy.requests.slice(from).flatMap((r, i) => (/^GET |\.(Get|List)\w+$/.test(r) ? [] : [{ request: r, body: proxy.bodies[from + i] }]));
  const errors = () => recorded().shown.filter((n) => n.kind === 'error').map((n) => n.message);
  const stageOf = async (name: string) => {
    const c = sampleClient(endpoint());
    try {
      return await c.send(new GetStageCommand({ restApiId: petStore(), stageName: name }));
    } finally {
      c.destroy();
    }
  };

  it('Associate Web ACL… lists the regional web ACLs, associates the one picked after a review naming the request, then disassociates it as an explicit choice; the stage in the tree follows', async () => {
    const waf = new WAFV2Client({ endpoint: endpoint(), region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const acl = (await waf.send(new CreateWebACLCommand({
      Name: 'edge-acl', Scope: 'REGIONAL', DefaultAction: { Allow: {} }, VisibilityConfig: { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: 'edge' },
    }))).Summary!.ARN!;
    waf.destroy();
    const node = await stageNode('dev');
    let from = proxy.requests.length;
    const p = await runScripted(api, 'associateWebAcl', [{ pick: /^edge-acl · / }, { confirm: true }], node);
    assert.deepEqual(errors(), []);
    assert.equal(p.asked[0].placeholder, 'Web ACL for stage "dev" (now: none)');
    assert.ok(!p.asked[0].labels?.includes('Disassociate the web ACL'), 'nothing to disassociate yet');
    assert.equal(p.asked[1].message, 'Associate web ACL edge-acl with stage "dev" of PetStore?');
    assert.match(p.asked[1].detail ?? '', new RegExp(`Requests:\\nAssociateWebACL stage dev → ${acl.replace(/[/.]/g, '\\$&')}$`));
    assert.deepEqual(writesSince(from).map((w) => w.request), ['POST / AWSWAF_20190729.AssociateWebACL']);
    assert.ok(proxy.requests.slice(from).indexOf(`GET /restapis/${petStore()}/stages/dev`) < proxy.requests.slice(from).indexOf('POST / AWSWAF_20190729.AssociateWebACL'), 'read before write');
    assert.equal((await stageOf('dev')).webAclArn, acl);
    assert.equal(node.stage.webAclArn, acl, 'the tree (and an open editor) hold the stage as read after the request');
    // The progress and the status bar's "done" go through ctx.notifier too, where the test sees them.
    assert.deepEqual(recorded().progressed, ['Associating web ACL edge-acl with stage "dev"…']);
    assert.deepEqual(recorded().statuses, ['Stage dev now has web ACL edge-acl']);

    from = proxy.requests.length;
    const again = await runScripted(api, 'associateWebAcl', [{ pick: 'Disassociate the web ACL' }, { confirm: true }], node);
    assert.deepEqual(errors(), []);
    assert.match(again.asked[0].items?.find((i) => i.label === 'edge-acl')?.description ?? '', /associated now/);
    assert.equal(again.asked[1].message, 'Disassociate web ACL edge-acl from stage "dev" of PetStore?');
    assert.deepEqual(writesSince(from).map((w) => w.request), ['POST / AWSWAF_20190729.DisassociateWebACL']);
    assert.equal((await stageOf('dev')).webAclArn, undefined);
    assert.equal(node.stage.webAclArn, undefined);
  });

  const CERTS = {
    item: [
      { clientCertificateId: 'soon0001', description: 'old backend', createdDate: epoch(-355), expirationDate: epoch(10) },
      { clientCertificateId: 'good0002', description: 'new backend', createdDate: epoch(-1), expirationDate: epoch(364) },
      { clientCertificateId: 'gone0003', description: 'expired one', createdDate: epoch(-400), expirationDate: epoch(-35) },
    ],
  };

  it("Set Client Certificate… lists AWS's certificates with their expiry (a warning within 30 days, expired marked and refused) and sends one replace /clientCertificateId", async () => {
    const node = await stageNode('test');
    proxy.fault({ operation: 'GetClientCertificates', kind: 'answer', answer: jsonAnswer(CERTS), times: Infinity });
    const from = proxy.requests.length;
    const p = await runScripted(api, 'setClientCertificate', [{ pick: /^expired one/ }, { pick: /^new backend · good0002/ }, { confirm: true }], node);
    assert.deepEqual(errors(), []);
    const items = p.asked[0].items ?? [];
    assert.match(items.find((i) => /soon0001/.test(i.description ?? ''))?.detail ?? '', /^expires in (9|10) days \(/);
    assert.match(items.find((i) => /soon0001/.test(i.description ?? ''))?.label ?? '', /^\$\(warning\) old backend/);
    assert.match(items.find((i) => /gone0003/.test(i.description ?? ''))?.detail ?? '', /^expired on /);
    assert.match(items.find((i) => /good0002/.test(i.description ?? ''))?.detail ?? '', /^expires \d{4}-/);
    assert.ok(p.asked[0].labels?.includes('Generate a new certificate…'));
    assert.ok(!p.asked[0].labels?.includes('Remove the client certificate'), 'the stage has none to remove');
    assert.match(p.asked[1].placeholder ?? '', /gone0003 has expired: pick another, or generate one/);
    assert.match(p.asked[2].detail ?? '', /UpdateStage test \(1 operation\)\n {2}replace \/clientCertificateId = "good0002"/);
    const writes = writesSince(from);
    assert.deepEqual(writes.map((w) => w.request), [`PATCH /restapis/${petStore()}/stages/test`]);
    assert.deepEqual(JSON.parse(writes[0].body), { patchOperations: [{ op: 'replace', path: '/clientCertificateId', value: 'good0002' }] });
  });

  it('Set Client Certificate… → Generate a new certificate…: one plan, GenerateClientCertificate then the UpdateStage naming the id it returned', async () => {
    const node = await stageNode('test');
    proxy.fault({ operation: 'GetClientCertificates', kind: 'answer', answer: jsonAnswer({ item: [] }), times: Infinity });
    proxy.fault({ operation: 'GenerateClientCertificate', kind: 'answer', answer: jsonAnswer({ clientCertificateId: 'made0004', description: 'test backend', createdDate: epoch(0), expirationDate: epoch(365) }, 201) });
    const from = proxy.requests.length;
    const p = await runScripted(api, 'setClientCertificate', [
      { pick: 'Generate a new certificate…' }, { input: 'test backend' }, { confirm: true },
    ], node);
    assert.deepEqual(errors(), []);
    assert.equal(p.asked.at(-1)?.message, 'Set a new client certificate on stage "test" of PetStore?');
    assert.match(p.asked.at(-1)?.detail ?? '', /GenerateClientCertificate\n {2}description = "test backend"\nUpdateStage test \(1 operation\)\n {2}replace \/clientCertificateId = "<new client certificate>"/);
    const writes = writesSince(from);
    assert.deepEqual(writes.map((w) => w.request), ['POST /clientcertificates', `PATCH /restapis/${petStore()}/stages/test`]);
    assert.deepEqual(JSON.parse(writes[0].body), { description: 'test backend' });
    assert.deepEqual(JSON.parse(writes[1].body), { patchOperations: [{ op: 'replace', path: '/clientCertificateId', value: 'made0004' }] });
  });

  it("Remove the client certificate is offered when the stage has one, and sends replace with ''; Copy Client Certificate PEM copies the stage's certificate's PEM", async () => {
    const node = await stageNode('prod');
    proxy.fault({ operation: 'GetStage', kind: 'merge', merge: { clientCertificateId: 'good0002' }, times: Infinity });
    proxy.fault({ operation: 'GetClientCertificates', kind: 'answer', answer: jsonAnswer(CERTS), times: Infinity });
    await node.api.stages.reloadStage('prod');
    let from = proxy.requests.length;
    const p = await runScripted(api, 'setClientCertificate', [{ pick: 'Remove the client certificate' }, { confirm: true }], node);
    assert.deepEqual(errors(), []);
    assert.match(items(p.asked[0]).find((i) => /good0002/.test(i.description ?? ''))?.description ?? '', /set now/);
    assert.equal(p.asked[1].message, 'Remove client certificate good0002 from stage "prod" of PetStore?');
    assert.deepEqual(writesSince(from).map((w) => JSON.parse(w.body)), [{ patchOperations: [{ op: 'replace', path: '/clientCertificateId', value: '' }] }]);

    const pem = '-----BEGIN CERTIFICATE-----\nMIIC6jCCAdKgAwIBAgIJAKsLtPd\n-----END CERTIFICATE-----';
    proxy.fault({ operation: 'GetClientCertificate', kind: 'answer', answer: jsonAnswer({ clientCertificateId: 'good0002', pemEncodedCertificate: pem, expirationDate: epoch(364) }) });
    await node.api.stages.reloadStage('prod');
    from = proxy.requests.length;
    await runScripted(api, 'copyClientCertificatePem', [], node);
    assert.deepEqual(errors(), []);
    assert.deepEqual(recorded().copied, [pem], 'copied through ctx.notifier');
    assert.deepEqual(proxy.requests.slice(from), ['GET /clientcertificates/good0002'], 'one GetClientCertificate');
    assert.match(recorded().shown.map((n) => n.message).join('\n'), /Copied the PEM of client certificate good0002 \(expires \d{4}-/);
  });

  it('Copy Client Certificate PEM on a stage without one says so and sends nothing', async () => {
    const node = await stageNode('dev');
    const from = proxy.requests.length;
    await runScripted(api, 'copyClientCertificatePem', [], node);
    assert.match(recorded().shown.map((n) => n.message).join('\n'), /Stage "dev" has no client certificate: Set Client Certificate… sets one\./);
    assert.deepEqual(writesSince(from), []);
  });

  it("Set Documentation Version… lists AWS's versions and sends one replace /documentationVersion; None (offered when one is set) sends ''", async () => {
    const node = await stageNode('dev');
    const versions = { item: [{ version: '1.0', description: 'first', createdDate: epoch(-30) }, { version: '2.0', description: 'second', createdDate: epoch(-1) }] };
    proxy.fault({ operation: 'GetDocumentationVersions', kind: 'answer', answer: jsonAnswer(versions), times: Infinity });
    // moto keeps no documentation version: AWS's answer, the stage naming it.
    proxy.fault({ operation: 'UpdateStage', kind: 'answer', answer: jsonAnswer({ stageName: 'dev', deploymentId: seeded.apis.PetStore.deploymentIds[0], documentationVersion: '2.0' }) });
    let from = proxy.requests.length;
    const p = await runScripted(api, 'setDocumentationVersion', [{ pick: /^2\.0 · second/ }, { confirm: true }], node);
    assert.deepEqual(errors(), []);
    assert.deepEqual(p.asked[0].labels, ['2.0', '1.0'], 'newest first, no None while the stage names none');
    assert.match(items(p.asked[0])[0].detail ?? '', /^published \d{4}-/);
    assert.deepEqual(writesSince(from).map((w) => JSON.parse(w.body)), [{ patchOperations: [{ op: 'replace', path: '/documentationVersion', value: '2.0' }] }]);
    assert.equal(node.stage.documentationVersion, '2.0', "the tree holds AWS's answer");

    proxy.fault({ operation: 'GetStage', kind: 'merge', merge: { documentationVersion: '2.0' }, times: 1 });
    proxy.fault({ operation: 'UpdateStage', kind: 'answer', answer: jsonAnswer({ stageName: 'dev', deploymentId: seeded.apis.PetStore.deploymentIds[0] }) });
    from = proxy.requests.length;
    const none = await runScripted(api, 'setDocumentationVersion', [{ pick: 'None' }, { confirm: true }], node);
    assert.deepEqual(errors(), []);
    assert.equal(none.asked[1].message, 'Clear the documentation version of stage "dev" of PetStore?');
    assert.deepEqual(writesSince(from).map((w) => JSON.parse(w.body)), [{ patchOperations: [{ op: 'replace', path: '/documentationVersion', value: '' }] }]);
  });

  it('Publish Documentation to Stage… asks a version and a description, checks the name is free, and sends one CreateDocumentationVersion naming the stage; on moto, without the proxy\'s answer, it says plainly that moto does not implement it', async () => {
    const node = await stageNode('dev');
    proxy.fault({ operation: 'CreateDocumentationVersion', kind: 'answer', answer: jsonAnswer({ version: '3.0', description: 'third', createdDate: epoch(0) }, 201) });
    let from = proxy.requests.length;
    const p = await runScripted(api, 'publishDocumentation', [{ input: '3.0' }, { input: 'third' }, { confirm: true }], node);
    assert.deepEqual(errors(), []);
    assert.equal(p.asked.at(-1)?.message, 'Publish the documentation of PetStore as version "3.0" and set it on stage "dev"?');
    assert.match(p.asked.at(-1)?.detail ?? '', /Requests:\nCreateDocumentationVersion "3\.0" \(set on stage dev\)\n {2}description = "third"$/);
    const sent = proxy.requests.slice(from);
    assert.ok(sent.includes(`GET /restapis/${petStore()}/documentation/versions/3.0`), `the name is checked free first: ${sent.join(', ')}`);
    const writes = writesSince(from);
    assert.deepEqual(writes.map((w) => w.request), [`POST /restapis/${petStore()}/documentation/versions`]);
    assert.deepEqual(JSON.parse(writes[0].body), { documentationVersion: '3.0', stageName: 'dev', description: 'third' });
    assert.equal(sent.at(-1), `GET /restapis/${petStore()}/stages/dev`, 'the stage read again afterwards (the answer is the version, not the stage)');

    from = proxy.requests.length;
    await runScripted(api, 'publishDocumentation', [{ input: '4.0' }, { input: '' }, { confirm: true }], node);
    assert.deepEqual(errors(), [`This endpoint (${proxy.endpoint}) does not implement CreateDocumentationVersion: an emulator implements only part of API Gateway. Nothing was changed.`]);
    assert.equal(writesSince(from).length, 1, 'sent once, not retried');
  });

  it("the stage editor reads a client certificate only for a stage that has one: none for a stage without, one GetClientCertificate for a stage with one", async () => {
    const waitFor = async (what: string, holds: () => boolean) => {
      const deadline = Date.now() + 10_000;
      while (!holds()) {
        if (Date.now() > deadline) throw new Error(`waited in vain: ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const opened = (from: number, stage: string) => proxy.requests.slice(from).includes(`GET /restapis/${petStore()}/stages/${stage}`) && proxy.requests.slice(from).includes('GET /account');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    try {
      let from = proxy.requests.length;
      await runScripted(api, 'editStageSettings', [], await stageNode('test'));
      await waitFor('the editor read its stage and the account', () => opened(from, 'test'));
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(proxy.requests.slice(from).filter((r) => r.includes('/clientcertificates')), [], 'a stage without a certificate costs no request more');

      proxy.fault({ operation: 'GetStage', kind: 'merge', merge: { clientCertificateId: 'good0002' }, times: Infinity });
      proxy.fault({ operation: 'GetClientCertificate', kind: 'answer', answer: jsonAnswer({ clientCertificateId: 'good0002', description: 'new backend', expirationDate: epoch(20) }), times: Infinity });
      from = proxy.requests.length;
      await runScripted(api, 'editStageSettings', [], await stageNode('prod'));
      await waitFor('the editor read the certificate', () => proxy.requests.slice(from).includes('GET /clientcertificates/good0002'));
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(proxy.requests.slice(from).filter((r) => r === 'GET /clientcertificates/good0002').length, 1, 'one GetClientCertificate');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});

const items = (asked: { items?: readonly vscode.QuickPickItem[] }) => asked.items ?? [];
