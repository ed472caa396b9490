// Typed reads of API Gateway (REST, v1). Lists follow `position` paging at the largest page size.
import {
  type Account,
  type APIGatewayClient,
  type Deployment,
  GetAccountCommand,
  GetStageCommand,
  GetStagesCommand,
  paginateGetDeployments,
  paginateGetResources,
  paginateGetRestApis,
  type Resource,
  type RestApi,
  type Stage,
} from '@aws-sdk/client-api-gateway';

export type { Account, Deployment, Resource, RestApi, Stage };

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

  getAccount(): Promise<Account> {
    return this.client.send(new GetAccountCommand({}));
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
