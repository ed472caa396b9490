// Set Documentation Version… (one of the API's published versions, or none) and Publish
// Documentation to Stage… (a new version of the API's documentation, set on the stage).
import type * as vscode from 'vscode';
import type { DocumentationVersion } from '../../aws/apiGateway';
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { formatDate } from '../../model/dates';
import { documentationVersionPlan, documentationVersionProblem, publishDocumentationPlan } from '../../model/documentationVersion';
import { descriptionProblem } from '../../model/stageName';
import type { TreeNode } from '../../tree/node';
import { confirmPlanModal, execute } from '../../stages/execute';
import { readStageAfter, readStageNow } from '../../stages/readBeforeWrite';
import { knownStage, type StageState, stageSteps, stageTarget } from '../stageTarget';
import { filled, type PromptStep, runWizard } from '../wizard';
import { type ApiTarget, reportDone } from '../../stages/targets';

type VersionItem = vscode.QuickPickItem & { readonly version?: string };

interface PublishState extends StageState {
  version?: string;
  description?: string;
}

/** Each version (newest first, the stage's marked), and "None" when the stage has one. */
export function versionItems(all: readonly DocumentationVersion[], current: string | undefined): VersionItem[] {
  const items: VersionItem[] = all.filter((v) => v.version).map((v) => ({
    label: v.version!,
    description: [v.version === current ? 'set now' : '', v.description ?? ''].filter(Boolean).join(' · ') || undefined,
    detail: v.createdDate ? `published ${formatDate(v.createdDate)}` : undefined,
    version: v.version,
  }));
  if (current) items.push({ label: 'None', description: `the stage no longer names documentation version ${current}` });
  return items;
}

export async function setDocumentationVersion(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const title = 'Set Documentation Version';
  const { target, stageName: name } = await stageTarget(ctx, title, from, stageName);
  const seen = target.stages.get(name)?.documentationVersion;
  const items = target.gateway.listDocumentationVersions(target.restApiId).then((all) => {
    const out = versionItems(all, seen);
    if (!out.length) throw new Notice(`${target.apiName} has no documentation version yet: Publish Documentation to Stage… makes one.`);
    return out;
  });
  let placeholder = `Documentation version of stage "${name}" (now: ${seen ?? 'none'})`;
  let picked: VersionItem;
  for (;;) {
    picked = await ctx.prompter.pick(items, { title, placeholder, matchOnDescription: true });
    if (picked.version === undefined || picked.version !== seen) break;
    placeholder = `Stage "${name}" already names ${seen}: pick another, or None`;
  }
  const version = picked.version;
  // Read before write.
  const now = (await readStageNow(target, name)).documentationVersion;
  if (version === now) throw new Notice(version ? `Stage "${name}" names documentation version ${version} already (set meanwhile).` : `Stage "${name}" names no documentation version now (cleared meanwhile): nothing to do.`);
  const plan = documentationVersionPlan(target.restApiId, name, version);
  await confirmPlanModal(ctx.prompter, version ? `Set documentation version ${version} on stage "${name}" of ${target.apiName}?` : `Clear the documentation version of stage "${name}" of ${target.apiName}?`, plan, version ? 'Set Version' : 'Clear', [
    `Now: ${now ?? 'none'}.${now !== seen ? ' (Changed meanwhile.)' : ''}`,
  ]);
  await execute(ctx, target, plan, { busy: { stage: name }, busyLabel: 'Setting the documentation version…', progressTitle: `Setting the documentation version of stage "${name}"…` });
  reportDone(ctx, target.connection, version ? `Stage ${name} now names documentation version ${version}` : `Stage ${name} names no documentation version now`);
}

export async function publishDocumentation(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const known = knownStage(from, stageName);
  const p = ctx.prompter;
  const steps: PromptStep<PublishState>[] = [
    ...stageSteps(ctx, known),
    {
      prompt: async (st, info) => {
        const s = filled(st, ['target', 'stageName']);
        s.version = await p.input({ ...info, prompt: `A name for this version of ${s.target.apiName}'s documentation; stage "${s.stageName}" then names it.`, placeholder: '1.0.0', value: s.version, validate: documentationVersionProblem });
      },
    },
    { prompt: async (s, info) => void (s.description = await p.input({ ...info, prompt: 'A description of the version (optional).', value: s.description, validate: descriptionProblem })) },
  ];
  const { target, stageName: name, version, description } = await runWizard('Publish Documentation to Stage', { ...known } as PublishState, steps, ['target', 'stageName', 'version', 'description']);
  // Read before write: the name must be free (a second CreateDocumentationVersion of it is refused), and the stage's version now, for the review.
  const [taken, stage] = await Promise.all([target.gateway.getDocumentationVersion(target.restApiId, version), readStageNow(target, name)]);
  if (taken) throw new Notice(`${target.apiName} has a documentation version "${version}" already: Set Documentation Version… sets it on the stage, or publish under another name.`);
  const plan = publishDocumentationPlan(target.restApiId, name, version, description);
  await confirmPlanModal(p, `Publish the documentation of ${target.apiName} as version "${version}" and set it on stage "${name}"?`, plan, 'Publish', [
    `The stage names ${stage.documentationVersion ? `version ${stage.documentationVersion}` : 'no documentation version'} now.`,
    'The version is a snapshot of the API\'s documentation parts as they are now.',
  ]);
  await execute(ctx, target, plan, { busy: { stage: name }, busyLabel: 'Publishing documentation…', progressTitle: `Publishing documentation version "${version}" to stage "${name}"…` });
  // CreateDocumentationVersion returns the version, not the stage.
  await readStageAfter(ctx, target, name);
  reportDone(ctx, target.connection, `Published documentation version ${version} to stage ${name}`);
}
