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
  while (i < steps.length) {
    const step = steps[i];
    if (step.when && !step.when(state)) {
      i++;
      continue;
    }
    const shown = steps.filter((s, j) => j < i && (!s.when || s.when(state))).length;
    const total = shown + steps.slice(i).filter((s) => !s.when || s.when(state)).length;
    try {
      await step.prompt(prompter, state, { title, step: shown + 1, totalSteps: total });
      history.push(i);
      i++;
    } catch (e) {
      if (!(e instanceof GoBack)) throw e;
      const previous = history.pop();
      if (previous === undefined) continue; // nothing before: stay
      i = previous;
    }
  }
  return state;
}
