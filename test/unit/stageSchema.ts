// The shipped schema of the stage's JSON document, compiled by ajv, and a way to write documents with a
// value put in as-is (a number literal JSON.stringify cannot write, like 9…9 with 400 digits).
import Ajv, { type ErrorObject } from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../harness/paths';

export const SCHEMA = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'media', 'stage-settings.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(SCHEMA);

/** The schema's errors for a document (JSON.parse reads it, as the last duplicate key wins). */
export function schemaErrors(text: string): ErrorObject[] {
  return validate(JSON.parse(text)) ? [] : [...(validate.errors ?? [])];
}

const RAW = '\u0000raw\u0000';

/** A value written as this text, not as a JSON string. */
export function raw(literal: string): string {
  return `${RAW}${literal}${RAW}`;
}

/** `v` as JSON: as a number when it is JSON's number syntax, else as a string. */
export function asJsonValue(v: string): string {
  return /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(v) ? raw(v) : v;
}

/** A document, pretty-printed, with raw() values in place. */
export function docText(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2).replace(/"\\u0000raw\\u0000(.*?)\\u0000raw\\u0000"/g, '$1')}\n`;
}
