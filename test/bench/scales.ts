// The data each benchmark runs on, made quickly with the SDK straight against the emulator:
// many REST APIs; one API with many resources (three methods each); one API with many stages
// and deployments. Each grows in place from one scale to the next, so 1,000 is made once.
import {
  type APIGatewayClient, CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand, CreateStageCommand,
  GetResourcesCommand, paginateGetRestApis, PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { addMockMethod, sampleClient } from '../harness/seed';

/** What a scale counts: REST APIs in the account, resources of one API, stages of one API. */
export type ScaleGroup = 'apis' | 'resources' | 'stages';

export const METHODS_PER_RESOURCE = ['GET', 'POST', 'DELETE'];

/** The API an action works on, as seeded. */
export interface Fixture {
  readonly group: ScaleGroup;
  readonly size: number;
  /** The API of a resources or stages scale (any API for `apis`). */
  readonly restApiId: string;
  /** Resources of that API, `/` included. */
  readonly resources: number;
  /** Oldest first. */
  readonly deploymentIds: readonly string[];
  /** Its stages, `s001`… */
  readonly stageNames: readonly string[];
}

/** Runs `fn` over `items`, at most `limit` at once: moto answers a few requests in parallel. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const PARALLEL = 8;
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
const pad = (n: number) => String(n).padStart(4, '0');

async function countApis(client: APIGatewayClient): Promise<number> {
  let n = 0;
  for await (const page of paginateGetRestApis({ client, pageSize: 500 }, {})) n += page.items?.length ?? 0;
  return n;
}

/** Adds REST APIs (named `bench-api-NNNN`) until the account holds `count`. The UI timings use it too. */
export async function seedApis(endpoint: string, count: number): Promise<void> {
  const client = sampleClient(endpoint);
  try {
    const have = await countApis(client);
    await mapLimit(range(have, count), PARALLEL, (i) => client.send(new CreateRestApiCommand({ name: `bench-api-${pad(i)}` })));
  } finally {
    client.destroy();
  }
}

/** A scale group made once per run and grown to each size in turn. */
export interface Seeder {
  readonly group: ScaleGroup;
  /** Makes the data for `size` (larger than the last size asked for) and returns what actions need. */
  grow(size: number): Promise<Fixture>;
  dispose(): void;
}

/** `size` REST APIs in the account. */
export function apisSeeder(endpoint: string): Seeder {
  return {
    group: 'apis',
    grow: async (size) => {
      await seedApis(endpoint, size);
      return { group: 'apis', size, restApiId: '', resources: 0, deploymentIds: [], stageNames: [] };
    },
    dispose: () => {},
  };
}

/** One API with `size` resources (`/` and `/rNNNN`), each with GET, POST and DELETE. */
export function resourcesSeeder(endpoint: string): Seeder {
  const client = sampleClient(endpoint);
  let api: { id: string; count: number } | undefined;
  const addMethods = (restApiId: string, resourceId: string) =>
    Promise.all(METHODS_PER_RESOURCE.map((httpMethod) => client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod, authorizationType: 'NONE' }))));
  return {
    group: 'resources',
    grow: async (size) => {
      if (!api) {
        const { id } = await client.send(new CreateRestApiCommand({ name: 'bench-resources' }));
        const root = (await client.send(new GetResourcesCommand({ restApiId: id! }))).items![0];
        await addMethods(id!, root.id!);
        api = { id: id!, count: 1 };
      }
      const { id } = api;
      const rootId = (await client.send(new GetResourcesCommand({ restApiId: id, limit: 500 }))).items!.find((r) => r.path === '/')!.id!;
      await mapLimit(range(api.count, size), PARALLEL, async (i) => {
        const created = await client.send(new CreateResourceCommand({ restApiId: id, parentId: rootId, pathPart: `r${pad(i)}` }));
        await addMethods(id, created.id!);
      });
      api.count = Math.max(api.count, size);
      return { group: 'resources', size, restApiId: id, resources: api.count, deploymentIds: [], stageNames: [] };
    },
    dispose: () => client.destroy(),
  };
}

/** One API with `deployments` deployments (of `/` GET, a MOCK) and `size` stages `s001`…, spread over them. */
export function stagesSeeder(endpoint: string, deployments: number): Seeder {
  const client = sampleClient(endpoint);
  let api: { id: string; deploymentIds: string[]; stageNames: string[] } | undefined;
  return {
    group: 'stages',
    grow: async (size) => {
      if (!api) {
        const { id } = await client.send(new CreateRestApiCommand({ name: 'bench-stages' }));
        const root = (await client.send(new GetResourcesCommand({ restApiId: id! }))).items![0];
        await addMockMethod(client, id!, root.id!, 'GET');
        // One after the other: deployments are ordered by creation.
        const deploymentIds: string[] = [];
        for (const i of range(0, deployments)) {
          deploymentIds.push((await client.send(new CreateDeploymentCommand({ restApiId: id!, description: `bench ${i}` }))).id!);
        }
        api = { id: id!, deploymentIds, stageNames: [] };
      }
      const a = api;
      const names = range(a.stageNames.length, size).map((i) => `s${pad(i)}`);
      await mapLimit(names, PARALLEL, (stageName, i) =>
        client.send(new CreateStageCommand({ restApiId: a.id, stageName, deploymentId: a.deploymentIds[(a.stageNames.length + i) % a.deploymentIds.length] })));
      a.stageNames.push(...names);
      return { group: 'stages', size, restApiId: a.id, resources: 1, deploymentIds: [...a.deploymentIds], stageNames: [...a.stageNames] };
    },
    dispose: () => client.destroy(),
  };
}
