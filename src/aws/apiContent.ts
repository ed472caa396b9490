// What an API's stages are compared against: its resources now (shared by the tree, the stage editor
// and the deploy review until a refresh) and the snapshot each deployment took (never changes, so
// kept as long as the API is shown).
import type { ApiGateway, Resource } from './apiGateway';
import { type ApiSummary, type UndeployedChange, undeployedChanges } from '../model/undeployed';

export class ApiContent {
  private resourcesNow: Promise<Resource[]> | undefined;
  private resourcesKnown: Resource[] | undefined;
  private readonly summaries = new Map<string, Promise<ApiSummary | undefined>>();
  private readonly summariesKnown = new Map<string, ApiSummary | undefined>();

  constructor(
    private readonly restApiId: string,
    private readonly gateway: () => ApiGateway,
    /** A summary or the resources arrived: what shows the comparison draws again. */
    private readonly arrived: () => void,
  ) {}

  /** Resources with their methods: one GetResources (paged), shared until forgetResources(). */
  resources(): Promise<Resource[]> {
    if (!this.resourcesNow) {
      const pending = this.gateway().listResources(this.restApiId);
      this.resourcesNow = pending;
      pending.then(
        (r) => {
          if (this.resourcesNow !== pending) return;
          this.resourcesKnown = r;
          if (this.summariesKnown.size) this.arrived();
        },
        // A failure must not stick: the next call tries again.
        () => {
          if (this.resourcesNow === pending) this.resourcesNow = undefined;
        },
      );
    }
    return this.resourcesNow;
  }

  forgetResources(): void {
    this.resourcesNow = undefined;
    this.resourcesKnown = undefined;
  }

  /** The deployment's snapshot: one GetDeployment `embed=apisummary` per deployment, ever; undefined when AWS gives none. */
  summary(deploymentId: string): Promise<ApiSummary | undefined> {
    let pending = this.summaries.get(deploymentId);
    if (!pending) {
      pending = this.gateway().getDeploymentSummary(this.restApiId, deploymentId);
      this.summaries.set(deploymentId, pending);
      pending.then(
        (s) => {
          this.summariesKnown.set(deploymentId, s);
          if (s) this.arrived();
        },
        () => this.summaries.delete(deploymentId),
      );
    }
    return pending;
  }

  /** The changes not deployed to a deployment, as far as already read; undefined until both sides are in. */
  undeployedKnown(deploymentId: string | undefined): UndeployedChange[] | undefined {
    if (!deploymentId || !this.resourcesKnown) return undefined;
    return undeployedChanges(this.summariesKnown.get(deploymentId), this.resourcesKnown);
  }

  /** The same, read now where needed: the summary (cached), then the resources (shared) only if there is one. */
  async undeployed(deploymentId: string): Promise<UndeployedChange[] | undefined> {
    const summary = await this.summary(deploymentId);
    return summary && undeployedChanges(summary, await this.resources());
  }
}
