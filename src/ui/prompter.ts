// Every question a command asks goes through a Prompter on the context: VS Code's quick input
// here; a scripted one in tests, which fails at once on a question it did not expect.
import type * as vscode from 'vscode';

export interface StepInfo {
  readonly title: string;
  /** "Step n of m" and the Back button (from step 2). */
  readonly step?: number;
  readonly totalSteps?: number;
}

export interface PickOptions<T = vscode.QuickPickItem> extends StepInfo {
  readonly placeholder?: string;
  readonly matchOnDescription?: boolean;
  readonly matchOnDetail?: boolean;
  /** An item made from what is typed (e.g. `New stage "beta"`), offered after the others as the text changes; none for undefined. */
  readonly typed?: (value: string) => T | undefined;
}

export interface InputOptions extends StepInfo {
  readonly prompt?: string;
  readonly placeholder?: string;
  readonly value?: string;
  /** Checked while typing; the message shows under the box and the value cannot be accepted. */
  readonly validate?: (value: string) => string | undefined;
  /** What `validate` needs, still loading: the box shows at once, busy, and takes input when this settles; its failure ends the prompt. */
  readonly loading?: Promise<unknown>;
}

export interface ConfirmOptions {
  readonly detail?: string;
  /** The button that goes ahead, e.g. "Delete Stage". */
  readonly confirm: string;
}

export interface SaveOptions {
  readonly title: string;
  /** The file name offered, in the workspace's first folder (else the home folder). */
  readonly defaultName: string;
  /** The dialog's file types, e.g. `{ 'ZIP archive': ['zip'] }`. */
  readonly filters: Readonly<Record<string, string[]>>;
}

export interface Prompter {
  /** Resolves with the picked item; Escape rejects with a cancellation, Back with GoBack. */
  pick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: PickOptions<T>): Promise<T>;
  /** Several items (their `picked` set at first); resolves with those checked, maybe none. Escape and Back as for pick. */
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions<T>): Promise<T[]>;
  /** A save dialog: the URI (as a string) of the file chosen; closing it rejects with a cancellation. */
  saveFile(options: SaveOptions): Promise<string>;
  input(options: InputOptions): Promise<string>;
  /** A modal warning; true only when the confirm button was chosen. */
  confirm(message: string, options: ConfirmOptions): Promise<boolean>;
  /** A modal warning with several ways on; the label chosen, or undefined when it was closed. */
  choose(message: string, options: ChooseOptions): Promise<string | undefined>;
}

export interface ChooseOptions {
  readonly detail?: string;
  readonly choices: readonly string[];
}

