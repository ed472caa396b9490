// What the editor says before a save: costs, sensitive data, and what AWS would refuse.
import { stageChanges } from '../model/stageChanges';
import type { MethodValues, StageForm } from '../model/stageForm';

export function saveWarnings(loaded: StageForm, form: StageForm, roleArn: string): string[] {
  const out: string[] = [];
  const entries: MethodValues[] = [form.stageWide, ...Object.values(form.overrides)];
  const logs = entries.some((v) => v.loggingLevel !== 'OFF' || v.dataTraceEnabled);
  const changed = stageChanges(loaded, form).changes.map((c) => c.id);
  const touches = (re: RegExp) => changed.some((id) => re.test(id));
  if (logs && !roleArn && touches(/\/logging\//)) {
    out.push('Logging needs the account\'s CloudWatch Logs role ARN, which is not set in this region: AWS would refuse the save. Set it first (Set CloudWatch Log Role ARN…).');
  }
  if (form.cacheClusterEnabled && !loaded.cacheClusterEnabled) out.push('The stage cache is billed by the hour while it is on, whether it is used or not.');
  if (touches(/\/logging\/dataTrace$/) && entries.some((v) => v.dataTraceEnabled)) out.push('Full request/response logging can write sensitive data (headers, bodies) to CloudWatch Logs.');
  if (touches(/^(?!\*\/\*).*\/metrics\/enabled$/)) out.push('Detailed CloudWatch metrics are charged per method; stage-level ones are not.');
  return out;
}
