import * as assert from 'assert/strict';
import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import { templateSnippet } from '../../src/model/snippets';
import { quoted, hclQuoted } from '../../src/model/snippets/quote';
import { methodKey } from '../../src/model/methodKey';
import { METHOD_FIELDS, methodFieldPath } from '../../src/model/stageForm';

// Property names copied from each tool's documentation.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-stage.html
const CFN_STAGE = ['AccessLogSetting', 'CacheClusterEnabled', 'CacheClusterSize', 'CanarySetting', 'ClientCertificateId', 'DeploymentId', 'Description', 'DocumentationVersion', 'MethodSettings', 'RestApiId', 'StageName', 'Tags', 'TracingEnabled', 'Variables'];
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigateway-stage-methodsetting.html
const CFN_METHOD = ['CacheDataEncrypted', 'CacheTtlInSeconds', 'CachingEnabled', 'DataTraceEnabled', 'HttpMethod', 'LoggingLevel', 'MetricsEnabled', 'ResourcePath', 'ThrottlingBurstLimit', 'ThrottlingRateLimit'];
// …/aws-properties-apigateway-stage-accesslogsetting.html and …/aws-properties-apigateway-stage-canarysetting.html
const CFN_ACCESS_LOG = ['DestinationArn', 'Format'];
const CFN_CANARY = ['DeploymentId', 'PercentTraffic', 'StageVariableOverrides', 'UseStageCache'];
// https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_apigateway.StageOptions.html (with MethodDeploymentOptions)
const CDK_STAGE_OPTIONS = ['accessLogDestination', 'accessLogFormat', 'cacheClusterEnabled', 'cacheClusterSize', 'clientCertificateId', 'description', 'documentationVersion', 'methodOptions', 'stageName', 'tracingEnabled', 'variables',
  'cacheDataEncrypted', 'cacheTtl', 'cachingEnabled', 'dataTraceEnabled', 'loggingLevel', 'metricsEnabled', 'throttlingBurstLimit', 'throttlingRateLimit'];
// https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_apigateway.MethodDeploymentOptions.html
const CDK_METHOD_OPTIONS = ['cacheDataEncrypted', 'cacheTtl', 'cachingEnabled', 'dataTraceEnabled', 'loggingLevel', 'metricsEnabled', 'throttlingBurstLimit', 'throttlingRateLimit'];
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_stage
const TF_STAGE = ['rest_api_id', 'stage_name', 'deployment_id', 'access_log_settings', 'cache_cluster_enabled', 'cache_cluster_size', 'canary_settings', 'client_certificate_id', 'description', 'documentation_version', 'variables', 'tags', 'xray_tracing_enabled',
  'destination_arn', 'format', 'percent_traffic', 'stage_variable_overrides', 'use_stage_cache'];
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method_settings
const TF_METHOD = ['rest_api_id', 'stage_name', 'method_path', 'settings', 'metrics_enabled', 'logging_level', 'data_trace_enabled', 'throttling_burst_limit', 'throttling_rate_limit', 'caching_enabled', 'cache_ttl_in_seconds', 'cache_data_encrypted',
  'require_authorization_for_cache_control', 'unauthorized_cache_control_header_strategy'];

const PETS = methodKey('/pets/{petId}', 'GET');
const VALUES: Record<string, string> = {
  loggingLevel: 'INFO', dataTraceEnabled: 'true', metricsEnabled: 'true', throttlingBurstLimit: '50', throttlingRateLimit: '100.5', cachingEnabled: 'true',
  cacheTtlInSeconds: '300', cacheDataEncrypted: 'false', requireAuthorizationForCacheControl: 'true', unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403',
};
/** Every operation a change can hold. */
const EVERYTHING: PatchOperation[] = [
  { op: 'replace', path: '/description', value: 'Orders' },
  { op: 'replace', path: '/deploymentId', value: 'abc123' },
  { op: 'replace', path: '/cacheClusterEnabled', value: 'true' },
  { op: 'replace', path: '/cacheClusterSize', value: '0.5' },
  { op: 'replace', path: '/tracingEnabled', value: 'true' },
  { op: 'replace', path: '/variables/lambdaAlias', value: 'live' },
  { op: 'remove', path: '/variables/old' },
  { op: 'replace', path: '/accessLogSettings/destinationArn', value: 'arn:aws:logs:us-east-1:123456789012:log-group:access' },
  { op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId' },
  { op: 'replace', path: '/canarySettings/percentTraffic', value: '10' },
  { op: 'replace', path: '/canarySettings/useStageCache', value: 'false' },
  { op: 'replace', path: '/canarySettings/stageVariableOverrides/lambdaAlias', value: 'next' },
  ...METHOD_FIELDS.map((f) => ({ op: 'replace' as const, path: `/*/*/${methodFieldPath(f)}`, value: VALUES[f] })),
  ...METHOD_FIELDS.map((f) => ({ op: 'replace' as const, path: `/${PETS}/${methodFieldPath(f)}`, value: VALUES[f] })),
  { op: 'remove', path: `/${methodKey('/old', 'POST')}` },
];

/** Keys written before `:` (YAML, TS) or `=`/`{` (HCL), comments left out. */
const keysOf = (text: string, sep: RegExp) => text.split('\n').filter((l) => !/^\s*(#|\/\/)/.test(l)).map((l) => sep.exec(l)?.[1]).filter((k): k is string => !!k);

describe('Copy as Template Snippet', () => {
  it('CloudFormation: every property written is one the documentation names, in its casing', () => {
    const y = templateSnippet('cloudformation', 'prod', EVERYTHING)!;
    const known = new Set([...CFN_STAGE, ...CFN_METHOD, ...CFN_ACCESS_LOG, ...CFN_CANARY, 'Properties']);
    const keys = keysOf(y, /^\s*(?:- )?([A-Za-z]+):/);
    for (const k of keys) assert.ok(known.has(k), `not a documented property: ${k}`);
    for (const p of ['Description', 'DeploymentId', 'CacheClusterEnabled', 'CacheClusterSize', 'TracingEnabled', 'Variables', 'AccessLogSetting', 'CanarySetting', 'MethodSettings', ...CFN_METHOD]) assert.ok(keys.includes(p), `missing ${p}`);
    // ResourcePath in the template's form, not the patch path's `~1`.
    assert.match(y, /- ResourcePath: "\/\*"\n {6}HttpMethod: "\*"/);
    assert.match(y, /- ResourcePath: "\/pets\/\{petId\}"\n {6}HttpMethod: "GET"/);
    assert.doesNotMatch(y, /~1/);
    assert.match(y, /LoggingLevel: "INFO"/);
    assert.match(y, /ThrottlingRateLimit: 100\.5/);
    assert.match(y, /CacheTtlInSeconds: 300/);
    assert.match(y, /# Variables: remove "old"/);
    assert.match(y, /# MethodSettings: remove the entry of ResourcePath "\/old", HttpMethod "POST"/);
    assert.match(y, /# requireAuthorizationForCacheControl has no CloudFormation property/);
  });

  it('CDK: every field is a StageOptions or MethodDeploymentOptions field; stage defaults at the top, methods under methodOptions', () => {
    const ts = templateSnippet('cdk', 'prod', EVERYTHING)!;
    const keys = keysOf(ts, /^\s*([A-Za-z]+):/);
    const known = new Set([...CDK_STAGE_OPTIONS, 'deployOptions']);
    for (const k of keys) assert.ok(known.has(k), `not a StageOptions field: ${k}`);
    for (const p of ['description', 'cacheClusterEnabled', 'cacheClusterSize', 'tracingEnabled', 'variables', 'accessLogDestination', 'accessLogFormat', 'methodOptions', ...CDK_METHOD_OPTIONS]) assert.ok(keys.includes(p), `missing ${p}`);
    const inMethod = ts.slice(ts.indexOf('"/pets/{petId}/GET": {'), ts.indexOf('    },'));
    for (const k of keysOf(inMethod, /^\s*([A-Za-z]+):/)) assert.ok(CDK_METHOD_OPTIONS.includes(k), `not a MethodDeploymentOptions field: ${k}`);
    assert.match(ts, /^ {2}loggingLevel: apigateway\.MethodLoggingLevel\.INFO,$/m);
    assert.match(ts, /cacheTtl: Duration\.seconds\(300\),/);
    assert.match(ts, /accessLogDestination: new apigateway\.LogGroupLogDestination\(logs\.LogGroup\.fromLogGroupArn\(this, 'AccessLogs', "arn:aws:logs:/);
    assert.match(ts, /accessLogFormat: apigateway\.AccessLogFormat\.custom\("\$context\.requestId"\),/);
    assert.match(ts, /\/\/ deploymentId "abc123": CDK makes/);
  });

  it('Terraform: stage arguments and one aws_api_gateway_method_settings per method, each a documented argument', () => {
    const tf = templateSnippet('terraform', 'prod', EVERYTHING)!;
    const stage = tf.slice(tf.indexOf('resource "aws_api_gateway_stage"'), tf.indexOf('resource "aws_api_gateway_method_settings"'));
    const methods = tf.slice(tf.indexOf('resource "aws_api_gateway_method_settings"'));
    for (const k of keysOf(stage, /^\s+([a-z_]+)\s*(?:=|\{)/)) assert.ok(TF_STAGE.includes(k), `not an aws_api_gateway_stage argument: ${k}`);
    for (const k of keysOf(methods, /^\s+([a-z_]+)\s*(?:=|\{)/)) assert.ok(TF_METHOD.includes(k), `not an aws_api_gateway_method_settings argument: ${k}`);
    for (const k of TF_METHOD) assert.match(methods, new RegExp(`\\b${k}\\b`), `missing ${k}`);
    for (const k of ['description', 'deployment_id', 'cache_cluster_enabled', 'cache_cluster_size', 'xray_tracing_enabled', 'variables', 'access_log_settings', 'canary_settings']) assert.match(stage, new RegExp(`\\b${k}\\b`), `missing ${k}`);
    assert.match(tf, /method_path = "\*\/\*"/);
    assert.match(tf, /method_path = "pets\/\{petId\}\/GET"/);
    // HCL's template sequences in user text stay text.
    assert.match(tf, /format {10}= "\$context\.requestId"/);
    assert.match(tf, /# aws_api_gateway_method_settings of method_path "old\/POST": remove it/);
  });

  it('escapes hostile text in each language: quotes, newlines, backslashes, ${…}, controls', () => {
    const hostile = 'a"b\\c\nd${e}%{f}\u0000\u2028#: x';
    const ops: PatchOperation[] = [{ op: 'replace', path: '/description', value: hostile }, { op: 'replace', path: '/variables/k"ey', value: hostile }];
    const y = templateSnippet('cloudformation', 'prod\nx', ops)!;
    assert.ok(y.includes(`Description: ${quoted(hostile)}`));
    assert.equal(quoted(hostile), '"a\\"b\\\\c\\nd${e}%{f}\\u0000\\u2028#: x"');
    // JSON reads the same escapes: what YAML and TypeScript read back is the text itself.
    assert.equal(JSON.parse(quoted(hostile)), hostile);
    assert.ok(!y.split('\n').some((l) => l.startsWith('x')), 'a newline in the stage name does not start a line');
    const ts = templateSnippet('cdk', 'prod', ops)!;
    assert.ok(ts.includes(`description: ${quoted(hostile)},`));
    assert.ok(ts.includes(`${quoted('k"ey')}: ${quoted(hostile)},`));
    const tf = templateSnippet('terraform', 'prod', ops)!;
    assert.equal(hclQuoted(hostile), '"a\\"b\\\\c\\nd$${e}%%{f}\\u0000\\u2028#: x"');
    assert.ok(tf.includes(`description = ${hclQuoted(hostile)}`));
    assert.ok(tf.split('\n').every((l) => !/\u2028|\n/.test(l)));
  });

  it('writes nothing for operations no template holds, and says what it cannot write', () => {
    assert.equal(templateSnippet('cloudformation', 'prod', []), undefined);
    assert.match(templateSnippet('terraform', 'prod', [{ op: 'remove', path: '/canarySettings' }])!, /# canary_settings: remove the block/);
    // Promote Canary's copy: its value is not in the operation, so it is only named.
    const promoted = templateSnippet('cloudformation', 'prod', [{ op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }])!;
    assert.doesNotMatch(promoted, /DeploymentId:/);
    assert.match(promoted, /# No Stage property for: copy \/canarySettings\/deploymentId → \/deploymentId/);
  });
});
