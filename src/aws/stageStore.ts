// The stages of each API, held in one place: the tree's stage nodes and deployment arrows, the
// commands and the stage editor all read and update them here, so one change shows everywhere.
import { ApiContent } from './apiContent';
import { type ApiGateway, isNotFound, type Stage } from './apiGateway';
import { type Connection, connectionKey } from './connection';

export type Listener = (apiKey: string) => void;

export function apiKey(connection: Connection, restApiId: string): string {
  return `${connectionKey(connection)}|${restApiId}`;
}

export class StageStore {
  private readonly apis = new Map<string, ApiStages>();
  private readonly listeners = new Set<Listener>();

  /** The stages of one API, made on first use; `gateway` is the API Gateway of that connection. */
  forApi(connection: Connection, restApiId: string, gateway: () => ApiGateway): ApiStages {
    const key = apiKey(connection, restApiId);
    let api = this.apis.get(key);
    if (!api) {
      api = new ApiStages(key, restApiId, gateway, () => this.fire(key));
      this.apis.set(key, api);
    }
    return api;
  }

  /**
   * Forget every list, e.g. when the tree is reloaded from scratch. The objects stay: a command
   * still running holds one, and what it sets must reach the new tree.
   */
  clear(): void {
    for (const api of this.apis.values()) api.forget();
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private fire(key: string): void {
    for (const l of [...this.listeners]) l(key);
  }
}

export class ApiStages {
  private stages: Map<string, Stage> | undefined;
  private pending: Promise<Stage[]> | undefined;
  /** Stages set or removed while a GetStages is under way: newer than its answer, so applied again on top of it. */
  private changedMeanwhile = new Map<string, Stage | undefined>();
  /** Writes per stage name, so a GetStage answered after a newer write does not undo it. */
  private readonly writes = new Map<string, number>();
  /** Its resources and deployments' snapshots, to tell what is not deployed. */
  readonly content: ApiContent;

  constructor(
    readonly key: string,
    readonly restApiId: string,
    private readonly gateway: () => ApiGateway,
    private readonly changed: () => void,
  ) {
    this.content = new ApiContent(restApiId, gateway, changed);
  }

  /** The stages by name, or undefined before the first GetStages. */
  list(): Stage[] | undefined {
    return this.stages && [...this.stages.values()].sort((a, b) => (a.stageName ?? '').localeCompare(b.stageName ?? ''));
  }

  get(name: string): Stage | undefined {
    return this.stages?.get(name);
  }

  names(): string[] {
    return this.list()?.map((s) => s.stageName ?? '') ?? [];
  }

  /** Names of the stages that point at a deployment, as they are now. */
  stagesOn(deploymentId: string): string[] {
    return (this.list() ?? []).filter((s) => s.deploymentId === deploymentId).map((s) => s.stageName ?? '');
  }

  /** The stages: from memory, else from the GetStages under way or a new one. */
  load(): Promise<Stage[]> {
    if (this.pending) return this.pending;
    if (this.stages) return Promise.resolve(this.list()!);
    return this.reload();
  }

  /** One GetStages now (shared with a reload already under way). */
  reload(): Promise<Stage[]> {
    if (this.pending) return this.pending;
    this.changedMeanwhile.clear();
    const pending = this.gateway()
      .listStages(this.restApiId)
      .then((stages) => {
        const next = new Map(stages.filter((s) => s.stageName).map((s) => [s.stageName!, withoutMetadata(s)]));
        for (const [name, stage] of this.changedMeanwhile) {
          if (stage) next.set(name, stage);
          else next.delete(name);
        }
        this.stages = next;
        this.changed();
        return this.list()!;
      })
      .finally(() => {
        if (this.pending === pending) this.pending = undefined;
        this.changedMeanwhile.clear();
      });
    this.pending = pending;
    return pending;
  }

  /** One GetStage; a stage that is gone (404) is removed. */
  async reloadStage(name: string): Promise<Stage | undefined> {
    const writes = this.writes.get(name) ?? 0;
    const current = () => (this.writes.get(name) ?? 0) === writes;
    try {
      const stage = await this.gateway().getStage(this.restApiId, name);
      if (current()) this.set(stage);
      return stage;
    } catch (e) {
      if (isNotFound(e)) {
        if (current()) this.remove(name);
        return undefined;
      }
      throw e;
    }
  }

  /** Drops the list; the next load() reads it again. */
  forget(): void {
    this.stages = undefined;
    this.content.forgetResources();
  }

  /** A stage as AWS just returned it. Before the first GetStages there is no list to put it in: that GetStages brings it. */
  set(stage: Stage): void {
    if (!stage.stageName) return;
    const clean = withoutMetadata(stage);
    this.writes.set(stage.stageName, (this.writes.get(stage.stageName) ?? 0) + 1);
    if (this.pending) this.changedMeanwhile.set(stage.stageName, clean);
    if (!this.stages) return;
    this.stages.set(stage.stageName, clean);
    this.changed();
  }

  remove(name: string): void {
    this.writes.set(name, (this.writes.get(name) ?? 0) + 1);
    if (this.pending) this.changedMeanwhile.set(name, undefined);
    if (this.stages?.delete(name)) this.changed();
  }
}

/** The SDK's answer carries `$metadata` (request id, attempts): not part of the stage. */
export function withoutMetadata<T extends object>(answer: T): T {
  const { $metadata: _m, ...rest } = answer as T & { $metadata?: unknown };
  return rest as T;
}
