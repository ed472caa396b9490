// Small builders for form fields with @vscode-elements/elements. Every text from AWS is set as
// text or a property, never as HTML.

export type Listener = () => void;

/** Elements by problem id (form path), with their helper line, for marking problems. */
export class Marks {
  private readonly fields = new Map<string, { input: HTMLElement & { invalid?: boolean }; helper: HTMLElement }>();
  /** Fields whose value the user keeps over one changed elsewhere meanwhile: said under the field until the next load. */
  constructor(private readonly notes: ReadonlyMap<string, string> = new Map()) {}

  add(id: string, input: HTMLElement, helper: HTMLElement): void {
    this.fields.set(id, { input, helper });
  }

  /** Marks the fields with problems; returns the problems of fields not shown (for the summary). */
  apply(problems: readonly { id: string; message: string }[]): void {
    const byId = new Map(problems.map((p) => [p.id, p.message]));
    for (const [id, { input, helper }] of this.fields) {
      const message = byId.get(id);
      input.invalid = !!message;
      input.setAttribute('aria-invalid', String(!!message));
      const note = this.notes.get(id);
      helper.textContent = message ?? note ?? helper.dataset.hint ?? '';
      helper.classList.toggle('problem', !!message);
      helper.classList.toggle('meanwhile', !message && !!note);
    }
  }

  element(id: string): HTMLElement | undefined {
    return this.fields.get(id)?.input;
  }
}

export function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

let counter = 0;
const nextId = () => `f${++counter}`;

/** Ids restart with each drawing of the page, so the same field gets the same id and keeps the focus. */
export function restartIds(): void {
  counter = 0;
}

function group(label: string, input: HTMLElement, hint?: string): { row: HTMLElement; helper: HTMLElement } {
  const id = nextId();
  input.id = id;
  input.setAttribute('aria-label', label);
  const helper = el('vscode-form-helper', { id: `${id}-help` });
  helper.dataset.hint = hint ?? '';
  helper.textContent = hint ?? '';
  input.setAttribute('aria-describedby', `${id}-help`);
  const row = el('vscode-form-group', { variant: 'vertical' }, el('vscode-label', { for: id }, label), input, helper);
  return { row, helper };
}

interface TextOpts {
  hint?: string;
  multiline?: boolean;
  placeholder?: string;
  /** Problem id (form path), for marking. */
  problem?: string;
  inputMode?: 'numeric' | 'decimal';
}

export function textField(marks: Marks, label: string, value: string, set: (v: string) => void, onChange: Listener, o: TextOpts = {}): HTMLElement {
  const input = el(o.multiline ? 'vscode-textarea' : 'vscode-textfield') as HTMLElement & { value: string };
  input.value = value;
  if (o.placeholder) input.setAttribute('placeholder', o.placeholder);
  if (o.inputMode) input.setAttribute('inputmode', o.inputMode);
  onEdit(input, 'input', () => input.value, set, onChange);
  return marked(marks, label, input, o);
}

export function checkbox(label: string, checked: boolean, set: (v: boolean) => void, onChange: Listener, note?: string): HTMLElement {
  const box = el('vscode-checkbox') as HTMLElement & { checked: boolean };
  // An id, as every field: the focus comes back to it when the page is drawn anew (Override, Reset).
  box.id = nextId();
  box.checked = checked;
  box.setAttribute('label', label);
  box.setAttribute('aria-label', label);
  onEdit(box, 'change', () => box.checked, set, onChange);
  const row = el('div', { class: 'check' }, box);
  if (note) row.append(el('span', { class: 'note' }, note));
  return row;
}

export function select(marks: Marks, label: string, options: readonly (readonly [value: string, text: string])[], value: string, set: (v: string) => void, onChange: Listener, o: { hint?: string; problem?: string } = {}): HTMLElement {
  const sel = el('vscode-single-select') as HTMLElement & { value: string };
  for (const [v, text] of options) {
    const opt = el('vscode-option', { value: v }, text);
    if (v === value) opt.setAttribute('selected', '');
    sel.append(opt);
  }
  onEdit(sel, 'change', () => sel.value, set, onChange);
  return marked(marks, label, sel, o);
}

/** Each edit goes to the field's setter first, then tells the form. */
function onEdit<T>(field: HTMLElement, event: 'input' | 'change', read: () => T, set: (v: T) => void, onChange: Listener): void {
  field.addEventListener(event, () => {
    set(read());
    onChange();
  });
}

/** The field's row, with its problem marked on it. */
function marked(marks: Marks, label: string, field: HTMLElement, o: { hint?: string; problem?: string }): HTMLElement {
  const { row, helper } = group(label, field, o.hint);
  if (o.problem) marks.add(o.problem, field, helper);
  return row;
}

export function button(label: string, onClick: () => void, o: { secondary?: boolean; icon?: string; title?: string } = {}): HTMLElement {
  const b = el('vscode-button');
  if (o.secondary) b.setAttribute('secondary', '');
  if (o.icon) b.setAttribute('icon', o.icon);
  if (o.title) b.setAttribute('title', o.title);
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

export function section(title: string, open: boolean, ...children: Node[]): HTMLElement {
  const c = el('vscode-collapsible', { title, class: 'section' });
  if (open) c.setAttribute('open', '');
  c.append(...children);
  return c;
}
