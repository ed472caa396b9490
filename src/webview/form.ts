// The stage editor's form: sections for the stage, cache, CloudWatch, throttling, method overrides
// and the account's log role. It edits `form` in place and calls `changed` after every edit.
import { ACCESS_LOG_PRESETS, APIGATEWAY_TRUST_POLICY, PUSH_TO_CLOUDWATCH_POLICY } from '../model/cloudWatch';
import { CACHE_SIZES, LOG_LEVEL_WORDS, LOG_LEVELS, type MethodValues, newOverride, type StageForm, UNAUTHORIZED_STRATEGIES, UNAUTHORIZED_STRATEGY_WORDS } from '../model/stageForm';
import type { EditorCommand, EditorState } from './protocol';
import { button, checkbox, el, type Listener, type Marks, section, select, textField } from './fields';

export interface FormActions {
  changed: Listener;
  /** Re-renders after a structural edit (a row or an override added or removed). */
  rerender: Listener;
  command(name: EditorCommand): void;
  copy(text: string): void;
  /** Where the keyboard goes after the next drawing, as a CSS selector. */
  focusAfter(selector: string): void;
}

// The words Edit One Setting… uses too: one list, in the model.
const LOG_LEVEL_OPTIONS = LOG_LEVELS.map((l) => [l, LOG_LEVEL_WORDS[l]] as const);
const STRATEGIES = UNAUTHORIZED_STRATEGIES.map((s) => [s, UNAUTHORIZED_STRATEGY_WORDS[s]] as const);

export function renderForm(state: EditorState, form: StageForm, marks: Marks, a: FormActions): HTMLElement {
  const root = el('div', { class: 'form' });
  const limits = state.limits;
  const limitText = limits.rateLimit !== undefined ? `Account limits in ${state.region}: rate ${limits.rateLimit} requests/s, burst ${limits.burstLimit ?? '?'}.` : 'Account limits: not known (GetAccount failed).';

  // Stage
  const stage = section('Stage', true);
  stage.append(
    el('p', { class: 'line' }, 'Deployment ', el('code', {}, form.deploymentId || '(none)'), ' ',
      button('Change Deployment…', () => a.command('changeDeployment'), { secondary: true }), ' ',
      button('Deploy to Stage…', () => a.command('deployToStage'), { secondary: true })),
    textField(marks, 'Description', form.description, (v) => (form.description = v), a.changed, { multiline: true, problem: 'description' }),
    pairs(marks, 'Stage variables', 'variables', form.variables, ['Name', 'Value'], a, 'Add variable'),
    pairs(marks, 'Tags', 'tags', form.tags, ['Key', 'Value'], a, 'Add tag'),
  );
  root.append(stage, canarySection(marks, form, a));

  // Cache
  const cache = section('Cache settings', true);
  cache.append(
    checkbox('Provision API cache', form.cacheClusterEnabled, (v) => (form.cacheClusterEnabled = v), a.rerender,
      'The stage cache is billed by the hour while it is on, whether it is used or not.'),
  );
  if (form.cacheClusterEnabled) {
    cache.append(select(marks, 'Cache capacity', CACHE_SIZES.map((s) => [s, `${s} GB`] as const), form.cacheClusterSize, (v) => (form.cacheClusterSize = v), a.changed, { problem: 'cacheClusterSize' }));
  }
  const status = state.cacheClusterStatus ? `Cache cluster: ${statusText(state.cacheClusterStatus)}` : '';
  if (status) cache.append(el('p', { class: 'status', role: 'status', id: 'cache-status' }, status));
  if (form.cacheClusterEnabled) cache.append(button('Flush Stage Cache', () => a.command('flushStageCache'), { secondary: true }));
  cache.append(...cacheFields(marks, 'stageWide', form.stageWide, a, 'all methods'));
  root.append(cache);

  // CloudWatch
  const cw = section('CloudWatch settings', true);
  cw.append(...loggingFields(marks, 'stageWide', form.stageWide, a, true));
  cw.append(checkbox('X-Ray tracing', form.tracingEnabled, (v) => (form.tracingEnabled = v), a.changed));
  cw.append(el('h3', {}, 'Access logging'));
  cw.append(textField(marks, 'Destination ARN (CloudWatch Logs log group or Firehose stream)', form.accessLogDestinationArn, (v) => (form.accessLogDestinationArn = v), a.changed, { problem: 'accessLogDestinationArn', placeholder: 'arn:aws:logs:us-east-1:123456789012:log-group:my-api-access' }));
  const presets = el('div', { class: 'presets' }, 'Format presets: ');
  for (const [name, format] of Object.entries(ACCESS_LOG_PRESETS)) {
    presets.append(button(name, () => {
      form.accessLogFormat = format;
      a.rerender();
    }, { secondary: true, title: `Use the ${name} format` }), ' ');
  }
  cw.append(presets, textField(marks, 'Log format (one line, must include $context.requestId)', form.accessLogFormat, (v) => (form.accessLogFormat = v), a.changed, { multiline: true, problem: 'accessLogFormat' }));
  cw.append(roleBlock(state, a));
  root.append(cw);

  // Throttling
  const th = section('Default method throttling', true);
  th.append(el('p', { class: 'note' }, limitText), ...throttlingFields(marks, 'stageWide', form.stageWide, a));
  root.append(th);

  // Overrides
  const ov = section('Method overrides', true);
  ov.append(el('p', { class: 'note' }, 'A method with an override uses its own cache, CloudWatch and throttling settings instead of the stage\'s.'));
  const known = new Map(state.methods.map((m) => [m.key, m.label]));
  for (const key of Object.keys(form.overrides)) if (!known.has(key)) known.set(key, key);
  for (const [key, label] of known) ov.append(overrideRow(marks, form, key, label, a, state.focusMethod === key));
  if (!known.size) ov.append(el('p', { class: 'note' }, 'The API has no methods.'));
  root.append(ov);
  return root;
}

export function statusText(s: string): string {
  return ({ CREATE_IN_PROGRESS: 'creating…', AVAILABLE: 'available', DELETE_IN_PROGRESS: 'deleting…', FLUSH_IN_PROGRESS: 'flushing…', NOT_AVAILABLE: 'not available (failed or off)' } as Record<string, string>)[s] ?? s;
}

function cacheFields(marks: Marks, prefix: string, v: MethodValues, a: FormActions, scope: string): HTMLElement[] {
  return [
    checkbox(`Enable method cache (${scope})`, v.cachingEnabled, (x) => (v.cachingEnabled = x), a.changed),
    textField(marks, 'Cache time-to-live (TTL), seconds', v.cacheTtlInSeconds, (x) => (v.cacheTtlInSeconds = x), a.changed, { problem: `${prefix}.cacheTtlInSeconds`, hint: '0 to 3600; 300 by default.', inputMode: 'numeric' }),
    checkbox('Encrypt cache data', v.cacheDataEncrypted, (x) => (v.cacheDataEncrypted = x), a.changed),
    checkbox('Per-key cache invalidation: require authorization', v.requireAuthorizationForCacheControl, (x) => (v.requireAuthorizationForCacheControl = x), a.changed),
    select(marks, 'Handling of unauthorized requests', STRATEGIES, v.unauthorizedCacheControlHeaderStrategy, (x) => (v.unauthorizedCacheControlHeaderStrategy = x), a.changed, { problem: `${prefix}.unauthorizedCacheControlHeaderStrategy` }),
  ];
}

function loggingFields(marks: Marks, prefix: string, v: MethodValues, a: FormActions, stageWide: boolean): HTMLElement[] {
  return [
    select(marks, 'CloudWatch Logs: log level', LOG_LEVEL_OPTIONS, v.loggingLevel, (x) => (v.loggingLevel = x), a.changed, { problem: `${prefix}.loggingLevel` }),
    checkbox('Log full requests/responses data', v.dataTraceEnabled, (x) => (v.dataTraceEnabled = x), a.changed, 'This can write sensitive data (headers, bodies) to CloudWatch Logs.'),
    checkbox('Detailed CloudWatch metrics', v.metricsEnabled, (x) => (v.metricsEnabled = x), a.changed, stageWide ? "Detailed metrics are per method and charged; API Gateway's basic stage-level metrics are free." : 'Detailed metrics for this method are charged.'),
  ];
}

function throttlingFields(marks: Marks, prefix: string, v: MethodValues, a: FormActions): HTMLElement[] {
  return [
    textField(marks, 'Rate (requests per second)', v.throttlingRateLimit, (x) => (v.throttlingRateLimit = x), a.changed, { problem: `${prefix}.throttlingRateLimit`, inputMode: 'decimal', placeholder: 'account default' }),
    textField(marks, 'Burst (requests)', v.throttlingBurstLimit, (x) => (v.throttlingBurstLimit = x), a.changed, { problem: `${prefix}.throttlingBurstLimit`, inputMode: 'numeric', placeholder: 'account default' }),
  ];
}

function overrideRow(marks: Marks, form: StageForm, key: string, label: string, a: FormActions, focus: boolean): HTMLElement {
  const values = form.overrides[key];
  const row = el('div', { class: `override${values ? ' on' : ''}`, 'data-method': key });
  const head = el('div', { class: 'override-head' });
  head.append(el('span', { class: 'method' }, label));
  head.append(checkbox('Override for this method', !!values, (on) => {
    if (on) form.overrides[key] = newOverride(form);
    else delete form.overrides[key];
  }, a.rerender));
  row.append(head);
  if (values) {
    const prefix = `overrides.${key}`;
    row.append(
      el('div', { class: 'override-fields' },
        el('h4', {}, 'Cache'), ...cacheFields(marks, prefix, values, a, 'this method'),
        el('h4', {}, 'CloudWatch'), ...loggingFields(marks, prefix, values, a, false),
        el('h4', {}, 'Throttling'), ...throttlingFields(marks, prefix, values, a),
        button('Reset (remove the override)', () => {
          delete form.overrides[key];
          // The button goes with the override: the keyboard stays on the row, at its checkbox.
          a.focusAfter(`[data-method="${CSS.escape(key)}"] vscode-checkbox`);
          a.rerender();
        }, { secondary: true })),
    );
  }
  if (focus) row.dataset.focus = 'true';
  return row;
}

/** The canary's share, deployment, overrides and cache use; its commands. A stage without one offers to make one. */
function canarySection(marks: Marks, form: StageForm, a: FormActions): HTMLElement {
  const c = form.canary;
  const box = section('Canary', true);
  const deploy = button('Deploy to Canary…', () => a.command('deployToCanary'), { secondary: true, title: "A new deployment of the API's current resources for the canary" });
  if (!c) {
    box.append(el('p', { class: 'note' }, `No canary: every request goes to deployment ${form.deploymentId || '(none)'}. A canary sends a share of the requests to a new deployment first.`), deploy);
    return box;
  }
  box.append(
    textField(marks, 'Share of requests (%)', c.percentTraffic, (v) => (c.percentTraffic = v), a.changed, { problem: 'canary.percentTraffic', inputMode: 'decimal', hint: "0 to 100, decimals allowed; the other requests go to the stage's deployment." }),
    textField(marks, "Canary's deployment (id)", c.deploymentId, (v) => (c.deploymentId = v), a.changed, { problem: 'canary.deploymentId', hint: 'Deploy to Canary… makes a new deployment for it.' }),
    checkbox('Use the stage cache', c.useStageCache, (v) => (c.useStageCache = v), a.changed, "Canary requests are answered from the stage's cache when it is on."),
    pairs(marks, 'Stage variable overrides', 'canary.overrides', c.overrides, ['Name', 'Value'], a, 'Add override'),
    el('p', { class: 'line' }, deploy, ' ',
      button('Promote Canary…', () => a.command('promoteCanary'), { secondary: true, title: "The stage takes the canary's deployment and overrides" }), ' ',
      button('Delete Canary…', () => a.command('deleteCanary'), { secondary: true, title: "All requests go to the stage's deployment" })),
  );
  return box;
}

function pairs(marks: Marks, title: string, prefix: 'variables' | 'tags' | 'canary.overrides', list: [string, string][], heads: [string, string], a: FormActions, addLabel: string): HTMLElement {
  const box = el('div', { class: 'pairs', role: 'group', 'aria-label': title }, el('h3', {}, title));
  list.forEach((pair, i) => {
    box.append(el('div', { class: 'pair' },
      textField(marks, `${heads[0]} ${i + 1}`, pair[0], (v) => (pair[0] = v), a.changed, { problem: `${prefix}.${i}.${prefix === 'tags' ? 'key' : 'name'}` }),
      textField(marks, `${heads[1]} ${i + 1}`, pair[1], (v) => (pair[1] = v), a.changed, { problem: `${prefix}.${i}.value` }),
      button('Remove', () => {
        list.splice(i, 1);
        a.rerender();
      }, { secondary: true, title: `Remove ${pair[0]}` })));
  });
  box.append(button(addLabel, () => {
    list.push(['', '']);
    a.rerender();
  }, { secondary: true }));
  return box;
}

function roleBlock(state: EditorState, a: FormActions): HTMLElement {
  const block = el('div', { class: 'role' }, el('h3', {}, `CloudWatch Logs role of the account (${state.region})`));
  const role = state.cloudwatchRoleArn === '(unknown)'
    ? el('span', { class: 'warn' }, 'Could not read the account (see the logs).')
    : state.cloudwatchRoleArn ? el('code', {}, state.cloudwatchRoleArn) : el('span', { class: 'warn' }, 'Not set: API Gateway cannot write execution logs in this region until it is.');
  block.append(el('p', {}, role, ' ',
    button('Set…', () => a.command('setCloudWatchRoleArn'), { secondary: true }), ' ',
    button('Check Logging Setup…', () => a.command('checkCloudWatchLogging'), { secondary: true, title: 'Check CloudWatch Logging Setup…: the role, its trust and permissions, this stage\'s log group' })));
  const doc = (title: string, text: string) =>
    el('details', {}, el('summary', {}, title), el('pre', {}, text), button('Copy', () => a.copy(text), { secondary: true, title: `Copy the ${title.toLowerCase()}` }));
  block.append(doc('Permissions policy for the role', PUSH_TO_CLOUDWATCH_POLICY), doc('Trust relationship for apigateway.amazonaws.com', APIGATEWAY_TRUST_POLICY));
  return block;
}
