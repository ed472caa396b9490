/** The default invoke URL of a stage: `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`. */
export function invokeUrl(restApiId: string, region: string, stageName: string): string {
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://${restApiId}.execute-api.${region}.${suffix}/${encodeURIComponent(stageName)}`;
}
