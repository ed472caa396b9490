// Stage names as AWS allows them: 1–128 letters, digits, `-` and `_`, unique in the API.

export const STAGE_NAME_MAX = 128;

/** What is wrong with `name` as a new stage of an API that has `existing` stages; undefined if fine. */
export function stageNameProblem(name: string, existing: readonly string[] = []): string | undefined {
  if (name.length === 0) return 'Enter a stage name: 1–128 letters, digits, "-" or "_".';
  if (name.length > STAGE_NAME_MAX) return `A stage name has at most ${STAGE_NAME_MAX} characters (this one has ${name.length}).`;
  const bad = [...name].find((c) => !/[A-Za-z0-9_-]/.test(c));
  if (bad !== undefined) return `A stage name may only contain letters A–Z and a–z, digits, "-" and "_"; ${describeChar(bad)} is not allowed.`;
  if (existing.includes(name)) return `The API already has a stage named "${name}".`;
  return undefined;
}

export function describeChar(c: string): string {
  if (c === ' ') return 'a space';
  const code = c.codePointAt(0) ?? 0;
  const named = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 0x20 || code === 0x7f) return `the control character ${named}`;
  // Invisible or combining characters (zero-width space, no-break space, accents) are named by their code.
  if (!/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c)) return `the character ${named}`;
  return `"${c}"`;
}

/** The first control character of the text (U+0000–U+001F, U+007F) not in `allowed`; undefined when none. */
export function firstControlCharacter(text: string, allowed = ''): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 || code === 0x7f) && !allowed.includes(text[i])) return text[i];
  }
  return undefined;
}

/** Whether the text holds a control character (a line break, a tab, U+0000–U+001F, U+007F). */
export const hasControlCharacter = (text: string): boolean => firstControlCharacter(text) !== undefined;

/** Deployment descriptions and stage descriptions: AWS takes any text; keep it to one sane size. */
export const DESCRIPTION_MAX = 1024;

export function descriptionProblem(text: string): string | undefined {
  if (text.length > DESCRIPTION_MAX) return `A description has at most ${DESCRIPTION_MAX} characters (this one has ${text.length}).`;
  return undefined;
}
