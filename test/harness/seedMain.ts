// Manual use: `node out/test/harness/seedMain.js [port]` starts moto (LocalStack with
// APIGW_EMULATOR=localstack), seeds SAMPLE and keeps running until Ctrl-C. Point the
// extension's `apigatewayStages.endpoint` at it.
import { startEmulator } from './emulator';
import { seed } from './seed';

async function main(): Promise<void> {
  const port = process.argv[2] ? Number(process.argv[2]) : undefined;
  const emulator = await startEmulator({ port, log: (line) => console.log(line) });
  const shutdown = () => { void emulator.stop().then(() => process.exit(0)); };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const result = await seed(emulator.endpoint);
  console.log(`endpoint: ${emulator.endpoint} (region ${result.region}, any credentials)`);
  for (const [name, api] of Object.entries(result.apis)) {
    console.log(`  ${api.id}  ${name}  deployments: ${api.deploymentIds.join(', ') || '-'}`);
  }
  console.log('Ctrl-C to stop.');
}

main().catch((err) => { console.error(err); process.exit(1); });
