// A Prompter that answers from a script, in order, and fails at once on a question it did not
// expect (the model: vscode-azuretools' TestUserInput). Every question asked is recorded.
import { Cancelled, GoBack } from '../../src/errors';
import type { QuickPickItem } from 'vscode';
import { type ChooseOptions, type ConfirmOptions, type InputOptions, type PickOptions, type Prompter, type SaveOptions } from '../../src/ui/prompter';

export type Answer =
  /**
   * Pick the item whose label (codicons stripped) is this; a RegExp is tested on `label · description · detail`.
   * `meanwhile` runs before the answer is given: what someone else does while the user looks at the pick.
   * `type`: text typed into the pick first; the item the pick makes of it (PickOptions.typed) is offered after the others.
   */
  | { pick: string | RegExp; meanwhile?: () => Promise<unknown>; type?: string }
  /** Type this into an input box; it must pass the box's validation unless `expectProblem` is given. `meanwhile` as for a pick. */
  | { input: string; expectProblem?: RegExp; meanwhile?: () => Promise<unknown> }
  /** `meanwhile` runs before the answer, as for a pick. */
  | { confirm: boolean; meanwhile?: () => Promise<unknown> }
  /** A modal with several buttons: the label of the one chosen (undefined: closed). */
  | { choose: string | undefined }
  /** A multi-select pick: the items to check, as for `pick` (an empty list checks none). */
  | { pickMany: (string | RegExp)[] }
  /** A save dialog: the URI string of the file chosen (undefined: closed). */
  | { save: string | undefined }
  | 'back'
  | 'cancel';

export interface Asked {
  kind: 'pick' | 'input' | 'confirm' | 'choose' | 'save';
  title: string;
  step?: number;
  totalSteps?: number;
  placeholder?: string;
  /** Save: the file name offered. */
  defaultName?: string;
  /** Pick: the labels offered. */
  labels?: string[];
  /** Pick: the items as the command built them (the VS Code prompter shows them through plainPickItem). */
  items?: readonly QuickPickItem[];
  /** Pick: the item made of the typed text (`type`), when the pick offers one. */
  typed?: QuickPickItem;
  /** Confirm: the message and detail. */
  message?: string;
  detail?: string;
  /** Input: the validation message for the typed value. */
  problem?: string;
  /** Input: the value the box was prefilled with. */
  value?: string;
}

const stripIcons = (label: string) => label.replace(/\$\([^)]*\)\s*/g, '').trim();

export class ScriptedPrompter implements Prompter {
  readonly asked: Asked[] = [];
  private readonly answers: Answer[];

  constructor(answers: Answer[]) {
    this.answers = [...answers];
  }

  /** Answers not used: a test checks this is empty. */
  get left(): readonly Answer[] {
    return this.answers;
  }

  async pick<T extends QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, o: PickOptions<T>): Promise<T> {
    const loaded = await items;
    const asked: Asked = { kind: 'pick', title: o.title, step: o.step, totalSteps: o.totalSteps, placeholder: o.placeholder, labels: loaded.filter((i) => i.kind !== -1).map((i) => stripIcons(i.label)), items: loaded };
    this.asked.push(asked);
    const a = this.next(asked);
    if (a === 'back') throw new GoBack();
    if (a === 'cancel') throw new Cancelled();
    if (!('pick' in a)) throw this.unexpected(asked, a);
    let list = loaded;
    if (a.type !== undefined) {
      if (!o.typed) throw new Error(`ScriptedPrompter: "${o.title}" makes no item of typed text ("${a.type}")`);
      asked.typed = o.typed(a.type);
      if (asked.typed) list = [...loaded, asked.typed as T];
    }
    const text = (i: QuickPickItem) => [stripIcons(i.label), i.description, i.detail].filter(Boolean).join(' · ');
    const found = list.find((i) => i.kind !== -1 && (typeof a.pick === 'string' ? stripIcons(i.label) === a.pick : a.pick.test(text(i))));
    if (!found) throw new Error(`ScriptedPrompter: no item "${a.pick}" in "${o.title}"; offered: ${list.filter((i) => i.kind !== -1).map((i) => stripIcons(i.label)).join(' | ')}`);
    await a.meanwhile?.();
    return found;
  }

  async pickMany<T extends QuickPickItem>(items: readonly T[], o: PickOptions<T>): Promise<T[]> {
    const asked: Asked = { kind: 'pick', title: o.title, step: o.step, totalSteps: o.totalSteps, placeholder: o.placeholder, labels: items.map((i) => stripIcons(i.label)), items };
    this.asked.push(asked);
    const a = this.next(asked);
    if (a === 'back') throw new GoBack();
    if (a === 'cancel') throw new Cancelled();
    if (!('pickMany' in a)) throw this.unexpected(asked, a);
    return a.pickMany.map((want) => {
      const found = items.find((i) => (typeof want === 'string' ? stripIcons(i.label) === want : want.test([stripIcons(i.label), i.description, i.detail].filter(Boolean).join(' · '))));
      if (!found) throw new Error(`ScriptedPrompter: no item "${want}" in "${o.title}"; offered: ${asked.labels!.join(' | ')}`);
      return found;
    });
  }

  async saveFile(o: SaveOptions): Promise<string> {
    const asked: Asked = { kind: 'save', title: o.title, defaultName: o.defaultName };
    this.asked.push(asked);
    const a = this.next(asked);
    if (a === 'cancel') throw new Cancelled();
    if (typeof a === 'string' || !('save' in a)) throw this.unexpected(asked, a);
    if (a.save === undefined) throw new Cancelled();
    return a.save;
  }

  async input(o: InputOptions): Promise<string> {
    await o.loading;
    const asked: Asked = { kind: 'input', title: o.title, step: o.step, totalSteps: o.totalSteps, placeholder: o.prompt, value: o.value };
    this.asked.push(asked);
    const a = this.next(asked);
    if (a === 'back') throw new GoBack();
    if (a === 'cancel') throw new Cancelled();
    if (!('input' in a)) throw this.unexpected(asked, a);
    asked.problem = o.validate?.(a.input);
    if (a.expectProblem) {
      if (!asked.problem || !a.expectProblem.test(asked.problem)) throw new Error(`ScriptedPrompter: expected a problem like ${a.expectProblem} for "${a.input}", got ${JSON.stringify(asked.problem)}`);
      // As in the editor: a value with a problem cannot be accepted; the user gives up.
      throw new Cancelled();
    }
    if (asked.problem) throw new Error(`ScriptedPrompter: "${a.input}" was rejected in "${o.title}": ${asked.problem}`);
    await a.meanwhile?.();
    return a.input;
  }

  async confirm(message: string, o: ConfirmOptions): Promise<boolean> {
    const asked: Asked = { kind: 'confirm', title: message, message, detail: o.detail };
    this.asked.push(asked);
    const a = this.next(asked);
    if (a === 'cancel') return false;
    if (typeof a === 'string' || !('confirm' in a)) throw this.unexpected(asked, a);
    await a.meanwhile?.();
    return a.confirm;
  }

  async choose(message: string, o: ChooseOptions): Promise<string | undefined> {
    const asked: Asked = { kind: 'choose', title: message, message, detail: o.detail, labels: [...o.choices] };
    this.asked.push(asked);
    const a = this.next(asked);
    if (a === 'cancel') return undefined;
    if (typeof a === 'string' || !('choose' in a)) throw this.unexpected(asked, a);
    if (a.choose !== undefined && !o.choices.includes(a.choose)) throw new Error(`ScriptedPrompter: no button "${a.choose}" in "${message}"; offered: ${o.choices.join(' | ')}`);
    return a.choose;
  }

  private next(asked: Asked): Answer {
    const a = this.answers.shift();
    if (!a) throw new Error(`ScriptedPrompter: unexpected ${asked.kind} "${asked.title}"${asked.placeholder ? ` (${asked.placeholder})` : ''}: the script has no answer left`);
    return a;
  }

  private unexpected(asked: Asked, a: Answer): Error {
    return new Error(`ScriptedPrompter: the script answers ${JSON.stringify(a)} but the question is a ${asked.kind} "${asked.title}"`);
  }
}
