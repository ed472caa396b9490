// The owner of a stage where a command or the editor changes it: from the stage as just read (its
// tags) and the API's tags the tree or the picker loaded. No request of its own. And Copy as Template
// Snippet: the change written for the owning tool, so it can be made in code instead.
import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import type { Stage } from '../aws/apiGateway';
import type { ApiTarget } from '../aws/apiTarget';
import type { Ctx } from '../context';
import { type Owner, ownerOf } from '../model/ownership';
import type { PlanStep } from '../model/plans';
import { SNIPPET_TOOLS, snippetTools, templateSnippet } from '../model/snippets';
import { readOwnerTagKeys } from '../ui/settings';
import { isCancellation } from '../errors';
import type { ReviewExtras } from './execute';

export function ownerOfStage(target: Pick<ApiTarget, 'apiTags'>, stage: Pick<Stage, 'tags'> | undefined): Owner | undefined {
  return ownerOf(stage?.tags, target.apiTags, readOwnerTagKeys());
}

/** What a review of a change to this stage adds: its owner's warning, and Copy as Template Snippet. */
export function stageReview(ctx: Ctx, target: Pick<ApiTarget, 'apiTags'>, stage: Pick<Stage, 'tags'>): ReviewExtras {
  const owner = ownerOfStage(target, stage);
  return {
    owner,
    copySnippet: async (plan: readonly PlanStep[]) => {
      const updates = plan.filter((s): s is Extract<PlanStep, { op: 'UpdateStage' }> => s.op === 'UpdateStage');
      if (updates.length) await copyTemplateSnippet(ctx, owner, updates[0].stageName, updates.flatMap((s) => s.patchOperations));
    },
  };
}

/**
 * Asks for the tool (the owner's first), copies the snippet and says so. A cancelled pick only
 * returns: the review or the editor it came from stays open.
 */
export async function copyTemplateSnippet(ctx: Ctx, owner: Owner | undefined, stageName: string, ops: readonly PatchOperation[]): Promise<void> {
  const items = snippetTools(owner).map((tool, i) => ({
    label: SNIPPET_TOOLS.find((t) => t.tool === tool)!.label,
    description: i === 0 && owner ? 'the owner\'s tool' : tool === 'cdk' ? 'deployOptions of the RestApi' : undefined,
    tool,
  }));
  let picked: (typeof items)[number];
  try {
    picked = await ctx.prompter.pick(items, { title: `Copy as Template Snippet: stage "${stageName}"`, placeholder: 'Which tool deploys this stage?' });
  } catch (e) {
    if (isCancellation(e)) return;
    throw e;
  }
  const text = templateSnippet(picked.tool, stageName, ops);
  if (!text) {
    void ctx.notifier.info('Nothing to copy: the change holds no stage setting a template sets.');
    return;
  }
  await ctx.notifier.copy(text);
  ctx.log.info(`Copied a ${picked.label} snippet of stage ${stageName} (${ops.length} operations)`);
  void ctx.notifier.info(`Copied ${picked.label} snippet of stage "${stageName}": paste it into the template, then deploy it from there.`);
}
