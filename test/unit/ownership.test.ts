import * as assert from 'assert/strict';
import { ownerBanner, ownerOf, ownerTagKeysFrom, ownerWarning, STACK_TAG } from '../../src/model/ownership';

describe('stage ownership', () => {
  it('is the CloudFormation stack of the stage tag', () => {
    assert.deepEqual(ownerOf({ [STACK_TAG]: 'shop', team: 'a' }, undefined), { kind: 'cloudformation', stack: 'shop' });
  });
  it('is the stack of the API tag when the stage has none (LocalStack tags only the API)', () => {
    assert.deepEqual(ownerOf({ team: 'a' }, { [STACK_TAG]: 'api-stack' }), { kind: 'cloudformation', stack: 'api-stack' });
  });
  it('takes the stage tag over the API tag', () => {
    assert.deepEqual(ownerOf({ [STACK_TAG]: 'stage-stack' }, { [STACK_TAG]: 'api-stack' }), { kind: 'cloudformation', stack: 'stage-stack' });
    assert.deepEqual(ownerOf({ 'managed-by': 'tf' }, { 'managed-by': 'pulumi' }, ['managed-by']), { kind: 'tag', key: 'managed-by', value: 'tf' });
  });
  it('takes the stack tag over a configured key, even on the API', () => {
    assert.deepEqual(ownerOf({ 'managed-by': 'tf' }, { [STACK_TAG]: 's' }, ['managed-by']), { kind: 'cloudformation', stack: 's' });
  });
  it('takes the first configured key found', () => {
    assert.deepEqual(ownerOf({ owner: 'x', 'managed-by': 'tf' }, undefined, ['managed-by', 'owner']), { kind: 'tag', key: 'managed-by', value: 'tf' });
    assert.deepEqual(ownerOf(undefined, { owner: 'x' }, ['managed-by', 'owner']), { kind: 'tag', key: 'owner', value: 'x' });
  });
  it('is none without the tags, and ignores keys not configured', () => {
    assert.equal(ownerOf(undefined, undefined), undefined);
    assert.equal(ownerOf({ 'managed-by': 'tf' }, {}, []), undefined);
    assert.equal(ownerOf({ [STACK_TAG]: '' }, {}), undefined);
  });
  it('says the banner exactly as the issue words it', () => {
    assert.equal(ownerBanner({ kind: 'cloudformation', stack: 'my-stack' }),
      'Managed by CloudFormation stack `my-stack`: changes made here drift from the template, and the next stack update may undo them');
    assert.match(ownerBanner({ kind: 'tag', key: 'managed-by', value: 'tf' }), /^Managed by `managed-by` = `tf`: changes made here drift from its source/);
    assert.match(ownerWarning({ kind: 'cloudformation', stack: 's' }), /^Managed by CloudFormation stack "s": /);
  });
  it('reads the setting as a list of keys, leaving out what is not one', () => {
    assert.deepEqual(ownerTagKeysFrom(['managed-by', 3, ' owner ', '']), ['managed-by', 'owner']);
    assert.deepEqual(ownerTagKeysFrom('managed-by'), []);
  });
});
