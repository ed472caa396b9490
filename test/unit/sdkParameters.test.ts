import * as assert from 'assert/strict';
import { sdkParameterProblem, sdkParameters } from '../../src/model/sdkParameters';

// Generate SDK…: the properties of an SDK type (AWS's GetSdkTypes), checked before GetSdk.
describe('SDK parameters', () => {
  const android = [
    { name: 'groupId', friendlyName: 'Group ID', required: true },
    { name: 'invokerPackage', friendlyName: 'Invoker package', required: true },
    { name: 'artifactId', friendlyName: 'Artifact ID', required: true },
    { name: 'artifactVersion', friendlyName: 'Artifact version', required: true },
    { name: 'extra', friendlyName: 'Extra', required: false, defaultValue: 'x' },
  ];

  it('a required one must be set; an optional one may stay empty; each is named by its friendly name', () => {
    assert.equal(sdkParameterProblem(android[0], ''), 'Group ID is required: enter a value.');
    assert.equal(sdkParameterProblem(android[0], 'com.example'), undefined);
    assert.equal(sdkParameterProblem(android[4], ''), undefined);
    assert.equal(sdkParameterProblem({ name: 'classPrefix', required: true }, ''), 'classPrefix is required: enter a value.');
    assert.match(sdkParameterProblem(android[4], 'a\u0001') ?? '', /^Extra may not contain control characters; the control character U\+0001/);
  });

  it('GetSdk gets each value set, by name; optional ones left empty are not sent (AWS uses its default)', () => {
    const values = { groupId: 'com.example', invokerPackage: 'com.example.pets', artifactId: 'pets', artifactVersion: '1.0.0', extra: '' };
    assert.deepEqual(sdkParameters(android, values), { groupId: 'com.example', invokerPackage: 'com.example.pets', artifactId: 'pets', artifactVersion: '1.0.0' });
    assert.deepEqual(sdkParameters([], {}), {}, 'javascript has none');
  });
});
