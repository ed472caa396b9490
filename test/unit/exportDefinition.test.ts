import * as assert from 'assert/strict';
import { checkRawAnswer } from '../../src/aws/answers';
import { EXPORT_EXTENSIONS, exportRequest, extensionsParameter, fileName, readableDefinition } from '../../src/model/exportDefinition';

// Export API Definition…: what GetExport is asked for, and the files' names.
describe('export and SDK files', () => {
  it("extensions: comma-joined in AWS's order; none for a plain definition; apigateway stands for integrations and authorizers", () => {
    assert.equal(extensionsParameter([]), undefined);
    assert.equal(extensionsParameter(['postman', 'integrations']), 'integrations,postman');
    assert.equal(extensionsParameter(['authorizers', 'integrations']), 'integrations,authorizers');
    assert.equal(extensionsParameter(['apigateway', 'integrations', 'authorizers', 'postman']), 'apigateway,postman');
    assert.equal(extensionsParameter(['unknown']), undefined);
    assert.deepEqual(EXPORT_EXTENSIONS.map((e) => e.id), ['integrations', 'authorizers', 'apigateway', 'postman']);
    for (const e of EXPORT_EXTENSIONS) assert.match(e.detail, /to import into (API Gateway|Postman)/, `${e.id} says what it is for`);
  });

  it('the request: exportType as picked, accepts application/json or application/yaml', () => {
    assert.deepEqual(exportRequest('oas30', 'yaml', ['postman']), { exportType: 'oas30', accepts: 'application/yaml', extensions: 'postman' });
    assert.deepEqual(exportRequest('swagger', 'json', []), { exportType: 'swagger', accepts: 'application/json', extensions: undefined });
  });

  it('a definition on one line (moto answers so) is indented; YAML, text already in lines, and what is not JSON stay as they came', () => {
    assert.equal(readableDefinition('{"swagger":"2.0","info":{"title":"PetStore"}}', 'json'), '{\n  "swagger": "2.0",\n  "info": {\n    "title": "PetStore"\n  }\n}\n');
    const lines = '{\n"openapi": "3.0.1"\n}';
    assert.equal(readableDefinition(lines, 'json'), lines);
    assert.equal(readableDefinition('openapi: 3.0.1', 'yaml'), 'openapi: 3.0.1');
    assert.equal(readableDefinition('{not json', 'json'), '{not json');
  });

  it('file names: parts joined with "-", what a file system refuses (and spaces) as "_"', () => {
    assert.equal(fileName(['PetStore', 'prod', 'oas30'], 'yaml'), 'PetStore-prod-oas30.yaml');
    assert.equal(fileName(['Orders API', 'v1', 'javascript'], 'zip'), 'Orders_API-v1-javascript.zip');
    assert.equal(fileName(['a/b\\c:d*?"<>|', 's'], 'json'), 'a_b_c_d_-s.json');
  });

  it('answers that are files: an export is any text but a web page; an SDK must be a zip', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    assert.doesNotThrow(() => checkRawAnswer('GetExport', 200, bytes('openapi: 3.0.1\ninfo:\n  title: x\n')));
    assert.doesNotThrow(() => checkRawAnswer('GetExport', 200, bytes('{"swagger":"2.0"}')));
    assert.throws(() => checkRawAnswer('GetExport', 200, bytes('<html><body>Sign in</body></html>')), /web page/);
    assert.doesNotThrow(() => checkRawAnswer('GetSdk', 200, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2])));
    assert.throws(() => checkRawAnswer('GetSdk', 200, bytes('OK')), /not a zip file/);
    // Errors are API Gateway's JSON as for any operation.
    assert.doesNotThrow(() => checkRawAnswer('GetSdk', 404, bytes('{"message":"Invalid stage identifier specified"}')));
  });
});
