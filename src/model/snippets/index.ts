// Copy as Template Snippet: the pending change written for the tool that owns the stage.
import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import type { Owner } from '../ownership';
import { isEmptyChange, stageChangeOf } from './change';
import { cdkSnippet } from './cdk';
import { cloudFormationSnippet } from './cloudFormation';
import { terraformSnippet } from './terraform';

export type SnippetTool = 'cloudformation' | 'cdk' | 'terraform';

export const SNIPPET_TOOLS: readonly { readonly tool: SnippetTool; readonly label: string }[] = [
  { tool: 'cloudformation', label: 'CloudFormation/SAM (YAML)' },
  { tool: 'cdk', label: 'CDK (TypeScript)' },
  { tool: 'terraform', label: 'Terraform (HCL)' },
];

/** The tools in the order offered: a CloudFormation owner's first (CDK and SAM deploy through it too). */
export function snippetTools(owner: Owner | undefined): SnippetTool[] {
  const all = SNIPPET_TOOLS.map((t) => t.tool);
  if (owner?.kind === 'tag' && /terraform/i.test(`${owner.key} ${owner.value}`)) return ['terraform', 'cloudformation', 'cdk'];
  return all;
}

/** The snippet, or undefined when the operations change nothing a template holds. */
export function templateSnippet(tool: SnippetTool, stageName: string, ops: readonly PatchOperation[]): string | undefined {
  const change = stageChangeOf(stageName, ops);
  if (isEmptyChange(change)) return undefined;
  return tool === 'cloudformation' ? cloudFormationSnippet(change) : tool === 'cdk' ? cdkSnippet(change) : terraformSnippet(change);
}
