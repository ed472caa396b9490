// Generate SDK…: the configuration properties GetSdkTypes lists for an SDK type, checked before GetSdk. Unit-tested.
import type { SdkConfigurationProperty } from '@aws-sdk/client-api-gateway';
import { describeChar, firstControlCharacter } from './stageName';

/** What is wrong with `value` for the property; undefined if fine. Required ones must be set; no value may hold control characters or stray spaces. */
export function sdkParameterProblem(p: SdkConfigurationProperty, value: string): string | undefined {
  const name = p.friendlyName || p.name || 'This parameter';
  if (p.required && !value.trim()) return `${name} is required: enter a value.`;
  if (value !== value.trim()) return `${name} may not start or end with a space.`;
  const bad = firstControlCharacter(value);
  return bad === undefined ? undefined : `${name} may not contain control characters; ${describeChar(bad)} is not allowed.`;
}

/** GetSdk's `parameters`: each value set, by the property's name (an optional one left empty gets AWS's default). */
export function sdkParameters(properties: readonly SdkConfigurationProperty[], values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(properties.filter((p) => p.name && values[p.name]).map((p) => [p.name!, values[p.name!]]));
}
