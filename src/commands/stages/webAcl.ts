// Associate Web ACL…: a regional web ACL (WAF v2) on a stage, or none. The stage is read again
// before the review (its webAclArn), and again after the request, which returns no stage.
import type * as vscode from 'vscode';
import type { WebAclSummary } from '../../aws/apiGateway';
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { webAclArnProblem, webAclName, webAclPlan } from '../../model/webAcl';
import type { TreeNode } from '../../tree/node';
import { confirmPlanModal, execute } from '../../stages/execute';
import { readStageAfter, readStageNow } from '../../stages/readBeforeWrite';
import { stageTarget } from '../stageTarget';
import { type ApiTarget, reportDone } from '../../stages/targets';

const TITLE = 'Associate Web ACL';

type WebAclItem = vscode.QuickPickItem & { readonly arn?: string };

/** One item per web ACL (the stage's own marked), and "Disassociate" when the stage has one. */
export function webAclItems(acls: readonly WebAclSummary[], current: string | undefined): WebAclItem[] {
  const items: WebAclItem[] = acls.map((a) => ({
    label: a.name,
    description: [a.arn === current ? 'associated now' : '', a.description ?? ''].filter(Boolean).join(' · ') || undefined,
    detail: a.arn,
    arn: a.arn,
  }));
  if (current) items.push({ label: 'Disassociate the web ACL', description: `${webAclName(current)} is removed from the stage`, detail: current });
  return items;
}

export async function associateWebAcl(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const { target, stageName: name } = await stageTarget(ctx, TITLE, from, stageName);
  const region = target.connection.region;
  const seen = target.stages.get(name)?.webAclArn;
  const items = target.gateway.listWebAcls().then((acls) => {
    const all = webAclItems(acls, seen);
    if (!all.length) throw new Notice(`There is no regional web ACL in ${region} to associate with stage "${name}": create one in the WAF console first.`);
    return all;
  });
  let placeholder = `Web ACL for stage "${name}" (now: ${seen ? webAclName(seen) : 'none'})`;
  let picked: WebAclItem;
  // The one associated now is listed (marked) but is no change: ask again.
  for (;;) {
    picked = await ctx.prompter.pick(items, { title: TITLE, placeholder, matchOnDetail: true });
    if (picked.arn === undefined || picked.arn !== seen) break;
    placeholder = `Stage "${name}" already has ${picked.label}: pick another, or Disassociate`;
  }
  const arn = picked.arn;
  const problem = arn === undefined ? undefined : webAclArnProblem(arn, region);
  if (problem) throw new Notice(`Web ACL "${picked.label}" cannot be associated with stage "${name}": ${problem}`);

  // Read before write: the web ACL the stage has now (someone may have changed it meanwhile).
  const now = (await readStageNow(target, name)).webAclArn;
  if (arn === now) throw new Notice(arn ? `Stage "${name}" has web ACL ${webAclName(arn)} already (associated meanwhile).` : `Stage "${name}" has no web ACL now (disassociated meanwhile): nothing to do.`);
  const plan = webAclPlan(region, target.restApiId, name, arn);
  const notes = [
    `Now: ${now ? `${webAclName(now)} (${now})` : 'no web ACL'}.${now !== seen ? ' (Changed meanwhile.)' : ''}`,
    arn
      ? `Requests to the stage then pass ${webAclName(arn)}'s rules${now ? ` instead of ${webAclName(now)}'s` : ''}.`
      : `Requests to the stage are then not filtered by WAF.`,
  ];
  await confirmPlanModal(
    ctx.prompter,
    arn ? `Associate web ACL ${webAclName(arn)} with stage "${name}" of ${target.apiName}?` : `Disassociate web ACL ${webAclName(now!)} from stage "${name}" of ${target.apiName}?`,
    plan,
    arn ? 'Associate' : 'Disassociate',
    notes,
  );
  await execute(ctx, target, plan, { busy: { stage: name }, busyLabel: arn ? 'Associating the web ACL…' : 'Disassociating the web ACL…', progressTitle: `${arn ? 'Associating' : 'Disassociating'} web ACL ${webAclName(arn ?? now!)} ${arn ? 'with' : 'from'} stage "${name}"…` });
  await readStageAfter(ctx, target, name);
  reportDone(ctx, target.connection, arn ? `Stage ${name} now has web ACL ${webAclName(arn)}` : `Stage ${name} has no web ACL now`);
}
