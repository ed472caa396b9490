// The sample stage the model's unit tests start from: the PetStore's `prod` as GetStage returns it.
// Each test file sets what it is about (method settings, logs, tags) over it.
import type { Stage } from '@aws-sdk/client-api-gateway';

export const ROOT = '~1/GET';
export const PET = '~1pets~1{petId}/GET';
export const LOG_ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:api-access';

/** `prod` on deployment dep1, a 0.5 GB cache, two variables, a tag, access logs; no method settings. */
export function sampleStage(over: Partial<Stage> = {}): Stage {
  return {
    stageName: 'prod',
    deploymentId: 'dep1',
    description: 'Production',
    cacheClusterEnabled: true,
    cacheClusterSize: '0.5',
    cacheClusterStatus: 'AVAILABLE',
    tracingEnabled: false,
    accessLogSettings: { destinationArn: LOG_ARN, format: '$context.requestId' },
    variables: { lambdaAlias: 'live', backend: 'https://example.com/v1' },
    tags: { team: 'pets' },
    ...over,
  };
}
