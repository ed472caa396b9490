// CloudFormation/SAM: the change as `AWS::ApiGateway::Stage` Properties, in YAML, in the template's
// casing (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-stage.html).
import { describePatchOp } from './other';
import type { MethodChange, StageChange, StageField } from './change';
import { commentText, literal, quoted } from './quote';

export const CFN_STAGE_FIELDS: Record<StageField, string> = {
  description: 'Description',
  deploymentId: 'DeploymentId',
  cacheClusterEnabled: 'CacheClusterEnabled',
  cacheClusterSize: 'CacheClusterSize',
  tracingEnabled: 'TracingEnabled',
  clientCertificateId: 'ClientCertificateId',
  documentationVersion: 'DocumentationVersion',
};

/** MethodSetting properties; the two cache-control fields have none. */
export const CFN_METHOD_FIELDS: Record<keyof MethodChange['settings'], string | undefined> = {
  loggingLevel: 'LoggingLevel',
  dataTraceEnabled: 'DataTraceEnabled',
  metricsEnabled: 'MetricsEnabled',
  throttlingBurstLimit: 'ThrottlingBurstLimit',
  throttlingRateLimit: 'ThrottlingRateLimit',
  cachingEnabled: 'CachingEnabled',
  cacheTtlInSeconds: 'CacheTtlInSeconds',
  cacheDataEncrypted: 'CacheDataEncrypted',
  requireAuthorizationForCacheControl: undefined,
  unauthorizedCacheControlHeaderStrategy: undefined,
};

export function cloudFormationSnippet(c: StageChange): string {
  const out = [
    `# AWS::ApiGateway::Stage of stage ${commentText(quoted(c.stageName))}: set these Properties in the template.`,
    '# MethodSettings: merge each entry with the one of the same ResourcePath and HttpMethod.',
    'Properties:',
  ];
  for (const [field, value] of Object.entries(c.fields) as [StageField, string | boolean][]) out.push(`  ${CFN_STAGE_FIELDS[field]}: ${literal(value)}`);
  pairs(out, 'Variables', c.variables, '  ');
  if (c.accessLog === 'removed') out.push('  # AccessLogSetting: remove it');
  else if (c.accessLog) {
    out.push('  AccessLogSetting:');
    if (c.accessLog.destinationArn !== undefined) out.push(`    DestinationArn: ${quoted(c.accessLog.destinationArn)}`);
    if (c.accessLog.format !== undefined) out.push(`    Format: ${quoted(c.accessLog.format)}`);
  }
  if (c.canary === 'removed') out.push('  # CanarySetting: remove it');
  else if (c.canary) {
    out.push('  CanarySetting:');
    if (c.canary.deploymentId !== undefined) out.push(`    DeploymentId: ${quoted(c.canary.deploymentId)}`);
    if (c.canary.percentTraffic !== undefined) out.push(`    PercentTraffic: ${c.canary.percentTraffic}`);
    if (c.canary.useStageCache !== undefined) out.push(`    UseStageCache: ${c.canary.useStageCache}`);
    pairs(out, 'StageVariableOverrides', c.canary.overrides, '    ');
  }
  const methods = c.methods.filter((m) => !m.removed);
  if (methods.length) out.push('  MethodSettings:');
  for (const m of methods) {
    // ResourcePath as the template writes it: `/pets/{petId}`, not the patch path's `~1pets~1{petId}`.
    out.push(`    - ResourcePath: ${quoted(m.resourcePath)}`, `      HttpMethod: ${quoted(m.httpMethod)}`);
    for (const [field, value] of Object.entries(m.settings) as [keyof MethodChange['settings'], string | number | boolean][]) {
      const name = CFN_METHOD_FIELDS[field];
      out.push(name ? `      ${name}: ${literal(value)}` : `      # ${field} has no CloudFormation property: set it in the console or the API (${commentText(literal(value))})`);
    }
  }
  for (const m of c.methods.filter((x) => x.removed)) out.push(`  # MethodSettings: remove the entry of ResourcePath ${commentText(quoted(m.resourcePath))}, HttpMethod ${commentText(quoted(m.httpMethod))}`);
  for (const op of c.other) out.push(`  # No Stage property for: ${commentText(describePatchOp(op))}`);
  return `${out.join('\n')}\n`;
}

function pairs(out: string[], name: string, list: readonly [string, string | null][], indent: string): void {
  const set = list.filter((p): p is [string, string] => p[1] !== null);
  if (set.length) out.push(`${indent}${name}:`, ...set.map(([k, v]) => `${indent}  ${quoted(k)}: ${quoted(v)}`));
  for (const [k] of list.filter((p) => p[1] === null)) out.push(`${indent}# ${name}: remove ${commentText(quoted(k))}`);
}
