/** The API Gateway console page of an API (its resources) or of one of its stages. */
export function consoleUrl(restApiId: string, region: string, stageName?: string): string {
  const host = region.startsWith('cn-') ? `${region}.console.amazonaws.cn` : `${region}.console.aws.amazon.com`;
  const api = encodeURIComponent(restApiId);
  const query = `api=${api}&region=${encodeURIComponent(region)}`;
  if (stageName === undefined) return `https://${host}/apigateway/main/apis/${api}/resources?${query}`;
  return `https://${host}/apigateway/main/apis/${api}/stages?${query}&stage=${encodeURIComponent(stageName)}`;
}
