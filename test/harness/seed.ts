// Sample data for the local emulator, created with the real SDK v3.
//
// What moto 5.2.5 does differently from AWS (checked by hand; the
// ones marked * are pinned by test/service/emulator.test.ts):
// - * CreateStage accepts cacheClusterEnabled/cacheClusterSize and reports cacheClusterStatus
//   AVAILABLE at once (AWS: CREATE_IN_PROGRESS for minutes). Disabling gives NOT_AVAILABLE,
//   and cacheClusterSize is then omitted.
// - * methodSettings keys come back escaped, as on AWS: `*/*`, `~1pets~1{petId}/GET`.
// - A new method override is filled with moto's defaults (throttling rate 1000 / burst 2000,
//   caching off, ttl 300, dataEncrypted true, no loggingLevel); it does not inherit `*/*`.
//   AWS's defaults for an override may differ: don't assert on fields the seed did not set.
// - * `remove /{key}` (drop a method override) is silently ignored: the override stays, and
//   removing one that does not exist is no error either.
// - * Unescaped keys are never "Invalid method setting path": `/pets/{petId}/GET/caching/enabled`
//   is silently ignored, `/pets/GET/caching/enabled` is stored under the key `pets/GET`, and
//   keys of methods that do not exist (`/~1nope/PATCH/...`) are stored too.
// - `add` on /accessLogSettings/* and method settings answers ValidationException, on
//   /variables/* a 500 with an HTML page (not a 4xx); `add /description` works.
// - canarySettings, clientCertificateId, documentationVersion patches are silently ignored.
// - GetExport ignores the stage and answers Swagger 2.0 even for exportType oas30.
// - Logging (loglevel INFO) is accepted without an account cloudwatchRoleArn.
// - * Stage names, deployment ids are not validated (`bad name!` and unknown ids accepted).
// - CreateDeployment does check, like AWS, that the API has methods and each has an
//   integration. Deployments do not snapshot the API (GetExport always shows the current
//   API), and createdDate has 1 s resolution, so order deployments by creation, not date.
// - * No paging: `limit`/`position` are ignored and everything comes back in one page,
//   in creation order.
// LocalStack 2026.3.0 (APIGW_EMULATOR=localstack) shares most of these and differs where
// test/service/emulator.test.ts ("differences from AWS") and the other service tests say so by name.
import { setTimeout as sleep } from 'timers/promises';
import { methodSettingPatches } from '../../src/model/patchPaths';
import {
  APIGatewayClient, type CacheClusterSize, CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand,
  CreateStageCommand, GetResourcesCommand, type MethodSetting, PutIntegrationCommand,
  PutIntegrationResponseCommand, PutMethodCommand, PutMethodResponseCommand, UpdateAccountCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';

export interface SampleResource {
  path: string;
  methods: string[];
  /** Index of the deployment that first shipped it: the seed creates it just before that deployment. */
  since: number;
}
export interface SampleStage {
  name: string;
  /** Index into the API's `deployments`. */
  deployment: number;
  description?: string;
  cacheClusterEnabled?: boolean;
  cacheClusterSize?: CacheClusterSize;
  tracingEnabled?: boolean;
  variables?: Record<string, string>;
  tags?: Record<string, string>;
  // Keyed as GetStage returns them (`*/*`, `~1pets~1{petId}/GET`); only these fields are set.
  methodSettings?: Record<string, MethodSetting>;
}
export interface SampleApi {
  name: string;
  description: string;
  /** Every resource GetResources returns, `/` included, in creation order (parents first). */
  resources: SampleResource[];
  deployments: { description: string }[];
  stages: SampleStage[];
}

const r = (path: string, methods: string[], since = 0): SampleResource => ({ path, methods, since });

export const SAMPLE: { cloudwatchRoleArn: string; apis: SampleApi[] } = {
  // Set first, so that the logging settings below would be valid on AWS too.
  cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/APIGatewayPushToCloudWatchLogs',
  apis: [
    {
      name: 'PetStore',
      description: 'Pets and their owners',
      resources: [
        r('/', ['GET']),
        r('/pets', ['GET', 'POST']),
        r('/pets/{petId}', ['GET', 'DELETE']),
        r('/owners', ['GET'], 1),
        r('/owners/{ownerId}', [], 1),
        r('/owners/{ownerId}/pets', ['GET'], 1),
        r('/{proxy+}', ['ANY'], 2),
      ],
      deployments: [{ description: 'Initial release' }, { description: 'Add owners' }, { description: 'Proxy fallback' }],
      stages: [
        {
          name: 'prod', deployment: 0, description: 'Production',
          cacheClusterEnabled: true, cacheClusterSize: '0.5',
          tags: { team: 'pets', env: 'prod' },
          methodSettings: {
            '*/*': { metricsEnabled: true, loggingLevel: 'INFO', throttlingRateLimit: 100, throttlingBurstLimit: 50 },
            '~1pets~1{petId}/GET': { cachingEnabled: true, cacheTtlInSeconds: 60 },
          },
        },
        { name: 'test', deployment: 1, description: 'Integration testing', variables: { backendHost: 'pets-test.internal.example.com' } },
        { name: 'dev', deployment: 2 },
      ],
    },
    {
      name: 'Orders API',
      description: 'Order management',
      resources: [
        r('/', []),
        r('/orders', ['GET', 'POST']),
        r('/orders/{orderId}', ['GET']),
        r('/orders/{orderId}/items', ['GET'], 1),
      ],
      deployments: [{ description: 'First version' }, { description: 'Add order items' }],
      stages: [{ name: 'v1', deployment: 1, description: 'Version 1', tracingEnabled: true }],
    },
    { name: 'Empty API', description: 'Nothing deployed yet', resources: [r('/', [])], deployments: [], stages: [] },
  ],
};

export interface SeededApi {
  id: string;
  /** Resource ids by path. */
  resourceIds: Record<string, string>;
  /** In the order of SAMPLE's `deployments`. */
  deploymentIds: string[];
}
export interface SeedResult {
  region: string;
  /** By API name. */
  apis: Record<string, SeededApi>;
}

export function sampleClient(endpoint: string, region = 'us-east-1'): APIGatewayClient {
  return new APIGatewayClient({ endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

export interface SeedOptions {
  /**
   * Each deployment of an API in a later second than the one before (createdDate has whole seconds),
   * so that "newest first" shows: ties keep the order the endpoint lists them, and the emulators list
   * them oldest first. Costs about a second per deployment; for what a person looks at.
   */
  deploymentsApart?: boolean;
}

/** Creates SAMPLE. Expects an empty emulator: call `emulator.reset()` first. */
export async function seed(endpoint: string, region = 'us-east-1', options: SeedOptions = {}): Promise<SeedResult> {
  const client = sampleClient(endpoint, region);
  try {
    await client.send(new UpdateAccountCommand({
      patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: SAMPLE.cloudwatchRoleArn }],
    }));
    const apis: Record<string, SeededApi> = {};
    for (const api of SAMPLE.apis) apis[api.name] = await seedApi(client, api, options);
    return { region, apis };
  } finally {
    client.destroy();
  }
}

async function seedApi(client: APIGatewayClient, api: SampleApi, options: SeedOptions): Promise<SeededApi> {
  const { id } = await client.send(new CreateRestApiCommand({
    name: api.name, description: api.description, endpointConfiguration: { types: ['REGIONAL'] },
  }));
  const restApiId = id!;
  const root = (await client.send(new GetResourcesCommand({ restApiId }))).items!.find((x) => x.path === '/')!;
  const resourceIds: Record<string, string> = { '/': root.id! };

  const addResources = async (release: number) => {
    for (const res of api.resources.filter((x) => x.since === release)) {
      if (res.path !== '/') {
        const cut = res.path.lastIndexOf('/');
        const parentId = resourceIds[res.path.slice(0, cut) || '/'];
        if (!parentId) throw new Error(`SAMPLE lists ${res.path} before its parent`);
        const created = await client.send(new CreateResourceCommand({ restApiId, parentId, pathPart: res.path.slice(cut + 1) }));
        resourceIds[res.path] = created.id!;
      }
      for (const httpMethod of res.methods) await addMockMethod(client, restApiId, resourceIds[res.path], httpMethod);
    }
  };

  const deploymentIds: string[] = [];
  let previous: Date | undefined;
  for (const [i, dep] of api.deployments.entries()) {
    await addResources(i);
    if (options.deploymentsApart && previous) await sleep(Math.max(0, previous.getTime() + 1000 + 20 - Date.now()));
    const created = await client.send(new CreateDeploymentCommand({ restApiId, description: dep.description }));
    deploymentIds.push(created.id!);
    previous = created.createdDate;
  }
  if (api.deployments.length === 0) await addResources(0);

  for (const st of api.stages) {
    await client.send(new CreateStageCommand({
      restApiId, stageName: st.name, deploymentId: deploymentIds[st.deployment], description: st.description,
      cacheClusterEnabled: st.cacheClusterEnabled, cacheClusterSize: st.cacheClusterSize,
      tracingEnabled: st.tracingEnabled, variables: st.variables, tags: st.tags,
    }));
    // Method settings can only be set by UpdateStage, all in one call as the extension does.
    if (st.methodSettings) {
      await client.send(new UpdateStageCommand({ restApiId, stageName: st.name, patchOperations: methodSettingPatches(st.methodSettings) }));
    }
  }
  return { id: restApiId, resourceIds, deploymentIds };
}

// A MOCK integration answering 200, so that deployments are valid (moto and AWS require one).
export async function addMockMethod(client: APIGatewayClient, restApiId: string, resourceId: string, httpMethod: string) {
  const key = { restApiId, resourceId, httpMethod };
  await client.send(new PutMethodCommand({ ...key, authorizationType: 'NONE' }));
  await client.send(new PutIntegrationCommand({ ...key, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
  await client.send(new PutMethodResponseCommand({ ...key, statusCode: '200' }));
  await client.send(new PutIntegrationResponseCommand({ ...key, statusCode: '200', responseTemplates: { 'application/json': '{}' } }));
}
