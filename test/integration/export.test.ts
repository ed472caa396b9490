// Export API Definition… and Generate SDK… in the extension host, through the test proxy: the export
// is the emulator's (moto: always Swagger 2.0 JSON); GetSdkTypes and GetSdk, which no emulator has,
// are answered by the proxy as AWS answers them.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { GetExportCommand } from '@aws-sdk/client-api-gateway';
import type { ExtensionApi } from '../../src/extension';
import { readableDefinition } from '../../src/model/exportDefinition';
import { BAD_INPUTS, shown } from '../harness/badInputs';
import { jsonAnswer } from '../harness/faultAnswers';
import { type SeedResult } from '../harness/seed';
import { emulatorClient, noticesOf, runScripted, useApiProxy, useFreshSample } from './commandHelpers';
import { stageNode } from './treeHelpers';

/** GetSdkTypes as AWS answers it (its list under "item"), cut to three types. */
const SDK_TYPES = {
  item: [
    {
      id: 'android', friendlyName: 'Android', description: 'Android SDK',
      configurationProperties: [
        { name: 'groupId', friendlyName: 'Group ID', description: 'Group ID', required: true },
        { name: 'invokerPackage', friendlyName: 'Invoker package', description: 'Package name', required: true },
        { name: 'artifactId', friendlyName: 'Artifact ID', description: 'Artifact ID', required: true },
        { name: 'artifactVersion', friendlyName: 'Artifact version', description: 'Artifact version', required: true, defaultValue: '1.0.0' },
      ],
    },
    { id: 'javascript', friendlyName: 'JavaScript', description: 'JavaScript SDK', configurationProperties: [] },
    { id: 'objectivec', friendlyName: 'iOS (Objective-C)', description: 'Objective-C SDK', configurationProperties: [{ name: 'classPrefix', friendlyName: 'Prefix', required: true }] },
  ],
};

describe('export and SDK commands', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let seeded: SeedResult;
  let dir: string;
  const net = useApiProxy(useFreshSample((s) => ({ api, seeded } = s)));
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-export-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const petStore = () => seeded.apis.PetStore.id;
  const prodNode = () => stageNode(api, 'prod');
  /** GetExport straight to the emulator: what the command must show or save, as it came. */
  const exported = async (exportType: string, accepts: string) => {
    const out = await emulatorClient().send(new GetExportCommand({ restApiId: petStore(), stageName: 'prod', exportType, accepts }));
    return new TextDecoder().decode(out.body);
  };
  const since = (from: number) => net.proxy.requests.slice(from).map((r, i) => `${r}${net.proxy.queries[from + i] ? `?${net.proxy.queries[from + i]}` : ''}`);

  it('Export API Definition… into an editor tab: OpenAPI 3, YAML, apigateway + postman; an untitled yaml document with the text GetExport answered', async () => {
    const from = net.proxy.requests.length;
    const p = await runScripted(api, 'exportApiDefinition', [
      { pick: 'OpenAPI 3' }, { pick: 'YAML' }, { pickMany: ['apigateway', 'postman'] }, { pick: 'Open in an editor tab' },
    ], await prodNode());
    assert.deepEqual(p.asked.map((a) => a.step), [1, 2, 3, 4], 'one wizard, Back at each step');
    assert.ok(p.asked[2].items?.every((i) => /to import into (API Gateway|Postman)/.test(i.detail ?? '')), 'each extension says what it is for');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc?.isUntitled, 'an untitled document');
    assert.equal(doc.languageId, 'yaml');
    // moto answers Swagger 2.0 JSON whatever is asked (LocalStack exports for real: test/service/export.test.ts).
    assert.equal(doc.getText(), await exported('oas30', 'application/yaml'));
    assert.ok(since(from).includes(`GET /restapis/${petStore()}/stages/prod/exports/oas30?extensions=apigateway%2Cpostman`), since(from).join(', '));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Export API Definition… from the palette to a file: Swagger 2 as JSON, no extensions; the file holds the definition, named <api>-<stage>-<type>.json', async () => {
    const file = path.join(dir, 'petstore.json');
    const p = await runScripted(api, 'exportApiDefinition', [
      { pick: 'PetStore' }, { pick: 'prod' }, { pick: 'Swagger 2' }, { pick: 'JSON' }, { pickMany: [] }, { pick: 'Save to a file…' }, { save: vscode.Uri.file(file).toString() },
    ]);
    assert.equal(p.asked.find((a) => a.kind === 'save')?.defaultName, 'PetStore-prod-swagger.json');
    // moto answers on one line: the file is the same definition, indented.
    assert.equal(fs.readFileSync(file, 'utf8'), readableDefinition(await exported('swagger', 'application/json'), 'json'));
  });

  it('Export API Definition… from the palette: the API and the stage are the first steps of its wizard, so Back from the stage returns to the API and Back from the type to the stage', async () => {
    const from = net.proxy.requests.length;
    const p = await runScripted(api, 'exportApiDefinition', [{ pick: 'PetStore' }, 'back', { pick: 'PetStore' }, { pick: 'prod' }, 'back', { pick: 'prod' }, 'cancel']);
    const trail = p.asked.map((a) => `${a.title} · ${(a.placeholder ?? '').replace(/ \(.*\)$/, '')} ${a.step}/${a.totalSteps}`);
    assert.deepEqual(trail, [
      'Export API Definition · REST API 1/6',
      'Export API Definition · Stage of PetStore 2/6',
      'Export API Definition · REST API 1/6',
      'Export API Definition · Stage of PetStore 2/6',
      'Export API Definition · Definition type 3/6',
      'Export API Definition · Stage of PetStore 2/6',
      'Export API Definition · Definition type 3/6',
    ]);
    assert.deepEqual(since(from).filter((r) => r.includes('/exports/')), [], 'cancelled before GetExport');
  });

  it('Generate SDK… (GetSdkTypes and GetSdk answered as AWS does): Android, its four required properties, the zip saved byte for byte, GetSdk with the parameters', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256))]);
    net.proxy.fault({ operation: 'GetSdkTypes', kind: 'answer', answer: jsonAnswer(SDK_TYPES), times: Infinity });
    net.proxy.fault({ operation: 'GetSdk', kind: 'answer', answer: { headers: { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="android_2026-12-05.zip"' }, body: zip } });
    const file = path.join(dir, 'sdk.zip');
    const from = net.proxy.requests.length;
    const p = await runScripted(api, 'generateSdk', [
      { pick: /^Android · android/ }, { input: 'com.example' }, { input: 'com.example.pets' }, { input: 'pets' }, { input: '1.0.0' }, { save: vscode.Uri.file(file).toString() },
    ], await prodNode());
    // Step 1 counts the save as step 2 until a type is picked; then its four properties are steps 2 to 5 of 6 (the save dialog is the 6th).
    assert.deepEqual(p.asked.slice(0, 5).map((a) => `${a.step}/${a.totalSteps}`), ['1/2', '2/6', '3/6', '4/6', '5/6']);
    assert.equal(p.asked[4].value, '1.0.0', 'a default value is offered');
    assert.equal(p.asked[5].defaultName, 'PetStore-prod-android.zip');
    assert.ok(fs.readFileSync(file).equals(zip), 'the bytes the proxy sent');
    const sdkCall = since(from).find((r) => r.startsWith(`GET /restapis/${petStore()}/stages/prod/sdks/android?`));
    assert.ok(sdkCall, since(from).join(', '));
    assert.deepEqual(Object.fromEntries(new URLSearchParams(sdkCall.split('?')[1])), { groupId: 'com.example', invokerPackage: 'com.example.pets', artifactId: 'pets', artifactVersion: '1.0.0' });
  });

  it('Generate SDK…: JavaScript asks no property; every bad value of a required one is refused before GetSdk', async () => {
    net.proxy.fault({ operation: 'GetSdkTypes', kind: 'answer', answer: jsonAnswer(SDK_TYPES), times: Infinity });
    const p = await runScripted(api, 'generateSdk', [{ pick: 'JavaScript' }, { save: undefined }], await prodNode());
    assert.deepEqual(p.asked.map((a) => a.kind), ['pick', 'save']);
    const from = net.proxy.requests.length;
    let checked = 0;
    for (const value of BAD_INPUTS.sdkParameter.bad) {
      const asked = await runScripted(api, 'generateSdk', [{ pick: 'iOS (Objective-C)' }, { input: value, expectProblem: BAD_INPUTS.sdkParameter.allowed }], await prodNode());
      assert.match(asked.asked.at(-1)?.problem ?? '', BAD_INPUTS.sdkParameter.allowed, shown(value));
      checked++;
    }
    console.log(`      bad inputs checked (wizards, Generate SDK): ${checked}`);
    assert.ok(!net.proxy.requests.slice(from).some((r) => r.includes('/sdks/')), 'no GetSdk');
  });

  it('Generate SDK… where GetSdkTypes is not answered (the emulator has none): said plainly, nothing asked', async () => {
    const notices = await noticesOf(api, async () => runScripted(api, 'generateSdk', [], await prodNode()));
    assert.match(notices.map((n) => n.message).join('\n'), /^This endpoint \(http:\/\/127\.0\.0\.1:\d+\) does not implement GetSdkTypes: an emulator implements only part of API Gateway\./m);
  });
});
