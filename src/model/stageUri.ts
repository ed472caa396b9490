// The stage editor's document: one URI per stage of a connection,
// `apigateway-stage:/<profile>/<region>/<restApiId>/<stage>.apigateway-stage`. The suffix gives the
// document its language (`apigateway-stage`), which turns auto-save off for it and lends it JSON's
// features when it is reopened as text.

export const STAGE_SCHEME = 'apigateway-stage';
export const STAGE_LANGUAGE = 'apigateway-stage';
export const STAGE_SUFFIX = '.apigateway-stage';

export interface StageRef {
  readonly profile: string;
  readonly region: string;
  readonly restApiId: string;
  readonly stageName: string;
}

/** The URI's path: each part encoded, so a profile named `team/prod` stays one part. */
export function stagePath(ref: StageRef): string {
  return `/${[ref.profile, ref.region, ref.restApiId].map(encodeURIComponent).join('/')}/${encodeURIComponent(ref.stageName)}${STAGE_SUFFIX}`;
}

/** The stage a path names; undefined for any other path. */
export function parseStagePath(path: string): StageRef | undefined {
  const parts = path.split('/');
  if (parts.length !== 5 || parts[0] !== '' || !parts[4].endsWith(STAGE_SUFFIX)) return undefined;
  try {
    const [profile, region, restApiId, stageName] = [parts[1], parts[2], parts[3], parts[4].slice(0, -STAGE_SUFFIX.length)].map(decodeURIComponent);
    if (!profile || !region || !restApiId || !stageName) return undefined;
    return { profile, region, restApiId, stageName };
  } catch {
    return undefined; // a malformed escape
  }
}
