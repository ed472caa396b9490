// The Prompter of the running editor: VS Code's quick pick and input box, with Back and "Step n of m".
import * as os from 'os';
import * as vscode from 'vscode';
import { detailText, displayText, iconMessageText, plainPickItem } from '../model/displayText';
import { Cancelled, GoBack } from '../errors';
import type { ChooseOptions, ConfirmOptions, InputOptions, PickOptions, Prompter, SaveOptions, StepInfo } from './prompter';

// Titles, placeholders and values are shown as text; items, prompts and validation messages render
// `$(icon)` and prompts `[links](…)`: what comes from AWS is escaped here, in one place (displayText.ts).
function decorate(q: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }, o: StepInfo): void {
  q.title = displayText(o.title, { max: 200, middle: true });
  q.step = o.totalSteps ? o.step : undefined;
  q.totalSteps = o.totalSteps;
  q.buttons = o.step && o.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  q.ignoreFocusOut = true;
}

/**
 * Shows a quick input until it settles: `wire` adds its own listeners and gets `finish`; Back
 * rejects with GoBack, hiding (Escape) with Cancelled. Listeners and the input are disposed once.
 */
function settle<T>(q: vscode.QuickInput & { onDidTriggerButton: vscode.Event<vscode.QuickInputButton> }, wire: (finish: (fn: () => void) => void, resolve: (v: T) => void, reject: (e: unknown) => void) => vscode.Disposable[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    const finish = (fn: () => void) => {
      subs.forEach((d) => d.dispose());
      fn();
      q.dispose();
    };
    subs.push(
      ...wire(finish, resolve, reject),
      q.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish(() => reject(new GoBack()));
      }),
      q.onDidHide(() => finish(() => reject(new Cancelled()))),
    );
    q.show();
  });
}

export const vscodePrompter: Prompter = {
  pick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: PickOptions<T>): Promise<T> {
    const qp = vscode.window.createQuickPick<T>();
    decorate(qp, options);
    qp.placeholder = options.placeholder === undefined ? undefined : displayText(options.placeholder, { max: 200, middle: true });
    qp.matchOnDescription = options.matchOnDescription ?? true;
    qp.matchOnDetail = options.matchOnDetail ?? false;
    // Items that are still loading: VS Code's busy bar meanwhile.
    qp.busy = true;
    // The quick pick shows escaped copies; the command gets its own item back.
    const originals = new Map<T, T>();
    const shown = (item: T, extra: Partial<vscode.QuickPickItem> = {}) => {
      const copy = { ...plainPickItem(item), ...extra };
      originals.set(copy, item);
      return copy;
    };
    let loaded: T[] = [];
    // The item made from what is typed goes after the others, always shown (VS Code's filter would hide a label it does not match).
    const show = () => {
      const typed = options.typed?.(qp.value);
      qp.items = typed ? [...loaded, shown(typed, { alwaysShow: true })] : loaded;
    };
    return settle<T>(qp, (finish, resolve, reject) => {
      Promise.resolve(items).then(
        (all) => {
          loaded = all.map((item) => shown(item));
          show();
          qp.busy = false;
        },
        (e: unknown) => finish(() => reject(e)),
      );
      return [
        qp.onDidAccept(() => {
          const picked = qp.selectedItems[0] ?? qp.activeItems[0];
          if (picked) finish(() => resolve(originals.get(picked) ?? picked));
        }),
        ...(options.typed ? [qp.onDidChangeValue(() => { if (!qp.busy) show(); })] : []),
      ];
    });
  },

  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions<T>): Promise<T[]> {
    const qp = vscode.window.createQuickPick<T>();
    decorate(qp, options);
    qp.canSelectMany = true;
    qp.placeholder = options.placeholder === undefined ? undefined : displayText(options.placeholder, { max: 200, middle: true });
    const originals = new Map<T, T>(items.map((item) => [{ ...plainPickItem(item) } as T, item]));
    qp.items = [...originals.keys()];
    qp.selectedItems = qp.items.filter((i) => i.picked);
    return settle<T[]>(qp, (finish, resolve) => [
      qp.onDidAccept(() => finish(() => resolve(qp.selectedItems.map((i) => originals.get(i) ?? i)))),
    ]);
  },

  async saveFile(options: SaveOptions): Promise<string> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const uri = await vscode.window.showSaveDialog({ title: options.title, defaultUri: vscode.Uri.joinPath(folder, options.defaultName), filters: { ...options.filters } });
    if (!uri) throw new Cancelled();
    return uri.toString();
  },

  input(options: InputOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    decorate(box, options);
    box.prompt = options.prompt === undefined ? undefined : iconMessageText(options.prompt);
    box.placeholder = options.placeholder === undefined ? undefined : displayText(options.placeholder, { max: 200, middle: true });
    box.value = options.value ?? '';
    const problemOf = (v: string) => {
      const problem = options.validate?.(v);
      return problem === undefined ? undefined : iconMessageText(problem);
    };
    const check = (v: string) => {
      box.validationMessage = problemOf(v);
    };
    return settle<string>(box, (finish, resolve, reject) => {
      if (options.loading) {
        box.busy = true;
        box.enabled = false;
        options.loading.then(
          () => {
            box.busy = false;
            box.enabled = true;
            if (box.value) check(box.value);
          },
          (e: unknown) => finish(() => reject(e)),
        );
      } else if (box.value) {
        check(box.value);
      }
      return [
        box.onDidChangeValue(check),
        box.onDidAccept(() => {
          if (!box.enabled) return;
          const problem = problemOf(box.value);
          box.validationMessage = problem;
          if (!problem) finish(() => resolve(box.value));
        }),
      ];
    });
  },

  async confirm(message: string, options: ConfirmOptions): Promise<boolean> {
    return (await vscodePrompter.choose(message, { detail: options.detail, choices: [options.confirm] })) === options.confirm;
  },

  async choose(message: string, options: ChooseOptions): Promise<string | undefined> {
    // A modal shows its message and detail as text (innerText): only bounds and controls matter.
    const detail = options.detail === undefined ? undefined : detailText(options.detail);
    return vscode.window.showWarningMessage(displayText(message, { max: 600, middle: true }), { modal: true, detail }, ...options.choices);
  },
};
