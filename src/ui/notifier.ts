// Messages to the user go through a Notifier on the context: VS Code's here; tests put a recording one.
import * as vscode from 'vscode';
import { messageText } from '../model/displayText';

export interface Notifier {
  /** An error message with buttons; resolves with the button chosen, if any. */
  error(message: string, ...actions: string[]): Thenable<string | undefined>;
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
}

export const vscodeNotifier: Notifier = {
  // Messages carry names and text from AWS: shown as written, no link made (displayText.ts).
  error: (message, ...actions) => vscode.window.showErrorMessage(messageText(message), ...actions),
  info: (message, ...actions) => vscode.window.showInformationMessage(messageText(message), ...actions),
};
