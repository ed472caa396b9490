// What points at a stage from outside it: custom-domain mappings and usage plans. A delete breaks
// them; a snapshot records them so that a restore brings them back.

/** A custom-domain mapping to the stage. `basePath` '' is the domain's root. */
export interface MappingRef {
  readonly domainName: string;
  readonly basePath: string;
  /**
   * Made with API Gateway v2's CreateApiMapping (a multi-level path such as `v1/orders`): only
   * v2's GetApiMappings lists it, and only CreateApiMapping makes it again.
   */
  readonly multiLevel: boolean;
}

/** Per-method throttling of a usage plan for one stage, keyed `/pets/GET`. */
export type MethodThrottles = Record<string, { readonly burstLimit?: number; readonly rateLimit?: number }>;

export interface UsagePlanRef {
  readonly id: string;
  readonly name: string;
  /** The plan's per-method throttles for this stage. */
  readonly throttle?: MethodThrottles;
  /** The plan's own limits, for the review (they belong to the plan, not to the stage). */
  readonly summary?: string;
}

export interface StageReferences {
  readonly mappings: MappingRef[];
  readonly usagePlans: UsagePlanRef[];
}

export const NO_REFERENCES: StageReferences = { mappings: [], usagePlans: [] };

/** `api.example.com/v1` (the root as `api.example.com/`). */
export function mappingText(m: Pick<MappingRef, 'domainName' | 'basePath'>): string {
  return `${m.domainName}/${m.basePath}`;
}

/** The lines a dialog lists: what stops working without the stage. */
export function referenceLines(refs: StageReferences): string[] {
  return [
    ...refs.mappings.map((m) => `custom domain mapping ${mappingText(m)}`),
    ...refs.usagePlans.map((u) => `usage plan "${u.name}"`),
  ];
}

/** A usage plan's own limits in words: `10 requests/s, burst 20; 1000 requests per DAY`. */
export function usagePlanSummary(p: { throttle?: { rateLimit?: number; burstLimit?: number }; quota?: { limit?: number; period?: string } }): string | undefined {
  const parts: string[] = [];
  if (p.throttle?.rateLimit !== undefined || p.throttle?.burstLimit !== undefined) parts.push(`${p.throttle.rateLimit ?? '-'} requests/s, burst ${p.throttle.burstLimit ?? '-'}`);
  if (p.quota?.limit !== undefined) parts.push(`${p.quota.limit} requests per ${p.quota.period ?? '?'}`);
  return parts.length ? parts.join('; ') : undefined;
}
