// A review's notes in rows a quick pick shows whole.

/** A note's sentences (split after `. `, `; ` or `: ` where a long one needs it), each short enough for a quick pick row. */
export function sentences(note: string, max = 110): string[] {
  const out: string[] = [];
  for (const part of note.split(/(?<=\.) (?=[A-Z"(])/)) {
    if (part.length <= max) {
      out.push(part);
      continue;
    }
    let rest = part;
    while (rest.length > max) {
      const cut = Math.max(rest.lastIndexOf('; ', max), rest.lastIndexOf(': ', max), rest.lastIndexOf(', ', max));
      const at = cut > max / 3 ? cut + 1 : rest.lastIndexOf(' ', max);
      if (at <= 0) break;
      out.push(rest.slice(0, at).trim());
      rest = rest.slice(at).trim();
    }
    out.push(rest);
  }
  return out;
}

