import * as assert from 'assert/strict';
import { filled, type PromptStep, runWizard } from '../../src/commands/wizard';
import { InternalError, isCancellation, isKind } from '../../src/errors';
import type { Prompter } from '../../src/ui/prompter';
import { type Answer, ScriptedPrompter } from '../harness/scriptedPrompter';

interface State {
  name?: string;
  region?: string;
  description?: string;
}

const TITLE = 'Create Thing';

/** Three steps: an input, a pick, an input; `skipRegion` leaves the pick out. */
function steps(p: Prompter, skipRegion = false): PromptStep<State>[] {
  return [
    { prompt: async (s, info) => void (s.name = await p.input({ ...info, prompt: 'Name', value: s.name })) },
    {
      when: () => !skipRegion,
      prompt: async (s, info) => void (s.region = (await p.pick([{ label: 'us-east-1' }, { label: 'eu-west-1' }], { ...info, placeholder: 'Region' })).label),
    },
    { prompt: async (s, info) => void (s.description = await p.input({ ...info, prompt: 'Description', value: s.description })) },
  ];
}

async function run(answers: Answer[], skipRegion = false): Promise<{ state: State; prompter: ScriptedPrompter }> {
  const prompter = new ScriptedPrompter(answers);
  const state = await runWizard<State>(TITLE, {}, steps(prompter, skipRegion));
  assert.deepEqual(prompter.left, [], 'answers left over');
  return { state, prompter };
}

/** "question n/m" for each question asked. */
const trail = (p: ScriptedPrompter) => p.asked.map((a) => `${a.placeholder} ${a.step}/${a.totalSteps}`);

describe('wizard', () => {
  it('runs the steps in order with "Step n of m"', async () => {
    const { state, prompter } = await run([{ input: 'beta' }, { pick: 'eu-west-1' }, { input: 'Beta stage' }]);
    assert.deepEqual(state, { name: 'beta', region: 'eu-west-1', description: 'Beta stage' });
    assert.deepEqual(trail(prompter), ['Name 1/3', 'Region 2/3', 'Description 3/3']);
    assert.ok(prompter.asked.every((a) => a.title === TITLE));
  });

  it('does not count skipped steps', async () => {
    const { state, prompter } = await run([{ input: 'beta' }, { input: 'Beta stage' }], true);
    assert.deepEqual(state, { name: 'beta', description: 'Beta stage' });
    assert.deepEqual(trail(prompter), ['Name 1/2', 'Description 2/2']);
  });

  it('Back shows the previous step again', async () => {
    const { state, prompter } = await run([{ input: 'beta' }, { pick: 'us-east-1' }, 'back', 'back', { input: 'gamma' }, { pick: 'eu-west-1' }, { input: '' }]);
    assert.deepEqual(state, { name: 'gamma', region: 'eu-west-1', description: '' });
    assert.deepEqual(trail(prompter), ['Name 1/3', 'Region 2/3', 'Description 3/3', 'Region 2/3', 'Name 1/3', 'Region 2/3', 'Description 3/3']);
  });

  it('Back skips the steps that were skipped', async () => {
    const { prompter } = await run([{ input: 'beta' }, 'back', { input: 'gamma' }, { input: 'x' }], true);
    assert.deepEqual(trail(prompter), ['Name 1/2', 'Description 2/2', 'Name 1/2', 'Description 2/2']);
  });

  it('Back on the first step stays there', async () => {
    const { state, prompter } = await run(['back', { input: 'beta' }, { pick: 'us-east-1' }, { input: 'x' }]);
    assert.equal(state.name, 'beta');
    assert.deepEqual(trail(prompter), ['Name 1/3', 'Name 1/3', 'Region 2/3', 'Description 3/3']);
  });

  it('a cancel ends the wizard with a cancellation', async () => {
    const prompter = new ScriptedPrompter([{ input: 'beta' }, 'cancel']);
    await assert.rejects(runWizard<State>(TITLE, {}, steps(prompter)), (e: unknown) => {
      assert.ok(e instanceof Error);
      assert.equal(e.name, 'Canceled');
      assert.ok(isCancellation(e));
      return true;
    });
    assert.deepEqual(trail(prompter), ['Name 1/3', 'Region 2/3']);
  });

  it("passes a step's own error through", async () => {
    const failing: PromptStep<State> = {
      prompt: async () => {
        throw new Error('no deployments');
      },
    };
    await assert.rejects(runWizard<State>(TITLE, {}, [failing]), /^Error: no deployments$/);
  });

  it('fails at once with a clear error on a question the script did not expect', async () => {
    await assert.rejects(run([{ input: 'beta' }]), /ScriptedPrompter: unexpected pick "Create Thing" \(Region\): the script has no answer left/);
    await assert.rejects(run([{ input: 'beta' }, { input: 'us-east-1' }]), /ScriptedPrompter: the script answers \{"input":"us-east-1"\} but the question is a pick "Create Thing"/);
    await assert.rejects(run([{ input: 'beta' }, { pick: 'ap-south-1' }]), /no item "ap-south-1" in "Create Thing"; offered: us-east-1 \| eu-west-1/);
  });

  it('keeps counting a step whose `when` an earlier answer turned false, and Back returns to it', async () => {
    // Like Deploy to Stage from the palette: the API step shows only while no API is known.
    interface S { api?: string; stage?: string }
    const prompter = new ScriptedPrompter([{ pick: 'PetStore' }, 'back', { pick: 'PetStore' }, { pick: 'prod' }]);
    const p = prompter;
    const flow: PromptStep<S>[] = [
      { when: (st) => !st.api, prompt: async (st, info) => void (st.api = (await p.pick([{ label: 'PetStore' }], { ...info, placeholder: 'API' })).label) },
      { prompt: async (st, info) => void (st.stage = (await p.pick([{ label: 'dev' }, { label: 'prod' }], { ...info, placeholder: 'Stage' })).label) },
    ];
    const st = await runWizard<S>(TITLE, {}, flow);
    assert.deepEqual(st, { api: 'PetStore', stage: 'prod' });
    assert.deepEqual(trail(prompter), ['API 1/2', 'Stage 2/2', 'API 1/2', 'Stage 2/2']);
  });
  it('resolves with the fields it was told to check, typed as set', async () => {
    const prompter = new ScriptedPrompter([{ input: 'beta' }, { pick: 'eu-west-1' }, { input: '' }]);
    const done = await runWizard(TITLE, {} as State, steps(prompter), ['name', 'region']);
    // Typed `string`, not `string | undefined`: no `!` needed.
    const name: string = done.name;
    assert.equal(`${name} ${done.region}`, 'beta eu-west-1');
  });

  it('a field a step should have filled but did not is an internal error, not undefined later', async () => {
    const prompter = new ScriptedPrompter([{ input: 'beta' }, { input: 'x' }]);
    await assert.rejects(runWizard(TITLE, {} as State, steps(prompter, true), ['name', 'region']), (e: unknown) => {
      assert.ok(isKind(e, InternalError));
      assert.match(String((e as Error).message), /^Internal error: the wizard ended without region\. Please report it\.$/);
      return true;
    });
    assert.throws(() => filled<State, 'name' | 'description'>({ name: '' }, ['name', 'description']), /without description/);
    assert.equal(filled<State, 'name'>({ name: '' }, ['name']).name, '', 'an empty text is set');
  });
});
