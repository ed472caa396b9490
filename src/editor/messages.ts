// Messages from the stage editor's page: checked before anything acts on them; anything else is
// ignored and logged (a bug in the page, or a page that is not ours).
import type { Logger } from '../aws/logger';
import { type FromWebview, parseFromWebview } from '../webview/protocol';

/** The message if the page may send it; else undefined, with a log line saying what came. */
export function acceptFromWebview(raw: unknown, log: Pick<Logger, 'warn'>, who: string): FromWebview | undefined {
  const m = parseFromWebview(raw);
  if (!m) log.warn(`${who}: ignored a malformed message ${preview(raw)}`);
  return m;
}

/** At most 200 characters of it, whatever it is (JSON.stringify throws on a BigInt or a cycle). */
function preview(raw: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(raw);
  } catch {
    text = undefined;
  }
  return (text ?? `(${typeof raw})`).slice(0, 200);
}
