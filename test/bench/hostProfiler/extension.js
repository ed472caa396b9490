// Test-only: a CPU profile of this extension host (the same thread, through node:inspector),
// from startup until the benchmark writes <APIGW_BENCH_PROFILE_DIR>/stop, saved as
// exthost-<pid>.cpuprofile there. Does nothing without the variable.
const fs = require('fs');
const inspector = require('inspector');
const path = require('path');

function activate() {
  const dir = process.env.APIGW_BENCH_PROFILE_DIR;
  if (!dir) return;
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) =>
    session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  const stopFile = path.join(dir, 'stop');
  const started = Date.now();
  void (async () => {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 100 });
    await post('Profiler.start');
    const timer = setInterval(async () => {
      if (!fs.existsSync(stopFile) && Date.now() - started < 120_000) return;
      clearInterval(timer);
      const { profile } = await post('Profiler.stop');
      const out = path.join(dir, `exthost-${process.pid}.cpuprofile`);
      fs.writeFileSync(out + '.tmp', JSON.stringify(profile));
      fs.renameSync(out + '.tmp', out);
      session.disconnect();
    }, 100);
  })();
}

module.exports = { activate, deactivate() {} };
