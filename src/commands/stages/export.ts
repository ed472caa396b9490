// Export API Definition…: the API as deployed to a stage (GetExport, a read), opened in an untitled
// editor tab in its language or saved to a file the user picks.
import * as vscode from 'vscode';
import type { Ctx } from '../../context';
import { type Choice, EXPORT_EXTENSIONS, EXPORT_FORMATS, EXPORT_TYPES, type ExportFormat, exportRequest, type ExportType, fileName, readableDefinition } from '../../model/exportDefinition';
import type { TreeNode } from '../../tree/node';
import { knownStage, type StageState, stageSteps, stageTitle } from '../stageTarget';
import { type ApiTarget, reportDone } from '../../stages/targets';
import { filled, runWizard } from '../wizard';

interface ExportState extends StageState {
  type?: ExportType;
  format?: ExportFormat;
  extensions?: string[];
  /** Where it goes: an untitled tab, or the URI of the file picked. */
  to?: 'editor' | string;
}

type Item<Id extends string> = vscode.QuickPickItem & { id: Id };
const items = <Id extends string>(choices: readonly Choice<Id>[], picked: readonly string[] = []): Item<Id>[] =>
  choices.map((c) => ({ label: c.label, description: c.id === c.label ? undefined : c.id, detail: c.detail, id: c.id, picked: picked.includes(c.id) }));

export async function exportApiDefinition(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const title = 'Export API Definition';
  const known = knownStage(from, stageName);
  const p = ctx.prompter;
  const s = await runWizard<ExportState, 'target' | 'stageName' | 'type' | 'format' | 'to'>(stageTitle(title, known), { ...known }, [
    ...stageSteps(ctx, known),
    { prompt: async (st, info) => void (st.type = (await p.pick(items(EXPORT_TYPES), { ...info, placeholder: 'Definition type' })).id) },
    { prompt: async (st, info) => void (st.format = (await p.pick(items(EXPORT_FORMATS), { ...info, placeholder: 'File format' })).id) },
    {
      prompt: async (st, info) => {
        const picked = await p.pickMany(items(EXPORT_EXTENSIONS, st.extensions), { ...info, placeholder: 'Extensions (none: a plain definition)' });
        st.extensions = picked.map((i) => i.id);
      },
    },
    {
      prompt: async (state, info) => {
        const st = filled(state, ['target', 'stageName', 'type', 'format']);
        const { target, stageName: stage } = st;
        const where = await p.pick([
          { label: 'Open in an editor tab', detail: `an untitled ${st.format.toUpperCase()} document`, id: 'editor' as const },
          { label: 'Save to a file…', detail: 'choose where', id: 'file' as const },
        ], { ...info, placeholder: 'Where the definition goes' });
        st.to = where.id === 'editor' ? 'editor' : await p.saveFile({
          title: `Save the ${EXPORT_TYPES.find((t) => t.id === st.type)!.label} definition of ${target.apiName} · ${stage}`,
          defaultName: fileName([target.apiName, stage, st.type], st.format),
          filters: { [st.format.toUpperCase()]: [st.format] },
        });
      },
    },
  ], ['target', 'stageName', 'type', 'format', 'to']);
  const { target, stageName: stage } = s;
  const request = exportRequest(s.type, s.format, s.extensions ?? []);
  const text = readableDefinition(await ctx.notifier.progress(`Exporting ${target.apiName} · ${stage}…`, () =>
    target.gateway.getExport(target.restApiId, stage, request)), s.format);
  if (s.to === 'editor') {
    await ctx.notifier.showDocument({ content: text, language: s.format });
    reportDone(ctx, target.connection, `Exported ${target.apiName} · ${stage} (${request.exportType}, ${s.format}) into an editor tab`);
    return;
  }
  const uri = vscode.Uri.parse(s.to);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  reportDone(ctx, target.connection, `Exported ${target.apiName} · ${stage} (${request.exportType}, ${s.format}) to ${uri.fsPath}`);
}
