// Only API Gateway's own answers count as answers. A proxy's web page, a text "OK", a body cut short,
// or nothing where a resource was due must not pass for success (a write may or may not have been
// applied, and the user must be told so); error statuses go on to the SDK, which reads them. Then
// the output's values are turned into AWS's types or refused, so nothing of the wrong type reaches
// the tree or the form.
import { NotApiGatewayAnswer, UnexpectedAnswer } from '../../src/errors';
import * as assert from 'assert/strict';
import { checkOutput, checkRawAnswer, parseFailure } from '../../src/aws/answers';

const bytes = (text: string) => new TextEncoder().encode(text);
const page = '<!DOCTYPE html>\n<html><head><title>Sign in to the network</title></head><body><p>Accept the terms</p></body></html>';

describe('answers', () => {
  describe('parseFailure: the SDK could not parse a body', () => {
    const failure = (body: string, status = 200) => Object.assign(new SyntaxError('Unexpected end of JSON input\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), {
      $metadata: { httpStatusCode: status }, $response: { statusCode: status, body: new TextEncoder().encode(body) },
    });

    it('names JSON cut short, and a page that slipped past the raw check', () => {
      const cut = parseFailure(failure('{"stageName": "prod", "variables": {"a'));
      assert.ok(cut instanceof NotApiGatewayAnswer && cut.kind === 'cut short' && cut.$metadata.httpStatusCode === 200, String(cut));
      const page = parseFailure(failure('{"x": 1}<html><body>Proxy</body></html>', 502));
      assert.ok(page instanceof NotApiGatewayAnswer && page.kind === 'a web page' && page.$metadata.httpStatusCode === 502, String(page));
    });

    it('leaves every other error alone', () => {
      assert.equal(parseFailure(new Error('socket hang up')), undefined);
      assert.equal(parseFailure(Object.assign(new Error('Invalid stage identifier specified'), { name: 'NotFoundException' })), undefined);
      assert.equal(parseFailure(undefined), undefined);
    });
  });

  describe('checkRawAnswer', () => {
    type Expect =
      | 'ok'
      | { notApiGateway: NotApiGatewayAnswer['kind'] }
      | { unexpected: RegExp };

    const cases: { name: string; operation: string; status: number; body: string; expect: Expect }[] = [
      // Not JSON at all, whatever the status.
      { name: 'a web page (a proxy, a network sign-in)', operation: 'GetStage', status: 200, body: page, expect: { notApiGateway: 'a web page' } },
      { name: 'a web page after 70 blank lines', operation: 'GetStage', status: 200, body: `${'\n'.repeat(70)}  <html><body>Hello</body></html>`, expect: { notApiGateway: 'a web page' } },
      { name: 'a bare tag', operation: 'UpdateStage', status: 200, body: '<error/>', expect: { notApiGateway: 'a web page' } },
      { name: 'the text "OK"', operation: 'UpdateStage', status: 200, body: 'OK', expect: { notApiGateway: 'text' } },
      // An object cut short is left to the SDK's one parse, whose failure parseFailure names (below): not parsed twice.
      { name: 'JSON cut short, to the SDK\'s parse', operation: 'GetStage', status: 200, body: '{"stageName": "prod", "variables": {"a": "b"', expect: 'ok' },
      { name: 'a JSON list cut short', operation: 'GetStages', status: 200, body: '[{"stageName": "pr', expect: { unexpected: /JSON that is not an object/ } },
      { name: 'JSON cut short to an operation with no body', operation: 'DeleteStage', status: 202, body: '{"a": ', expect: { notApiGateway: 'cut short' } },
      { name: 'an error status with a web page', operation: 'GetStage', status: 502, body: '<html><head><title>502 Bad Gateway</title></head></html>', expect: { notApiGateway: 'a web page' } },
      { name: 'an error status with text', operation: 'GetStage', status: 503, body: 'Service Unavailable', expect: { notApiGateway: 'text' } },
      { name: 'a no-body operation answered with a web page', operation: 'DeleteStage', status: 202, body: page, expect: { notApiGateway: 'a web page' } },

      // JSON, but not what the operation answers.
      { name: 'an empty 200 to an operation with a body', operation: 'GetStage', status: 200, body: '', expect: { unexpected: /nothing \(an empty answer\)/ } },
      { name: 'only blank lines to an operation with a body', operation: 'UpdateStage', status: 200, body: '\n\n  \r\n', expect: { unexpected: /nothing/ } },
      { name: 'a 204 to an operation with a body', operation: 'CreateStage', status: 204, body: '', expect: { unexpected: /nothing/ } },
      { name: 'a 204 with a body to an operation with a body', operation: 'UpdateStage', status: 204, body: '{"stageName":"p"}', expect: { unexpected: /nothing/ } },
      { name: 'a JSON array', operation: 'GetStages', status: 200, body: '[]', expect: { unexpected: /JSON that is not an object/ } },
      { name: 'a JSON string', operation: 'GetStage', status: 200, body: '"prod"', expect: { unexpected: /JSON that is not an object/ } },
      { name: 'JSON null', operation: 'GetStage', status: 200, body: 'null', expect: { unexpected: /JSON that is not an object/ } },
      { name: 'a 200 to DeleteStage (API Gateway answers 202)', operation: 'DeleteStage', status: 200, body: '', expect: { unexpected: /HTTP 200 where 202 was expected/ } },
      { name: 'a 200 with {} to DeleteStage', operation: 'DeleteStage', status: 200, body: '{}', expect: { unexpected: /HTTP 200 where 202 was expected/ } },
      { name: 'a 204 to FlushStageCache', operation: 'FlushStageCache', status: 204, body: '', expect: { unexpected: /HTTP 204 where 202 was expected/ } },
      { name: 'a JSON array to DeleteStage', operation: 'DeleteStage', status: 202, body: '[]', expect: { unexpected: /a body that is not a JSON object/ } },

      // API Gateway's answers (and an emulator's close enough to them).
      { name: 'a JSON object to GetStage', operation: 'GetStage', status: 200, body: '{"stageName":"prod"}', expect: 'ok' },
      { name: 'a JSON object after blank lines', operation: 'GetStage', status: 200, body: '\n\n{"stageName":"prod"}\n', expect: 'ok' },
      { name: 'a 201 with a JSON object to CreateStage', operation: 'CreateStage', status: 201, body: '{"stageName":"prod"}', expect: 'ok' },
      { name: 'a 202 with nothing to DeleteStage', operation: 'DeleteStage', status: 202, body: '', expect: 'ok' },
      { name: 'a 202 with {} to DeleteStage', operation: 'DeleteStage', status: 202, body: '{}', expect: 'ok' },
      { name: 'a 202 to FlushStageAuthorizersCache', operation: 'FlushStageAuthorizersCache', status: 202, body: '', expect: 'ok' },
      { name: 'a 204 to TagResource', operation: 'TagResource', status: 204, body: '', expect: 'ok' },
      { name: 'a 200 with {} to UntagResource', operation: 'UntagResource', status: 200, body: '{}', expect: 'ok' },
      // Errors go on to the SDK, which reads the JSON (or the status alone).
      { name: 'a 404 with a JSON message', operation: 'GetStage', status: 404, body: '{"message":"Invalid stage identifier specified"}', expect: 'ok' },
      { name: 'a 429 with a JSON message', operation: 'UpdateStage', status: 429, body: '{"message":"Too Many Requests"}', expect: 'ok' },
      { name: 'a 500 with nothing', operation: 'GetStage', status: 500, body: '', expect: 'ok' },
      { name: 'a 409 with nothing to DeleteStage', operation: 'DeleteStage', status: 409, body: '', expect: 'ok' },
      { name: 'a 400 with a JSON array', operation: 'CreateStage', status: 400, body: '[]', expect: 'ok' },
    ];

    for (const c of cases) {
      it(`${c.expect === 'ok' ? 'lets through' : 'refuses'} ${c.name} (${c.operation}, HTTP ${c.status})`, () => {
        const run = () => checkRawAnswer(c.operation, c.status, bytes(c.body));
        if (c.expect === 'ok') {
          run();
          return;
        }
        const expect = c.expect;
        assert.throws(run, (e: unknown) => {
          if ('notApiGateway' in expect) {
            assert.ok(e instanceof NotApiGatewayAnswer, String(e));
            assert.equal(e.kind, expect.notApiGateway);
            assert.match(e.message, /not JSON/);
          } else {
            assert.ok(e instanceof UnexpectedAnswer, String(e));
            assert.match(e.message, expect.unexpected);
            assert.equal(e.$operation, c.operation);
            assert.ok(e.message.includes(`to ${c.operation}`), e.message);
          }
          // The status travels with the error, as on the SDK's own errors (retries and messages read it).
          assert.equal(e.$metadata.httpStatusCode, c.status);
          assert.ok(e.message.includes(`HTTP ${c.status}`), e.message);
          return true;
        });
      });
    }

    it('reads the body as UTF-8 (a JSON object with non-ASCII text is an answer)', () => {
      checkRawAnswer('GetStage', 200, bytes('{"stageName":"prod","description":"Früh 日本"}'));
      checkRawAnswer('GetStage', 200, Buffer.from('\uFEFF{"stageName":"prod"}', 'utf8'));
    });
  });

  describe('checkOutput', () => {
    const meta = { httpStatusCode: 200, requestId: 'r-1', attempts: 1, totalRetryDelay: 0 };
    const created = new Date('2025-01-02T03:04:05Z');

    type Case = { name: string; operation: string; output: Record<string, unknown>; expect: Record<string, unknown> | RegExp };
    const cases: Case[] = [
      {
        name: 'turns an emulator\'s strings and numbers into AWS\'s types',
        operation: 'GetStage',
        output: {
          stageName: 'prod', deploymentId: 12345, cacheClusterEnabled: 'true', tracingEnabled: 'false', cacheClusterSize: 0.5,
          variables: { n: 7, s: 'text' }, canarySettings: { percentTraffic: '12.5', useStageCache: 'false', stageVariableOverrides: { a: 1 } },
          createdDate: created,
        },
        expect: {
          stageName: 'prod', deploymentId: '12345', cacheClusterEnabled: true, tracingEnabled: false, cacheClusterSize: '0.5',
          variables: { n: '7', s: 'text' }, canarySettings: { percentTraffic: 12.5, useStageCache: false, stageVariableOverrides: { a: '1' } },
          createdDate: created,
        },
      },
      {
        name: 'coerces the nested method settings, key by key',
        operation: 'UpdateStage',
        output: {
          stageName: 'prod',
          methodSettings: {
            '*/*': { metricsEnabled: 'true', throttlingBurstLimit: '300', throttlingRateLimit: '12.5', cacheTtlInSeconds: 60, loggingLevel: 'INFO' },
            'pets/GET': { dataTraceEnabled: false, throttlingRateLimit: ' 10 ', cachingEnabled: null },
          },
        },
        expect: {
          stageName: 'prod',
          methodSettings: {
            '*/*': { metricsEnabled: true, throttlingBurstLimit: 300, throttlingRateLimit: 12.5, cacheTtlInSeconds: 60, loggingLevel: 'INFO' },
            'pets/GET': { dataTraceEnabled: false, throttlingRateLimit: 10 },
          },
        },
      },
      {
        name: 'drops null values (as if absent) and keeps fields it does not know',
        operation: 'GetStage',
        output: { stageName: 'prod', description: null, variables: { a: null, b: 'x' }, accessLogSettings: null, somethingNew: { kept: 'as is' } },
        expect: { stageName: 'prod', variables: { b: 'x' }, somethingNew: { kept: 'as is' } },
      },
      {
        name: 'coerces each item of a list',
        operation: 'GetStages',
        output: { item: [{ stageName: 'a', tracingEnabled: 'true' }, { stageName: 'b', methodSettings: { '*/*': { metricsEnabled: 'false' } } }] },
        expect: { item: [{ stageName: 'a', tracingEnabled: true }, { stageName: 'b', methodSettings: { '*/*': { metricsEnabled: false } } }] },
      },
      {
        name: 'reads a null as absent, and copies only the item that changed',
        operation: 'GetRestApis',
        output: { items: [{ id: 'a', name: 'A' }, { id: 'b', endpointConfiguration: null, name: 7 }] },
        expect: { items: [{ id: 'a', name: 'A' }, { id: 'b', name: '7' }] },
      },
      {
        name: 'coerces the account\'s throttle',
        operation: 'GetAccount',
        output: { throttleSettings: { burstLimit: '5000', rateLimit: '10000.0' }, features: ['UsagePlans'] },
        expect: { throttleSettings: { burstLimit: 5000, rateLimit: 10000 }, features: ['UsagePlans'] },
      },
      { name: 'refuses "yes" for a boolean, naming the field', operation: 'GetStage', output: { stageName: 'prod', tracingEnabled: 'yes' }, expect: /^The endpoint answered "yes" where GetStage\.tracingEnabled is true or false \(HTTP 200\)/ },
      { name: 'refuses "yes" deep in the method settings, naming the path', operation: 'GetStage', output: { stageName: 'prod', methodSettings: { '*/*': { metricsEnabled: 'yes' } } }, expect: /"yes" where GetStage\.methodSettings\.\*\/\*\.metricsEnabled is true or false/ },
      { name: 'refuses a fraction for a whole number', operation: 'GetStage', output: { stageName: 'p', methodSettings: { '*/*': { throttlingBurstLimit: '1.5' } } }, expect: /"1\.5" where GetStage\.methodSettings\.\*\/\*\.throttlingBurstLimit is a whole number/ },
      { name: 'refuses a word for a number', operation: 'GetStage', output: { stageName: 'p', canarySettings: { percentTraffic: 'ten' } }, expect: /"ten" where GetStage\.canarySettings\.percentTraffic is a number/ },
      { name: 'refuses a boolean for a text', operation: 'GetStage', output: { stageName: 'p', deploymentId: true }, expect: /true where GetStage\.deploymentId is a text/ },
      { name: 'refuses a text for a date', operation: 'GetStage', output: { stageName: 'p', createdDate: 'yesterday' }, expect: /"yesterday" where GetStage\.createdDate is a date/ },
      { name: 'refuses a text where a map is due', operation: 'GetStage', output: { stageName: 'p', variables: 'a=b' }, expect: /"a=b" where GetStage\.variables is an object/ },
      { name: 'refuses an object where a list is due', operation: 'GetStages', output: { item: { stageName: 'p' } }, expect: /where GetStages\.item is a list/ },
      { name: 'refuses a stage without its name', operation: 'GetStage', output: { deploymentId: 'd1' }, expect: /an answer without GetStage\.stageName/ },
      { name: 'refuses a stage whose name is null', operation: 'CreateStage', output: { stageName: null }, expect: /an answer without CreateStage\.stageName/ },
      { name: 'refuses a list item without its name', operation: 'GetStages', output: { item: [{ stageName: 'a' }, { deploymentId: 'd' }] }, expect: /an answer without GetStages\.item\[1\]\.stageName/ },
      { name: 'refuses a bad date deep in a list, naming the item', operation: 'GetRestApis', output: { items: [{ id: 'a' }, { id: 'b' }, { id: 'c', createdDate: 'soon' }] }, expect: /"soon" where GetRestApis\.items\[2\]\.createdDate is a date/ },
      { name: 'cuts a long value short in the message', operation: 'GetStage', output: { stageName: 'p', tracingEnabled: 'x'.repeat(200) }, expect: /"x{36}…/ },
    ];

    for (const c of cases) {
      it(c.name, () => {
        const output = { ...c.output, $metadata: meta };
        if (c.expect instanceof RegExp) {
          const pattern = c.expect;
          assert.throws(() => checkOutput(c.operation, output), (e: unknown) => {
            assert.ok(e instanceof UnexpectedAnswer, String(e));
            assert.match(e.message, pattern);
            assert.equal(e.$metadata.httpStatusCode, 200);
            assert.equal(e.$operation, c.operation);
            return true;
          });
          return;
        }
        const out = checkOutput(c.operation, output);
        // $metadata is kept as the SDK made it: retries, request ids and the read-back use it.
        assert.deepEqual(out, { ...c.expect, $metadata: meta });
        assert.equal(out.$metadata, meta);
      });
    }

    it('leaves the output of an operation it does not check untouched (the same object)', () => {
      const output = { $metadata: meta, tags: { a: 1 }, weird: 'yes', nothing: null };
      assert.equal(checkOutput('GetTags', output), output);
      assert.deepEqual(output, { $metadata: meta, tags: { a: 1 }, weird: 'yes', nothing: null });
    });

    it('changes nothing in the SDK\'s object, and returns one without $metadata when there was none', () => {
      const output = { stageName: 'prod', tracingEnabled: 'true' as unknown as boolean, description: null as unknown as string };
      const out = checkOutput('GetStage', output);
      assert.deepEqual(out, { stageName: 'prod', tracingEnabled: true });
      assert.ok(!('$metadata' in out));
      assert.deepEqual(output, { stageName: 'prod', tracingEnabled: 'true', description: null });
    });

    it('an error without $metadata has no status (not a made-up one)', () => {
      assert.throws(() => checkOutput('GetStage', { tracingEnabled: 'yes' }), (e: unknown) => e instanceof UnexpectedAnswer && e.$metadata.httpStatusCode === undefined && /HTTP \?/.test(e.message));
    });
  });
});

// The list rule and the shapes, as the fault matrix met them.
const rawOf = (operation: string, status: number, body: string) => () => checkRawAnswer(operation, status, new TextEncoder().encode(body));

describe('answers: only API Gateway\'s own count', () => {
  it('a list answer without its `item` is refused: someone else\'s JSON is not an empty list', () => {
    for (const op of ['GetRestApis', 'GetStages', 'GetDeployments', 'GetResources']) {
      assert.throws(rawOf(op, 200, '{"message":"hello"}'), (e: unknown) => e instanceof UnexpectedAnswer && /without a list/.test(e.message), op);
      assert.throws(rawOf(op, 200, '{"status":"ok"}'), UnexpectedAnswer, op);
      rawOf(op, 200, '{"item":[]}')();
      rawOf(op, 200, '{"item":[{"id":"a"}],"position":"p"}')();
      rawOf(op, 200, '{}')(); // an empty list, as an emulator may answer it
    }
  });

  it('a resource answer of someone else\'s JSON is refused by its shape, not by the list rule', () => {
    rawOf('GetStage', 200, '{"message":"hello"}')();
    assert.throws(() => checkOutput('GetStage', { $metadata: { httpStatusCode: 200 } }), (e: unknown) => e instanceof UnexpectedAnswer && /without GetStage.stageName/.test(e.message));
  });

  it('a web page, after blank lines too, is a web page; text is text', () => {
    assert.throws(rawOf('GetStage', 200, `${'\n'.repeat(70)}<!DOCTYPE html><html></html>`), (e: unknown) => e instanceof NotApiGatewayAnswer && e.kind === 'a web page');
    assert.throws(rawOf('CreateStage', 200, 'OK'), (e: unknown) => e instanceof NotApiGatewayAnswer && e.kind === 'text');
  });
});
