// The AWS CLI (v1, from PyPI) for the side-by-side timings: installed on first use into a
// git-ignored venv under <repo>/.cache, like moto, so the bench needs nothing on the machine.
import * as fs from 'fs';
import * as path from 'path';
import { withInstallLock } from '../harness/installLock';
import { repoRoot } from '../harness/paths';
import { type Log, run, venvBin } from '../harness/pythonServer';

export const AWSCLI_VERSION = '1.46.3';

/** Installs awscli==AWSCLI_VERSION into <repo>/.cache/awscli-venv unless the marker says it is there. */
export async function ensureAwsCli(log: Log = () => {}): Promise<string> {
  const venv = path.join(repoRoot(), '.cache', 'awscli-venv');
  const marker = path.join(venv, '.awscli-version');
  const bin = venvBin(venv, 'aws');
  const installed = () => fs.existsSync(bin) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === AWSCLI_VERSION;
  if (installed()) return bin;
  fs.mkdirSync(path.dirname(venv), { recursive: true });
  const install = async () => {
    const started = Date.now();
    log(`awscli: creating ${venv} and installing awscli==${AWSCLI_VERSION} (first run only)`);
    fs.rmSync(venv, { recursive: true, force: true });
    await run(process.platform === 'win32' ? 'python' : 'python3', ['-m', 'venv', venv]);
    await run(venvBin(venv, 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `awscli==${AWSCLI_VERSION}`]);
    fs.writeFileSync(marker, AWSCLI_VERSION + '\n');
    log(`awscli: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return bin;
  };
  return withInstallLock(`${venv}.lock`, 15 * 60_000, () => log('awscli: another process is installing; waiting'), install, () =>
    installed() ? bin : undefined,
  );
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
