// CDK (TypeScript): the change as the RestApi's `deployOptions`, aws-cdk-lib/aws-apigateway
// StageOptions (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_apigateway.StageOptions.html).
// The stage's defaults (`/*` `*`) are StageOptions' own fields; a method's go under methodOptions.
import type { MethodChange, StageChange, StageField } from './change';
import { describePatchOp } from './other';
import { commentText, literal, quoted } from './quote';

/** StageOptions fields; CDK makes the deployments itself: no deploymentId. */
export const CDK_STAGE_FIELDS: Record<StageField, string | undefined> = {
  description: 'description',
  deploymentId: undefined,
  cacheClusterEnabled: 'cacheClusterEnabled',
  cacheClusterSize: 'cacheClusterSize',
  tracingEnabled: 'tracingEnabled',
  clientCertificateId: 'clientCertificateId',
  documentationVersion: 'documentationVersion',
};

/** MethodDeploymentOptions fields; the cache-control fields have none. */
export const CDK_METHOD_FIELDS: Record<keyof MethodChange['settings'], string | undefined> = {
  loggingLevel: 'loggingLevel',
  dataTraceEnabled: 'dataTraceEnabled',
  metricsEnabled: 'metricsEnabled',
  throttlingBurstLimit: 'throttlingBurstLimit',
  throttlingRateLimit: 'throttlingRateLimit',
  cachingEnabled: 'cachingEnabled',
  cacheTtlInSeconds: 'cacheTtl',
  cacheDataEncrypted: 'cacheDataEncrypted',
  requireAuthorizationForCacheControl: undefined,
  unauthorizedCacheControlHeaderStrategy: undefined,
};

const LEVELS = new Set(['OFF', 'ERROR', 'INFO']);

export function cdkSnippet(c: StageChange): string {
  const out = [
    `// aws-cdk-lib: new apigateway.RestApi(this, …, { deployOptions }) of stage ${commentText(quoted(c.stageName))}; set these fields.`,
    '// import * as apigateway from \'aws-cdk-lib/aws-apigateway\'; import * as logs from \'aws-cdk-lib/aws-logs\'; import { Duration } from \'aws-cdk-lib\';',
    'deployOptions: {',
  ];
  for (const [field, value] of Object.entries(c.fields) as [StageField, string | boolean][]) {
    const name = CDK_STAGE_FIELDS[field];
    out.push(name ? `  ${name}: ${literal(value)},` : `  // ${field} ${commentText(literal(value))}: CDK makes the stage's deployment itself`);
  }
  const variables = c.variables.filter((p): p is [string, string] => p[1] !== null);
  if (variables.length) out.push('  variables: {', ...variables.map(([k, v]) => `    ${quoted(k)}: ${quoted(v)},`), '  },');
  for (const [k] of c.variables.filter((p) => p[1] === null)) out.push(`  // variables: remove ${commentText(quoted(k))}`);
  if (c.accessLog === 'removed') out.push('  // accessLogDestination, accessLogFormat: remove them');
  else if (c.accessLog) {
    const arn = c.accessLog.destinationArn;
    if (arn !== undefined) {
      out.push(arn.includes(':log-group:')
        ? `  accessLogDestination: new apigateway.LogGroupLogDestination(logs.LogGroup.fromLogGroupArn(this, 'AccessLogs', ${quoted(arn)})),`
        : `  // accessLogDestination: the Firehose stream ${commentText(quoted(arn))} (new apigateway.FirehoseLogDestination(stream))`);
    }
    if (c.accessLog.format !== undefined) out.push(`  accessLogFormat: apigateway.AccessLogFormat.custom(${quoted(c.accessLog.format)}),`);
  }
  if (c.canary) out.push('  // canary: StageOptions has none; a canary is set with CfnStage\'s canarySetting (an escape hatch)');
  const all = c.methods.find((m) => m.resourcePath === '/*' && m.httpMethod === '*' && !m.removed);
  if (all) out.push(...methodFields(all, '  '));
  const methods = c.methods.filter((m) => m !== all && !m.removed);
  if (methods.length) {
    out.push('  methodOptions: {');
    for (const m of methods) out.push(`    ${quoted(`${m.resourcePath}/${m.httpMethod}`)}: {`, ...methodFields(m, '      '), '    },');
    out.push('  },');
  }
  for (const m of c.methods.filter((x) => x.removed)) out.push(`  // methodOptions: remove ${commentText(quoted(`${m.resourcePath}/${m.httpMethod}`))}`);
  for (const op of c.other) out.push(`  // no StageOptions field for: ${commentText(describePatchOp(op))}`);
  out.push('},');
  return `${out.join('\n')}\n`;
}

function methodFields(m: MethodChange, indent: string): string[] {
  return (Object.entries(m.settings) as [keyof MethodChange['settings'], string | number | boolean][]).map(([field, value]) => {
    const name = CDK_METHOD_FIELDS[field];
    if (!name) return `${indent}// ${field} has no CDK option: set it in the console or the API (${commentText(literal(value))})`;
    if (field === 'loggingLevel' && typeof value === 'string' && LEVELS.has(value)) return `${indent}${name}: apigateway.MethodLoggingLevel.${value},`;
    if (field === 'cacheTtlInSeconds' && typeof value === 'number') return `${indent}${name}: Duration.seconds(${value}),`;
    return `${indent}${name}: ${literal(value)},`;
  });
}
