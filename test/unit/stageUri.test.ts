// The stage editor's document URI: each part encoded, read back, anything else refused.
import * as assert from 'assert';
import { parseStagePath, stagePath } from '../../src/model/stageUri';

describe('stage URIs', () => {
  it('round-trips profiles and stages with characters a path would split or mangle', () => {
    for (const ref of [
      { profile: 'local', region: 'us-east-1', restApiId: 'a1b2c3', stageName: 'prod' },
      { profile: 'team/prod', region: 'eu-west-3', restApiId: 'x', stageName: 'v1_beta-2' },
      { profile: 'ünïcode %2F é', region: 'ap-south-1', restApiId: 'id', stageName: 'Prod' },
    ]) {
      const path = stagePath(ref);
      assert.equal(path.split('/').length, 5, path);
      assert.ok(path.endsWith('.apigateway-stage'), 'the suffix gives the document its language');
      assert.deepStrictEqual(parseStagePath(path), ref);
    }
  });

  it('refuses any other path', () => {
    for (const path of ['', '/', '/a/b/c/d', '/a/b/c/d.json', '/a/b/c/d/e.apigateway-stage', 'a/b/c/d.apigateway-stage', '/a/b//d.apigateway-stage', '/a/b/c/.apigateway-stage', '/%E0%A4%A/b/c/d.apigateway-stage']) {
      assert.equal(parseStagePath(path), undefined, path);
    }
  });
});
