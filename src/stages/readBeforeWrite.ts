// Read before write: a change to an existing stage is computed from the stage as AWS holds it just
// before the change is sent, not from what the user saw minutes ago. Fields the change does not
// touch are not sent (a colleague's change to them stays); a field it touches that changed meanwhile
// is shown, theirs and yours, and the user decides.
import type { Stage } from '../aws/apiGateway';
import type { Ctx } from '../context';
import { Cancelled, Notice } from '../errors';
import { type Change, concurrentChanges, type DescribeOptions, readable, rebase, type StageChanges, stageChanges } from '../model/stageChanges';
import { formFromStage, type StageForm } from '../model/stageForm';
import type { ApiTarget } from './targets';

export interface Fresh extends StageChanges {
  /** The stage as read just now. */
  readonly stage: Stage;
  readonly now: StageForm;
  /** The stage as it will be: theirs with the change on top. */
  readonly merged: StageForm;
  /** What someone else changed since `seen`, kept (none of it in the patch). */
  readonly theirs: Change[];
}

/** One GetStage (into the shared stages); a stage that is gone is said plainly. */
export async function readStageNow(target: ApiTarget, stageName: string): Promise<Stage> {
  const stage = await target.stages.reloadStage(stageName);
  if (!stage) throw new Notice(`Stage "${stageName}" of ${target.apiName} no longer exists (deleted meanwhile?). The tree now shows what AWS holds.`);
  return stage;
}

/**
 * `seen`: the stage as the user saw it; `mine`: it with the user's change. Reads the stage now and
 * returns the change put on top of it; asks first when someone else changed a field the change touches.
 */
export async function freshChanges(ctx: Ctx, target: ApiTarget, stageName: string, seen: StageForm, mine: StageForm, words: DescribeOptions = {}): Promise<Fresh> {
  const stage = await readStageNow(target, stageName);
  const now = formFromStage(stage);
  const concurrent = concurrentChanges(seen, mine, now, words);
  if (concurrent.conflicts.length) {
    const yours = new Map(stageChanges(seen, mine, words).changes.map((c) => [c.id, c.text]));
    const lines = concurrent.conflicts.map((c) => `Theirs: ${c.text}\nYours: ${yours.get(c.id) ?? '(your edit)'}`);
    const go = await ctx.prompter.confirm(`Stage "${stageName}" changed since you read it, in what you are changing.`, {
      detail: `${lines.join('\n\n')}\n\n"Apply Mine" puts your change on top of theirs; their other changes stay.`,
      confirm: 'Apply Mine',
    });
    if (!go) throw new Cancelled();
  }
  const merged = rebase(seen, mine, now);
  return { ...stageChanges(now, merged, words), stage, now, merged, theirs: concurrent.theirs };
}

/** The review's note on what changed meanwhile (kept, not sent). */
export function theirsNote(theirs: readonly Change[]): string[] {
  if (!theirs.length) return [];
  const lines = readable(theirs);
  const shown = lines.slice(0, 5).map((c) => c.text).join('; ');
  return [`Changed by someone else since you read the stage (kept, not sent): ${shown}${lines.length > 5 ? `; and ${lines.length - 5} more` : ''}.`];
}

/** After a request that returns no stage (WAF, a documentation version): one GetStage, so the tree and an open editor follow. */
export async function readStageAfter(ctx: Ctx, target: ApiTarget, stageName: string): Promise<void> {
  await target.stages.reloadStage(stageName).catch((e: unknown) => ctx.log.warn(`Reading stage ${stageName} again failed: ${(e as Error).message}`));
}
