// Plain JSON read and written for a person: syntax errors in words with their place, and a printer that
// keeps a number as written and a key given twice (so a document shows what the form holds, even a mistake).
import { createScanner, getLocation, type Node, parseTree, printParseErrorCode } from 'jsonc-parser';

/** Something wrong in a JSON text: `path` is a JSON pointer (as ajv's `instancePath`), offset and length are in the text. */
export interface JsonProblem {
  readonly path: string;
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

/** `['methodSettings', '*\/*']` → `/methodSettings/*~1*` (RFC 6901). */
export function jsonPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

// By jsonc-parser's names (its ParseErrorCode is a const enum, which a transpile-only build cannot inline).
const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'This is not JSON: a value is a "string", a number, true, false, null, an {object} or an [array].',
  InvalidNumberFormat: 'Not a JSON number (no leading zeros, "+", hex or a trailing ".").',
  PropertyNameExpected: 'Expected a property name in double quotes.',
  ValueExpected: 'Expected a value.',
  ColonExpected: 'Expected ":" after the property name.',
  CommaExpected: 'Expected "," between two entries.',
  CloseBraceExpected: 'Expected "}" to close the object.',
  CloseBracketExpected: 'Expected "]" to close the list.',
  EndOfFileExpected: 'Expected the end of the document after its object.',
  InvalidCommentToken: 'Comments are not allowed: this is JSON.',
  UnexpectedEndOfComment: 'A comment that is not closed (and comments are not allowed: this is JSON).',
  UnexpectedEndOfString: 'A string is not closed: it ends with " on the same line (write a line break as \\n).',
  UnexpectedEndOfNumber: 'A number ends too early.',
  InvalidUnicode: 'A \\u escape takes four hex digits, like \\u00e9.',
  InvalidEscapeCharacter: 'Not an escape JSON knows: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX.',
  InvalidCharacter: 'A control character in a string must be escaped (\\t, \\n, \\u0000…).',
};

/** The deepest nesting read; a deeper text is refused before parsing (the parser recurses, and would overflow the stack). */
const MAX_DEPTH = 32;

/** The parsed tree, or the syntax problems: the first error (later ones mostly follow from it) and every comment. */
export function parseJson(text: string): { root: Node } | { problems: JsonProblem[] } {
  const deep = tooDeep(text);
  if (deep !== undefined) return { problems: [{ path: '', message: `Nested more than ${MAX_DEPTH} levels deep: not a document of this kind.`, offset: deep, length: 1 }] };
  const errors: { error: number; offset: number; length: number }[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const problems: JsonProblem[] = [];
  let first = true;
  for (const e of errors) {
    const name = printParseErrorCode(e.error);
    if (name !== 'InvalidCommentToken' && !first) continue;
    if (name !== 'InvalidCommentToken') first = false;
    // Clamped: the parser places an unclosed comment at the end past the text.
    const offset = Math.min(e.offset, text.length);
    problems.push({ path: placeOf(text, offset), message: syntaxMessage(text, name, offset), offset, length: Math.min(e.length, text.length - offset) });
  }
  if (problems.length || !root) return { problems: problems.length ? problems : [{ path: '', message: SYNTAX.ValueExpected, offset: 0, length: 0 }] };
  return { root };
}

function syntaxMessage(text: string, name: string, offset: number): string {
  if (text.trim() === '') return 'The document is empty: it is one JSON object, { … }.';
  const before = text.slice(0, offset).trimEnd();
  if ((name === 'PropertyNameExpected' || name === 'ValueExpected') && before.endsWith(',') && /^\s*[}\]]/.test(text.slice(offset))) {
    return 'A comma before "}" or "]" is not allowed: this is JSON. Remove it.';
  }
  if (offset >= text.trimEnd().length && (name === 'CloseBraceExpected' || name === 'CloseBracketExpected' || name === 'ValueExpected')) {
    return `The document ends too early. ${SYNTAX[name]}`;
  }
  return SYNTAX[name] ?? 'This is not valid JSON here.';
}

/** The pointer of the value around `offset`; at a property name (one expected after a comma), its object's. */
function placeOf(text: string, offset: number): string {
  const location = getLocation(text, offset);
  return jsonPointer(location.isAtPropertyKey ? location.path.slice(0, -1) : location.path);
}

/** The offset of the first bracket past MAX_DEPTH, or undefined (a scan, no recursion). */
function tooDeep(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== 17; token = scanner.scan()) {
    // SyntaxKind (a const enum): 1 {, 2 }, 3 [, 4 ], 17 end of file.
    if (token === 1 || token === 3) {
      if (++depth > MAX_DEPTH) return scanner.getTokenOffset();
    } else if (token === 2 || token === 4) depth--;
  }
  return undefined;
}

/** A number written as its text (JSON allows `10000.0`; JSON.stringify would write `10000`). */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** An object as its entries, so a key may be written twice. */
export class JsonObject {
  constructor(readonly entries: readonly (readonly [string, JsonValue])[]) {}
}

export type JsonValue = string | boolean | JsonNumber | JsonObject;

/** As JSON.stringify(value, null, 2) writes it, with a final line break. */
export function printJson(value: JsonValue): string {
  return `${print(value, '')}\n`;
}

function print(value: JsonValue, indent: string): string {
  if (value instanceof JsonNumber) return value.text;
  if (!(value instanceof JsonObject)) return JSON.stringify(value);
  if (value.entries.length === 0) return '{}';
  const inner = `${indent}  `;
  return `{\n${value.entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${print(v, inner)}`).join(',\n')}\n${indent}}`;
}
