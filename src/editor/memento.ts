// What the stage editor's page keeps for a window reload (VS Code writes the webview state to disk):
// the form and the stage it was edited on, with every stage variable value blanked; the values go in
// `sealed`, encrypted with the key in VS Code's secret storage.
import type { Ctx } from '../context';
import type { StageForm } from '../model/stageForm';
import type { EditorMemento } from '../webview/protocol';

interface SealedValues {
  readonly form: [string, string][];
  readonly loaded: [string, string][];
}

/** The sealed variable values of an editor's edits; undefined when the stage has no variables. */
export async function sealMemento(ctx: Ctx, form: StageForm, loaded: StageForm): Promise<string | undefined> {
  if (!form.variables.length && !loaded.variables.length) return undefined;
  const values: SealedValues = { form: form.variables, loaded: loaded.variables };
  return ctx.sealer.seal(values);
}

/** The edits a memento kept, with their variable values back; undefined when there were none (or they cannot be opened). */
export async function openMemento(ctx: Ctx, m: EditorMemento): Promise<{ form: StageForm; loaded: StageForm } | undefined> {
  if (!m.form || !m.loaded) return undefined;
  if (!m.sealed) return { form: m.form, loaded: m.loaded };
  try {
    const values = (await ctx.sealer.open(m.sealed)) as SealedValues;
    return { form: { ...m.form, variables: values.form }, loaded: { ...m.loaded, variables: values.loaded } };
  } catch (e) {
    // Without the values the edits would blank every variable: the editor opens on the stage as it is.
    ctx.log.warn(`Stage editor ${m.stageName}: the edits kept before the reload cannot be opened (${(e as Error).message}); it shows the stage as it is.`);
    return undefined;
  }
}
