/** The API Gateway console page of an API (its resources) or of one of its stages. */
export function consoleUrl(restApiId: string, region: string, stageName?: string): string {
  const host = consoleHost(region);
  const api = encodeURIComponent(restApiId);
  const query = `api=${api}&region=${encodeURIComponent(region)}`;
  if (stageName === undefined) return `https://${host}/apigateway/main/apis/${api}/resources?${query}`;
  return `https://${host}/apigateway/main/apis/${api}/stages?${query}&stage=${encodeURIComponent(stageName)}`;
}

/**
 * Whether the ids an endpoint gives are AWS's, so the console knows them: AWS itself (no endpoint)
 * or one of its own endpoints (a VPC endpoint, FIPS); not an emulator or anything else.
 */
export function endpointIsAws(endpoint: string | undefined): boolean {
  if (!endpoint) return true;
  try {
    return /(^|\.)(amazonaws\.com|amazonaws\.com\.cn|api\.aws)$/.test(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/** The WAF console page of a regional web ACL. */
export function webAclConsoleUrl(region: string, name: string, id: string): string {
  return `https://${consoleHost(region)}/wafv2/homev2/web-acl/${encodeURIComponent(name)}/${encodeURIComponent(id)}/overview?region=${encodeURIComponent(region)}`;
}

const consoleHost = (region: string) => (region.startsWith('cn-') ? `${region}.console.amazonaws.cn` : `${region}.console.aws.amazon.com`);
