// What the extension shows or hands to the user outside a question goes through a Notifier on the
// context: messages, the status bar, the clipboard, progress, documents. VS Code's here; tests put a
// recording one. Nothing outside src/ui/ calls vscode.window or vscode.env.clipboard for these
// (a lint rule holds it: test/lint/eslint.config.mjs, project/ui-through-ctx).
import * as vscode from 'vscode';
import { iconMessageText, messageText } from '../model/displayText';

export interface ProgressOptions {
  /** A Cancel button: it aborts the task's signal. */
  readonly cancellable?: boolean;
  /** The progress bar of this view instead of a notification (e.g. the tree while a node reloads). */
  readonly view?: string;
}

/** A text document for an editor tab: a file on disk, or untitled content in a language. */
export type TextDocumentToShow = { readonly file: string } | { readonly content: string; readonly language: string };

export interface Notifier {
  /** An error message with buttons; resolves with the button chosen, if any. */
  error(message: string, ...actions: string[]): Thenable<string | undefined>;
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
  /** A short note in the status bar (`$(icon)` rendered), gone after `ms`. */
  status(message: string, ms: number): void;
  /** Puts text on the clipboard. */
  copy(text: string): Promise<void>;
  /** Runs `task` under a progress bar titled `title`; `report` adds a line to it (a wait, say). */
  progress<T>(title: string, task: (signal: AbortSignal, report: (message: string) => void) => Promise<T>, options?: ProgressOptions): Promise<T>;
  /** Opens a text document in a (non-preview) editor tab. */
  showDocument(doc: TextDocumentToShow): Promise<void>;
}

export const vscodeNotifier: Notifier = {
  // Messages carry names and text from AWS: shown as written, no link made (displayText.ts).
  error: (message, ...actions) => vscode.window.showErrorMessage(messageText(message), ...actions),
  info: (message, ...actions) => vscode.window.showInformationMessage(messageText(message), ...actions),
  status(message, ms) {
    void vscode.window.setStatusBarMessage(iconMessageText(message), ms);
  },
  copy: async (text) => vscode.env.clipboard.writeText(text),
  progress<T>(title: string, task: (signal: AbortSignal, report: (message: string) => void) => Promise<T>, options: ProgressOptions = {}): Promise<T> {
    const location = options.view ? { viewId: options.view } : vscode.ProgressLocation.Notification;
    return Promise.resolve(vscode.window.withProgress({ location, title: messageText(title), cancellable: !!options.cancellable }, (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return task(abort.signal, (message) => progress.report({ message }));
    }));
  },
  async showDocument(doc) {
    const document = 'file' in doc ? await vscode.workspace.openTextDocument(vscode.Uri.file(doc.file)) : await vscode.workspace.openTextDocument({ content: doc.content, language: doc.language });
    await vscode.window.showTextDocument(document, { preview: false });
  },
};
