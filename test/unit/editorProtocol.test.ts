import * as assert from 'assert/strict';
import { execFileSync } from 'child_process';
import * as path from 'path';
import type { Stage } from '@aws-sdk/client-api-gateway';
import { acceptFromWebview } from '../../src/editor/messages';
import { saveWarnings } from '../../src/model/saveWarnings';
import { formFromStage, METHOD_DEFAULTS, type MethodValues, newOverride, type StageForm } from '../../src/model/stageForm';
import { EDITOR_COMMANDS, isEditorMemento, isStageForm, parseFromWebview } from '../../src/webview/protocol';
import { prng } from './prng';
import { PET, ROOT, sampleStage } from './sampleStage';

// The stage editor's messages from the webview, checked before the extension acts on them, and the
// warnings shown before a save.

const ROLE_ARN = 'arn:aws:iam::123456789012:role/apigateway-cloudwatch-logs';

function stage(): Stage {
  return sampleStage({
    cacheClusterEnabled: false,
    tracingEnabled: true,
    methodSettings: {
      '*/*': { loggingLevel: 'OFF', dataTraceEnabled: false, metricsEnabled: false, throttlingRateLimit: 100, throttlingBurstLimit: 50 },
      [PET]: { cachingEnabled: true, cacheTtlInSeconds: 60 },
    },
  });
}

/** A full, valid form with an override, variables and tags. */
const form = (): StageForm => formFromStage(stage());

/** The form with a change; `edit` gets a copy it may change freely. */
function edited(edit: (f: StageForm) => void, from: StageForm = form()): StageForm {
  const copy = structuredClone(from);
  edit(copy);
  return copy;
}

const FORM_FIELDS = Object.keys(form()) as (keyof StageForm)[];
const METHOD_FIELDS = Object.keys(METHOD_DEFAULTS) as (keyof MethodValues)[];

describe('editor protocol: messages from the webview', () => {
  it('has a full fixture form (every field, an override, variables and tags)', () => {
    const f = form();
    assert.deepEqual([...FORM_FIELDS].sort(), [
      'accessLogDestinationArn', 'accessLogFormat', 'cacheClusterEnabled', 'cacheClusterSize', 'deploymentId',
      'description', 'overrides', 'stageWide', 'tags', 'tracingEnabled', 'variables',
    ]);
    assert.deepEqual(Object.keys(f.overrides), [PET]);
    assert.equal(f.variables.length, 2);
    assert.equal(f.tags.length, 1);
  });

  describe('accepts', () => {
    for (const type of ['ready', 'review', 'save', 'reload'] as const) {
      it(`'${type}', keeping only its type`, () => {
        assert.deepEqual(parseFromWebview({ type }), { type });
        assert.deepEqual(parseFromWebview({ type, form: form(), name: 'showLogs', text: 'x', extra: 1 }), { type });
      });
    }

    it("'edit' with a full form from formFromStage", () => {
      const f = form();
      assert.deepEqual(parseFromWebview({ type: 'edit', form: f }), { type: 'edit', form: f });
      assert.deepEqual(parseFromWebview({ type: 'edit', form: f, choice: 'reload', extra: true }), { type: 'edit', form: f });
    });

    it("'edit' with the form of a bare stage, and with a new override", () => {
      const bare = formFromStage({});
      assert.deepEqual(parseFromWebview({ type: 'edit', form: bare }), { type: 'edit', form: bare });
      const f = edited((x) => (x.overrides[ROOT] = newOverride(x)));
      assert.deepEqual(parseFromWebview({ type: 'edit', form: f }), { type: 'edit', form: f });
    });

    it("'edit' after a trip through JSON (as postMessage delivers it)", () => {
      const f = JSON.parse(JSON.stringify(form())) as unknown;
      assert.deepEqual(parseFromWebview({ type: 'edit', form: f }), { type: 'edit', form: form() });
    });

    it('an edit with up to 1000 variables', () => {
      const f = edited((x) => (x.variables = Array.from({ length: 1000 }, (_, i): [string, string] => [`v${i}`, `${i}`])));
      assert.deepEqual(parseFromWebview({ type: 'edit', form: f }), { type: 'edit', form: f });
    });

    for (const choice of ['reload', 'applyMine'] as const) {
      it(`'resolve' with '${choice}'`, () => {
        assert.deepEqual(parseFromWebview({ type: 'resolve', choice }), { type: 'resolve', choice });
        assert.deepEqual(parseFromWebview({ type: 'resolve', choice, name: 'showLogs', extra: 1 }), { type: 'resolve', choice });
      });
    }

    it("'command' with each editor command", () => {
      assert.ok(EDITOR_COMMANDS.length > 0);
      for (const name of EDITOR_COMMANDS) {
        assert.deepEqual(parseFromWebview({ type: 'command', name }), { type: 'command', name });
        assert.deepEqual(parseFromWebview({ type: 'command', name, args: ['x'], extra: 1 }), { type: 'command', name });
      }
    });

    it("'openWebAcl' alone: the page names no URL (the extension makes it from the stage's own ARN)", () => {
      assert.deepEqual(parseFromWebview({ type: 'openWebAcl', url: 'https://evil.example' }), { type: 'openWebAcl' });
    });

    it("'copy' with text, empty or up to 10,000 characters", () => {
      assert.deepEqual(parseFromWebview({ type: 'copy', text: 'https://abc.execute-api.us-east-1.amazonaws.com/prod' }), {
        type: 'copy',
        text: 'https://abc.execute-api.us-east-1.amazonaws.com/prod',
      });
      assert.deepEqual(parseFromWebview({ type: 'copy', text: '' }), { type: 'copy', text: '' });
      const max = 'x'.repeat(10_000);
      assert.deepEqual(parseFromWebview({ type: 'copy', text: max, extra: 1 }), { type: 'copy', text: max });
    });
  });

  describe('rejects', () => {
    it('what is not an object, null and arrays', () => {
      for (const m of [undefined, null, 'ready', 42, true, Symbol('ready'), () => 'ready', [], ['ready'], [{ type: 'ready' }], Object.assign([], { type: 'ready' })]) {
        assert.equal(parseFromWebview(m), undefined, String(typeof m === 'symbol' ? 'symbol' : JSON.stringify(m)));
      }
    });

    it('a message without a string type', () => {
      for (const m of [{}, { type: undefined }, { type: null }, { type: 1 }, { type: ['ready'] }, { type: { toString: () => 'ready' } }, { kind: 'ready' }]) {
        assert.equal(parseFromWebview(m), undefined, JSON.stringify(m));
      }
    });

    it('an unknown type', () => {
      for (const type of ['', 'READY', 'Ready', ' ready', 'load', 'saved', 'delete', 'deleteStage', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        assert.equal(parseFromWebview({ type }), undefined, type);
      }
    });

    it("'edit' without a form, or with one that is not an object", () => {
      for (const f of [undefined, null, 'form', 1, true, [], [form()]]) {
        assert.equal(parseFromWebview({ type: 'edit', form: f }), undefined, JSON.stringify(f));
      }
      assert.equal(parseFromWebview({ type: 'edit' }), undefined);
      assert.equal(parseFromWebview({ type: 'edit', ...form() }), undefined, 'form fields at the top level');
    });

    it("'edit' with a form missing any field", () => {
      for (const k of FORM_FIELDS) {
        const f: Partial<StageForm> = form();
        delete f[k];
        assert.equal(parseFromWebview({ type: 'edit', form: f }), undefined, k);
      }
    });

    it("'edit' with a stage-wide entry or an override missing any field", () => {
      for (const k of METHOD_FIELDS) {
        const wide = edited((x) => delete (x.stageWide as Partial<MethodValues>)[k]);
        assert.equal(parseFromWebview({ type: 'edit', form: wide }), undefined, `stageWide.${k}`);
        const override = edited((x) => delete (x.overrides[PET] as Partial<MethodValues>)[k]);
        assert.equal(parseFromWebview({ type: 'edit', form: override }), undefined, `override.${k}`);
      }
    });

    it("'edit' with a field of the wrong type", () => {
      const bad: [string, (f: any) => void][] = [
        ['stageWide.cacheTtlInSeconds a number', (f) => (f.stageWide.cacheTtlInSeconds = 300)],
        ['stageWide.cachingEnabled a string', (f) => (f.stageWide.cachingEnabled = 'true')],
        ['override cacheTtlInSeconds a number', (f) => (f.overrides[PET].cacheTtlInSeconds = 60)],
        ['override cachingEnabled a string', (f) => (f.overrides[PET].cachingEnabled = 'false')],
        ['override throttlingRateLimit null', (f) => (f.overrides[PET].throttlingRateLimit = null)],
        ['override metricsEnabled 0', (f) => (f.overrides[PET].metricsEnabled = 0)],
        ['description a number', (f) => (f.description = 1)],
        ['deploymentId null', (f) => (f.deploymentId = null)],
        ['cacheClusterEnabled a string', (f) => (f.cacheClusterEnabled = 'false')],
        ['cacheClusterSize a number', (f) => (f.cacheClusterSize = 0.5)],
        ['tracingEnabled 1', (f) => (f.tracingEnabled = 1)],
        ['accessLogFormat an array', (f) => (f.accessLogFormat = ['$context.requestId'])],
        ['stageWide null', (f) => (f.stageWide = null)],
        ['stageWide an array', (f) => (f.stageWide = [])],
        ['overrides null', (f) => (f.overrides = null)],
        ['overrides an array', (f) => (f.overrides = [f.stageWide])],
        ['tags an object', (f) => (f.tags = { team: 'pets' })],
      ];
      for (const [what, edit] of bad) {
        assert.equal(parseFromWebview({ type: 'edit', form: edited(edit) }), undefined, what);
      }
    });

    it("'edit' with variables or tags that are not [string, string] pairs", () => {
      const notPairs: unknown[] = [
        { lambdaAlias: 'live' },
        'lambdaAlias=live',
        ['lambdaAlias=live'],
        [['lambdaAlias']],
        [['lambdaAlias', 'live', 'extra']],
        [['lambdaAlias', 1]],
        [[1, 'live']],
        [[null, 'live']],
        [['lambdaAlias', 'live'], null],
        [{ 0: 'lambdaAlias', 1: 'live', length: 2 }],
        null,
      ];
      for (const v of notPairs) {
        assert.equal(parseFromWebview({ type: 'edit', form: { ...form(), variables: v } }), undefined, `variables ${JSON.stringify(v)}`);
        assert.equal(parseFromWebview({ type: 'edit', form: { ...form(), tags: v } }), undefined, `tags ${JSON.stringify(v)}`);
      }
    });

    it("'edit' with an override that is not MethodValues", () => {
      for (const o of [null, undefined, 'x', 1, true, [], {}, { ...METHOD_DEFAULTS, cachingEnabled: 'no' }, [METHOD_DEFAULTS]]) {
        const f = { ...form(), overrides: { ...form().overrides, [ROOT]: o } };
        assert.equal(parseFromWebview({ type: 'edit', form: f }), undefined, JSON.stringify(o));
      }
    });

    it("'edit' with more than 1000 variables", () => {
      const f = edited((x) => (x.variables = Array.from({ length: 1001 }, (_, i): [string, string] => [`v${i}`, `${i}`])));
      assert.equal(parseFromWebview({ type: 'edit', form: f }), undefined);
    });

    it("'resolve' with any other choice", () => {
      for (const choice of [undefined, null, '', 'RELOAD', 'applymine', 'applyTheirs', 'cancel', 'save', true, ['reload']]) {
        assert.equal(parseFromWebview({ type: 'resolve', choice }), undefined, JSON.stringify(choice));
      }
    });

    it("'command' with an unknown name", () => {
      for (const name of [undefined, null, '', 'deleteStage', 'deleteApi', '__proto__', 'constructor', 'toString', 'length', 'showlogs', 'SHOWLOGS', ['showLogs'], 0]) {
        assert.equal(parseFromWebview({ type: 'command', name }), undefined, JSON.stringify(name));
      }
    });

    it("'copy' with text that is not a string, or longer than 10,000 characters", () => {
      for (const text of [undefined, null, 42, true, ['x'], { toString: () => 'x' }]) {
        assert.equal(parseFromWebview({ type: 'copy', text }), undefined, JSON.stringify(text));
      }
      assert.equal(parseFromWebview({ type: 'copy' }), undefined);
      assert.equal(parseFromWebview({ type: 'copy', text: 'x'.repeat(10_001) }), undefined);
    });
  });
});

describe('editor protocol: isStageForm', () => {
  it('accepts the forms formFromStage makes, and their copies', () => {
    assert.equal(isStageForm(form()), true);
    assert.equal(isStageForm(formFromStage({})), true);
    assert.equal(isStageForm(JSON.parse(JSON.stringify(form()))), true);
    assert.equal(isStageForm(edited((x) => (x.overrides = {}))), true);
    assert.equal(isStageForm(edited((x) => ((x.variables = []), (x.tags = [])))), true);
  });

  it('refuses non-objects and forms with a missing or mistyped field', () => {
    for (const v of [undefined, null, 'form', 1, [], [form()]]) assert.equal(isStageForm(v), false, JSON.stringify(v));
    for (const k of FORM_FIELDS) {
      const f: Partial<StageForm> = form();
      delete f[k];
      assert.equal(isStageForm(f), false, `without ${k}`);
    }
    assert.equal(isStageForm(edited((x) => ((x.stageWide as any).cacheTtlInSeconds = 300))), false);
    assert.equal(isStageForm(edited((x) => ((x.overrides[PET] as any).cachingEnabled = 'true'))), false);
    assert.equal(isStageForm(edited((x) => ((x.overrides as any)[ROOT] = {}))), false);
    assert.equal(isStageForm(edited((x) => ((x.variables as any) = [['a', 'b', 'c']]))), false);
    assert.equal(isStageForm(edited((x) => (x.tags = Array.from({ length: 1001 }, (_, i): [string, string] => [`t${i}`, ''])))), false);
  });
});

describe('editor protocol: isEditorMemento', () => {
  const memento = () => ({ profile: 'default', region: 'us-east-1', restApiId: 'a1b2c3d4e5', apiName: 'Pets', stageName: 'prod' });
  const KEYS = ['profile', 'region', 'restApiId', 'apiName', 'stageName'] as const;

  it('accepts the five strings, with or without a valid form', () => {
    assert.equal(isEditorMemento(memento()), true);
    assert.equal(isEditorMemento({ ...memento(), form: undefined }), true);
    assert.equal(isEditorMemento({ ...memento(), form: form() }), true);
    assert.equal(isEditorMemento(JSON.parse(JSON.stringify({ ...memento(), form: form() }))), true);
    assert.equal(isEditorMemento({ profile: '', region: '', restApiId: '', apiName: '', stageName: '' }), true);
  });

  it('refuses non-objects', () => {
    for (const v of [undefined, null, 'memento', 1, [], [memento()]]) assert.equal(isEditorMemento(v), false, JSON.stringify(v));
  });

  it('refuses a missing or non-string field', () => {
    for (const k of KEYS) {
      const m: Partial<ReturnType<typeof memento>> = memento();
      delete m[k];
      assert.equal(isEditorMemento(m), false, `without ${k}`);
      for (const bad of [null, 1, true, ['x'], {}]) assert.equal(isEditorMemento({ ...memento(), [k]: bad }), false, `${k}: ${JSON.stringify(bad)}`);
    }
  });

  it('refuses a form that is not a valid StageForm', () => {
    for (const f of [null, 'form', 1, [], {}, { ...form(), description: 1 }, edited((x) => ((x.stageWide as any).cachingEnabled = 'true'))]) {
      assert.equal(isEditorMemento({ ...memento(), form: f }), false, JSON.stringify(f));
    }
  });

  it('takes the sealed variable values as a string only', () => {
    assert.equal(isEditorMemento({ ...memento(), form: form(), loaded: form(), sealed: 'aesgcm1:abc' }), true);
    for (const bad of [1, {}, ['x'], null]) assert.equal(isEditorMemento({ ...memento(), sealed: bad }), false, JSON.stringify(bad));
  });
});

describe('editor: save warnings', () => {
  const ROLE = /CloudWatch Logs role ARN/;
  const CACHE = /stage cache is billed by the hour/;
  const TRACE = /sensitive data/;
  const METRICS = /Detailed CloudWatch metrics are charged, per method/;

  /** The warnings that match `re`. */
  const matching = (warnings: string[], re: RegExp) => warnings.filter((w) => re.test(w));

  it('has nothing to say without changes, or for changes that cost nothing', () => {
    assert.deepEqual(saveWarnings(form(), form(), ''), []);
    assert.deepEqual(saveWarnings(form(), form(), ROLE_ARN), []);
    const f = edited((x) => {
      x.description = 'Live';
      x.variables.push(['region', 'eu']);
      x.stageWide.throttlingRateLimit = '200';
      x.overrides[PET].cacheTtlInSeconds = '120';
    });
    assert.deepEqual(saveWarnings(form(), f, ''), []);
  });

  describe('logging without the CloudWatch Logs role', () => {
    it('warns when logging is turned on stage-wide and no role is set', () => {
      for (const level of ['ERROR', 'INFO']) {
        const w = saveWarnings(form(), edited((x) => (x.stageWide.loggingLevel = level)), '');
        assert.equal(matching(w, ROLE).length, 1, level);
        assert.match(matching(w, ROLE)[0], /AWS would refuse the save/);
      }
    });

    it('warns when logging is turned on in an override, or in a new override', () => {
      assert.equal(matching(saveWarnings(form(), edited((x) => (x.overrides[PET].loggingLevel = 'INFO')), ''), ROLE).length, 1);
      const added = edited((x) => (x.overrides[ROOT] = { ...newOverride(x), loggingLevel: 'ERROR' }));
      assert.equal(matching(saveWarnings(form(), added, ''), ROLE).length, 1);
    });

    it('warns when only full request/response logging is turned on', () => {
      assert.equal(matching(saveWarnings(form(), edited((x) => (x.stageWide.dataTraceEnabled = true)), ''), ROLE).length, 1);
      assert.equal(matching(saveWarnings(form(), edited((x) => (x.overrides[PET].dataTraceEnabled = true)), ''), ROLE).length, 1);
    });

    it('does not warn when the role is set', () => {
      const f = edited((x) => {
        x.stageWide.loggingLevel = 'INFO';
        x.overrides[PET].loggingLevel = 'ERROR';
        x.overrides[PET].dataTraceEnabled = true;
      });
      assert.deepEqual(matching(saveWarnings(form(), f, ROLE_ARN), ROLE), []);
    });

    it('does not warn when logging was already on and is untouched', () => {
      const loaded = edited((x) => {
        x.stageWide.loggingLevel = 'INFO';
        x.overrides[PET].loggingLevel = 'ERROR';
      });
      assert.deepEqual(saveWarnings(loaded, loaded, ''), []);
      const f = edited((x) => {
        x.description = 'Live';
        x.overrides[PET].cacheTtlInSeconds = '30';
      }, loaded);
      assert.deepEqual(saveWarnings(loaded, f, ''), []);
    });

    it('does not warn when logging is turned off everywhere', () => {
      const loaded = edited((x) => (x.stageWide.loggingLevel = 'INFO'));
      assert.deepEqual(matching(saveWarnings(loaded, form(), ''), ROLE), []);
    });
  });

  describe('the stage cache', () => {
    it('warns that it is billed hourly when it is turned on now', () => {
      const w = saveWarnings(form(), edited((x) => (x.cacheClusterEnabled = true)), ROLE_ARN);
      assert.equal(matching(w, CACHE).length, 1);
      assert.equal(matching(saveWarnings(form(), edited((x) => (x.cacheClusterEnabled = true)), ''), CACHE).length, 1);
    });

    it('does not warn when it was already on, or is turned off', () => {
      const on = edited((x) => (x.cacheClusterEnabled = true));
      assert.deepEqual(saveWarnings(on, on, ROLE_ARN), []);
      assert.deepEqual(matching(saveWarnings(on, edited((x) => (x.cacheClusterSize = '6.1'), on), ROLE_ARN), CACHE), []);
      assert.deepEqual(matching(saveWarnings(on, form(), ROLE_ARN), CACHE), []);
    });

    it('does not take method caching for the stage cache', () => {
      assert.deepEqual(matching(saveWarnings(form(), edited((x) => (x.stageWide.cachingEnabled = true)), ROLE_ARN), CACHE), []);
    });
  });

  describe('full request/response logging', () => {
    it('warns about sensitive data when it is turned on, stage-wide or in an override', () => {
      assert.equal(matching(saveWarnings(form(), edited((x) => (x.stageWide.dataTraceEnabled = true)), ROLE_ARN), TRACE).length, 1);
      assert.equal(matching(saveWarnings(form(), edited((x) => (x.overrides[PET].dataTraceEnabled = true)), ROLE_ARN), TRACE).length, 1);
    });

    it('does not warn when it was already on and is untouched, or is turned off', () => {
      const loaded = edited((x) => (x.stageWide.dataTraceEnabled = true));
      assert.deepEqual(matching(saveWarnings(loaded, edited((x) => (x.description = 'Live'), loaded), ROLE_ARN), TRACE), []);
      assert.deepEqual(matching(saveWarnings(loaded, form(), ROLE_ARN), TRACE), []);
    });

    it('does not warn for a log level alone', () => {
      assert.deepEqual(matching(saveWarnings(form(), edited((x) => (x.stageWide.loggingLevel = 'INFO')), ROLE_ARN), TRACE), []);
    });
  });

  describe('detailed CloudWatch metrics', () => {
    it("warns that they are charged when an override's metrics are turned on", () => {
      assert.equal(matching(saveWarnings(form(), edited((x) => (x.overrides[PET].metricsEnabled = true)), ROLE_ARN), METRICS).length, 1);
      const added = edited((x) => (x.overrides[ROOT] = { ...newOverride(x), metricsEnabled: true }));
      assert.equal(matching(saveWarnings(form(), added, ROLE_ARN), METRICS).length, 1);
    });

    it('warns for the stage-wide (*/*) detailed metrics too: they are detailed metrics for every method', () => {
      assert.equal(matching(saveWarnings(form(), edited((x) => (x.stageWide.metricsEnabled = true)), ROLE_ARN), METRICS).length, 1);
    });

    it('says nothing when metrics, logging or data trace are turned off', () => {
      const on = edited((x) => {
        x.overrides[PET].metricsEnabled = true;
        x.overrides[PET].dataTraceEnabled = true;
        x.overrides[PET].loggingLevel = 'INFO';
      });
      const off = structuredClone(on);
      off.overrides[PET].metricsEnabled = false;
      off.overrides[PET].dataTraceEnabled = false;
      off.overrides[PET].loggingLevel = 'OFF';
      assert.deepEqual(saveWarnings(on, off, ''), []);
    });
  });

  it('says each thing once, however many entries change', () => {
    const f = edited((x) => {
      x.cacheClusterEnabled = true;
      x.stageWide.loggingLevel = 'INFO';
      x.stageWide.dataTraceEnabled = true;
      x.overrides[PET].loggingLevel = 'ERROR';
      x.overrides[PET].dataTraceEnabled = true;
      x.overrides[PET].metricsEnabled = true;
      x.overrides[ROOT] = { ...newOverride(x), metricsEnabled: true };
    });
    const w = saveWarnings(form(), f, '');
    assert.equal(w.length, 4, w.join('\n'));
    for (const re of [ROLE, CACHE, TRACE, METRICS]) assert.equal(matching(w, re).length, 1, String(re));
    assert.deepEqual(matching(saveWarnings(form(), f, ROLE_ARN), ROLE), []);
    assert.equal(saveWarnings(form(), f, ROLE_ARN).length, 3);
  });

  it('leaves its arguments as they were', () => {
    const loaded = form();
    const f = edited((x) => ((x.cacheClusterEnabled = true), (x.stageWide.loggingLevel = 'INFO')));
    const before = structuredClone([loaded, f]);
    saveWarnings(loaded, f, '');
    assert.deepEqual([loaded, f], before);
  });
});

describe('editor: save warnings and protocol load without vscode', () => {
  it('load in plain Node, requiring no vscode', () => {
    const out = path.resolve(__dirname, '../../src');
    const script = `
      const Module = require('module');
      const load = Module._load;
      const asked = [];
      Module._load = function (request, ...rest) {
        asked.push(request);
        if (request === 'vscode') throw new Error('vscode required');
        return load.call(this, request, ...rest);
      };
      const w = require(${JSON.stringify(path.join(out, 'model/saveWarnings.js'))});
      const p = require(${JSON.stringify(path.join(out, 'webview/protocol.js'))});
      console.log(JSON.stringify({ asked, warnings: typeof w.saveWarnings, parse: typeof p.parseFromWebview }));
    `;
    const result = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 4000 })) as { asked: string[]; warnings: string; parse: string };
    assert.equal(result.warnings, 'function');
    assert.equal(result.parse, 'function');
    assert.ok(!result.asked.includes('vscode'), result.asked.join(', '));
  });
});

describe('editor: override keys in an edit message', () => {
  it('refuses an override whose key is not a method-setting key', () => {
    const good = formFromStage({ stageName: 'dev' });
    for (const key of ['bogus', '*/*', 'pets/GET', '~1pets/get']) {
      const bad = { ...good, overrides: { [key]: { ...good.stageWide } } };
      assert.equal(parseFromWebview({ type: 'edit', form: bad }), undefined, key);
    }
    const ok = { ...good, overrides: { '~1pets~1{petId}/GET': { ...good.stageWide } } };
    assert.ok(parseFromWebview({ type: 'edit', form: ok }));
  });
});

// ---- seeded random messages: whatever the page (or a page that is not ours) posts ----

const TYPES = ['ready', 'edit', 'review', 'save', 'resolve', 'reload', 'command', 'copy', 'openWebAcl'];
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'type', 'form', 'name', 'choice', 'text', ''];

/** Any JSON-ish value, up to `depth` levels deep: what postMessage can carry. */
function randomValue(r: () => number, depth: number): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  switch (Math.floor(r() * (depth > 0 ? 9 : 6))) {
    case 0: return undefined;
    case 1: return null;
    case 2: return r() < 0.5;
    case 3: return pick([0, -1, 1e308, NaN, Infinity, 2 ** 53, Math.floor(r() * 1000)]);
    case 4: return pick(['', 'x'.repeat(Math.floor(r() * 20_000)), '<script>alert(1)</script>', '\u0000', 'showLogs', 'reload', 'applyMine', ...TYPES]);
    case 5: return pick([...TYPES, ...EDITOR_COMMANDS]);
    case 6: return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth - 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 5); i > 0; i--) o[pick([...NASTY_KEYS, `k${i}`])] = randomValue(r, depth - 1);
      return o;
    }
  }
}

/** A valid message, then one field of it broken: mostly near misses, the hardest to catch. */
function nearMiss(r: () => number): unknown {
  const f: Record<string, unknown> = structuredClone(form()) as unknown as Record<string, unknown>;
  const keys = Object.keys(f);
  const key = keys[Math.floor(r() * keys.length)];
  const v = f[key];
  // Another type than the field has (a string for a bool, an object for a string, …).
  let bad = randomValue(r, 2);
  while (typeof bad === typeof v && Array.isArray(bad) === Array.isArray(v) && (bad === null) === (v === null)) bad = randomValue(r, 2);
  f[key] = bad;
  return { type: 'edit', form: f };
}

/** What a message the parser accepted must look like: its type, its known fields, nothing else. */
function wellFormed(m: NonNullable<ReturnType<typeof parseFromWebview>>): boolean {
  switch (m.type) {
    case 'edit': return Object.keys(m).join() === 'type,form' && isStageForm(m.form);
    case 'resolve': return Object.keys(m).join() === 'type,choice' && ['reload', 'applyMine'].includes(m.choice);
    case 'command': return Object.keys(m).join() === 'type,name' && (EDITOR_COMMANDS as readonly string[]).includes(m.name);
    case 'copy': return Object.keys(m).join() === 'type,text' && typeof m.text === 'string' && m.text.length <= 10_000;
    default: return Object.keys(m).join() === 'type' && ['ready', 'review', 'save', 'reload', 'openWebAcl'].includes(m.type);
  }
}

describe('editor protocol: seeded random messages', () => {
  const SEED = 20251125;
  const RUNS = 3000;

  it(`${RUNS} random values: each is refused or comes out well formed, with no field it did not ask for`, () => {
    const r = prng(SEED);
    let accepted = 0;
    for (let i = 0; i < RUNS; i++) {
      const raw = r() < 0.5 ? randomValue(r, 4) : { ...(randomValue(r, 3) as object), type: TYPES[Math.floor(r() * TYPES.length)] };
      const m = parseFromWebview(raw);
      if (m) {
        accepted++;
        assert.ok(wellFormed(m), `run ${i}: ${JSON.stringify(raw)?.slice(0, 300)} gave ${JSON.stringify(m)?.slice(0, 300)}`);
      }
    }
    // The generator does reach the accepting paths (the bare types, a known command, a short text).
    assert.ok(accepted > 50, `only ${accepted} accepted`);
  });

  it(`${RUNS} edits with one field of the wrong type are all refused`, () => {
    const r = prng(SEED + 1);
    for (let i = 0; i < RUNS; i++) {
      const raw = nearMiss(r);
      assert.equal(parseFromWebview(raw), undefined, `run ${i}: ${JSON.stringify(raw)?.slice(0, 300)}`);
    }
  });

  it('a refused message is logged (at most 200 characters of it), even one JSON cannot write; an accepted one is not', () => {
    const lines: string[] = [];
    const log = { warn: (m: string) => lines.push(m) };
    const r = prng(SEED + 2);
    const cyclic: Record<string, unknown> = { type: 'edit' };
    cyclic.form = cyclic;
    const refused: unknown[] = [cyclic, { type: 'copy', text: 10n }, 10n, Symbol('x'), () => 1, ...Array.from({ length: 200 }, () => nearMiss(r))];
    for (const raw of refused) assert.equal(acceptFromWebview(raw, log, 'Stage editor prod'), undefined);
    assert.equal(lines.length, refused.length);
    for (const line of lines) {
      assert.match(line, /^Stage editor prod: ignored a malformed message /);
      assert.ok(line.length <= 'Stage editor prod: ignored a malformed message '.length + 200, line);
    }
    assert.equal(lines[0], 'Stage editor prod: ignored a malformed message (object)');
    assert.equal(lines[2], 'Stage editor prod: ignored a malformed message (bigint)');
    lines.length = 0;
    assert.deepEqual(acceptFromWebview({ type: 'save' }, log, 'x'), { type: 'save' });
    assert.deepEqual(acceptFromWebview({ type: 'edit', form: form() }, log, 'x'), { type: 'edit', form: form() });
    assert.deepEqual(lines, []);
  });

  it('a message with __proto__ or constructor keys changes no prototype', () => {
    const raw = JSON.parse('{"type":"edit","form":{"__proto__":{"polluted":true}},"__proto__":{"polluted":true}}') as unknown;
    assert.equal(parseFromWebview(raw), undefined);
    const ok = JSON.parse(`{"type":"ready","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`) as unknown;
    assert.deepEqual(parseFromWebview(ok), { type: 'ready' });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
