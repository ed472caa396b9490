// Export API Definition…'s GetExport with the real SDK: LocalStack exports for real (OpenAPI 3 or
// Swagger 2, JSON or YAML); moto always answers Swagger 2.0 JSON of the API as it is now. GetSdkTypes
// and GetSdk: neither emulator has them, and the failure says so plainly.
import * as assert from 'assert/strict';
import { errorMessage } from '../../src/errors';
import { exportRequest } from '../../src/model/exportDefinition';
import { emulatorKind } from '../harness/emulator';
import { useSeededEmulator } from '../harness/serviceHooks';

const KIND = emulatorKind();

describe(`export and SDKs against ${KIND}`, function () {
  this.timeout(60_000);
  const w = useSeededEmulator('apigw-export-');
  // Orders API: LocalStack's exporter refuses PetStore's ANY method ("One or more HTTP methods are invalid: any").
  const orders = () => w.seeded.apis['Orders API'].id;

  if (KIND === 'localstack') {
    it('OpenAPI 3 as JSON with the apigateway extensions: one GetExport, the text parsed as an OpenAPI 3 document of the API', async () => {
      const text = await w.gateway.getExport(orders(), 'v1', exportRequest('oas30', 'json', ['apigateway']));
      assert.deepEqual(w.sent, ['GetExport']);
      const doc = JSON.parse(text) as { openapi?: string; info?: { title?: string }; paths?: Record<string, unknown> };
      assert.match(doc.openapi ?? '', /^3\./);
      assert.equal(doc.info?.title, 'Orders API');
      assert.ok(doc.paths?.['/orders'], Object.keys(doc.paths ?? {}).join(', '));
    });

    it('Swagger 2 as YAML: YAML text, not JSON', async () => {
      const text = await w.gateway.getExport(orders(), 'v1', exportRequest('swagger', 'yaml', []));
      assert.match(text, /^swagger: ['"]?2\.0['"]?$/m);
      assert.match(text, /^ {2}\/orders:$/m);
      assert.throws(() => JSON.parse(text));
    });
  } else {
    it('moto answers Swagger 2.0 JSON whatever is asked (OpenAPI 3, YAML): the text as it came', async () => {
      const text = await w.gateway.getExport(orders(), 'v1', exportRequest('oas30', 'yaml', ['apigateway']));
      assert.deepEqual(w.sent, ['GetExport']);
      const doc = JSON.parse(text) as { swagger?: string; info?: { title?: string } };
      assert.equal(doc.swagger, '2.0');
      assert.equal(doc.info?.title, 'Orders API');
    });
  }

  it(`GetSdkTypes: ${KIND} has none, and the message says so plainly`, async () => {
    await w.gateway.listRestApis(); // the endpoint has answered as API Gateway: an unknown route is then an operation it lacks
    const e = await w.gateway.listSdkTypes().then(() => assert.fail(`${KIND} has no GetSdkTypes`), (err: unknown) => err);
    assert.match(errorMessage(e), /^This endpoint \(http:\/\/127\.0\.0\.1:\d+\) does not implement GetSdkTypes: an emulator implements only part of API Gateway\./);
  });
});
