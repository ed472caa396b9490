// Local API Gateway endpoint for tests: moto's server (the default) or LocalStack, each installed
// on demand in a git-ignored venv under <repo>/.cache because nothing is kept between machines.
import { type Emulator, type EmulatorOptions, emulatorKind } from './emulatorKind';
import { startLocalStack } from './localstack';
import { startMoto } from './moto';

export { type Emulator, type EmulatorKind, type EmulatorOptions, emulatorKind } from './emulatorKind';

/** Starts the chosen emulator on a free port (or `port`) and waits until it answers. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const kind = opts.kind ?? emulatorKind();
  return kind === 'localstack' ? startLocalStack(opts) : startMoto(opts);
}
