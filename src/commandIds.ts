// Every command's name, in one place: `apigatewayStages.<name>` in package.json. A unit test checks
// both directions (each name contributed, each contributed command here).
export const COMMAND_NAMES = [
  'refresh',
  'refreshNode',
  'retryNode',
  'copyInvokeUrl',
  'copyId',
  'showLogs',
  'selectProfile',
  'selectRegion',
  'switchConnection',
  'openAwsConfig',
  'createStage',
  'changeDeployment',
  'deployToStage',
  'deleteStage',
  'deployToCanary',
  'promoteCanary',
  'deleteCanary',
  'restoreStage',
  'deleteStageSnapshot',
  'openInConsole',
  'editStageSettings',
  'editStageSetting',
  'setCloudWatchRoleArn',
  'flushStageCache',
  'flushAuthorizersCache',
  'saveStage',
  'editDeploymentDescription',
  'deleteDeployment',
  'exportApiDefinition',
  'generateSdk',
  'associateWebAcl',
  'setClientCertificate',
  'copyClientCertificatePem',
  'setDocumentationVersion',
  'publishDocumentation',
  'checkCloudWatchLogging',
  'openWalkthrough',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

export const COMMAND_PREFIX = 'apigatewayStages.';

/** The walkthrough's id in package.json (contributes.walkthroughs). */
export const WALKTHROUGH_ID = 'getStarted';

/** A command's id, as package.json and executeCommand name it: never typed by hand (a unit test looks). */
export function commandId(name: CommandName): string {
  return `${COMMAND_PREFIX}${name}`;
}
