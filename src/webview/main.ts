// The stage editor's webview. It renders the form from the extension's state, marks problems while
// typing, and sends every edit to the extension, which keeps VS Code's undo stack, the dirty marker
// and the backups; saving is VS Code's (Ctrl+S, File: Save), which the Save button asks for.
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
import { readable, rebase, stageChanges } from '../model/stageChanges';
import type { StageForm } from '../model/stageForm';
import { formProblems } from '../model/stageValidation';
import { ownerBanner } from '../model/ownership';
import { button, el, Marks, restartIds } from './fields';
import { renderForm, statusText } from './form';
import { renderSecurity, SECURITY_SECTION_ID } from './securitySection';
import type { EditorState, FromWebview, ToWebview } from './protocol';

// Marks for the bench (test/bench/editorPhases.ts): when the script ran, the form came, it was drawn.
performance.mark('apigw:script');
declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };
const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

let state: EditorState | undefined;
let form: StageForm | undefined;
let marks = new Marks();
/** Fields where the user's value stays over one changed elsewhere meanwhile (said under each), until the next load. */
let meanwhile = new Map<string, string>();
/** A review is on the panel: it is rebuilt as the user edits. */
let reviewShown = false;
/** The message line says the form's problems stopped a save: it goes once they are fixed. */
let problemsSaid = false;
const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Stage editor' });
const summary = el('span', { class: 'summary', role: 'status', 'aria-live': 'polite' });
const snippetButton = button('Copy as Template Snippet', () => {
  flushEdit();
  post({ type: 'copySnippet' });
}, { secondary: true, icon: 'copy', title: 'Copy the pending change as CloudFormation/SAM, CDK or Terraform: make it in code, where the stage is deployed from' });
const message = el('div', { class: 'message', role: 'alert' });
/** A standing note beside the toolbar (auto-save keeps the edits here): never in the way of a save's message. */
const note = el('span', { class: 'toolbar-note', role: 'status' });
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

/** After an edit (and after a drawing): marks, the summary; `send`: the edit goes to the extension (not for one it sent). */
function edited(send = true): void {
  if (!state || !form) return;
  const problems = formProblems(form, state.limits, state.loaded);
  marks.apply(problems);
  const n = readable(stageChanges(state.loaded, form).changes).length;
  // A snippet of the pending change: nothing to write without one.
  snippetButton.toggleAttribute('disabled', !n);
  summary.textContent = `${n ? `${n} unsaved change${n === 1 ? '' : 's'}` : 'No changes'}${problems.length ? ` · ${problems.length} problem${problems.length === 1 ? '' : 's'}` : ''}`;
  // A "Not saved" for problems that are fixed now is not true any more.
  if (problemsSaid && !problems.length) {
    problemsSaid = false;
    show('info', '');
  }
  if (!send) return;
  clearTimeout(editTimer);
  editTimer = setTimeout(flushEdit, 100);
}

/** Drops an edit not sent yet: the extension's form (undo, redo) replaces it. */
function dropPendingEdit(): void {
  clearTimeout(editTimer);
  editTimer = undefined;
}

/** Where the keyboard goes after the next drawing (Reset removes the button that had it). */
let focusNext: string | undefined;

/** The read-only security section, after the form's sections. */
const securitySection = () => renderSecurity(state?.security, {
  command: (name) => post({ type: 'command', name }),
  openWebAcl: () => post({ type: 'openWebAcl' }),
});

function render(): void {
  if (!state || !form) return;
  const scroll = window.scrollY;
  const focused = focusNext ?? document.activeElement?.id;
  focusNext = undefined;
  // The page keeps its height while drawn anew: its elements take their size a moment later, and a
  // shorter page would pull the scroll position to the top (Override, Reset).
  app.style.minHeight = `${app.offsetHeight}px`;
  restartIds();
  marks = new Marks(meanwhile);
  const header = el('header', {},
    // <bdi>: a name with a right-to-left override reorders only itself, not the text around it.
    el('h1', {}, 'Stage ', el('bdi', {}, state.stageName), el('span', { class: 'api' }, ' · ', el('bdi', {}, state.apiName))),
    el('p', { class: 'url' }, state.invokeUrl),
    ...ownerBannerOf(state));
  const body = renderForm(state, form, marks, {
    changed: edited,
    rerender: () => {
      render();
      edited();
    },
    command: (name) => post({ type: 'command', name }),
    copy: (text) => post({ type: 'copy', text }),
    focusAfter: (selector) => (focusNext = selector),
  });
  app.replaceChildren(header, toolbar, message, panel, body, securitySection());
  app.setAttribute('aria-busy', 'false');
  window.scrollTo(0, scroll);
  // The page is drawn anew after a structural edit: the keyboard stays where it was (once the fields can take it).
  const refocus = () => {
    if (focused) (document.getElementById(focused) ?? document.querySelector<HTMLElement>(focused))?.focus({ preventScroll: true });
  };
  refocus();
  requestAnimationFrame(() => requestAnimationFrame(() => {
    app.style.minHeight = '';
    window.scrollTo(0, scroll);
    refocus();
  }));
  // Opened from a method: show its override, once the page has its layout.
  const target = document.querySelector<HTMLElement>('[data-focus="true"]');
  if (target) requestAnimationFrame(() => target.scrollIntoView({ block: 'start' }));
  edited(false);
}

toolbar.append(
  button('Review Changes', () => {
    flushEdit();
    post({ type: 'review' });
  }, { icon: 'diff' }),
  button('Save', () => {
    flushEdit();
    post({ type: 'save' });
  }, { icon: 'save', title: 'Save to API Gateway (Ctrl+S): review, check for changes made meanwhile, send' }),
  button('Revert', () => post({ type: 'reload' }), { secondary: true, icon: 'discard', title: 'Drop your edits and read the stage again (File: Revert)' }),
  snippetButton,
  summary,
  note,
);

// Undo, redo and save go to VS Code (the webview passes the keys on): the edit typed just before goes first.
window.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && ['z', 'y', 's'].includes(e.key.toLowerCase())) flushEdit();
}, true);

/** A stage a tool deploys: its banner, the names in code style (the model's text has them in backticks). */
function ownerBannerOf(s: EditorState): HTMLElement[] {
  if (!s.owner) return [];
  const parts = ownerBanner(s.owner).split('`').map((text, i) => (i % 2 ? el('code', {}, text) : text));
  return [el('p', { class: 'owner-banner', role: 'note', id: 'owner-banner' }, ...parts)];
}

function show(kind: 'info' | 'error' | 'busy' | 'warning', text: string): void {
  message.className = text ? `message ${kind}` : 'message';
  message.textContent = text;
}

/** The panel below the toolbar: a review, a conflict, a deleted stage; empty. */
function showPanel(review: boolean, ...children: Node[]): void {
  reviewShown = review;
  panel.replaceChildren(...children);
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
      dropPendingEdit();
      state = m.state;
      form = structuredClone(m.state.form);
      meanwhile = new Map();
      problemsSaid = false;
      // The auto-save note is about edits: none are left.
      note.textContent = '';
      showPanel(false);
      render();
      if (m.type === 'load') performance.mark('apigw:rendered');
      if (m.type === 'saved') show(m.warning ? 'warning' : 'info', m.message);
      else show('info', '');
      return;
    case 'form':
      // Undo, redo: the extension's form replaces the page's, which stays where it is.
      if (!state) return;
      dropPendingEdit();
      form = structuredClone(m.form);
      render();
      return;
    case 'live': {
      // Changed elsewhere: theirs where the user did not edit; an edit not sent yet stays on top.
      const pending = editTimer !== undefined && state && form;
      form = pending ? rebase(state!.loaded, form!, m.state.loaded) : structuredClone(m.state.form);
      state = m.state;
      for (const k of m.kept) if (k.field) meanwhile.set(k.field, `Changed meanwhile: ${k.text}. Your value stays; Save sends it.`);
      render();
      if (pending) edited();
      if (m.back) show('info', `Stage "${m.state.stageName}" exists again; your edits are on top of it.`);
      else if (m.changes.length) show('info', `Changed meanwhile (another command, window or person): ${m.changes.join('; ')}.${m.kept.length ? ' Where you had edited, your value stays.' : ''}`);
      if (m.back) showPanel(false);
      return;
    }
    case 'review':
      if (m.ifShown && !reviewShown) return;
      if (!m.ifShown) show('info', '');
      showPanel(true,
        list('Changes', m.changes),
        list('Requests', m.operations, 'ops'),
        ...(m.problems.length ? [list('Problems (not saved until fixed)', m.problems.map((p) => p.message), 'problems')] : []),
        ...(m.warnings.length ? [list('Before you save', m.warnings, 'warnings')] : []),
      );
      if (m.ifShown) return; // rebuilt while typing: the keyboard stays in the field
      panel.querySelector('h2')?.setAttribute('tabindex', '-1');
      (panel.querySelector('h2') as HTMLElement | null)?.focus();
      return;
    case 'busy':
      show('busy', m.label);
      return;
    case 'notice':
      note.textContent = m.message;
      return;
    case 'context':
      // Methods, limits, role and status: the form keeps the edits, the page is drawn again.
      state = { ...m.state, loaded: state?.loaded ?? m.state.loaded, form: state?.form ?? m.state.form };
      render();
      return;
    case 'failed':
      show('error', m.message);
      problemsSaid = !!m.problems;
      // On an error the edits stay; the log has the detail of what was sent (a form's problems sent nothing).
      if (state && !m.problems) message.append(' ', button('Show Logs', () => post({ type: 'command', name: 'showLogs' }), { secondary: true }));
      // Failed before the first form (the stage could not be read): say so, with a way to try again.
      if (!state) app.replaceChildren(message, button('Try Again', () => post({ type: 'reload' })), ' ', button('Show Logs', () => post({ type: 'command', name: 'showLogs' }), { secondary: true }));
      return;
    case 'conflict':
      show('error', 'Someone changed this stage after you opened it. Nothing was saved.');
      showPanel(false,
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
      // The banner holds the message too: a later line (a save's) does not take it away.
      showPanel(false,
        el('p', { class: 'gone' }, m.message),
        el('p', {}, 'Restore brings the stage back from the snapshot kept when it was deleted, with your edits on top. Recreate makes it again with the settings in this form. You confirm the requests first.'),
        el('div', { class: 'line', role: 'group', 'aria-label': 'The stage was deleted' },
          button('Restore Deleted Stage…', () => post({ type: 'restore' }), { icon: 'history' }), ' ',
          button('Recreate Stage from This Form', () => {
            flushEdit();
            post({ type: 'recreate' });
          }, { secondary: true }), ' ',
          button('Show Logs', () => post({ type: 'command', name: 'showLogs' }), { secondary: true })),
      );
      return;
    case 'cacheStatus': {
      const s = document.getElementById('cache-status');
      if (s) s.textContent = `Cache cluster: ${statusText(m.status)}`;
      if (state) state = { ...state, cacheClusterStatus: m.status };
      return;
    }
    case 'security':
      if (state) state = { ...state, security: m.security };
      document.getElementById(SECURITY_SECTION_ID)?.replaceWith(securitySection());
      return;
    case 'focus':
      document.querySelector(`[data-method="${CSS.escape(m.method)}"]`)?.scrollIntoView({ block: 'start' });
      return;
  }
});

post({ type: 'ready' });
