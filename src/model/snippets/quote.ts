// Quoting user text (stage variables, descriptions, log formats: anything) for the three languages.
// One escaper whose output is a valid double-quoted string in YAML, TypeScript and HCL alike: only
// the escapes all three know (\\ \" \n \r \t \uXXXX); HCL also reads `${` and `%{` as templates.

/** `"…"` with every character that could end it, break its line or be unreadable escaped. */
export function quoted(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    // C0 and C1 controls, DEL, line and paragraph separators, the BOM: YAML refuses them raw, editors hide them.
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** HCL: a quoted string whose `${` and `%{` stay text (`$${`, `%%{`). */
export function hclQuoted(text: string): string {
  return quoted(text).replace(/([$%])\{/g, '$1$1{');
}

/** A comment's text on one line: user text in it is quoted. */
export function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, ' ');
}

/** A number as written in code, or the text quoted when it is not one. */
export function literal(value: string | number | boolean, quote: (s: string) => string = quoted): string {
  return typeof value === 'string' ? quote(value) : String(value);
}
