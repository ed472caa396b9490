// One REST API on one connection, with its shared stages: what a stage command or editor works on.
import type { ApiGateway } from './apiGateway';
import type { Connection } from './connection';
import type { ApiStages } from './stageStore';

export interface ApiTarget {
  readonly connection: Connection;
  readonly restApiId: string;
  readonly apiName: string;
  readonly gateway: ApiGateway;
  readonly stages: ApiStages;
}
