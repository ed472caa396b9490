// The AWS CLI (v1, from PyPI) for the side-by-side timings: installed on first use into a
// git-ignored venv under <repo>/.cache, like moto, so the bench needs nothing on the machine.
import type { Log } from '../harness/log';
import { ensureVenv, run } from '../harness/pythonEnv';

export const AWSCLI_VERSION = '1.46.3';

/** Installs awscli==AWSCLI_VERSION into <repo>/.cache/awscli-venv unless the marker says it is there. */
export function ensureAwsCli(log: Log = () => {}): Promise<string> {
  return ensureVenv({
    name: 'awscli', dir: 'awscli-venv', packages: [`awscli==${AWSCLI_VERSION}`],
    marker: '.awscli-version', stamp: AWSCLI_VERSION, bin: 'aws', python: { min: [3, 9], why: `awscli ${AWSCLI_VERSION}` },
  }, log);
}

/**
 * Runs `aws apigateway <args>` against `endpoint` as a user would: default paging (the CLI
 * follows `position` itself and sends no `limit`, so AWS's default page of 25 applies), JSON
 * output, dummy keys from the environment, no profile files read.
 */
export function awsApigateway(bin: string, endpoint: string, args: readonly string[]): Promise<string> {
  return run(bin, ['apigateway', ...args, '--endpoint-url', endpoint, '--output', 'json'], {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  });
}
