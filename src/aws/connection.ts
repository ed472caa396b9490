// Which profile, region and endpoint a session talks to, from settings, environment and profile.
import type { Env, ProfileInfo } from './profiles';

export interface Connection {
  readonly profile: string;
  readonly region: string;
  /** Undefined means the AWS endpoint for the region. */
  readonly endpoint?: string;
}

export interface ConnectionSettings {
  readonly profile?: string;
  readonly region?: string;
  readonly endpoint?: string;
}

export const FALLBACK_REGION = 'us-east-1';

/**
 * Precedence follows the AWS SDKs, with the extension's settings on top:
 * region: setting > profile `region` > AWS_REGION > AWS_DEFAULT_REGION > us-east-1;
 * endpoint: setting > AWS_ENDPOINT_URL_API_GATEWAY > AWS_ENDPOINT_URL > profile (services section, then endpoint_url).
 */
export function resolveConnection(
  settings: ConnectionSettings,
  profile: Pick<ProfileInfo, 'name' | 'region' | 'endpointUrl'>,
  env: Env = process.env,
): Connection {
  const region =
    nonEmpty(settings.region) ??
    nonEmpty(profile.region) ??
    nonEmpty(env.AWS_REGION) ??
    nonEmpty(env.AWS_DEFAULT_REGION) ??
    FALLBACK_REGION;
  const endpoint =
    nonEmpty(settings.endpoint) ??
    nonEmpty(env.AWS_ENDPOINT_URL_API_GATEWAY) ??
    nonEmpty(env.AWS_ENDPOINT_URL) ??
    nonEmpty(profile.endpointUrl);
  return { profile: profile.name, region, endpoint };
}

export function connectionKey(c: Connection): string {
  return `${c.profile}|${c.region}|${c.endpoint ?? ''}`;
}

/** Checks an endpoint setting before any request: an absolute http(s) URL. */
export function endpointProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL: write it like http://127.0.0.1:4566.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `"${value}" must start with http:// or https://.`;
  }
  return undefined;
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function regionProblem(value: string): string | undefined {
  return REGION_PATTERN.test(value) ? undefined : `"${value}" is not a region name such as us-east-1.`;
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}
