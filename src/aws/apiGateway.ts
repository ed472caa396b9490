// Typed reads of API Gateway (REST, v1). Lists follow `position` paging at the largest page size.
import {
  type Account,
  type APIGatewayClient,
  type CreateDeploymentCommandInput,
  CreateDeploymentCommand,
  CreateStageCommand,
  DeleteStageCommand,
  FlushStageAuthorizersCacheCommand,
  FlushStageCacheCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAccountCommand,
  type Deployment,
  GetAccountCommand,
  GetStageCommand,
  GetStagesCommand,
  paginateGetBasePathMappings,
  paginateGetDeployments,
  paginateGetDomainNames,
  paginateGetResources,
  paginateGetRestApis,
  paginateGetUsagePlans,
  type PatchOperation,
  type Resource,
  type RestApi,
  type Stage,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import type { CreateStageInput } from '../model/plans';

export type { Account, Deployment, Resource, RestApi, Stage };

/** What points at a stage from outside it: a delete breaks these. */
export interface StageReferences {
  /** `domain.example.com/basePath` (basePath `(none)` for the root). */
  readonly basePathMappings: string[];
  /** Usage plan names (or ids). */
  readonly usagePlans: string[];
}

/** API Gateway's largest `limit`: one request covers up to 500 items. */
export const MAX_PAGE_SIZE = 500;

export class ApiGateway {
  constructor(
    private readonly client: APIGatewayClient,
    private readonly pageSize = MAX_PAGE_SIZE,
  ) {}

  async listRestApis(): Promise<RestApi[]> {
    const apis = await collect(paginateGetRestApis(this.paging(), {}), (page) => page.items);
    return apis.sort(byName);
  }

  /** GetStages is not paged: one request returns every stage of the API. */
  async listStages(restApiId: string): Promise<Stage[]> {
    const out = await this.client.send(new GetStagesCommand({ restApiId }));
    return (out.item ?? []).sort((a, b) => (a.stageName ?? '').localeCompare(b.stageName ?? ''));
  }

  /** Newest first. */
  async listDeployments(restApiId: string): Promise<Deployment[]> {
    const items = await collect(paginateGetDeployments(this.paging(), { restApiId }), (page) => page.items);
    return items.sort((a, b) => (b.createdDate?.getTime() ?? 0) - (a.createdDate?.getTime() ?? 0));
  }

  /** Resources with their methods embedded, sorted by path. */
  async listResources(restApiId: string): Promise<Resource[]> {
    const items = await collect(
      paginateGetResources(this.paging(), { restApiId, embed: ['methods'] }),
      (page) => page.items,
    );
    // Code-unit order keeps `/pets/{petId}` under `/pets` and `/{proxy+}` last, as paths read.
    return items.sort((a, b) => compareCodeUnits(a.path ?? '', b.path ?? ''));
  }

  getStage(restApiId: string, stageName: string): Promise<Stage> {
    return this.client.send(new GetStageCommand({ restApiId, stageName }));
  }

  // Writes: each returns what AWS returned. `signal` cancels the request and its retries.

  createStage(input: CreateStageInput, signal?: AbortSignal): Promise<Stage> {
    return this.client.send(new CreateStageCommand(input), { abortSignal: signal });
  }

  updateStage(restApiId: string, stageName: string, patchOperations: PatchOperation[], signal?: AbortSignal): Promise<Stage> {
    return this.client.send(new UpdateStageCommand({ restApiId, stageName, patchOperations }), { abortSignal: signal });
  }

  async deleteStage(restApiId: string, stageName: string, signal?: AbortSignal): Promise<void> {
    await this.client.send(new DeleteStageCommand({ restApiId, stageName }), { abortSignal: signal });
  }

  createDeployment(input: CreateDeploymentCommandInput & { restApiId: string }, signal?: AbortSignal): Promise<Deployment> {
    return this.client.send(new CreateDeploymentCommand(input), { abortSignal: signal });
  }

  /**
   * Base path mappings of custom domain names and usage plans that use a stage: one GetDomainNames,
   * one GetBasePathMappings per domain (two at a time), one GetUsagePlans.
   */
  async stageReferences(restApiId: string, stageName: string): Promise<StageReferences> {
    const [mappings, plans] = await Promise.all([this.basePathMappingsOf(restApiId, stageName), this.usagePlansOf(restApiId, stageName)]);
    return { basePathMappings: mappings, usagePlans: plans };
  }

  private async basePathMappingsOf(restApiId: string, stageName: string): Promise<string[]> {
    const domains = await collect(paginateGetDomainNames(this.paging(), {}), (page) => page.items);
    const names = domains.map((d) => d.domainName).filter((d): d is string => !!d);
    const found: string[] = [];
    for (let i = 0; i < names.length; i += 2) {
      const batch = await Promise.all(names.slice(i, i + 2).map(async (domainName) => {
        const mappings = await collect(paginateGetBasePathMappings(this.paging(), { domainName }), (page) => page.items);
        return mappings
          .filter((m) => m.restApiId === restApiId && m.stage === stageName)
          .map((m) => `${domainName}/${m.basePath && m.basePath !== '(none)' ? m.basePath : ''}`);
      }));
      found.push(...batch.flat());
    }
    return found;
  }

  private async usagePlansOf(restApiId: string, stageName: string): Promise<string[]> {
    const plans = await collect(paginateGetUsagePlans(this.paging(), {}), (page) => page.items);
    return plans
      .filter((p) => p.apiStages?.some((s) => s.apiId === restApiId && s.stage === stageName))
      .map((p) => p.name ?? p.id ?? '?');
  }

  getAccount(): Promise<Account> {
    return this.client.send(new GetAccountCommand({}));
  }

  /** The account's CloudWatch Logs role for this region: one UpdateAccount. */
  setCloudWatchRoleArn(roleArn: string): Promise<Account> {
    return this.client.send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: roleArn }] }));
  }

  /** Tags are not patchable: TagResource and UntagResource on the stage's ARN. */
  async setStageTags(region: string, restApiId: string, stageName: string, set: Record<string, string>, remove: string[]): Promise<void> {
    const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
    const resourceArn = `arn:${partition}:apigateway:${region}::/restapis/${restApiId}/stages/${stageName}`;
    if (remove.length) await this.client.send(new UntagResourceCommand({ resourceArn, tagKeys: remove }));
    if (Object.keys(set).length) await this.client.send(new TagResourceCommand({ resourceArn, tags: set }));
  }

  async flushStageCache(restApiId: string, stageName: string): Promise<void> {
    await this.client.send(new FlushStageCacheCommand({ restApiId, stageName }));
  }

  async flushAuthorizersCache(restApiId: string, stageName: string): Promise<void> {
    await this.client.send(new FlushStageAuthorizersCacheCommand({ restApiId, stageName }));
  }

  private paging() {
    return { client: this.client, pageSize: this.pageSize };
  }
}

async function collect<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName(a: RestApi, b: RestApi): number {
  return (a.name ?? '').localeCompare(b.name ?? '') || (a.id ?? '').localeCompare(b.id ?? '');
}
