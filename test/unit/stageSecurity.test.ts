// The stage's web ACL, client certificate and documentation version: their requests as data, the
// checks of what is picked or typed, and what the pickers and the editor say.
import * as assert from 'assert/strict';
import { formatDate as fmt } from '../../src/model/dates';
import { describePlan, stageOfStep } from '../../src/model/plans';
import { webAclArnProblem, webAclName, webAclPlan } from '../../src/model/webAcl';
import { webAclConsoleUrl } from '../../src/model/consoleUrl';
import { certificatePlan, expiryOf } from '../../src/model/clientCertificate';
import { checkOutput, checkRawAnswer } from '../../src/aws/answers';
import { NEW_CLIENT_CERTIFICATE_ID } from '../../src/model/plans';
import { documentationVersionPlan, publishDocumentationPlan } from '../../src/model/documentationVersion';
import { stageSecurity } from '../../src/model/stageSecurity';
import type { ApiGateway } from '../../src/aws/apiGateway';
import { readBack } from '../../src/aws/readBack';
import { runPlan } from '../../src/aws/planRunner';
import type { PlanStep } from '../../src/model/plans';

const API = 'a1b2c3';
const ACL = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge-acl/1234abcd-12ab-34cd-56ef-1234567890ab';
const STAGE_ARN = `arn:aws:apigateway:us-east-1::/restapis/${API}/stages/prod`;

describe('stage security: web ACL, client certificate, documentation version', () => {
  describe('web ACL', () => {
    it('associating is one AssociateWebACL on the stage ARN; disassociating one DisassociateWebACL; both change the stage', () => {
      const on = webAclPlan('us-east-1', API, 'prod', ACL);
      const off = webAclPlan('us-east-1', API, 'prod', undefined);
      assert.deepEqual(on, [{ op: 'AssociateWebACL', webAclArn: ACL, resourceArn: STAGE_ARN, stageName: 'prod' }]);
      assert.deepEqual(off, [{ op: 'DisassociateWebACL', resourceArn: STAGE_ARN, stageName: 'prod' }]);
      assert.deepEqual([...on, ...off].map(stageOfStep), ['prod', 'prod']);
      assert.deepEqual(describePlan(off), ['DisassociateWebACL stage prod']);
      assert.deepEqual(webAclPlan('cn-north-1', API, 'p', undefined), [{ op: 'DisassociateWebACL', resourceArn: `arn:aws-cn:apigateway:cn-north-1::/restapis/${API}/stages/p`, stageName: 'p' }]);
    });

    it('the name comes from the ARN (no request); a link to the WAF console', () => {
      assert.equal(webAclName(ACL), 'edge-acl');
      assert.equal(webAclName('arn:aws:waf-regional:us-east-1:1:webacl/x'), 'arn:aws:waf-regional:us-east-1:1:webacl/x', 'not WAF v2: the ARN itself');
      assert.equal(webAclConsoleUrl('us-east-1', 'edge-acl', '1a'), 'https://us-east-1.console.aws.amazon.com/wafv2/homev2/web-acl/edge-acl/1a/overview?region=us-east-1');
      assert.match(webAclConsoleUrl('cn-north-1', 'a', 'b'), /^https:\/\/cn-north-1\.console\.amazonaws\.cn\//);
    });

    it("WAF's answer to DisassociateWebACL is {}: JSON with fields is another service's answer", () => {
      assert.doesNotThrow(() => checkRawAnswer('DisassociateWebACL', 200, Buffer.from(' {} ')));
      assert.throws(() => checkRawAnswer('DisassociateWebACL', 200, Buffer.from('{"message":"hello"}')), /JSON with fields where WAF answers \{\}/);
    });

    it('an ARN of another region, or WAF Classic, is refused with why', () => {
      assert.equal(webAclArnProblem(ACL, 'us-east-1'), undefined);
      assert.match(webAclArnProblem(ACL, 'eu-west-1') ?? '', /in us-east-1; a stage of eu-west-1 takes a web ACL of its own region/);
      assert.match(webAclArnProblem('arn:aws:waf-regional:us-east-1:123456789012:webacl/1', 'us-east-1') ?? '', /WAF Classic/);
    });
  });

  describe('client certificate', () => {
    const NOW = new Date('2026-12-05T12:00:00Z');
    const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

    it('set: one replace /clientCertificateId; remove: replace with "" (what the console and Terraform send)', () => {
      assert.deepEqual(certificatePlan(API, 'prod', { kind: 'set', clientCertificateId: 'abc123' }), [
        { op: 'UpdateStage', restApiId: API, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/clientCertificateId', value: 'abc123' }] },
      ]);
      assert.deepEqual(certificatePlan(API, 'prod', { kind: 'remove' }), [
        { op: 'UpdateStage', restApiId: API, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/clientCertificateId', value: '' }] },
      ]);
    });

    it('generate and set: one plan, GenerateClientCertificate first (no stage of its own), the set naming the id it will return', () => {
      const plan = certificatePlan(API, 'prod', { kind: 'generate', description: 'prod backend' });
      assert.deepEqual(plan.map(stageOfStep), [undefined, 'prod']);
      assert.deepEqual(describePlan(plan), [
        'GenerateClientCertificate',
        '  description = "prod backend"',
        'UpdateStage prod (1 operation)',
        `  replace /clientCertificateId = "${NEW_CLIENT_CERTIFICATE_ID}"`,
      ]);
    });

    it('expiry in words: a date; within 30 days a warning with the days left; expired marked', () => {
      assert.deepEqual(expiryOf(days(365), NOW), { text: `expires ${fmt(days(365))}`, warn: false, expired: false });
      assert.deepEqual(expiryOf(days(30), NOW), { text: `expires ${fmt(days(30))}`, warn: false, expired: false });
      assert.deepEqual(expiryOf(days(29.5), NOW), { text: `expires in 29 days (${fmt(days(29.5))})`, warn: true, expired: false });
      assert.deepEqual(expiryOf(days(1), NOW), { text: `expires in 1 day (${fmt(days(1))})`, warn: true, expired: false });
      assert.deepEqual(expiryOf(days(0.5), NOW), { text: `expires today (${fmt(days(0.5))})`, warn: true, expired: false });
      assert.deepEqual(expiryOf(days(-2), NOW), { text: `expired on ${fmt(days(-2))}`, warn: true, expired: true });
      assert.equal(expiryOf(undefined, NOW), undefined);
    });

    it("AWS's documented answers: GenerateClientCertificate and GetClientCertificates are taken, dates as dates; one without an id is not", () => {
      // The shape of AWS's GenerateClientCertificate answer (API reference, ClientCertificate).
      const aws = {
        clientCertificateId: 'a1b2c3', description: 'prod backend', pemEncodedCertificate: '-----BEGIN CERTIFICATE-----\nMIIC…\n-----END CERTIFICATE-----',
        createdDate: new Date('2026-12-05T12:00:00Z'), expirationDate: new Date('2027-12-05T12:00:00Z'), tags: {},
      };
      assert.equal(checkOutput('GenerateClientCertificate', aws), aws);
      assert.doesNotThrow(() => checkRawAnswer('GetClientCertificates', 200, Buffer.from('{"item":[{"clientCertificateId":"a1b2c3"}]}')));
      assert.throws(() => checkOutput('GenerateClientCertificate', { description: 'x' }), /without GenerateClientCertificate\.clientCertificateId/);
      assert.throws(() => checkRawAnswer('GetClientCertificates', 200, Buffer.from('{"message":"hello"}')), /without a list/);
    });
  });

  describe('documentation version', () => {
    it('set: replace /documentationVersion; None: replace with ""', () => {
      assert.deepEqual(documentationVersionPlan(API, 'prod', '1.0.0'), [
        { op: 'UpdateStage', restApiId: API, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/documentationVersion', value: '1.0.0' }] },
      ]);
      assert.deepEqual(documentationVersionPlan(API, 'prod', undefined), [
        { op: 'UpdateStage', restApiId: API, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/documentationVersion', value: '' }] },
      ]);
    });

    it('publish: one CreateDocumentationVersion naming the stage (it changes the stage); the description only when given', () => {
      const plan = publishDocumentationPlan(API, 'prod', '2.0', 'the v2 docs');
      assert.deepEqual(plan, [{ op: 'CreateDocumentationVersion', restApiId: API, documentationVersion: '2.0', stageName: 'prod', description: 'the v2 docs' }]);
      assert.deepEqual(plan.map(stageOfStep), ['prod']);
      assert.deepEqual(describePlan(plan), ['CreateDocumentationVersion "2.0" (set on stage prod)', '  description = "the v2 docs"']);
      assert.deepEqual(describePlan(publishDocumentationPlan(API, 'prod', '2.0', '')), ['CreateDocumentationVersion "2.0" (set on stage prod)']);
    });

    it("AWS's documented answer to CreateDocumentationVersion is taken; one without a version is not", () => {
      const aws = { version: '2.0', description: 'the v2 docs', createdDate: new Date('2026-12-05T12:00:00Z') };
      assert.equal(checkOutput('CreateDocumentationVersion', aws), aws);
      assert.throws(() => checkOutput('CreateDocumentationVersion', { description: 'x' }), /without CreateDocumentationVersion\.version/);
      assert.doesNotThrow(() => checkRawAnswer('GetDocumentationVersions', 200, Buffer.from('{"item":[{"version":"2.0"}]}')));
    });
  });

  describe("the stage editor's section", () => {
    const NOW = new Date('2026-12-05T12:00:00Z');
    it('the web ACL by its name from the ARN, linked to the WAF console only on AWS; none: nothing', () => {
      assert.deepEqual(stageSecurity({ webAclArn: ACL }, 'us-east-1', true, undefined, NOW), {
        webAcl: { arn: ACL, name: 'edge-acl', consoleUrl: 'https://us-east-1.console.aws.amazon.com/wafv2/homev2/web-acl/edge-acl/1234abcd-12ab-34cd-56ef-1234567890ab/overview?region=us-east-1' },
      });
      assert.deepEqual(stageSecurity({ webAclArn: ACL }, 'us-east-1', false, undefined, NOW), { webAcl: { arn: ACL, name: 'edge-acl' } }, "an emulator's ARN is not linked");
      assert.deepEqual(stageSecurity({}, 'us-east-1', true, undefined, NOW), {});
    });

    it('the certificate: loading, then its description and expiry (warned within 30 days), or why not; the documentation version', () => {
      assert.deepEqual(stageSecurity({ clientCertificateId: 'c1' }, 'us-east-1', true, 'loading', NOW), { clientCertificate: { id: 'c1', loading: true } });
      const soon = new Date(NOW.getTime() + 12.5 * 86_400_000);
      assert.deepEqual(stageSecurity({ clientCertificateId: 'c1', documentationVersion: '2.0' }, 'us-east-1', true, { description: 'prod backend', expirationDate: soon }, NOW), {
        clientCertificate: { id: 'c1', description: 'prod backend', expires: fmt(soon), expiry: `expires in 12 days (${fmt(soon)})`, warn: true },
        documentationVersion: '2.0',
      });
      assert.deepEqual(stageSecurity({ clientCertificateId: 'c1' }, 'us-east-1', true, { problem: 'it no longer exists (deleted?)' }, NOW), { clientCertificate: { id: 'c1', problem: 'it no longer exists (deleted?)' } });
    });
  });

  describe('the plan runner and the read-back (a gateway that answers as AWS does)', () => {
    const SENT = Date.parse('2026-12-05T12:00:00Z');
    const fake = (g: Partial<Record<keyof ApiGateway, unknown>>) => g as unknown as ApiGateway;

    it("fills the new certificate's id into the UpdateStage that follows GenerateClientCertificate", async () => {
      const sent: PlanStep[] = [];
      const gateway = fake({
        send: async (step: PlanStep) => {
          sent.push(step);
          return step.op === 'GenerateClientCertificate' ? { clientCertificateId: 'made0004', description: step.description } : { stageName: 'prod' };
        },
      });
      const result = await runPlan(gateway, certificatePlan(API, 'prod', { kind: 'generate', description: 'prod backend' }));
      assert.equal(result.clientCertificate?.clientCertificateId, 'made0004');
      assert.deepEqual(sent[1], { op: 'UpdateStage', restApiId: API, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/clientCertificateId', value: 'made0004' }] });
    });

    it("a cleared field (replace with '') reads back as applied when AWS leaves it out, not when it still holds a value", async () => {
      const [clear] = certificatePlan(API, 'prod', { kind: 'remove' });
      assert.deepEqual(await readBack(fake({ getStage: async () => ({ stageName: 'prod' }) }), clear, SENT), { applied: true, answer: { stageName: 'prod' } });
      assert.deepEqual(await readBack(fake({ getStage: async () => ({ stageName: 'prod', clientCertificateId: 'abc' }) }), clear, SENT), { applied: false });
      const [none] = documentationVersionPlan(API, 'prod', undefined);
      assert.equal((await readBack(fake({ getStage: async () => ({ stageName: 'prod' }) }), none, SENT)).applied, true);
    });

    it('a lost GenerateClientCertificate: found by its description among those made since (one: applied; none: not; two: cannot tell)', async () => {
      const step: PlanStep = { op: 'GenerateClientCertificate', description: 'prod backend' };
      const at = (minutes: number) => new Date(SENT + minutes * 60_000);
      const ours = { clientCertificateId: 'c1', description: 'prod backend', createdDate: at(0) };
      const list = (...items: object[]) => fake({ listClientCertificates: async () => items });
      assert.deepEqual(await readBack(list(ours, { clientCertificateId: 'old', description: 'prod backend', createdDate: at(-60) }), step, SENT), { applied: true, answer: ours });
      assert.deepEqual(await readBack(list({ clientCertificateId: 'x', description: 'other', createdDate: at(0) }), step, SENT), { applied: false });
      assert.equal((await readBack(list(ours, { ...ours, clientCertificateId: 'c2' }), step, SENT)).applied, 'unknown');
    });

    it('a lost CreateDocumentationVersion: applied when the version is there (the command checked the name was free)', async () => {
      const [step] = publishDocumentationPlan(API, 'prod', '2.0', '');
      assert.equal((await readBack(fake({ getDocumentationVersion: async () => ({ version: '2.0' }) }), step, SENT)).applied, true);
      assert.deepEqual(await readBack(fake({ getDocumentationVersion: async () => undefined }), step, SENT), { applied: false });
    });
  });
});
