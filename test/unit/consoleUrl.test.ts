import * as assert from 'assert/strict';
import { consoleUrl, endpointIsAws } from '../../src/model/consoleUrl';

describe('AWS console URLs', () => {
  it("opens an API's resources", () => {
    assert.equal(consoleUrl('a1b2c3', 'us-east-1'), 'https://us-east-1.console.aws.amazon.com/apigateway/main/apis/a1b2c3/resources?api=a1b2c3&region=us-east-1');
  });

  it('opens a stage', () => {
    assert.equal(
      consoleUrl('a1b2c3', 'eu-west-1', 'prod'),
      'https://eu-west-1.console.aws.amazon.com/apigateway/main/apis/a1b2c3/stages?api=a1b2c3&region=eu-west-1&stage=prod',
    );
  });

  it('uses the China console for cn- regions', () => {
    assert.equal(consoleUrl('a1b2c3', 'cn-north-1'), 'https://cn-north-1.console.amazonaws.cn/apigateway/main/apis/a1b2c3/resources?api=a1b2c3&region=cn-north-1');
    assert.equal(
      consoleUrl('a1b2c3', 'cn-northwest-1', 'beta'),
      'https://cn-northwest-1.console.amazonaws.cn/apigateway/main/apis/a1b2c3/stages?api=a1b2c3&region=cn-northwest-1&stage=beta',
    );
  });

  it('escapes ids and stage names in the path and the query', () => {
    const url = consoleUrl('a/b c', 'us-west-2', 'x&y=z#w');
    assert.equal(url, 'https://us-west-2.console.aws.amazon.com/apigateway/main/apis/a%2Fb%20c/stages?api=a%2Fb%20c&region=us-west-2&stage=x%26y%3Dz%23w');
    const parsed = new URL(url);
    assert.equal(parsed.searchParams.get('stage'), 'x&y=z#w');
    assert.equal(parsed.searchParams.get('api'), 'a/b c');
    assert.equal(parsed.hash, '');
  });

  it('knows which endpoints give AWS\'s ids (the console knows them) and which an emulator\'s', () => {
    for (const aws of [undefined, '', 'https://apigateway.us-east-1.amazonaws.com', 'https://vpce-0123-abcd.apigateway.us-east-1.vpce.amazonaws.com', 'https://apigateway.cn-north-1.amazonaws.com.cn']) {
      assert.equal(endpointIsAws(aws), true, aws);
    }
    for (const other of ['http://127.0.0.1:5000', 'http://localhost:4566', 'https://localhost.localstack.cloud:4566', 'https://amazonaws.com.evil.example', 'https://notamazonaws.com', 'not a url']) {
      assert.equal(endpointIsAws(other), false, other);
    }
  });
});
