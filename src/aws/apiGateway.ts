// API Gateway (REST, v1) for one connection: typed reads, following `position` paging at the largest
// page size, and `send(step)`, the one way a plan step reaches AWS (src/aws/planRunner.ts runs them).
import {
  type Account,
  type APIGatewayClient,
  type ClientCertificate,
  CreateDocumentationVersionCommand,
  CreateBasePathMappingCommand,
  CreateDeploymentCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteStageCommand,
  type Deployment,
  type DocumentationVersion,
  FlushStageAuthorizersCacheCommand,
  FlushStageCacheCommand,
  GenerateClientCertificateCommand,
  GetAccountCommand,
  GetBasePathMappingCommand,
  GetClientCertificateCommand,
  GetDeploymentCommand,
  GetDocumentationVersionCommand,
  GetExportCommand,
  GetDocumentationVersionsCommand,
  GetRestApiCommand,
  GetSdkCommand,
  GetSdkTypesCommand,
  GetStageCommand,
  GetStagesCommand,
  GetUsagePlanCommand,
  paginateGetBasePathMappings,
  paginateGetClientCertificates,
  paginateGetDeployments,
  paginateGetDomainNames,
  paginateGetResources,
  paginateGetRestApis,
  paginateGetUsagePlans,
  type Resource,
  type RestApi,
  type SdkType,
  type Stage,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAccountCommand,
  UpdateDeploymentCommand,
  UpdateStageCommand,
  UpdateUsagePlanCommand,
  type UsagePlan,
} from '@aws-sdk/client-api-gateway';
import type { OtherClients } from './clientPool';
import { type MappingRef, type StageReferences, type UsagePlanRef, usagePlanSummary } from '../model/references';
import type { PlanStep } from '../model/plans';
import { parseWebAclArn } from '../model/arns';
import { newestFirst } from '../model/deployments';
import type { ExportRequest } from '../model/exportDefinition';
import type { ApiSummary } from '../model/undeployed';
import { isLoggingStep, sendLoggingStep } from './loggingSetup';

export type { Account, ClientCertificate, Deployment, DocumentationVersion, Resource, RestApi, SdkType, Stage, UsagePlan };

/** A regional web ACL as ListWebACLs names it. */
export interface WebAclSummary {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
}

/** API Gateway's largest `limit`: one request covers up to 500 items. */
export const MAX_PAGE_SIZE = 500;

/** The other services of the same connection, made when first used. */
export interface ConnectionServices {
  other<K extends keyof OtherClients>(service: K): Promise<OtherClients[K]>;
  accountId(): Promise<string>;
}

export class ApiGateway {
  constructor(
    private readonly client: APIGatewayClient,
    private readonly pageSize = MAX_PAGE_SIZE,
    private readonly services?: ConnectionServices,
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

  /** Newest first (model/deployments.ts). */
  async listDeployments(restApiId: string): Promise<Deployment[]> {
    return newestFirst(await collect(paginateGetDeployments(this.paging(), { restApiId }), (page) => page.items));
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

  /** One API, by id (its name for an editor the window brought back before the tree listed the APIs). */
  getRestApi(restApiId: string): Promise<RestApi> {
    return this.client.send(new GetRestApiCommand({ restApiId }));
  }

  getStage(restApiId: string, stageName: string): Promise<Stage> {
    return this.client.send(new GetStageCommand({ restApiId, stageName }));
  }

  /** One deployment, or undefined when it is gone. */
  getDeployment(restApiId: string, deploymentId: string): Promise<Deployment | undefined> {
    return this.client.send(new GetDeploymentCommand({ restApiId, deploymentId })).then((d) => d, orUndefinedIfGone);
  }

  /** GetDeployment `embed=apisummary`: the methods it took, or undefined when gone or not given (the emulators). */
  getDeploymentSummary(restApiId: string, deploymentId: string): Promise<ApiSummary | undefined> {
    return this.client.send(new GetDeploymentCommand({ restApiId, deploymentId, embed: ['apisummary'] })).then((d) => d.apiSummary, orUndefinedIfGone);
  }

  /** GetExport: the API's definition as deployed to the stage, as text (the body decoded as UTF-8). */
  async getExport(restApiId: string, stageName: string, r: ExportRequest): Promise<string> {
    const parameters = r.extensions ? { extensions: r.extensions } : undefined;
    const out = await this.client.send(new GetExportCommand({ restApiId, stageName, exportType: r.exportType, accepts: r.accepts, parameters }));
    return new TextDecoder('utf-8').decode(out.body ?? new Uint8Array());
  }

  /** GetSdkTypes: every SDK API Gateway generates (about ten: one request). */
  async listSdkTypes(): Promise<SdkType[]> {
    return (await this.client.send(new GetSdkTypesCommand({ limit: MAX_PAGE_SIZE }))).items ?? [];
  }

  /** GetSdk: the zip's bytes. `signal` cancels the download. */
  async getSdk(restApiId: string, stageName: string, sdkType: string, parameters: Record<string, string>, signal?: AbortSignal): Promise<Uint8Array> {
    const out = await this.client.send(new GetSdkCommand({ restApiId, stageName, sdkType, parameters }), { abortSignal: signal });
    return out.body ?? new Uint8Array();
  }

  getAccount(): Promise<Account> {
    return this.client.send(new GetAccountCommand({}));
  }

  /** The AWS account of the credentials (STS, once per connection): where snapshots are kept. */
  accountId(): Promise<string> {
    if (!this.services) return Promise.reject(new Error('No STS client for this connection.'));
    return this.services.accountId();
  }

  /**
   * What points at a stage: custom-domain mappings (v1 GetBasePathMappings and v2 GetApiMappings on
   * each domain, since v1 does not list multi-level ones) and usage plans with their per-method
   * throttles for it. One GetDomainNames, per domain its mappings (two domains at a time), one GetUsagePlans.
   */
  async stageReferences(restApiId: string, stageName: string): Promise<StageReferences> {
    const [mappings, usagePlans] = await Promise.all([this.mappingsOf(restApiId, stageName), this.usagePlansOf(restApiId, stageName)]);
    return { mappings, usagePlans };
  }

  /** Every custom domain name of the region. */
  async listDomainNames(): Promise<string[]> {
    const domains = await collect(paginateGetDomainNames(this.paging(), {}), (page) => page.items);
    return domains.map((d) => d.domainName).filter((d): d is string => !!d);
  }

  private async mappingsOf(restApiId: string, stageName: string): Promise<MappingRef[]> {
    const names = await this.listDomainNames();
    const found: MappingRef[] = [];
    for (let i = 0; i < names.length; i += 2) {
      const batch = await Promise.all(names.slice(i, i + 2).map((domainName) => this.domainMappings(domainName)));
      found.push(...batch.flat().filter((m) => m.restApiId === restApiId && m.stage === stageName).map(({ restApiId: _a, stage: _s, ...m }) => m));
    }
    return found;
  }

  /** The mappings of one domain, from v1 and (for multi-level paths) v2, each once. */
  async domainMappings(domainName: string): Promise<(MappingRef & { restApiId?: string; stage?: string })[]> {
    const [v1, v2] = await Promise.all([
      collect(paginateGetBasePathMappings(this.paging(), { domainName }), (page) => page.items),
      this.apiMappings(domainName),
    ]);
    const out = new Map<string, MappingRef & { restApiId?: string; stage?: string }>();
    for (const m of v1) {
      const basePath = !m.basePath || m.basePath === '(none)' ? '' : m.basePath;
      out.set(basePath, { domainName, basePath, multiLevel: false, restApiId: m.restApiId, stage: m.stage });
    }
    for (const m of v2) if (!out.has(m.key)) out.set(m.key, { domainName, basePath: m.key, multiLevel: m.key.includes('/'), restApiId: m.apiId, stage: m.stage });
    return [...out.values()];
  }

  /** API Gateway v2's mappings of a domain; none when v2 does not know the domain (the emulators keep v1 and v2 apart). */
  private async apiMappings(domainName: string): Promise<{ key: string; apiId?: string; stage?: string }[]> {
    if (!this.services) return [];
    const v2 = await this.services.other('apigatewayv2');
    const { GetApiMappingsCommand } = await import('@aws-sdk/client-apigatewayv2');
    const out: { key: string; apiId?: string; stage?: string }[] = [];
    let next: string | undefined;
    try {
      do {
        const page = await v2.send(new GetApiMappingsCommand({ DomainName: domainName, MaxResults: String(MAX_PAGE_SIZE), NextToken: next }));
        for (const m of page.Items ?? []) out.push({ key: m.ApiMappingKey ?? '', apiId: m.ApiId, stage: m.Stage });
        next = page.NextToken;
      } while (next);
    } catch (e) {
      // Unknown to v2 (the emulators keep v1 domains apart), or no v2 at all (LocalStack's community edition answers 501).
      if (isNotFound(e) || isNotImplemented(e)) return [];
      throw e;
    }
    return out;
  }

  private async usagePlansOf(restApiId: string, stageName: string): Promise<UsagePlanRef[]> {
    const plans = await collect(paginateGetUsagePlans(this.paging(), {}), (page) => page.items);
    return plans.flatMap((p) => {
      const entry = p.apiStages?.find((s) => s.apiId === restApiId && s.stage === stageName);
      if (!entry || !p.id) return [];
      const summary = usagePlanSummary(p);
      const throttle = entry.throttle && Object.keys(entry.throttle).length ? entry.throttle : undefined;
      return [{ id: p.id, name: p.name ?? p.id, ...(summary ? { summary } : {}), ...(throttle ? { throttle } : {}) }];
    });
  }

  /** One usage plan, or undefined when it is gone. */
  getUsagePlan(usagePlanId: string): Promise<UsagePlan | undefined> {
    return this.client.send(new GetUsagePlanCommand({ usagePlanId })).then((p) => p, orUndefinedIfGone);
  }

  /** One base path mapping, or undefined. */
  getBasePathMapping(domainName: string, basePath: string): Promise<{ restApiId?: string; stage?: string } | undefined> {
    return this.client.send(new GetBasePathMappingCommand({ domainName, basePath: basePath || '(none)' })).then((m) => m, orUndefinedIfGone);
  }

  /** Whether a client certificate still exists. */
  clientCertificateExists(clientCertificateId: string): Promise<boolean> {
    return this.client.send(new GetClientCertificateCommand({ clientCertificateId })).then(() => true, (e: unknown) => !!orUndefinedIfGone(e));
  }

  /** Whether a documentation version of the API still exists. */
  documentationVersionExists(restApiId: string, documentationVersion: string): Promise<boolean> {
    return this.getDocumentationVersion(restApiId, documentationVersion).then((v) => !!v);
  }

  /** One documentation version of the API, or undefined when there is none by that name. */
  getDocumentationVersion(restApiId: string, documentationVersion: string): Promise<DocumentationVersion | undefined> {
    return this.client.send(new GetDocumentationVersionCommand({ restApiId, documentationVersion })).then((v) => v, orUndefinedIfGone);
  }

  /** Whether a regional web ACL (WAF v2) still exists; undefined when that cannot be told (WAF Classic, no access). */
  async webAclExists(arn: string): Promise<boolean | undefined> {
    const ref = parseWebAclArn(arn);
    if (!ref || !this.services) return undefined;
    const waf = await this.services.other('wafv2');
    const { GetWebACLCommand } = await import('@aws-sdk/client-wafv2');
    try {
      await waf.send(new GetWebACLCommand({ Name: ref.name, Id: ref.id, Scope: 'REGIONAL' }));
      return true;
    } catch (e) {
      if (isNotFound(e) || (e as { name?: string }).name === 'WAFNonexistentItemException') return false;
      throw e;
    }
  }

  /** The web ACL on a stage (WAF v2 GetWebACLForResource): its ARN, or undefined. */
  async webAclOf(resourceArn: string): Promise<string | undefined> {
    if (!this.services) return undefined;
    const waf = await this.services.other('wafv2');
    const { GetWebACLForResourceCommand } = await import('@aws-sdk/client-wafv2');
    try {
      return (await waf.send(new GetWebACLForResourceCommand({ ResourceArn: resourceArn }))).WebACL?.ARN;
    } catch (e) {
      if (isNotFound(e) || (e as { name?: string }).name === 'WAFNonexistentItemException') return undefined;
      throw e;
    }
  }

  /** Every regional web ACL (WAF v2 ListWebACLs, 100 a page), by name. */
  async listWebAcls(): Promise<WebAclSummary[]> {
    const waf = await this.required().other('wafv2');
    const { ListWebACLsCommand } = await import('@aws-sdk/client-wafv2');
    const out: WebAclSummary[] = [];
    let marker: string | undefined;
    do {
      const page = await waf.send(new ListWebACLsCommand({ Scope: 'REGIONAL', Limit: 100, NextMarker: marker }));
      for (const a of page.WebACLs ?? []) if (a.ARN) out.push({ arn: a.ARN, name: a.Name ?? a.ARN, description: a.Description || undefined });
      // An empty page with a marker would loop for ever.
      marker = page.WebACLs?.length ? page.NextMarker : undefined;
    } while (marker);
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The region's client certificates (GetClientCertificates, 500 a page). */
  listClientCertificates(): Promise<ClientCertificate[]> {
    return collect(paginateGetClientCertificates(this.paging(), {}), (page) => page.items);
  }

  /** One client certificate, its PEM included; undefined when it is gone. */
  getClientCertificate(clientCertificateId: string): Promise<ClientCertificate | undefined> {
    return this.client.send(new GetClientCertificateCommand({ clientCertificateId })).then((c) => c, orUndefinedIfGone);
  }

  /** The API's documentation versions (GetDocumentationVersions, 500 a page; the SDK has no paginator for it), newest first. */
  async listDocumentationVersions(restApiId: string): Promise<DocumentationVersion[]> {
    const all: DocumentationVersion[] = [];
    let position: string | undefined;
    do {
      const page = await this.client.send(new GetDocumentationVersionsCommand({ restApiId, limit: this.pageSize, position }));
      all.push(...(page.items ?? []));
      position = page.items?.length ? page.position : undefined;
    } while (position);
    return all.sort((a, b) => (b.createdDate?.getTime() ?? 0) - (a.createdDate?.getTime() ?? 0));
  }

  /** API Gateway v2's mapping keys of a domain (for a restore's check). */
  async apiMappingKeys(domainName: string): Promise<Map<string, { apiId?: string; stage?: string }>> {
    return new Map((await this.apiMappings(domainName)).map((m) => [m.key, { apiId: m.apiId, stage: m.stage }]));
  }

  /**
   * Sends one step of a plan and returns AWS's answer: the stage for stage writes, the deployment,
   * the account, the usage plan; nothing for a delete, a flush or a tag call. `signal` cancels it.
   */
  async send(step: PlanStep, signal?: AbortSignal): Promise<unknown> {
    if (isLoggingStep(step)) return sendLoggingStep(this, step, signal);
    const o = { abortSignal: signal };
    const c = this.client;
    switch (step.op) {
      case 'CreateStage':
        return c.send(new CreateStageCommand(step.input), o);
      case 'UpdateStage':
        return c.send(new UpdateStageCommand({ restApiId: step.restApiId, stageName: step.stageName, patchOperations: step.patchOperations }), o);
      case 'DeleteStage':
        return nothing(c.send(new DeleteStageCommand({ restApiId: step.restApiId, stageName: step.stageName }), o));
      case 'CreateDeployment':
        return c.send(new CreateDeploymentCommand(step.input), o);
      case 'FlushStageCache':
        return nothing(c.send(new FlushStageCacheCommand({ restApiId: step.restApiId, stageName: step.stageName }), o));
      case 'FlushStageAuthorizersCache':
        return nothing(c.send(new FlushStageAuthorizersCacheCommand({ restApiId: step.restApiId, stageName: step.stageName }), o));
      case 'TagResource':
        return nothing(c.send(new TagResourceCommand({ resourceArn: step.resourceArn, tags: step.tags }), o));
      case 'UntagResource':
        return nothing(c.send(new UntagResourceCommand({ resourceArn: step.resourceArn, tagKeys: step.tagKeys }), o));
      case 'UpdateAccount':
        return c.send(new UpdateAccountCommand({ patchOperations: step.patchOperations }), o);
      case 'CreateBasePathMapping':
        return c.send(new CreateBasePathMappingCommand({ domainName: step.domainName, basePath: step.basePath || undefined, restApiId: step.restApiId, stage: step.stage }), o);
      case 'UpdateUsagePlan':
        return c.send(new UpdateUsagePlanCommand({ usagePlanId: step.usagePlanId, patchOperations: step.patchOperations }), o);
      case 'UpdateDeployment':
        return c.send(new UpdateDeploymentCommand({ restApiId: step.restApiId, deploymentId: step.deploymentId, patchOperations: step.patchOperations }), o);
      case 'DeleteDeployment':
        return nothing(c.send(new DeleteDeploymentCommand({ restApiId: step.restApiId, deploymentId: step.deploymentId }), o));
      case 'AssociateWebACL': {
        const waf = await this.required().other('wafv2');
        const { AssociateWebACLCommand } = await import('@aws-sdk/client-wafv2');
        return nothing(waf.send(new AssociateWebACLCommand({ WebACLArn: step.webAclArn, ResourceArn: step.resourceArn }), o));
      }
      case 'DisassociateWebACL': {
        const waf = await this.required().other('wafv2');
        const { DisassociateWebACLCommand } = await import('@aws-sdk/client-wafv2');
        return nothing(waf.send(new DisassociateWebACLCommand({ ResourceArn: step.resourceArn }), o));
      }
      case 'GenerateClientCertificate':
        return c.send(new GenerateClientCertificateCommand({ description: step.description }), o);
      case 'CreateDocumentationVersion':
        return c.send(new CreateDocumentationVersionCommand({
          restApiId: step.restApiId, documentationVersion: step.documentationVersion, stageName: step.stageName, description: step.description || undefined,
        }), o);
      case 'CreateApiMapping': {
        const v2 = await this.required().other('apigatewayv2');
        const { CreateApiMappingCommand } = await import('@aws-sdk/client-apigatewayv2');
        return v2.send(new CreateApiMappingCommand({ DomainName: step.domainName, ApiMappingKey: step.apiMappingKey, ApiId: step.apiId, Stage: step.stage }), o);
      }
    }
  }

  /** Another service's client on this connection (IAM, CloudWatch Logs for the logging check). */
  other<K extends keyof OtherClients>(service: K): Promise<OtherClients[K]> {
    return this.required().other(service);
  }

  private required(): ConnectionServices {
    if (!this.services) throw new Error('This connection has no client for WAF, API Gateway v2, IAM or CloudWatch Logs.');
    return this.services;
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

export function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NotFoundException' || err?.$metadata?.httpStatusCode === 404;
}

/** A service the endpoint does not offer (LocalStack's community edition answers 501 for API Gateway v2 and WAF v2). */
export function isNotImplemented(e: unknown): boolean {
  return (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 501;
}

function orUndefinedIfGone(e: unknown): undefined {
  if (isNotFound(e)) return undefined;
  throw e;
}

/** Deletes, flushes and tag calls: their answer holds nothing the write path reads. */
const nothing = (sent: Promise<unknown>): Promise<undefined> => sent.then(() => undefined);
