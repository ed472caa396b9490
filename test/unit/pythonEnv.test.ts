// Which Python builds a tool's venv: the harness's finder, on fake Pythons (scripts that answer the
// finder's version check as a real one would), so no machine's own Pythons decide the outcome.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findPython, type PythonNeed, venvPythonVersion } from '../harness/pythonEnv';

const NEED: PythonNeed = { min: [3, 13], envVar: 'APIGW_TEST_FAKE_PYTHON', why: 'the fake tool' };

describe('the harness finds a Python new enough (test/harness/pythonEnv.ts)', function () {
  this.timeout(20_000);
  let dir: string;
  const saved = { PATH: process.env.PATH, PYENV_ROOT: process.env.PYENV_ROOT, [NEED.envVar!]: process.env[NEED.envVar!] };

  /** A script at `file` that prints `version` for the finder's check, as `python -c ...` would. */
  function fakePython(file: string, version: string): string {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `#!/bin/sh\necho ${version}\n`, { mode: 0o755 });
    return file;
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-python-'));
    // PATH holds only a python3 that is too old; pyenv's folder is ours.
    fakePython(path.join(dir, 'bin', 'python3'), '3.11.2');
    process.env.PATH = path.join(dir, 'bin');
    process.env.PYENV_ROOT = path.join(dir, 'pyenv');
    delete process.env[NEED.envVar!];
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes pyenv's 3.13 (newest patch) over 3.12, newer minors and an old python3, and says its version", async () => {
    for (const v of ['3.12.1', '3.13.0', '3.13.2', '3.14.1']) fakePython(path.join(dir, 'pyenv', 'versions', v, 'bin', 'python3'), v);
    assert.deepEqual(await findPython(NEED), { path: path.join(dir, 'pyenv', 'versions', '3.13.2', 'bin', 'python3'), version: '3.13.2' });
  });

  it('takes the one the variable names first', async () => {
    fakePython(path.join(dir, 'pyenv', 'versions', '3.13.0', 'bin', 'python3'), '3.13.0');
    process.env[NEED.envVar!] = fakePython(path.join(dir, 'mine', 'python'), '3.13.5');
    assert.deepEqual(await findPython(NEED), { path: process.env[NEED.envVar!], version: '3.13.5' });
  });

  it('with none new enough: names each one tried, with its version, and how to get one', async () => {
    fakePython(path.join(dir, 'pyenv', 'versions', '3.12.1', 'bin', 'python3'), '3.12.1');
    await assert.rejects(findPython(NEED), (e: Error) => {
      assert.match(e.message, /^the fake tool: no Python 3\.13 or newer with venv was found\./);
      assert.ok(e.message.includes(`Tried: python3 (3.11.2), python3.13 (not found), ${path.join(dir, 'pyenv', 'versions', '3.12.1', 'bin', 'python3')} (3.12.1).`), e.message);
      assert.match(e.message, /`pyenv install 3\.13`/);
      assert.match(e.message, /set APIGW_TEST_FAKE_PYTHON to its path/);
      return true;
    });
  });

  it("reads the Python a venv was made with from its pyvenv.cfg", () => {
    fs.writeFileSync(path.join(dir, 'pyvenv.cfg'), 'home = /x/bin\ninclude-system-site-packages = false\nversion = 3.13.0\n');
    assert.equal(venvPythonVersion(dir), '3.13.0');
    assert.equal(venvPythonVersion(path.join(dir, 'none')), undefined);
  });
});
