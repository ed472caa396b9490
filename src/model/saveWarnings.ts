// What the editor says before a save: costs, sensitive data, and what AWS would refuse. Each is
// said when the save turns the thing on, not when it turns it off.
import type { MethodValues, StageForm } from './stageForm';

/** Each method-setting entry now, with the entry as loaded (undefined for a new override). */
function entries(loaded: StageForm, form: StageForm): [now: MethodValues, before: MethodValues | undefined][] {
  return [
    [form.stageWide, loaded.stageWide],
    ...Object.entries(form.overrides).map(([key, v]): [MethodValues, MethodValues | undefined] => [v, loaded.overrides[key]]),
  ];
}

const logs = (v: MethodValues | undefined) => !!v && (v.loggingLevel !== 'OFF' || v.dataTraceEnabled);

export function saveWarnings(loaded: StageForm, form: StageForm, roleArn: string): string[] {
  const out: string[] = [];
  const all = entries(loaded, form);
  if (!roleArn && all.some(([now, before]) => logs(now) && !logs(before))) {
    out.push('Logging needs the account\'s CloudWatch Logs role ARN, which is not set in this region: AWS would refuse the save. Set it first (Set CloudWatch Log Role ARN…).');
  }
  if (form.cacheClusterEnabled && !loaded.cacheClusterEnabled) out.push('The stage cache is billed by the hour while it is on, whether it is used or not.');
  if (all.some(([now, before]) => now.dataTraceEnabled && !before?.dataTraceEnabled)) out.push('Full request/response logging can write sensitive data (headers, bodies) to CloudWatch Logs.');
  if (all.some(([now, before]) => now.metricsEnabled && !before?.metricsEnabled)) {
    out.push("Detailed CloudWatch metrics are charged, per method; API Gateway's basic stage-level metrics are free.");
  }
  return out;
}
