// Bad input typed into every free-text field of the stage editor (webview) in code-server: each value
// (test/harness/badInputs.ts) marks its field invalid with a message naming what is allowed, Save is
// refused, and not one request reaches the API (the proxy counts them all). One editor session.
// Screenshots: test-results/screenshots/badinput-*.png.
import * as assert from 'assert';
import { GetStageCommand, type Stage } from '@aws-sdk/client-api-gateway';
import type { FrameLocator, Locator } from 'playwright-core';
import { BAD_INPUTS, type FieldCases, LOG_GROUP_ARN, shown } from '../harness/badInputs';
import { sampleClient } from '../harness/seed';
import { step, waitUntil, waitVisible } from '../harness/workbench';
import { useEditorEnv } from './env';
import { openStageEditor, showStages } from './petStoreTree';

const B = BAD_INPUTS;
const PET = '~1pets~1{petId}/GET';
/** A method of prod without an override: the test turns one on, so its fields start from the stage-wide values. */
const PETS = '~1pets/GET';
const VARIABLES = '[aria-label="Stage variables"]';
const TAGS = '[aria-label="Tags"]';
const ARN = 'Destination ARN (CloudWatch Logs log group or Firehose stream)';
const FORMAT = 'Log format (one line, must include $context.requestId)';

interface Field {
  readonly name: string;
  readonly label: string;
  readonly within?: string;
  readonly cases: FieldCases;
  /** A textarea keeps line breaks; a one-line field drops them as typed, so such values are not typed there. */
  readonly multiline?: boolean;
  /** What the field holds afterwards: its value as loaded, or a good one. */
  readonly restore: string;
}

describe('editor: bad input in the stage editor', function () {
  this.timeout(90_000);
  // Auto-save off: this file is about the form's checks. With code-server's default (afterDelay), a busy
  // machine sometimes got the auto-save guard's "Save to AWS?" modal mid-typing (see autoSave tests and issue 16's note).
  const env = useEditorEnv('badinput', { userSettings: { 'files.autoSave': 'off' } });

  const getStage = async (): Promise<Stage> => {
    const client = sampleClient(env.emulator.endpoint);
    try {
      const { $metadata, ...stage } = await client.send(new GetStageCommand({ restApiId: env.seeded.apis.PetStore.id, stageName: 'prod' }));
      void $metadata; // differs per response
      return stage;
    } finally {
      client.destroy();
    }
  };
  const form = (): FrameLocator => env.wb.page.locator('iframe.webview.ready').filter({ visible: true }).contentFrame().frameLocator('iframe#active-frame');
  const field = (label: string, within?: string): Locator => (within ? form().locator(within) : form().locator('body')).locator(`[aria-label="${label}"]`).first();
  const fill = (f: { label: string; within?: string }, value: string) => field(f.label, f.within).locator('input, textarea').first().fill(value);
  const click = (text: string, within?: string) => (within ? form().locator(within) : form().locator('body')).locator('vscode-button', { hasText: text }).first().click();
  /** The field's mark and its helper line, as the page shows them. */
  const mark = (f: { label: string; within?: string }) => field(f.label, f.within).evaluate((e) => ({
    value: (e as unknown as { value: string }).value,
    invalid: e.getAttribute('aria-invalid') === 'true',
    help: e.ownerDocument.getElementById(e.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
  }));

  let from = 0;
  let before: Stage;

  it('opens the editor of prod, with the account limits, a new variable row and an override turned on', async () => {
    const { wb } = env;
    before = await getStage();
    await showStages(wb, 'prod');
    await openStageEditor(wb, form, 'prod');
    await waitUntil(wb, 'the account limits are in (they bound rate and burst)', async () => /Account limits in us-east-1: rate 10000/.test(await form().locator('body').innerText()));
    from = env.proxy.requests.length;
    await step(wb, 'add a stage variable row', () => click('Add variable'));
    await step(wb, 'turn on an override for GET /pets', () => field('Override for this method', `[data-method="${PETS}"]`).click());
    await waitVisible(wb, field('Rate (requests per second)', `[data-method="${PETS}"]`), 'the override of GET /pets has its fields');
  });

  const FIELDS: Field[] = [
    { name: 'description', label: 'Description', cases: B.description, multiline: true, restore: 'Production' },
    { name: 'variable name', label: 'Name 1', within: VARIABLES, cases: B.variableName, restore: 'v1' },
    { name: 'variable value', label: 'Value 1', within: VARIABLES, cases: B.variableValue, restore: 'x' },
    { name: 'tag key', label: 'Key 1', within: TAGS, cases: B.tagKey, restore: 'env' },
    { name: 'tag value', label: 'Value 1', within: TAGS, cases: B.tagValue, restore: 'prod' },
    { name: 'cache TTL (all methods)', label: 'Cache time-to-live (TTL), seconds', cases: B.ttl, restore: '300' },
    { name: 'access log destination', label: ARN, cases: B.accessLogArn, restore: `${LOG_GROUP_ARN}api-access` },
    { name: 'access log format', label: FORMAT, cases: B.accessLogFormat, multiline: true, restore: '$context.requestId' },
    { name: 'throttling rate (all methods)', label: 'Rate (requests per second)', cases: B.rate, restore: '100' },
    { name: 'throttling burst (all methods)', label: 'Burst (requests)', cases: B.burst, restore: '50' },
    { name: 'cache TTL of GET /pets/{petId}', label: 'Cache time-to-live (TTL), seconds', within: `[data-method="${PET}"]`, cases: B.ttl, restore: '60' },
    // A new override: empty throttling is refused too (AWS would give it the stage-wide value).
    { name: 'throttling rate of a new override', label: 'Rate (requests per second)', within: `[data-method="${PETS}"]`, cases: B.rate, restore: '100' },
    { name: 'throttling burst of a new override', label: 'Burst (requests)', within: `[data-method="${PETS}"]`, cases: B.burst, restore: '50' },
  ];
  const typed = (f: Field) => f.cases.bad.filter((v) => f.multiline || !/[\r\n]/.test(v));
  const total = FIELDS.reduce((n, f) => n + typed(f).length, 0);
  let checked = 0;

  it(`${total} bad values in ${FIELDS.length} fields: each field marked with what is allowed, Save refused`, async () => {
    const { wb } = env;
    for (const f of FIELDS) {
      // Access logging needs both fields: the other one holds a good value meanwhile.
      if (f.label === ARN) await fill({ label: FORMAT }, '$context.requestId');
      if (f.label === FORMAT) await fill({ label: ARN }, `${LOG_GROUP_ARN}api-access`);
      for (const value of typed(f)) {
        const what = `${f.name}: ${shown(value)}`;
        await fill(f, value);
        // The form holds the value typed (not the one before it) and marks it. A textarea keeps a lone CR as LF.
        await waitUntil(wb, `${what} is marked`, async () => {
          const m = await mark(f);
          return m.value === value.replace(/\r\n?/g, '\n') && m.invalid;
        }, 5_000);
        const { help } = await mark(f);
        assert.match(help, f.cases.allowed, `${what}: the message names what is allowed`);
        if (value === '' && f.within === `[data-method="${PETS}"]` && f.label.startsWith('Rate')) {
          await field(f.label, f.within).scrollIntoViewIfNeeded();
          await wb.screenshot('new-override-empty-rate');
        }
        checked++;
      }
      // Save with the last bad value in: refused, with this field's message.
      await form().locator('.message').evaluate((e) => (e.textContent = ''));
      await click('Save');
      await waitUntil(wb, `Save is refused for the ${f.name}`, async () => {
        const text = await form().locator('.message').innerText();
        return /^Not saved:/.test(text) && f.cases.allowed.test(text);
      }, 10_000);
      if (f === FIELDS[0]) await wb.screenshot('description-save-refused');
      await fill(f, f.restore);
      await waitUntil(wb, `${f.name} is fine again`, async () => !(await mark(f)).invalid, 5_000);
      if (f.label === ARN || f.label === FORMAT) {
        await fill({ label: ARN }, '');
        await fill({ label: FORMAT }, '');
      }
    }
    console.log(`      bad inputs checked (editor): ${checked} in ${FIELDS.length} fields`);
    assert.strictEqual(checked, total);
  });

  it('sent not one request meanwhile, and the stage is as it was', async () => {
    assert.deepStrictEqual(env.proxy.requests.slice(from), [], 'no request while typing, nor for the refused saves');
    assert.deepStrictEqual(await getStage(), before);
  });
});
