// The stage editor's messages, shared by the extension and the webview. The extension checks
// every message from the webview (parseFromWebview) and ignores malformed ones.
import { parseMethodKey } from '../model/methodKey';
import { METHOD_DEFAULTS, type MethodValues, type StageForm } from '../model/stageForm';
import type { AccountLimits, Problem } from '../model/stageValidation';
import type { StageSecurity } from '../model/stageSecurity';
import type { Owner } from '../model/ownership';

export interface MethodRow {
  /** Method-setting key, `~1pets~1{petId}/GET`. */
  readonly key: string;
  /** `GET /pets/{petId}` */
  readonly label: string;
}

/**
 * Edits kept for a window reload: a backup of the custom editor (VS Code's hot exit), and what the
 * previous version's editor panels kept in their webview state.
 */
export interface EditorMemento {
  readonly profile: string;
  readonly region: string;
  readonly restApiId: string;
  readonly apiName: string;
  readonly stageName: string;
  /**
   * The edits, when there were any, and the stage they were made on (to tell them from changes made
   * meanwhile), with every stage variable value blanked: the values are in `sealed`, encrypted.
   */
  readonly form?: StageForm;
  readonly loaded?: StageForm;
  readonly sealed?: string;
}

export function isEditorMemento(v: unknown): v is EditorMemento {
  return isObject(v) && ['profile', 'region', 'restApiId', 'apiName', 'stageName'].every((k) => isString(v[k])) && (v.form === undefined || isStageForm(v.form)) && (v.loaded === undefined || isStageForm(v.loaded))
    && (v.sealed === undefined || isString(v.sealed));
}

export interface EditorState {
  readonly apiName: string;
  readonly stageName: string;
  readonly invokeUrl: string;
  readonly region: string;
  /** The stage as loaded (the base of every change). */
  readonly loaded: StageForm;
  /** The form now: the loaded stage, or edits kept across a reload of the window. */
  readonly form: StageForm;
  readonly methods: MethodRow[];
  readonly limits: AccountLimits;
  /** The account's CloudWatch Logs role ARN in this region; empty when none is set. */
  readonly cloudwatchRoleArn: string;
  readonly cacheClusterStatus?: string;
  /** Open at this method's override. */
  readonly focusMethod?: string;
  /** The web ACL, client certificate and documentation version (read-only here; commands change them). */
  readonly security?: StageSecurity;
  /** The tool that deploys the stage (its tags or its API's): the page shows a banner. */
  readonly owner?: Owner;
}

export type ToWebview =
  | { type: 'load'; state: EditorState }
  /** `ifShown`: rebuilt as the user edits; shown only where a review is shown already. */
  | { type: 'review'; changes: string[]; operations: string[]; problems: Problem[]; warnings: string[]; ifShown?: boolean }
  | { type: 'busy'; label: string }
  /** `warning`: saved, but not all of it took. */
  | { type: 'saved'; state: EditorState; message: string; warning?: boolean }
  /** Something to know that is not a failure (auto-save keeps the edits here). */
  | { type: 'notice'; message: string }
  /** `problems`: refused for the form's problems; the line goes once they are fixed. */
  | { type: 'failed'; message: string; problems?: boolean }
  | { type: 'conflict'; theirs: string[]; conflicts: string[] }
  /** The stage no longer exists: the form is kept and can make it again. */
  | { type: 'gone'; message: string }
  | { type: 'cacheStatus'; status: string }
  /** Methods, account limits, role and cache status: the form and its edits stay as they are. */
  | { type: 'context'; state: EditorState }
  | { type: 'focus'; method: string }
  /** Undo, redo: the form as it was; the page stays where it is. */
  | { type: 'form'; form: StageForm }
  /**
   * The stage changed elsewhere (another command, another window, a refresh): the form shows theirs
   * where the user did not edit; `kept`: fields where the user's value stays over theirs. `back`: it
   * was deleted and is there again.
   */
  | { type: 'live'; state: EditorState; changes: string[]; kept: { field?: string; text: string }[]; back: boolean }
  /** The security section anew: a web ACL or certificate changed, or the certificate's facts came in. */
  | { type: 'security'; security: StageSecurity };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'edit'; form: StageForm }
  | { type: 'review' }
  | { type: 'save' }
  | { type: 'resolve'; choice: 'reload' | 'applyMine' }
  | { type: 'reload' }
  | { type: 'recreate' }
  | { type: 'restore' }
  | { type: 'command'; name: EditorCommand }
  | { type: 'copy'; text: string }
  /** Copy as Template Snippet: the pending change, for the tool the user picks. */
  | { type: 'copySnippet' }
  /** Opens the stage's web ACL in the WAF console (the extension makes the URL from the stage's own ARN). */
  | { type: 'openWebAcl' };

export const EDITOR_COMMANDS = [
  'changeDeployment', 'deployToStage', 'deployToCanary', 'promoteCanary', 'deleteCanary', 'setCloudWatchRoleArn', 'flushStageCache', 'showLogs',
  'associateWebAcl', 'setClientCertificate', 'copyClientCertificatePem', 'setDocumentationVersion', 'publishDocumentation',
  'checkCloudWatchLogging',
] as const;
export type EditorCommand = (typeof EDITOR_COMMANDS)[number];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isPairs = (v: unknown): v is [string, string][] =>
  Array.isArray(v) && v.length <= 1000 && v.every((p) => Array.isArray(p) && p.length === 2 && isString(p[0]) && isString(p[1]));

function isMethodValues(v: unknown): v is MethodValues {
  if (!isObject(v)) return false;
  return (Object.keys(METHOD_DEFAULTS) as (keyof MethodValues)[]).every((k) =>
    typeof METHOD_DEFAULTS[k] === 'boolean' ? isBool(v[k]) : isString(v[k]));
}

export function isStageForm(v: unknown): v is StageForm {
  if (!isObject(v)) return false;
  const strings = ['description', 'deploymentId', 'cacheClusterSize', 'accessLogDestinationArn', 'accessLogFormat'];
  const bools = ['cacheClusterEnabled', 'tracingEnabled'];
  return (
    strings.every((k) => isString(v[k])) &&
    bools.every((k) => isBool(v[k])) &&
    isPairs(v.variables) &&
    isPairs(v.tags) &&
    isMethodValues(v.stageWide) &&
    isObject(v.overrides) &&
    Object.entries(v.overrides).every(([key, values]) => parseMethodKey(key) !== undefined && isMethodValues(values)) &&
    (v.canary === undefined || isCanaryValues(v.canary))
  );
}

function isCanaryValues(v: unknown): boolean {
  return isObject(v) && isString(v.percentTraffic) && isString(v.deploymentId) && isBool(v.useStageCache) && isPairs(v.overrides);
}

/** The message, if it is one the webview may send; undefined otherwise. */
export function parseFromWebview(m: unknown): FromWebview | undefined {
  if (!isObject(m) || !isString(m.type)) return undefined;
  switch (m.type) {
    case 'ready':
    case 'review':
    case 'save':
    case 'reload':
    case 'recreate':
    case 'restore':
    case 'openWebAcl':
    case 'copySnippet':
      return { type: m.type };
    case 'edit':
      return isStageForm(m.form) ? { type: 'edit', form: m.form } : undefined;
    case 'resolve':
      return m.choice === 'reload' || m.choice === 'applyMine' ? { type: 'resolve', choice: m.choice } : undefined;
    case 'command':
      return (EDITOR_COMMANDS as readonly unknown[]).includes(m.name) ? { type: 'command', name: m.name as EditorCommand } : undefined;
    case 'copy':
      return isString(m.text) && m.text.length <= 10_000 ? { type: 'copy', text: m.text } : undefined;
    default:
      return undefined;
  }
}
