// A multi-step command: prompt steps fill a state object, with Back and "Step n of m".
import { GoBack, type Prompter, type StepInfo } from '../ui/prompter';

export interface PromptStep<S> {
  /** Skipped when false (e.g. the API is known from the node the command ran on). */
  when?(state: S): boolean;
  prompt(prompter: Prompter, state: S, info: StepInfo): Promise<void>;
}

export async function runWizard<S>(prompter: Prompter, title: string, state: S, steps: readonly PromptStep<S>[]): Promise<S> {
  const history: number[] = [];
  let i = 0;
  /** A step that Back returns to is shown again even if its `when` is false by now. */
  let backTo: number | undefined;
  while (i < steps.length) {
    const step = steps[i];
    if (i !== backTo && step.when && !step.when(state)) {
      i++;
      continue;
    }
    backTo = undefined;
    // The steps shown so far are the history: a `when` that an earlier answer turned false does not renumber them.
    const total = history.length + 1 + steps.slice(i + 1).filter((s) => !s.when || s.when(state)).length;
    try {
      await step.prompt(prompter, state, { title, step: history.length + 1, totalSteps: total });
      history.push(i);
      i++;
    } catch (e) {
      // By name: a prompter from another bundle (the tests' scripted one) throws its own GoBack class.
      if (!(e instanceof GoBack || (e instanceof Error && e.name === 'GoBack'))) throw e;
      const previous = history.pop();
      if (previous === undefined) continue; // nothing before: stay
      i = previous;
      backTo = previous;
    }
  }
  return state;
}
