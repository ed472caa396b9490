// The owner of a stage where a command or the editor changes it: from the stage as just read (its
// tags) and the API's tags the tree or the picker loaded. No request of its own.
import type { Stage } from '../aws/apiGateway';
import type { ApiTarget } from '../aws/apiTarget';
import type { Ctx } from '../context';
import { type Owner, ownerOf } from '../model/ownership';
import { readOwnerTagKeys } from '../ui/settings';
import type { ReviewExtras } from './execute';

export function ownerOfStage(target: Pick<ApiTarget, 'apiTags'>, stage: Pick<Stage, 'tags'> | undefined): Owner | undefined {
  return ownerOf(stage?.tags, target.apiTags, readOwnerTagKeys());
}

/** What a review of a change to this stage adds: its owner's warning. */
export function stageReview(_ctx: Ctx, target: Pick<ApiTarget, 'apiTags'>, stage: Pick<Stage, 'tags' | 'stageName'>): ReviewExtras {
  return { owner: ownerOfStage(target, stage) };
}
