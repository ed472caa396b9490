// The Prompter of the running editor: VS Code's quick pick and input box, with Back and "Step n of m".
import * as vscode from 'vscode';
import { Cancelled, type ConfirmOptions, GoBack, type InputOptions, type PickOptions, type Prompter, type StepInfo } from './prompter';

function decorate(q: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }, o: StepInfo): void {
  q.title = o.title;
  q.step = o.totalSteps ? o.step : undefined;
  q.totalSteps = o.totalSteps;
  q.buttons = o.step && o.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  q.ignoreFocusOut = true;
}

export const vscodePrompter: Prompter = {
  pick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: PickOptions): Promise<T> {
    const qp = vscode.window.createQuickPick<T>();
    decorate(qp, options);
    qp.placeholder = options.placeholder;
    qp.matchOnDescription = options.matchOnDescription ?? true;
    qp.matchOnDetail = options.matchOnDetail ?? false;
    return new Promise<T>((resolve, reject) => {
      const subs: vscode.Disposable[] = [];
      const finish = (fn: () => void) => {
        subs.forEach((d) => d.dispose());
        fn();
        qp.dispose();
      };
      subs.push(
        qp.onDidAccept(() => {
          const picked = qp.selectedItems[0] ?? qp.activeItems[0];
          if (picked) finish(() => resolve(picked));
        }),
        qp.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) finish(() => reject(new GoBack()));
        }),
        qp.onDidHide(() => finish(() => reject(new Cancelled()))),
      );
      // Items that are still loading: VS Code's busy bar meanwhile.
      qp.busy = true;
      qp.show();
      Promise.resolve(items).then(
        (loaded) => {
          qp.items = loaded;
          qp.busy = false;
        },
        (e: unknown) => finish(() => reject(e)),
      );
    });
  },

  input(options: InputOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    decorate(box, options);
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    const check = (v: string) => {
      box.validationMessage = options.validate?.(v);
    };
    return new Promise<string>((resolve, reject) => {
      const subs: vscode.Disposable[] = [];
      const finish = (fn: () => void) => {
        subs.forEach((d) => d.dispose());
        fn();
        box.dispose();
      };
      subs.push(
        box.onDidChangeValue(check),
        box.onDidAccept(() => {
          if (!box.enabled) return;
          const problem = options.validate?.(box.value);
          box.validationMessage = problem;
          if (!problem) finish(() => resolve(box.value));
        }),
        box.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) finish(() => reject(new GoBack()));
        }),
        box.onDidHide(() => finish(() => reject(new Cancelled()))),
      );
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
      box.show();
    });
  },

  async confirm(message: string, options: ConfirmOptions): Promise<boolean> {
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail: options.detail }, options.confirm);
    return choice === options.confirm;
  },
};
