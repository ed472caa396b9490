// Mocha's spec output, plus the counts written to $TEST_COUNTS_FILE for the summary over all layers.
import * as fs from 'fs';
import Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.TEST_COUNTS_FILE;
      const s = runner.stats;
      if (file && s) fs.writeFileSync(file, JSON.stringify({ passed: s.passes, failed: s.failures, skipped: s.pending }));
    });
  }
}

export = CountingReporter;
