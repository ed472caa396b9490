// A multi-step command: prompt steps fill a state object, with Back and "Step n of m".
// Steps ask through ctx.prompter (closed over); the state's fields are optional while it fills, and
// `filled` checks once the ones a step or the end relies on, so no field is asserted with `!`.
import { GoBack, InternalError, isKind } from '../errors';
import type { StepInfo } from '../ui/prompter';

export interface PromptStep<S> {
  /** Skipped when false (e.g. the API is known from the node the command ran on). */
  when?(state: S): boolean;
  prompt(state: S, info: StepInfo): Promise<void>;
}

/** The state with the fields K set (not undefined). */
export type Filled<S, K extends keyof S> = S & { [P in K]-?: Exclude<S[P], undefined> };

/** The state typed with `keys` set, after checking them: a missing one is a bug in the wizard's steps, not the user's doing. */
export function filled<S extends object, K extends keyof S>(state: S, keys: readonly K[]): Filled<S, K> {
  const missing = keys.filter((k) => state[k] === undefined);
  if (missing.length) throw new InternalError(`the wizard ended without ${missing.map(String).join(', ')}`);
  return state as Filled<S, K>;
}

/** Runs the steps on `state`; resolves with it, the fields `done` checked set. */
export async function runWizard<S extends object, K extends keyof S = never>(title: string, state: S, steps: readonly PromptStep<S>[], done: readonly K[] = []): Promise<Filled<S, K>> {
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
      await step.prompt(state, { title, step: history.length + 1, totalSteps: total });
      history.push(i);
      i++;
    } catch (e) {
      if (!isKind(e, GoBack)) throw e;
      const previous = history.pop();
      if (previous === undefined) continue; // nothing before: stay
      i = previous;
      backTo = previous;
    }
  }
  return filled(state, done);
}
