// Hostile data from AWS: names, descriptions, paths, variables and tags that anyone allowed to
// create an API in the account may choose. Seeded with the real SDK into moto, which accepts more
// than AWS (stage names outside [A-Za-z0-9_-], any path part): an emulator, or AWS tomorrow, may
// return them, and the extension must show every one as the characters it is.
import {
  type APIGatewayClient, CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand, CreateStageCommand,
  GetResourcesCommand, GetStageCommand, UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { methodKey } from '../../src/model/methodKey';
import { methodSettingPatches } from '../../src/model/patchPaths';
import { addMockMethod, sampleClient } from './seed';

/** Set by any script or handler that the data manages to run in a page (webview, workbench). */
export const HOSTILE_FLAG = '__apigwHostileRan';

/** The 10,000-character string: one word, the worst case for wrapping. */
export const LONG = `long-${'W'.repeat(9990)}-end`;

export interface Hostile {
  /** Short, safe: used in the fallback stage name when moto refuses the text as one, and in test titles. */
  readonly key: string;
  readonly text: string;
}

export const HOSTILE: readonly Hostile[] = [
  { key: 'img', text: `<img src=x onerror="window.${HOSTILE_FLAG}=1">img` },
  { key: 'script', text: `<script>window.${HOSTILE_FLAG}=1</script>script` },
  { key: 'attr', text: `"'><svg onload=window.${HOSTILE_FLAG}=1>attr` },
  { key: 'md', text: '**bold** _it_ [link](https://evil.example/x) ![img](https://evil.example/x.png) `code`' },
  { key: 'cmd', text: '[Close](command:workbench.action.closeWindow) [q](command:workbench.action.quit "t")' },
  { key: 'icon', text: '$(bug) $(sync~spin) icons' },
  { key: 'escicon', text: '\\$(bug) escaped icon' },
  { key: 'ctrl', text: 'ctl\u0000\u0007\b\u001b[31mred\u001b[0m\r\nline2\ttab\u0085nel' },
  { key: 'rtl', text: 'rtl \u202Egnp.exe\u202C \u2067iso\u2069 after' },
  { key: 'long', text: LONG },
  { key: 'emoji', text: '🚀 emoji 👨‍👩‍👧‍👦 🇺🇸 é ZWJ' },
  { key: 'entity', text: '&lt;b&gt; &amp; &#x27; entity' },
  { key: 'autolink', text: 'https://evil.example www.evil.example mail@evil.example' },
  { key: 'mdblock', text: '# heading\n- list\n| a | b |\n|---|---|\n> quote\n    indented' },
  { key: 'jsurl', text: 'javascript:alert(1) {{constructor.constructor("alert(1)")()}}' },
];

export interface SeededHostile {
  readonly hostile: Hostile;
  readonly restApiId: string;
  /** A readable stage carrying the text: named with it when moto can read it back, else `h_<key>`. */
  readonly stageName: string;
  /**
   * Also listed by GetStages: a stage named with the text that moto stores but cannot read back
   * (GetStage answers "Invalid stage identifier specified": it does not decode the name in the URL).
   */
  readonly unreadableStage?: string;
  /** The resource path made with the text as its path part, when moto took it. */
  readonly resourcePath?: string;
}

/**
 * One REST API per hostile text: the API's name and description, a deployment's description, a
 * stage named with it (moto lists any name but reads back only some: see `unreadableStage`) with it
 * as description, variable value and tag value, a resource whose path part is the text (moto
 * accepts only `[A-Za-z0-9._-]` and braces: the long one) with a GET and a method override.
 * Expects an empty emulator: call `emulator.reset()` first.
 */
export async function seedHostile(endpoint: string, region = 'us-east-1'): Promise<SeededHostile[]> {
  const client = sampleClient(endpoint, region);
  try {
    const seeded: SeededHostile[] = [];
    for (const hostile of HOSTILE) seeded.push(await seedOne(client, hostile));
    return seeded;
  } finally {
    client.destroy();
  }
}

async function seedOne(client: APIGatewayClient, hostile: Hostile): Promise<SeededHostile> {
  const text = hostile.text;
  const { id } = await client.send(new CreateRestApiCommand({ name: text, description: text, endpointConfiguration: { types: ['REGIONAL'] } }));
  const restApiId = id!;
  const root = (await client.send(new GetResourcesCommand({ restApiId }))).items!.find((x) => x.path === '/')!;
  await addMockMethod(client, restApiId, root.id!, 'GET');
  const resourcePath = await tryResource(client, restApiId, root.id!, text);
  const { id: deploymentId } = await client.send(new CreateDeploymentCommand({ restApiId, description: text }));

  const stage = { restApiId, deploymentId, description: text, variables: { hostile: text }, tags: { hostile: text } };
  let stageName = text;
  let unreadableStage: string | undefined;
  await client.send(new CreateStageCommand({ ...stage, stageName }));
  try {
    await client.send(new GetStageCommand({ restApiId, stageName }));
  } catch {
    unreadableStage = text;
    stageName = `h_${hostile.key}`;
    await client.send(new CreateStageCommand({ ...stage, stageName }));
  }
  const key = methodKey(resourcePath ?? '/', 'GET');
  await client.send(new UpdateStageCommand({
    restApiId, stageName, patchOperations: methodSettingPatches({ [key]: { cachingEnabled: true, cacheTtlInSeconds: 60 } }),
  }));
  return { hostile, restApiId, stageName, unreadableStage, resourcePath };
}

/** A resource with the text as its path part (and a GET), or undefined when moto refuses it. */
async function tryResource(client: APIGatewayClient, restApiId: string, parentId: string, pathPart: string): Promise<string | undefined> {
  try {
    const created = await client.send(new CreateResourceCommand({ restApiId, parentId, pathPart }));
    await addMockMethod(client, restApiId, created.id!, 'GET');
    return created.path;
  } catch {
    return undefined;
  }
}
