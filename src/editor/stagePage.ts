// The page VS Code made for a stage document (one custom editor panel): its HTML, the messages it
// sends, and the document's queue connected to it until the panel closes.
import * as vscode from 'vscode';
import type { ToWebview } from '../webview/protocol';
import { editorHtml, editorWebviewOptions } from './html';
import { Disposable } from './lifecycle';
import type { ReadyQueue } from './readyQueue';

export class StagePage extends Disposable {
  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    opts: { title: string; heading: string; outbox: ReadyQueue<ToWebview>; receive: (message: unknown) => void; closed: () => void },
  ) {
    super();
    panel.title = opts.title;
    panel.webview.options = editorWebviewOptions(extensionUri);
    panel.webview.html = editorHtml(panel.webview, vscode.Uri.joinPath(extensionUri, 'dist'), opts.heading);
    opts.outbox.connect((m) => void panel.webview.postMessage(m));
    this.register({ dispose: () => opts.outbox.disconnect() });
    this.register(panel.webview.onDidReceiveMessage(opts.receive));
    this.register(panel.onDidDispose(() => {
      this.dispose();
      opts.closed();
    }));
  }
}
