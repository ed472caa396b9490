// Node ids, built from the connection and the API: stable, so reveal() works and commands run from
// the palette can find (and mark busy) the node of the stage they work on.
import type { Connection } from '../aws/connection';

export const treeIds = {
  api: (c: Connection, restApiId: string) => `${c.profile}|${c.region}/api:${restApiId}`,
  stages: (c: Connection, restApiId: string) => `${treeIds.api(c, restApiId)}/stages`,
  deployments: (c: Connection, restApiId: string) => `${treeIds.api(c, restApiId)}/deployments`,
  stage: (c: Connection, restApiId: string, stageName: string) => `${treeIds.stages(c, restApiId)}/stage:${stageName}`,
};
