// THE benchmark table: one entry per user action. `ours` calls the same src/aws functions (and
// in the same order and concurrency) as the tree node or command does; `bare` is a plain SDK
// script making the fewest requests for the same data, at the largest page size; `cli` is the
// AWS CLI commands a user would type. `budget` is the request column of the README's commands table: the requests the
// extension may send, checked by test/service/requestBudget.test.ts on small seeds.
import {
  type APIGatewayClient, CreateStageCommand, DeleteStageCommand, GetAccountCommand, GetDeploymentsCommand, GetDomainNamesCommand,
  GetResourcesCommand, GetRestApisCommand, GetStageCommand, GetStagesCommand, GetUsagePlansCommand, UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import type { ApiGateway } from '../../src/aws/apiGateway';
import type { Connection } from '../../src/aws/connection';
import { runPlan } from '../../src/aws/planRunner';
import type { AwsSession } from '../../src/aws/session';
import { type ApiStages, StageStore } from '../../src/aws/stageStore';
import { methodsOf } from '../../src/model/methodKey';
import { changeDeploymentPlan, deletePlan, updateStageSteps } from '../../src/model/plans';
import { createStagePlan } from '../../src/model/rebuild';
import { Sealer } from '../../src/aws/sealer';
import { SnapshotStore } from '../../src/aws/snapshotStore';
import { keepSnapshot } from '../../src/stages/snapshots';
import type { Ctx } from '../../src/context';
import type { ApiTarget } from '../../src/stages/targets';
import * as os from 'os';
import * as path from 'path';
import { concurrentChanges, stageChanges } from '../../src/model/stageChanges';
import { formFromStage } from '../../src/model/stageForm';
import type { Fixture, ScaleGroup } from './scales';

/** The extension's layer, made as the extension makes it (AwsSession from profile files). */
export interface Ours {
  readonly session: AwsSession;
  readonly connection: Connection;
}

export type Budget = Readonly<Record<string, number>>;

export interface Action<P = unknown> {
  readonly name: string;
  readonly group: ScaleGroup;
  readonly sizes: readonly number[];
  /** The requests the extension sends, by operation, at `pageSize` items per list request. */
  budget(f: Fixture, pageSize: number): Budget;
  /** Before each timed run, not timed nor counted: e.g. the tree state the action starts from. */
  prepare?(f: Fixture, ours: Ours, direct: APIGatewayClient): Promise<P>;
  ours(o: Ours, f: Fixture, p: P): Promise<unknown>;
  bare(client: APIGatewayClient, f: Fixture, p: P): Promise<unknown>;
  /** `aws apigateway` argument lists, run one after the other. */
  cli?(f: Fixture, p: P): string[][];
  /** After each timed run, not timed nor counted: put the data back as it was. */
  cleanup?(f: Fixture, direct: APIGatewayClient, p: P): Promise<void>;
}

const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));
const BARE_PAGE = 500;

/** A bare list: one request per page of 500, following `position`. */
async function allPages<T>(fetchPage: (position: string | undefined) => Promise<{ items?: T[]; position?: string }>): Promise<T[]> {
  const out: T[] = [];
  let position: string | undefined;
  do {
    const page = await fetchPage(position);
    out.push(...(page.items ?? []));
    position = page.position;
  } while (position);
  return out;
}

/** The API's stages as the tree holds them once the API node is expanded. */
function stagesOf(o: Ours, f: Fixture): ApiStages {
  return new StageStore().forApi(o.connection, f.restApiId, () => o.session.apiFor(o.connection));
}

const gateway = (o: Ours): ApiGateway => o.session.apiFor(o.connection);

interface Expanded {
  stages: ApiStages;
}
interface Editing extends Expanded {
  stageName: string;
  /** The form as the editor loaded it. */
  loaded: ReturnType<typeof formFromStage>;
  description: string;
}
interface Changing extends Expanded {
  stageName: string;
  deploymentId: string;
}
interface Named extends Expanded {
  stageName: string;
}

let serial = 0;
const uniqueName = (what: string) => `bench-${what}-${process.pid}-${++serial}`;

export const ACTIONS: Action<never>[] = [
  action({
    name: 'open the view (list APIs)',
    group: 'apis',
    sizes: [10, 100, 1000],
    budget: (f, pageSize) => ({ GetRestApis: pages(f.size, pageSize) }),
    // RootNode.load
    ours: async (o) => (await gateway(o).listRestApis()).filter((a) => !!a.id),
    bare: (c) => allPages((position) => c.send(new GetRestApisCommand({ limit: BARE_PAGE, position }))),
    cli: () => [['get-rest-apis']],
  }),
  action({
    name: 'expand an API (stages)',
    group: 'stages',
    sizes: [10, 50],
    budget: () => ({ GetStages: 1 }),
    // RestApiNode.load: the API's stages into the shared store
    ours: (o, f) => stagesOf(o, f).load(),
    bare: (c, f) => c.send(new GetStagesCommand({ restApiId: f.restApiId })),
    cli: (f) => [['get-stages', '--rest-api-id', f.restApiId]],
  }),
  action({
    name: 'expand a stage (resources, methods)',
    group: 'resources',
    sizes: [30, 300, 1000],
    budget: (f, pageSize) => ({ GetResources: pages(f.resources, pageSize) }),
    // StageNode.load -> RestApiNode.listResources, then the method rows
    ours: async (o, f) => methodsOf(await gateway(o).listResources(f.restApiId)),
    bare: (c, f) => allPages((position) => c.send(new GetResourcesCommand({ restApiId: f.restApiId, embed: ['methods'], limit: BARE_PAGE, position }))),
    cli: (f) => [['get-resources', '--rest-api-id', f.restApiId, '--embed', 'methods']],
  }),
  action({
    name: 'expand Deployments',
    group: 'stages',
    sizes: [10, 50],
    budget: (f, pageSize) => ({ GetDeployments: pages(f.deploymentIds.length, pageSize) }),
    // DeploymentsNode.load
    ours: (o, f) => gateway(o).listDeployments(f.restApiId),
    bare: (c, f) => allPages((position) => c.send(new GetDeploymentsCommand({ restApiId: f.restApiId, limit: BARE_PAGE, position }))),
    cli: (f) => [['get-deployments', '--rest-api-id', f.restApiId]],
  }),
  action({
    name: 'open the stage editor',
    group: 'stages',
    sizes: [10, 50],
    budget: (f, pageSize) => ({ GetStage: 1, GetResources: pages(f.resources, pageSize), GetAccount: 1 }),
    // StageEditor.load + loadContext (the tree has not read the resources yet): all three at once
    ours: async (o, f) => {
      const g = gateway(o);
      const [stage, resources, account] = await Promise.all([g.getStage(f.restApiId, f.stageNames[0]), g.listResources(f.restApiId), g.getAccount()]);
      return [formFromStage(stage), methodsOf(resources), account];
    },
    bare: (c, f) => Promise.all([
      c.send(new GetStageCommand({ restApiId: f.restApiId, stageName: f.stageNames[0] })),
      allPages((position) => c.send(new GetResourcesCommand({ restApiId: f.restApiId, embed: ['methods'], limit: BARE_PAGE, position }))),
      c.send(new GetAccountCommand({})),
    ]),
    cli: (f) => [['get-stage', '--rest-api-id', f.restApiId, '--stage-name', f.stageNames[0]], ['get-resources', '--rest-api-id', f.restApiId, '--embed', 'methods'], ['get-account']],
  }),
  action<Editing>({
    name: 'save one change in the editor',
    group: 'stages',
    sizes: [10, 50],
    budget: () => ({ GetStage: 1, UpdateStage: 1 }),
    prepare: async (f, o) => {
      const stageName = f.stageNames[0];
      const loaded = formFromStage(await gateway(o).getStage(f.restApiId, stageName));
      return { stages: stagesOf(o, f), stageName, loaded, description: uniqueName('description') };
    },
    // StageEditor.saveNow: GetStage for changes made meanwhile, then one UpdateStage through the plan runner
    ours: async (o, f, p) => {
      const sent = { ...p.loaded, description: p.description };
      const g = gateway(o);
      const now = formFromStage(await g.getStage(f.restApiId, p.stageName));
      if (concurrentChanges(p.loaded, sent, now).theirs.length) throw new Error('the stage changed meanwhile');
      const { patch } = stageChanges(p.loaded, sent);
      const result = await runPlan(g, updateStageSteps(f.restApiId, p.stageName, patch));
      if (result.stage) p.stages.set(result.stage);
    },
    bare: async (c, f, p) => {
      await c.send(new GetStageCommand({ restApiId: f.restApiId, stageName: p.stageName }));
      await c.send(new UpdateStageCommand({ restApiId: f.restApiId, stageName: p.stageName, patchOperations: [{ op: 'replace', path: '/description', value: p.description }] }));
    },
    cli: (f, p) => [
      ['get-stage', '--rest-api-id', f.restApiId, '--stage-name', p.stageName],
      ['update-stage', '--rest-api-id', f.restApiId, '--stage-name', p.stageName, '--patch-operations', `op=replace,path=/description,value=${p.description}`],
    ],
  }),
  action<Named>({
    name: 'create a stage',
    group: 'stages',
    sizes: [10, 50],
    budget: (f, pageSize) => ({ GetDeployments: pages(f.deploymentIds.length, pageSize), CreateStage: 1 }),
    prepare: async (f, o) => {
      const stages = stagesOf(o, f);
      await stages.load(); // from the expanded API: the names are known
      return { stages, stageName: uniqueName('new') };
    },
    // createStage: the deployments to pick from (and the stages, in memory), then the plan
    ours: async (o, f, p) => {
      const g = gateway(o);
      const [deployments] = await Promise.all([g.listDeployments(f.restApiId), p.stages.load()]);
      const result = await runPlan(g, createStagePlan({ restApiId: f.restApiId, region: o.connection.region, stageName: p.stageName, deploymentId: deployments[0].id! }).plan);
      if (result.stage) p.stages.set(result.stage);
    },
    bare: async (c, f, p) => {
      const deployments = await allPages((position) => c.send(new GetDeploymentsCommand({ restApiId: f.restApiId, limit: BARE_PAGE, position })));
      await c.send(new CreateStageCommand({ restApiId: f.restApiId, stageName: p.stageName, deploymentId: deployments[0].id! }));
    },
    cli: (f, p) => [['get-deployments', '--rest-api-id', f.restApiId], ['create-stage', '--rest-api-id', f.restApiId, '--stage-name', p.stageName, '--deployment-id', f.deploymentIds[0]]],
    cleanup: async (f, direct, p) => {
      await direct.send(new DeleteStageCommand({ restApiId: f.restApiId, stageName: p.stageName }));
    },
  }),
  action<Changing>({
    name: 'change the deployment of a stage',
    group: 'stages',
    sizes: [10, 50],
    budget: (f, pageSize) => ({ GetDeployments: pages(f.deploymentIds.length, pageSize), GetStage: 1, UpdateStage: 1 }),
    prepare: async (f, o, direct) => {
      const stages = stagesOf(o, f);
      await stages.load();
      const stageName = f.stageNames[0];
      const current = (await direct.send(new GetStageCommand({ restApiId: f.restApiId, stageName }))).deploymentId;
      return { stages, stageName, deploymentId: f.deploymentIds.find((d) => d !== current)! };
    },
    // changeDeployment from a stage node: the deployments to pick from, the stage read again at the review (read before write), then the plan
    ours: async (o, f, p) => {
      const g = gateway(o);
      await Promise.all([g.listDeployments(f.restApiId), p.stages.load()]);
      await p.stages.reloadStage(p.stageName);
      const result = await runPlan(g, changeDeploymentPlan(f.restApiId, p.stageName, p.deploymentId));
      if (result.stage) p.stages.set(result.stage);
    },
    // As careful a script: the stage read before it is changed.
    bare: async (c, f, p) => {
      await allPages((position) => c.send(new GetDeploymentsCommand({ restApiId: f.restApiId, limit: BARE_PAGE, position })));
      await c.send(new GetStageCommand({ restApiId: f.restApiId, stageName: p.stageName }));
      await c.send(new UpdateStageCommand({ restApiId: f.restApiId, stageName: p.stageName, patchOperations: [{ op: 'replace', path: '/deploymentId', value: p.deploymentId }] }));
    },
    cli: (f, p) => [
      ['get-deployments', '--rest-api-id', f.restApiId],
      ['get-stage', '--rest-api-id', f.restApiId, '--stage-name', p.stageName],
      ['update-stage', '--rest-api-id', f.restApiId, '--stage-name', p.stageName, '--patch-operations', `op=replace,path=/deploymentId,value=${p.deploymentId}`],
    ],
  }),
  action<Named>({
    name: 'delete a stage',
    group: 'stages',
    sizes: [10, 50],
    // No custom domain: no GetBasePathMappings. What uses it for the dialog, then read again after the confirmation for the snapshot.
    budget: () => ({ GetStage: 2, GetDomainNames: 2, GetUsagePlans: 2, DeleteStage: 1 }),
    prepare: async (f, o, direct) => {
      const stages = stagesOf(o, f);
      await stages.load();
      // The account (STS, once per connection) is known: a delete in a window that deleted before.
      await gateway(o).accountId();
      const stageName = uniqueName('gone');
      await direct.send(new CreateStageCommand({ restApiId: f.restApiId, stageName, deploymentId: f.deploymentIds[0] }));
      return { stages, stageName };
    },
    // deleteStage: the stage and what uses it at once (the dialog), then the snapshot's reads, then DeleteStage
    ours: async (o, f, p) => {
      const g = gateway(o);
      await Promise.all([p.stages.reloadStage(p.stageName), g.stageReferences(f.restApiId, p.stageName)]);
      const target = { connection: o.connection, gateway: g, restApiId: f.restApiId, apiName: 'bench', stages: p.stages } as ApiTarget;
      await keepSnapshot({ snapshots: benchSnapshots() } as unknown as Ctx, target, p.stageName);
      await runPlan(g, deletePlan(f.restApiId, p.stageName));
      p.stages.remove(p.stageName);
    },
    bare: async (c, f, p) => {
      const read = () => Promise.all([
        c.send(new GetStageCommand({ restApiId: f.restApiId, stageName: p.stageName })),
        c.send(new GetDomainNamesCommand({ limit: BARE_PAGE })),
        c.send(new GetUsagePlansCommand({ limit: BARE_PAGE })),
      ]);
      await read();
      await read();
      await c.send(new DeleteStageCommand({ restApiId: f.restApiId, stageName: p.stageName }));
    },
    cli: (f, p) => [
      ['get-stage', '--rest-api-id', f.restApiId, '--stage-name', p.stageName], ['get-domain-names'], ['get-usage-plans'],
      ['get-stage', '--rest-api-id', f.restApiId, '--stage-name', p.stageName], ['get-domain-names'], ['get-usage-plans'],
      ['delete-stage', '--rest-api-id', f.restApiId, '--stage-name', p.stageName],
    ],
  }),
];

/** Keeps each entry's own `P` while the table holds them all. */
function action<P = undefined>(a: Action<P>): Action<never> {
  return a as unknown as Action<never>;
}

let snapshots: SnapshotStore | undefined;
/** Snapshots of the bench's deletes, in a temp folder, sealed with a key kept in memory. */
function benchSnapshots(): SnapshotStore {
  if (!snapshots) {
    let key: string | undefined;
    snapshots = new SnapshotStore(path.join(os.tmpdir(), `apigw-bench-snapshots-${process.pid}`), new Sealer({ get: async () => key, set: async (v) => void (key = v) }));
  }
  return snapshots;
}
