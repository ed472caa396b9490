// Credentials for any kind of profile, and errors a person can act on.
import { CancelledError, CredentialsError, isKind } from '../errors';
import { fromIni } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { ProfileFiles, ProfileInfo } from './profiles';

/** Asks the user for an MFA code; resolves undefined if they cancel. */
export type MfaPrompt = (profile: string, mfaSerial: string) => Promise<string | undefined>;

export function credentialsFor(
  profile: ProfileInfo,
  files: ProfileFiles,
  askMfa: MfaPrompt,
): AwsCredentialIdentityProvider {
  if (profile.problem) {
    const problem = profile.problem;
    return () => Promise.reject(new CredentialsError(`${problem} Fix it in ${files.configPath} or ${files.credentialsPath}.`, profile.name));
  }
  // The paths matter for keys, roles and processes; the SDK's SSO provider reads the files named by
  // the environment instead, which is where `files` comes from in the extension.
  const provider = fromIni({
    profile: profile.name,
    filepath: files.credentialsPath,
    configFilepath: files.configPath,
    ignoreCache: true,
    mfaCodeProvider: async (serial: string) => {
      const code = await askMfa(profile.name, serial);
      if (code === undefined) throw new CancelledError('MFA code entry was cancelled.');
      return code;
    },
  });
  return async (options) => {
    try {
      return await provider(options);
    } catch (e) {
      throw explainCredentialsError(e, profile.name, profile.kind);
    }
  };
}

/** Rewrites SDK credential errors into a message that names the profile and the fix. */
export function explainCredentialsError(e: unknown, profile: string, kind?: ProfileInfo['kind']): Error {
  if (isKind(e, CancelledError) || isKind(e, CredentialsError)) return e;
  const text = e instanceof Error ? e.message : String(e);
  // "Command failed: <command line>\n<stderr>": tokens are often in both, so keep neither, whichever
  // profile of the chain runs the process (a role's source_profile may).
  const commandFailed = /Command failed/i.test(text);
  if (kind === 'process' || commandFailed) {
    const reason = commandFailed ? 'the command failed; run it in a terminal to see why' : text;
    const whose = kind === 'process' ? `profile "${profile}"` : `a profile that profile "${profile}" takes its credentials from`;
    return new CredentialsError(`The credential_process of ${whose} failed: ${reason}`, profile);
  }
  if (/sso/i.test(text) && /(expired|invalid|token|refresh|login)/i.test(text)) {
    return new CredentialsError(
      `The SSO session of profile "${profile}" is missing or expired. Run "aws sso login --profile ${profile}" in a terminal, then retry.`,
      profile,
    );
  }
  if (/could not resolve credentials|unable to find|not found|no credentials/i.test(text)) {
    return new CredentialsError(`No credentials for profile "${profile}": ${text}`, profile);
  }
  return new CredentialsError(`Could not get credentials for profile "${profile}": ${text}`, profile);
}
