// Generate SDK…: the SDK types GetSdkTypes lists, their configuration asked for and checked, then
// GetSdk (a read) with a progress notification, and the zip written where the user picks.
import * as vscode from 'vscode';
import type { SdkType } from '../../aws/apiGateway';
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { fileName } from '../../model/exportDefinition';
import { sdkParameterProblem, sdkParameters } from '../../model/sdkParameters';
import type { TreeNode } from '../../tree/node';
import { knownStage, type StageState, stageSteps, stageTitle } from '../stageTarget';
import { type ApiTarget, currentConnection, reportDone } from '../../stages/targets';
import { filled, type PromptStep, runWizard } from '../wizard';

interface SdkState extends StageState {
  type?: SdkType & { id: string };
  values: Record<string, string>;
  /** The URI of the file picked. */
  to?: string;
}

export async function generateSdk(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const title = 'Generate SDK';
  const known = knownStage(from, stageName);
  const p = ctx.prompter;
  // The types first (the same for every API): a wizard step per configuration property of the longest, each shown only for a type that has it.
  const gateway = known.target?.gateway ?? ctx.session.apiFor(currentConnection(ctx));
  const types = (await ctx.notifier.progress('Listing the SDK types…', () => gateway.listSdkTypes()))
    .filter((t): t is SdkType & { id: string } => !!t.id);
  if (!types.length) throw new Notice('API Gateway lists no SDK type (GetSdkTypes answered none).');
  const props = (s: SdkState) => s.type?.configurationProperties ?? [];
  const most = Math.max(...types.map((t) => t.configurationProperties?.length ?? 0));
  const steps: PromptStep<SdkState>[] = [
    ...stageSteps(ctx, known),
    {
      prompt: async (s, info) => {
        const items = types.map((t) => ({ label: t.friendlyName ?? t.id, description: t.id, detail: t.description, type: t }));
        s.type = (await p.pick(items, { ...info, placeholder: 'SDK type' })).type;
      },
    },
    ...Array.from({ length: most }, (_, i): PromptStep<SdkState> => ({
      when: (s) => props(s).length > i,
      prompt: async (s, info) => {
        const prop = props(s)[i];
        const name = prop.name ?? String(i);
        s.values[name] = await p.input({
          ...info,
          prompt: `${prop.friendlyName ?? name}${prop.required ? '' : ' (optional)'}${prop.description ? `: ${prop.description}` : ''}`,
          value: s.values[name] ?? prop.defaultValue ?? '',
          validate: (v) => sdkParameterProblem(prop, v),
        });
      },
    })),
    {
      prompt: async (st, info) => {
        const s = filled(st, ['target', 'stageName', 'type']);
        s.to = await p.saveFile({ title: `${info.title}: save the zip`, defaultName: fileName([s.target.apiName, s.stageName, s.type.id], 'zip'), filters: { 'ZIP archive': ['zip'] } });
      },
    },
  ];
  const s = await runWizard<SdkState, 'target' | 'stageName' | 'type' | 'to'>(stageTitle(title, known), { ...known, values: {} }, steps, ['target', 'stageName', 'type', 'to']);
  const { target, stageName: stage, type } = s;
  const parameters = sdkParameters(props(s), s.values);
  const zip = await ctx.notifier.progress(`Generating the ${type.friendlyName ?? type.id} SDK of ${target.apiName} · ${stage}…`, (signal) =>
    target.gateway.getSdk(target.restApiId, stage, type.id, parameters, signal), { cancellable: true });
  const uri = vscode.Uri.parse(s.to);
  await vscode.workspace.fs.writeFile(uri, zip);
  reportDone(ctx, target.connection, `Saved the ${type.friendlyName ?? type.id} SDK of ${target.apiName} · ${stage} to ${uri.fsPath} (${zip.length} bytes)`);
}
