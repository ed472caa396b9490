// A stage's regional web ACL (WAF v2): the ARN checked before any request, and the one request that
// associates or disassociates it on the stage's ARN.
import { parseWebAclArn, partitionOf, stageArn } from './arns';
import type { PlanStep } from './plans';

/** Why a web ACL ARN cannot be associated with a stage of `region`, or undefined when it can. */
export function webAclArnProblem(arn: string, region: string): string | undefined {
  if (!arn) return 'A web ACL ARN is needed.';
  if (/\s/.test(arn)) return 'A web ACL ARN has no spaces.';
  if (/^arn:[^:]*:waf(-regional)?:/.test(arn)) return 'That is a WAF Classic ARN: API Gateway stages take WAF v2 web ACLs (arn:aws:wafv2:…).';
  const ref = parseWebAclArn(arn);
  if (!ref || !/^arn:[a-z-]+:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[\w-]{1,128}\/[0-9a-f-]{1,64}$/.test(arn)) {
    return 'Expected a regional WAF v2 web ACL ARN: arn:aws:wafv2:{region}:{12-digit account}:regional/webacl/{name}/{id}.';
  }
  if (!arn.startsWith(`arn:${partitionOf(region)}:`)) return `The ARN's partition is not ${partitionOf(region)}, the partition of ${region}.`;
  if (ref.region !== region) return `The web ACL is in ${ref.region}; a stage of ${region} takes a web ACL of its own region.`;
  return undefined;
}

/** `name` of a web ACL ARN (no request), or the ARN itself when it is not a WAF v2 one. */
export function webAclName(arn: string): string {
  return parseWebAclArn(arn)?.name ?? arn;
}

/** Associates `webAclArn`, or with undefined disassociates the stage's web ACL: one WAF v2 request. */
export function webAclPlan(region: string, restApiId: string, stageName: string, webAclArn: string | undefined): PlanStep[] {
  const resourceArn = stageArn(region, restApiId, stageName);
  return [webAclArn ? { op: 'AssociateWebACL', webAclArn, resourceArn, stageName } : { op: 'DisassociateWebACL', resourceArn, stageName }];
}
