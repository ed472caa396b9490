// Who owns a stage: a tool that deploys it from code, told by the tags it leaves. CloudFormation (and
// SAM, CDK, Serverless, which deploy through it) tags what it makes with its stack's name; a team may
// name its own tag keys (the setting `apigatewayStages.ownerTagKeys`). Tags come with GetStages,
// GetStage and GetRestApis: knowing the owner costs no request.

export const STACK_TAG = 'aws:cloudformation:stack-name';

export type Owner =
  | { readonly kind: 'cloudformation'; readonly stack: string }
  | { readonly kind: 'tag'; readonly key: string; readonly value: string };

type Tags = Readonly<Record<string, string>> | undefined;

/**
 * The owner from the stage's tags, else its API's (LocalStack tags only the API): the stack tag
 * first, then the first of `ownerTagKeys` found. Stage tags win over API tags.
 */
export function ownerOf(stageTags: Tags, apiTags: Tags, ownerTagKeys: readonly string[] = []): Owner | undefined {
  const stack = stageTags?.[STACK_TAG] || apiTags?.[STACK_TAG];
  if (stack) return { kind: 'cloudformation', stack };
  for (const tags of [stageTags, apiTags]) {
    for (const key of ownerTagKeys) {
      const value = tags?.[key];
      if (key && value !== undefined) return { kind: 'tag', key, value };
    }
  }
  return undefined;
}

/** `CloudFormation stack "my-stack"` / `managed-by = "terraform"`, for prompts. */
export function ownerName(o: Owner): string {
  return o.kind === 'cloudformation' ? `CloudFormation stack "${o.stack}"` : `${o.key} = "${o.value}"`;
}

/** The tree row's short mark: `CloudFormation: my-stack`, `managed-by: terraform`. */
export function ownerShort(o: Owner): string {
  return o.kind === 'cloudformation' ? `CloudFormation: ${o.stack}` : `${o.key}: ${o.value}`;
}

/** Markdown: the editor's banner and the tooltip's line. */
export function ownerBanner(o: Owner): string {
  return o.kind === 'cloudformation'
    ? `Managed by CloudFormation stack \`${o.stack}\`: changes made here drift from the template, and the next stack update may undo them`
    : `Managed by \`${o.key}\` = \`${o.value}\`: changes made here drift from its source, and its next deploy may undo them`;
}

/** The same as one plain sentence, for a review and a confirmation (no Markdown there). */
export function ownerWarning(o: Owner): string {
  return o.kind === 'cloudformation'
    ? `Managed by CloudFormation stack "${o.stack}": changes made here drift from the template, and the next stack update may undo them.`
    : `Managed by ${o.key} = "${o.value}": changes made here drift from its source, and its next deploy may undo them.`;
}

/** The setting's value as a list of keys: anything else (a hand-edited settings.json) is left out. */
export function ownerTagKeysFrom(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string' && k.trim() !== '').map((k) => k.trim()) : [];
}
