// Figures that do not depend on data: the production bundles and the packaged VSIX.
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../harness/paths';
import { buildVsix } from '../harness/buildVsix';

export interface VsixEntry {
  readonly name: string;
  readonly bytes: number;
  readonly compressed: number;
}

export interface StaticFigures {
  readonly extensionBytes: number;
  readonly webviewBytes: number;
  readonly vsixBytes: number;
  readonly vsixFiles: VsixEntry[];
}

/** `npm run build:prod` and `npm run package` (fresh, so dist/ is the production build), then the sizes. */
export async function staticFigures(log: (l: string) => void): Promise<StaticFigures> {
  const root = repoRoot();
  const vsix = await buildVsix(log);
  const size = (f: string) => fs.statSync(path.join(root, f)).size;
  return { extensionBytes: size('dist/extension.js'), webviewBytes: size('dist/webview.js'), vsixBytes: fs.statSync(vsix).size, vsixFiles: zipEntries(fs.readFileSync(vsix)) };
}

/** The files of a zip, from its central directory (no unzip needed). */
export function zipEntries(zip: Buffer): VsixEntry[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out: VsixEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad zip central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    out.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), compressed: zip.readUInt32LE(at + 20), bytes: zip.readUInt32LE(at + 24) });
    at += 46 + skip;
  }
  return out;
}
