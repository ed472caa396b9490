import * as assert from 'assert/strict';
import { connectionKey, endpointProblem, regionProblem, resolveConnection } from '../../src/aws/connection';

describe('connection resolution', () => {
  const profile = { name: 'p', region: 'eu-west-1', endpointUrl: 'http://profile:1' };

  it('takes region and endpoint from the profile when nothing overrides them', () => {
    assert.deepEqual(resolveConnection({}, profile, {}), { profile: 'p', region: 'eu-west-1', endpoint: 'http://profile:1' });
  });

  it('lets settings override the profile', () => {
    const c = resolveConnection({ region: 'ap-south-1', endpoint: 'http://setting:2' }, profile, { AWS_ENDPOINT_URL: 'http://env:3' });
    assert.equal(c.region, 'ap-south-1');
    assert.equal(c.endpoint, 'http://setting:2');
  });

  it('follows the AWS order for endpoints: service env, global env, then profile', () => {
    assert.equal(resolveConnection({}, profile, { AWS_ENDPOINT_URL: 'http://g', AWS_ENDPOINT_URL_API_GATEWAY: 'http://s' }).endpoint, 'http://s');
    assert.equal(resolveConnection({}, profile, { AWS_ENDPOINT_URL: 'http://g' }).endpoint, 'http://g');
  });

  it('falls back to AWS_REGION, AWS_DEFAULT_REGION, then us-east-1', () => {
    const bare = { name: 'b' };
    assert.equal(resolveConnection({}, bare, { AWS_REGION: 'us-west-1', AWS_DEFAULT_REGION: 'x' }).region, 'us-west-1');
    assert.equal(resolveConnection({}, bare, { AWS_DEFAULT_REGION: 'ca-central-1' }).region, 'ca-central-1');
    assert.equal(resolveConnection({}, bare, {}).region, 'us-east-1');
    assert.equal(resolveConnection({}, bare, {}).endpoint, undefined);
  });

  it('ignores blank settings', () => {
    assert.equal(resolveConnection({ region: '  ', endpoint: '' }, profile, {}).region, 'eu-west-1');
  });

  it('keys clients by profile, region and endpoint', () => {
    const a = connectionKey({ profile: 'p', region: 'r' });
    assert.notEqual(a, connectionKey({ profile: 'p', region: 'r', endpoint: 'http://x' }));
    assert.notEqual(a, connectionKey({ profile: 'q', region: 'r' }));
    assert.equal(a, connectionKey({ profile: 'p', region: 'r' }));
  });

  it('rejects endpoints that are not http(s) URLs, saying why', () => {
    assert.equal(endpointProblem('http://127.0.0.1:4566'), undefined);
    assert.equal(endpointProblem('https://apigateway.us-east-1.amazonaws.com'), undefined);
    assert.match(endpointProblem('localhost:4566') ?? '', /must start with http/);
    assert.match(endpointProblem('not a url') ?? '', /is not a URL/);
  });

  it('rejects malformed region names', () => {
    assert.equal(regionProblem('us-east-1'), undefined);
    assert.equal(regionProblem('us-gov-west-1'), undefined);
    assert.match(regionProblem('US-EAST-1') ?? '', /not a region name/);
    assert.match(regionProblem('useast1') ?? '', /not a region name/);
  });
});
