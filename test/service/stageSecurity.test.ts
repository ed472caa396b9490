// A stage's web ACL, client certificate and documentation version, with the real SDK against the
// emulator. What each implements differs (../shared/API_GATEWAY.md): moto has WAF v2 and no client
// certificates nor documentation versions; LocalStack has certificates and documentation versions
// (its certificates last 30 days, AWS's 365) but no WAF v2 (paid tier). Each test names its emulator.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CreateWebACLCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { errorMessage } from '../../src/errors';
import { runPlan } from '../../src/aws/planRunner';
import { webAclPlan } from '../../src/model/webAcl';
import { type Emulator, emulatorKind, startEmulator } from '../harness/emulator';
import { seed, type SeedResult } from '../harness/seed';
import { readySession } from '../harness/testSession';

const KIND = emulatorKind();

describe(`stage security against ${KIND}`, function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let seeded: SeedResult;
  let dir: string;

  before(async () => {
    emulator = await startEmulator();
    seeded = await seed(emulator.endpoint);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-security-'));
    fs.writeFileSync(path.join(dir, 'config'), `[profile local]\nregion = us-east-1\nendpoint_url = ${emulator.endpoint}\n`);
    fs.writeFileSync(path.join(dir, 'credentials'), '[local]\naws_access_key_id = test\naws_secret_access_key = test\n');
  });
  after(async () => {
    await emulator?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const petStore = () => seeded.apis.PetStore.id;
  const gateway = async () => {
    const s = await readySession(dir);
    await s.api().listRestApis(); // the endpoint has answered as API Gateway
    return s;
  };

  if (KIND === 'moto') {
    it('moto: ListWebACLs lists a made web ACL; Associate then Disassociate through the plan runner, GetStage showing webAclArn after each', async () => {
      const waf = new WAFV2Client({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
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
  } else {
    it('LocalStack: no WAF v2 (paid tier): ListWebACLs is said plainly not to be implemented, nothing sent after it', async () => {
      const s = await gateway();
      const failed = await s.api().listWebAcls().then(() => undefined, (e: unknown) => e);
      assert.ok(failed, 'ListWebACLs failed');
      assert.equal(errorMessage(failed), `This endpoint (${emulator.endpoint}) does not implement ListWebACLs: an emulator implements only part of API Gateway. Nothing was changed.`);
    });
  }
});
