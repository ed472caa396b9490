import * as assert from 'assert/strict';
import { checkOutput, checkRawAnswer, NotApiGatewayAnswer, UnexpectedAnswer } from '../../src/aws/answers';

const raw = (operation: string, status: number, body: string) => () => checkRawAnswer(operation, status, new TextEncoder().encode(body));

describe('answers: only API Gateway\'s own count', () => {
  it('a list answer without its `item` is refused: someone else\'s JSON is not an empty list', () => {
    for (const op of ['GetRestApis', 'GetStages', 'GetDeployments', 'GetResources']) {
      assert.throws(raw(op, 200, '{"message":"hello"}'), (e: unknown) => e instanceof UnexpectedAnswer && /without a list/.test(e.message), op);
      assert.throws(raw(op, 200, '{"status":"ok"}'), UnexpectedAnswer, op);
      raw(op, 200, '{"item":[]}')();
      raw(op, 200, '{"item":[{"id":"a"}],"position":"p"}')();
      raw(op, 200, '{}')(); // an empty list, as an emulator may answer it
    }
  });

  it('a resource answer of someone else\'s JSON is refused by its shape, not by the list rule', () => {
    raw('GetStage', 200, '{"message":"hello"}')();
    assert.throws(() => checkOutput('GetStage', { $metadata: { httpStatusCode: 200 } }), (e: unknown) => e instanceof UnexpectedAnswer && /without GetStage.stageName/.test(e.message));
  });

  it('a web page, after blank lines too, is a web page; text is text', () => {
    assert.throws(raw('GetStage', 200, `${'\n'.repeat(70)}<!DOCTYPE html><html></html>`), (e: unknown) => e instanceof NotApiGatewayAnswer && e.kind === 'a web page');
    assert.throws(raw('CreateStage', 200, 'OK'), (e: unknown) => e instanceof NotApiGatewayAnswer && e.kind === 'text');
  });
});
