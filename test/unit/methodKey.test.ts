import * as assert from 'assert/strict';
import { invokeUrl } from '../../src/model/invokeUrl';
import { ALL_METHODS_KEY, methodKey, methodKeyFromText, methodSettingPath, parseMethodKey, readableMethodKey } from '../../src/model/methodKey';

describe('method-setting keys', () => {
  it('escapes each / of the resource path as ~1', () => {
    assert.equal(methodKey('/pets/{petId}', 'GET'), '~1pets~1{petId}/GET');
    assert.equal(methodKey('/owners/{ownerId}/pets', 'post'), '~1owners~1{ownerId}~1pets/POST');
  });

  it('handles the root resource, greedy paths and ANY', () => {
    assert.equal(methodKey('/', 'GET'), '~1/GET');
    assert.equal(methodKey('/{proxy+}', 'ANY'), '~1{proxy+}/ANY');
  });

  it('builds patch paths under the key', () => {
    assert.equal(methodSettingPath(methodKey('/pets/{petId}', 'GET'), 'caching/enabled'), '/~1pets~1{petId}/GET/caching/enabled');
    assert.equal(methodSettingPath(ALL_METHODS_KEY, 'logging/loglevel'), '/*/*/logging/loglevel');
  });

  it('parses keys back, and refuses */* and non-keys', () => {
    for (const [p, m] of [['/pets/{petId}', 'GET'], ['/', 'GET'], ['/{proxy+}', 'ANY'], ['/a~b', 'PUT']]) {
      assert.deepEqual(parseMethodKey(methodKey(p, m)), { resourcePath: p, httpMethod: m });
    }
    assert.equal(parseMethodKey(ALL_METHODS_KEY), undefined);
    assert.equal(parseMethodKey('/pets/GET'), undefined);
    assert.equal(parseMethodKey('~1pets/get'), undefined);
    assert.equal(parseMethodKey('GET'), undefined);
  });

  it('rejects paths without a leading slash and bad verbs', () => {
    assert.throws(() => methodKey('pets', 'GET'), /must start with "\/"/);
    assert.throws(() => methodKey('/pets', 'G E T'), /Not an HTTP method/);
  });

  it('writes keys the way people read them, and reads the three ways people write them', () => {
    for (const [key, readable] of [['~1pets~1{petId}/GET', '/pets/{petId}/GET'], ['~1/GET', '//GET'], ['~1{proxy+}/ANY', '/{proxy+}/ANY'], ['~1a~0b/PUT', '/a~b/PUT']]) {
      assert.equal(readableMethodKey(key), readable);
      assert.equal(methodKeyFromText(readable), key, readable);
      assert.equal(methodKeyFromText(key), key, key);
    }
    assert.equal(readableMethodKey(ALL_METHODS_KEY), ALL_METHODS_KEY);
    assert.equal(methodKeyFromText('pets/GET'), '~1pets/GET', 'Terraform writes the path without its first "/"');
    assert.equal(methodKeyFromText('pets/{id}/DELETE'), '~1pets~1{id}/DELETE');
  });

  it('reads no key from text that names no single method', () => {
    const bad = ['*/*', '*/GET', '/pets/*', '/GET', 'GET', '', '/', '/pets/get', '/pets//GET', '/pets/ /GET', 'pets /GET', '/pets/GET/',
      '~1pets~1/GET', '~1~1pets/GET', '~1a~2b/GET', '~1pets/get', '~1pets/GET/x', 'a b/GET'];
    for (const text of bad) assert.equal(methodKeyFromText(text), undefined, JSON.stringify(text));
  });
});

describe('invoke URL', () => {
  it('follows the execute-api pattern', () => {
    assert.equal(invokeUrl('abc123', 'eu-west-1', 'prod'), 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod');
  });
  it('uses the .cn domain in China regions', () => {
    assert.equal(invokeUrl('abc123', 'cn-north-1', 'dev'), 'https://abc123.execute-api.cn-north-1.amazonaws.com.cn/dev');
  });
});
