// The stages of each API, held in one place: the tree's stage nodes and deployment arrows, the
// commands and the stage editor all read and update them here, so one change shows everywhere.
import type { ApiGateway, Stage } from './apiGateway';
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

  /** Forget everything, e.g. when the tree is reloaded from scratch. */
  clear(): void {
    this.apis.clear();
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
  /** Bumped by every change, so an answer that left before a newer change does not undo it. */
  private version = 0;

  constructor(
    readonly key: string,
    readonly restApiId: string,
    private readonly gateway: () => ApiGateway,
    private readonly changed: () => void,
  ) {}

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
    const version = this.version;
    const pending = this.gateway()
      .listStages(this.restApiId)
      .then((stages) => {
        if (version === this.version) this.replaceAll(stages);
        return this.list() ?? stages;
      })
      .finally(() => {
        if (this.pending === pending) this.pending = undefined;
      });
    this.pending = pending;
    return pending;
  }

  /** One GetStage; a stage that is gone (404) is removed. */
  async reloadStage(name: string): Promise<Stage | undefined> {
    const version = this.version;
    try {
      const stage = await this.gateway().getStage(this.restApiId, name);
      if (version === this.version) this.set(stage);
      return stage;
    } catch (e) {
      if (isNotFound(e)) {
        if (version === this.version) this.remove(name);
        return undefined;
      }
      throw e;
    }
  }

  set(stage: Stage): void {
    if (!stage.stageName) return;
    this.stages ??= new Map();
    this.stages.set(stage.stageName, stage);
    this.bump();
  }

  remove(name: string): void {
    if (this.stages?.delete(name)) this.bump();
  }

  private replaceAll(stages: readonly Stage[]): void {
    this.stages = new Map(stages.filter((s) => s.stageName).map((s) => [s.stageName!, s]));
    this.bump();
  }

  private bump(): void {
    this.version++;
    this.changed();
  }
}

export function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NotFoundException' || err?.$metadata?.httpStatusCode === 404;
}
