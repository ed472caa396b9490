// The stage editor's webview. It renders the form from the extension's state, keeps the edits
// (also in the webview state, for a window reload), marks problems while typing, and asks the
// extension to review and save.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-form-group/index.js';
import '@vscode-elements/elements/dist/vscode-form-helper/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { readable, stageChanges } from '../model/stageChanges';
import { type StageForm, withoutVariableValues } from '../model/stageForm';
import { formProblems } from '../model/stageValidation';
import { button, el, Marks, restartIds } from './fields';
import { renderForm, statusText } from './form';
import type { EditorState, FromWebview, ToWebview } from './protocol';

// Marks for the bench (test/bench/editorPhases.ts): when the script ran, the form came, it was drawn.
performance.mark('apigw:script');
declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void; setState(state: unknown): void; getState(): unknown };
const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

let state: EditorState | undefined;
let form: StageForm | undefined;
let marks = new Marks();
const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Stage editor' });
const summary = el('span', { class: 'summary', role: 'status', 'aria-live': 'polite' });
const message = el('div', { class: 'message', role: 'alert' });
const panel = el('div', { class: 'panel' });
let editTimer: ReturnType<typeof setTimeout> | undefined;

const post = (m: FromWebview) => vscode.postMessage(m);

/** Sends the edits now, so a Review or Save right after typing works on what was typed (messages keep their order). */
function flushEdit(): void {
  if (editTimer === undefined || !form) return;
  clearTimeout(editTimer);
  editTimer = undefined;
  post({ type: 'edit', form });
}

function edited(): void {
  if (!state || !form) return;
  const problems = formProblems(form, state.limits, state.loaded);
  marks.apply(problems);
  const n = readable(stageChanges(state.loaded, form).changes).length;
  summary.textContent = `${n ? `${n} unsaved change${n === 1 ? '' : 's'}` : 'No changes'}${problems.length ? ` · ${problems.length} problem${problems.length === 1 ? '' : 's'}` : ''}`;
  keepState();
  clearTimeout(editTimer);
  editTimer = setTimeout(flushEdit, 100);
}

/** The sealed variable values the extension sent for the latest edits. */
let sealed: string | undefined;

/** For a window reload: the form and the stage it was edited on, variable values blanked (they are in `sealed`). */
function keepState(): void {
  if (!state || !form) return;
  vscode.setState({ ...state.memento, form: withoutVariableValues(form), loaded: withoutVariableValues(state.loaded), sealed });
}

function render(): void {
  if (!state || !form) return;
  const scroll = window.scrollY;
  const focused = document.activeElement?.id;
  restartIds();
  marks = new Marks();
  const header = el('header', {},
    // <bdi>: a name with a right-to-left override reorders only itself, not the text around it.
    el('h1', {}, 'Stage ', el('bdi', {}, state.stageName), el('span', { class: 'api' }, ' · ', el('bdi', {}, state.apiName))),
    el('p', { class: 'url' }, state.invokeUrl));
  const body = renderForm(state, form, marks, {
    changed: edited,
    rerender: () => {
      render();
      edited();
    },
    command: (name) => post({ type: 'command', name }),
    copy: (text) => post({ type: 'copy', text }),
  });
  app.replaceChildren(header, toolbar, message, panel, body);
  app.setAttribute('aria-busy', 'false');
  window.scrollTo(0, scroll);
  // The page is drawn anew after a structural edit: the keyboard stays where it was.
  if (focused) document.getElementById(focused)?.focus();
  // Opened from a method: show its override, once the page has its layout.
  const target = document.querySelector<HTMLElement>('[data-focus="true"]');
  if (target) requestAnimationFrame(() => target.scrollIntoView({ block: 'start' }));
  edited();
}

toolbar.append(
  button('Review Changes', () => {
    flushEdit();
    post({ type: 'review' });
  }, { icon: 'diff' }),
  button('Save', () => {
    flushEdit();
    // Nothing changed (a second click after the save landed): the save's own message stays.
    if (state && form && !stageChanges(state.loaded, form).changes.length) return;
    post({ type: 'save' });
  }, { icon: 'save' }),
  button('Reload', () => post({ type: 'reload' }), { secondary: true, icon: 'refresh', title: 'Read the stage again; drops the edits' }),
  summary,
);

function show(kind: 'info' | 'error' | 'busy', text: string): void {
  message.className = `message ${kind}`;
  message.textContent = text;
}

function list(title: string, items: string[], cls = ''): HTMLElement {
  const ul = el('ul', { class: cls });
  for (const i of items) ul.append(el('li', {}, i));
  return el('section', { 'aria-label': title }, el('h2', {}, title), items.length ? ul : el('p', {}, 'None.'));
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  switch (m.type) {
    case 'load':
    case 'saved':
      if (m.type === 'load') performance.mark('apigw:load');
      state = m.state;
      form = structuredClone(m.state.form);
      panel.replaceChildren();
      render();
      if (m.type === 'load') performance.mark('apigw:rendered');
      if (m.type === 'saved') show('info', m.message);
      else message.textContent = '';
      return;
    case 'review':
      message.textContent = '';
      message.className = 'message';
      panel.replaceChildren(
        list('Changes', m.changes),
        list('Requests (one UpdateStage)', m.operations, 'ops'),
        ...(m.problems.length ? [list('Problems (not saved until fixed)', m.problems.map((p) => p.message), 'problems')] : []),
        ...(m.warnings.length ? [list('Before you save', m.warnings, 'warnings')] : []),
      );
      panel.querySelector('h2')?.setAttribute('tabindex', '-1');
      (panel.querySelector('h2') as HTMLElement | null)?.focus();
      return;
    case 'busy':
      show('busy', m.label);
      return;
    case 'context':
      // Methods, limits, role and status: the form keeps the edits, the page is drawn again.
      state = { ...m.state, loaded: state?.loaded ?? m.state.loaded, form: state?.form ?? m.state.form };
      render();
      return;
    case 'failed':
      show('error', m.message);
      // On an error the edits stay; the log has the detail.
      if (state) message.append(' ', button('Show Logs', () => post({ type: 'command', name: 'showLogs' }), { secondary: true }));
      // Failed before the first form (the stage could not be read): say so, with a way to try again.
      if (!state) app.replaceChildren(message, button('Try Again', () => post({ type: 'reload' })), ' ', button('Show Logs', () => post({ type: 'command', name: 'showLogs' }), { secondary: true }));
      return;
    case 'conflict':
      show('error', 'Someone changed this stage after you opened it. Nothing was saved.');
      panel.replaceChildren(
        list('Their changes (kept)', m.theirs),
        ...(m.conflicts.length ? [list('Changed by both of you (theirs shown)', m.conflicts, 'problems')] : []),
        el('div', { class: 'line' },
          button('Reload Their Stage (drop my edits)', () => post({ type: 'resolve', choice: 'reload' }), { secondary: true }), ' ',
          button('Apply My Edits on Top', () => {
            flushEdit();
            post({ type: 'resolve', choice: 'applyMine' });
          })),
      );
      return;
    case 'gone':
      show('error', m.message);
      panel.replaceChildren(
        el('p', {}, 'Recreate makes the stage again with the settings in this form (you confirm the requests first). Reload drops the form.'),
        el('div', { class: 'line' },
          button('Recreate Stage from This Form', () => {
            flushEdit();
            post({ type: 'recreate' });
          }, { icon: 'history' }), ' ',
          button('Show Logs', () => post({ type: 'command', name: 'showLogs' }), { secondary: true })),
      );
      return;
    case 'cacheStatus': {
      const s = document.getElementById('cache-status');
      if (s) s.textContent = `Cache cluster: ${statusText(m.status)}`;
      if (state) state = { ...state, cacheClusterStatus: m.status };
      return;
    }
    case 'focus':
      document.querySelector(`[data-method="${CSS.escape(m.method)}"]`)?.scrollIntoView({ block: 'start' });
      return;
    case 'memento':
      sealed = m.sealed;
      keepState();
      return;
  }
});

post({ type: 'ready' });
