// A stage's web ACL, client certificate and documentation version, with the real SDK against the
// emulator. What each implements differs (../shared/API_GATEWAY.md): moto has WAF v2 and no client
// certificates nor documentation versions; LocalStack has certificates and documentation versions
// (its certificates last 30 days, AWS's 365) but no WAF v2 (paid tier). Each test names its emulator.
import * as assert from 'assert/strict';
import { CreateWebACLCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { errorMessage } from '../../src/errors';
import { runPlan } from '../../src/aws/planRunner';
import { webAclPlan } from '../../src/model/webAcl';
import { certificatePlan, expiryOf } from '../../src/model/clientCertificate';
import { documentationVersionPlan, publishDocumentationPlan } from '../../src/model/documentationVersion';
import { emulatorKind } from '../harness/emulator';
import { useProxiedEmulator } from '../harness/serviceHooks';
import { readySession } from '../harness/testSession';

const KIND = emulatorKind();

describe(`stage security against ${KIND}`, function () {
  this.timeout(120_000);
  const w = useProxiedEmulator('security');

  const petStore = () => w.seeded.apis.PetStore.id;
  const gateway = async (profile = 'local') => {
    const s = await readySession(w.dir, profile);
    await s.api().listRestApis(); // the endpoint has answered as API Gateway
    return s;
  };

  if (KIND === 'moto') {
    it('moto: ListWebACLs lists a made web ACL; Associate then Disassociate through the plan runner, GetStage showing webAclArn after each', async () => {
      const waf = new WAFV2Client({ endpoint: w.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      const made = await waf.send(new CreateWebACLCommand({
        Name: 'edge-acl', Scope: 'REGIONAL', DefaultAction: { Allow: {} }, Description: 'the edge rules',
        VisibilityConfig: { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: 'edge' },
      }));
      waf.destroy();
      const arn = made.Summary!.ARN!;
      const s = await gateway();
      const g = s.api();
      const listed = await g.listWebAcls();
      assert.deepEqual(listed.find((a) => a.arn === arn), { arn, name: 'edge-acl', description: 'the edge rules' });
      await runPlan(g, webAclPlan('us-east-1', petStore(), 'dev', arn));
      assert.equal((await g.getStage(petStore(), 'dev')).webAclArn, arn, 'moto shows webAclArn in GetStage after AssociateWebACL');
      assert.equal(await g.webAclOf(`arn:aws:apigateway:us-east-1::/restapis/${petStore()}/stages/dev`), arn);
      await runPlan(g, webAclPlan('us-east-1', petStore(), 'dev', undefined));
      assert.equal((await g.getStage(petStore(), 'dev')).webAclArn, undefined, 'and none after DisassociateWebACL');
      // Sent twice, DisassociateWebACL does no harm (why it is not guarded): moto answers success.
      await runPlan(g, webAclPlan('us-east-1', petStore(), 'dev', undefined));
      assert.equal(s.requestCounts.get('DisassociateWebACL'), 2);
    });
    it('moto: no documentation versions: GetDocumentationVersions is said plainly not to be implemented', async () => {
      const failed = await (await gateway()).api().listDocumentationVersions(petStore()).then(() => undefined, (e: unknown) => e);
      assert.equal(errorMessage(failed), `This endpoint (${w.emulator.endpoint}) does not implement GetDocumentationVersions: an emulator implements only part of API Gateway. Nothing was changed.`);
    });

    it('moto: no client certificates (its 404 is a page): GetClientCertificates is said plainly not to be implemented', async () => {
      const failed = await (await gateway()).api().listClientCertificates().then(() => undefined, (e: unknown) => e);
      assert.equal(errorMessage(failed), `This endpoint (${w.emulator.endpoint}) does not implement GetClientCertificates: an emulator implements only part of API Gateway. Nothing was changed.`);
    });
  } else {
    it('LocalStack: Generate and set in one plan: the UpdateStage sends the id GenerateClientCertificate returned (asserted at the proxy: LocalStack does not store the patch); Get gives the PEM; its 30-day expiry is warned about', async () => {
      const g = (await gateway('proxied')).api();
      const from = w.proxy.requests.length;
      const result = await runPlan(g, certificatePlan(petStore(), 'dev', { kind: 'generate', description: 'dev backend' }));
      const id = result.clientCertificate?.clientCertificateId;
      assert.ok(id, 'the new certificate is reported');
      const sent = w.proxy.requests.slice(from);
      assert.deepEqual(sent, ['POST /clientcertificates', `PATCH /restapis/${petStore()}/stages/dev`]);
      assert.deepEqual(JSON.parse(w.proxy.bodies[from + 1]), { patchOperations: [{ op: 'replace', path: '/clientCertificateId', value: id }] });
      const listed = (await g.listClientCertificates()).find((c) => c.clientCertificateId === id);
      assert.equal(listed?.description, 'dev backend');
      const got = await g.getClientCertificate(id);
      // LocalStack's PEM is a placeholder (AWS's starts "-----BEGIN CERTIFICATE-----"): what Copy PEM copies is the field as given.
      assert.equal(got?.pemEncodedCertificate, listed?.pemEncodedCertificate ?? 'testcert-123');
      assert.ok(got?.pemEncodedCertificate, 'a PEM to copy');
      const expiry = expiryOf(got?.expirationDate);
      assert.ok(expiry?.warn && !expiry.expired, `LocalStack's certificates last 30 days (AWS's 365): ${expiry?.text}`);
      assert.match(expiry.text, /^expires in (29|30) days \(/);
      assert.equal(await g.getClientCertificate('nope0000'), undefined, 'a certificate that is gone is undefined');
      // Removing it is `replace` with '' (what the console and Terraform send), at the proxy too.
      const at = w.proxy.requests.length;
      await runPlan(g, certificatePlan(petStore(), 'dev', { kind: 'remove' }));
      assert.deepEqual(JSON.parse(w.proxy.bodies[at]), { patchOperations: [{ op: 'replace', path: '/clientCertificateId', value: '' }] });
    });

    it('LocalStack: Publish is one CreateDocumentationVersion naming the stage; the version is listed; Set sends replace /documentationVersion, which LocalStack refuses (400: its path list omits it; AWS allows it)', async () => {
      const g = (await gateway('proxied')).api();
      const result = await runPlan(g, publishDocumentationPlan(petStore(), 'test', '1.0.0', 'first'));
      assert.deepEqual([result.documentationVersion?.version, result.documentationVersion?.description], ['1.0.0', 'first']);
      const listed = await g.listDocumentationVersions(petStore());
      assert.deepEqual(listed.map((v) => v.version), ['1.0.0']);
      assert.ok(listed[0].createdDate instanceof Date);
      const from = w.proxy.requests.length;
      const failed = await runPlan(g, documentationVersionPlan(petStore(), 'test', '1.0.0')).then(() => undefined, (e: unknown) => e);
      assert.deepEqual(JSON.parse(w.proxy.bodies[from]), { patchOperations: [{ op: 'replace', path: '/documentationVersion', value: '1.0.0' }] });
      assert.equal((failed as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode, 400, 'LocalStack refuses the patch');
      const at = w.proxy.requests.length;
      await runPlan(g, documentationVersionPlan(petStore(), 'test', undefined)).catch(() => undefined);
      assert.deepEqual(JSON.parse(w.proxy.bodies[at]), { patchOperations: [{ op: 'replace', path: '/documentationVersion', value: '' }] }, 'None clears it with ""');
    });

    it('LocalStack: no WAF v2 (paid tier): ListWebACLs is said plainly not to be implemented, nothing sent after it', async () => {
      const s = await gateway();
      const failed = await s.api().listWebAcls().then(() => undefined, (e: unknown) => e);
      assert.ok(failed, 'ListWebACLs failed');
      assert.equal(errorMessage(failed), `This endpoint (${w.emulator.endpoint}) does not implement ListWebACLs: an emulator implements only part of API Gateway. Nothing was changed.`);
    });
  }
});
