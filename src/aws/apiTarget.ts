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
  /** The API's tags as GetRestApis or GetRestApi returned them (who owns its stages); undefined when not read. */
  readonly apiTags?: Readonly<Record<string, string>>;
}
