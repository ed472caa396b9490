// What the stage editor's page keeps for a window reload (VS Code writes the webview state to disk):
// the form and the stage it was edited on, with every stage variable value blanked; the values go in
// `sealed`, encrypted with the key in VS Code's secret storage.
import type { Ctx } from '../context';
import type { StageForm } from '../model/stageForm';
import type { EditorMemento } from '../webview/protocol';

interface SealedValues {
  readonly form: [string, string][];
  readonly loaded: [string, string][];
  /** The canary's variable overrides, as secret as the variables. */
  readonly formCanary?: [string, string][];
  readonly loadedCanary?: [string, string][];
}

/** The sealed variable values (and canary overrides) of an editor's edits; undefined when there are none. */
export async function sealMemento(ctx: Ctx, form: StageForm, loaded: StageForm): Promise<string | undefined> {
  const count = (f: StageForm) => f.variables.length + (f.canary?.overrides.length ?? 0);
  if (!count(form) && !count(loaded)) return undefined;
  const values: SealedValues = { form: form.variables, loaded: loaded.variables, formCanary: form.canary?.overrides, loadedCanary: loaded.canary?.overrides };
  return ctx.sealer.seal(values);
}

/** `f` with its values back (what withoutVariableValues blanked). */
function unsealed(f: StageForm, variables: [string, string][], canary: [string, string][] | undefined): StageForm {
  return { ...f, variables, canary: f.canary && { ...f.canary, overrides: canary ?? f.canary.overrides } };
}

/** The edits a memento kept, with their variable values back; undefined when there were none (or they cannot be opened). */
export async function openMemento(ctx: Ctx, m: EditorMemento): Promise<{ form: StageForm; loaded: StageForm } | undefined> {
  if (!m.form || !m.loaded) return undefined;
  if (!m.sealed) return { form: m.form, loaded: m.loaded };
  try {
    const values = (await ctx.sealer.open(m.sealed)) as SealedValues;
    return { form: unsealed(m.form, values.form, values.formCanary), loaded: unsealed(m.loaded, values.loaded, values.loadedCanary) };
  } catch (e) {
    // Without the values the edits would blank every variable: the editor opens on the stage as it is.
    ctx.log.warn(`Stage editor ${m.stageName}: the edits kept before the reload cannot be opened (${(e as Error).message}); it shows the stage as it is.`);
    return undefined;
  }
}
