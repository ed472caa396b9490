/** Runs a bench script's `main` when the file is run as a program: exit 0 when it resolves, 1 with the error printed when it fails. */
export function runMain(module: NodeModule, main: () => Promise<void>): void {
  if (require.main !== module) return;
  main().then(() => process.exit(0), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
