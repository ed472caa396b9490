// Terraform: the change as `aws_api_gateway_stage` arguments and one `aws_api_gateway_method_settings`
// per method (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_stage,
// …/api_gateway_method_settings).
import type { MethodChange, StageChange, StageField } from './change';
import { describePatchOp } from './other';
import { commentText, hclQuoted, literal } from './quote';

export const TF_STAGE_FIELDS: Record<StageField, string> = {
  description: 'description',
  deploymentId: 'deployment_id',
  cacheClusterEnabled: 'cache_cluster_enabled',
  cacheClusterSize: 'cache_cluster_size',
  tracingEnabled: 'xray_tracing_enabled',
  clientCertificateId: 'client_certificate_id',
  documentationVersion: 'documentation_version',
};

export const TF_METHOD_FIELDS: Record<keyof MethodChange['settings'], string> = {
  loggingLevel: 'logging_level',
  dataTraceEnabled: 'data_trace_enabled',
  metricsEnabled: 'metrics_enabled',
  throttlingBurstLimit: 'throttling_burst_limit',
  throttlingRateLimit: 'throttling_rate_limit',
  cachingEnabled: 'caching_enabled',
  cacheTtlInSeconds: 'cache_ttl_in_seconds',
  cacheDataEncrypted: 'cache_data_encrypted',
  requireAuthorizationForCacheControl: 'require_authorization_for_cache_control',
  unauthorizedCacheControlHeaderStrategy: 'unauthorized_cache_control_header_strategy',
};

const hcl = (v: string | number | boolean) => literal(v, hclQuoted);

/** A resource name Terraform takes: letters, digits, `_` and `-`, not starting with a digit. */
export function resourceLabel(text: string): string {
  const label = text.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(label) ? label : `_${label}`;
}

export function terraformSnippet(c: StageChange): string {
  const stage = resourceLabel(c.stageName);
  const out = [`# Stage ${commentText(hclQuoted(c.stageName))}: set these arguments in its resources.`];
  const body = stageBody(c);
  if (body.length) out.push(`resource "aws_api_gateway_stage" "${stage}" {`, ...body, '}');
  c.methods.forEach((m, i) => {
    // method_path: `*/*` for the stage's defaults, else the path without its leading `/` and the verb.
    const path = m.resourcePath === '/*' && m.httpMethod === '*' ? '*/*' : `${m.resourcePath.replace(/^\//, '')}/${m.httpMethod}`;
    if (m.removed) {
      out.push(`# aws_api_gateway_method_settings of method_path ${commentText(hclQuoted(path))}: remove it`);
      return;
    }
    out.push(
      '',
      `resource "aws_api_gateway_method_settings" "${stage}_${path === '*/*' ? 'all' : `${resourceLabel(m.httpMethod.toLowerCase())}_${i}`}" {`,
      `  rest_api_id = aws_api_gateway_stage.${stage}.rest_api_id`,
      `  stage_name  = aws_api_gateway_stage.${stage}.stage_name`,
      `  method_path = ${hclQuoted(path)}`,
      '  settings {',
      ...(Object.entries(m.settings) as [keyof MethodChange['settings'], string | number | boolean][]).map(([f, v]) => `    ${TF_METHOD_FIELDS[f]} = ${hcl(v)}`),
      '  }',
      '}',
    );
  });
  for (const op of c.other) out.push(`# no argument for: ${commentText(describePatchOp(op))}`);
  return `${out.join('\n')}\n`;
}

function stageBody(c: StageChange): string[] {
  const out: string[] = [];
  for (const [field, value] of Object.entries(c.fields) as [StageField, string | boolean][]) out.push(`  ${TF_STAGE_FIELDS[field]} = ${hcl(value)}`);
  map(out, 'variables', c.variables, '  ');
  if (c.accessLog === 'removed') out.push('  # access_log_settings: remove the block');
  else if (c.accessLog) {
    out.push('  access_log_settings {');
    if (c.accessLog.destinationArn !== undefined) out.push(`    destination_arn = ${hclQuoted(c.accessLog.destinationArn)}`);
    if (c.accessLog.format !== undefined) out.push(`    format          = ${hclQuoted(c.accessLog.format)}`);
    out.push('  }');
  }
  if (c.canary === 'removed') out.push('  # canary_settings: remove the block');
  else if (c.canary) {
    out.push('  canary_settings {');
    if (c.canary.deploymentId !== undefined) out.push(`    deployment_id = ${hclQuoted(c.canary.deploymentId)}`);
    if (c.canary.percentTraffic !== undefined) out.push(`    percent_traffic = ${c.canary.percentTraffic}`);
    if (c.canary.useStageCache !== undefined) out.push(`    use_stage_cache = ${c.canary.useStageCache}`);
    map(out, 'stage_variable_overrides', c.canary.overrides, '    ');
    out.push('  }');
  }
  return out;
}

function map(out: string[], name: string, list: readonly [string, string | null][], indent: string): void {
  const set = list.filter((p): p is [string, string] => p[1] !== null);
  if (set.length) out.push(`${indent}${name} = {`, ...set.map(([k, v]) => `${indent}  ${hclQuoted(k)} = ${hclQuoted(v)}`), `${indent}}`);
  for (const [k] of list.filter((p) => p[1] === null)) out.push(`${indent}# ${name}: remove ${commentText(hclQuoted(k))}`);
}
