// ARNs the stage writes name: the stage itself (tags, WAF) and a regional web ACL.

/** The partition of a region: `aws`, `aws-cn` or `aws-us-gov`. */
export function partitionOf(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** `arn:aws:apigateway:{region}::/restapis/{id}/stages/{stage}`: what TagResource and AssociateWebACL name. */
export function stageArn(region: string, restApiId: string, stageName: string): string {
  return `arn:${partitionOf(region)}:apigateway:${region}::/restapis/${restApiId}/stages/${stageName}`;
}

/** The stage an ARN of stageArn names, or undefined. */
export function parseStageArn(arn: string): { region: string; restApiId: string; stageName: string } | undefined {
  const m = /^arn:[a-z-]+:apigateway:([a-z0-9-]+)::\/restapis\/([^/]+)\/stages\/([^/]+)$/.exec(arn);
  return m ? { region: m[1], restApiId: m[2], stageName: m[3] } : undefined;
}

export interface WebAclRef {
  readonly arn: string;
  readonly region: string;
  readonly name: string;
  readonly id: string;
}

/** `arn:aws:wafv2:{region}:{account}:regional/webacl/{name}/{id}` (WAF v2); undefined for anything else (WAF Classic). */
export function parseWebAclArn(arn: string): WebAclRef | undefined {
  const m = /^arn:[a-z-]+:wafv2:([a-z0-9-]+):\d*:regional\/webacl\/([^/]+)\/([^/]+)$/.exec(arn);
  return m ? { arn, region: m[1], name: m[2], id: m[3] } : undefined;
}
