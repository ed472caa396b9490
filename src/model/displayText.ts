// Text from AWS (names, descriptions, paths, variable values, error messages) shown in VS Code's UI.
// Anyone who can create an API in the account chooses it: it must show as the characters it is,
// never as an icon, a link, markup or reordered text, and must not blow up a label. These
// functions only change what is shown, never what is sent to AWS.

/** Most characters a label (tree row, quick pick label) shows before `…`; the tooltip or editor has the rest. */
export const LABEL_MAX = 80;
/** A description beside a label, a quick pick detail. */
export const DESCRIPTION_MAX = 160;
/** One value in a tooltip or a modal's detail. */
export const TOOLTIP_MAX = 1000;
/** A whole notification: VS Code cuts at 1000 characters, which would cut what to do at the end. */
export const MESSAGE_MAX = 600;

// Bidi embeddings, overrides and isolates: they reorder the text that follows (Trojan Source), also
// outside the value when it is part of a longer label. Marks (LRM, RLM, ALM) only nudge neutrals.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// C0 and C1 controls and DEL, line and paragraph separators: matching them is the point.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
const LINE_BREAKS = /\r\n|[\n\r\u2028\u2029]/g;

/** U+FFFD: shows that a character was there without what it would do. */
export const REPLACEMENT = '\uFFFD';

export interface DisplayOptions {
  /** Longest result, in user-perceived characters (an emoji family counts one); `…` marks the cut. */
  readonly max?: number;
  /** Keep line breaks (as `\n`) instead of turning them into spaces: tooltips, modal details. */
  readonly keepLines?: boolean;
  /** Cut in the middle, keeping the start and the end (messages whose end says what to do). */
  readonly middle?: boolean;
}

/**
 * The text as plain, one-line (unless `keepLines`), bounded characters: tabs and line breaks become
 * spaces, other control characters and bidi overrides/isolates become U+FFFD, and a text longer
 * than `max` is cut with `…` at a character boundary (never inside a surrogate pair or an emoji).
 */
export function displayText(text: string, options: DisplayOptions = {}): string {
  const lines = options.keepLines ? text.replace(LINE_BREAKS, '\n').split('\n') : [text.replace(LINE_BREAKS, ' ')];
  const clean = lines.map((line) => line.replace(/\t/g, ' ').replace(CONTROLS, REPLACEMENT).replace(BIDI_CONTROLS, REPLACEMENT)).join('\n');
  return options.max === undefined ? clean : truncate(clean, options.max, options.middle);
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cut to at most `max` graphemes, `…` included. */
export function truncate(text: string, max: number, middle = false): string {
  // Cheap exit: a grapheme has at least one UTF-16 unit.
  if (text.length <= max) return text;
  const graphemes = Array.from(segmenter.segment(text), (s) => s.segment);
  if (graphemes.length <= max) return text;
  const keep = Math.max(0, max - 1);
  if (!middle) return `${graphemes.slice(0, keep).join('')}…`;
  const head = Math.ceil(keep / 2);
  return `${graphemes.slice(0, head).join('')}…${graphemes.slice(graphemes.length - (keep - head)).join('')}`;
}

// VS Code renders `$(name)` and `$(name~modifier)` as an icon in quick pick items, status bar texts
// and input box prompts (renderLabelWithIcons in src/vs/base/browser/ui/iconLabel/iconLabels.ts,
// with ThemeIcon.iconNameExpression `[A-Za-z0-9-]+` and iconModifierExpression `~[A-Za-z]+`).
const ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

/**
 * `$(bug)` → `\$(bug)`, which those places show as `$(bug)`. Every match gets its own backslash, also
 * one already preceded by `\`: VS Code drops only the one backslash before `$(`, so `\$(bug)` in the
 * data shows as `\$(bug)`. Only for places that render icons: elsewhere the backslash would show.
 */
export function escapeIcons(text: string): string {
  return text.replace(ICON, '\\$&');
}

// Notifications and input box prompts turn `[label](https:…|command:…|file:…)` into a link, and a
// notification's link runs commands (parseLinkedText in src/vs/base/common/linkedText.ts; the
// notifications viewer opens it with allowCommands). A word joiner between `]` and `(` breaks the
// pattern and shows nothing.
const LINKED = /\]\(/g;

export function escapeLinks(text: string): string {
  return text.replace(LINKED, ']\u2060(');
}

/** A quick pick label, description or detail: plain, bounded, no icons from the data. */
export function pickText(text: string, max = LABEL_MAX): string {
  return escapeIcons(displayText(text, { max }));
}

/** A notification or a notification's progress title: one line, bounded (cut in the middle), no links from the data (they show no icons). */
export function messageText(text: string, max = MESSAGE_MAX): string {
  return escapeLinks(displayText(text, { max, middle: true }));
}

/** A status bar text or an input box prompt: like messageText, and no icons from the data either. */
export function iconMessageText(text: string, max = MESSAGE_MAX): string {
  return escapeIcons(messageText(text, max));
}

/**
 * Markdown source that renders as exactly these characters (for MarkdownString tooltips): every ASCII
 * punctuation character backslash-escaped (CommonMark allows it for all of them), so no HTML, entity,
 * link, autolink (`https\:`, `www\.`, `a\@b`), list, table or emphasis can form; spaces at a line's
 * start become `&nbsp;` (four would make a code block); each line its own paragraph.
 */
export function markdownText(text: string, max = TOOLTIP_MAX): string {
  return displayText(text, { max, keepLines: true })
    .split('\n')
    .map((line) => line.replace(/[!-/:-@[-`{-~]/g, '\\$&').replace(/^ +/, (spaces) => '&nbsp;'.repeat(spaces.length)))
    .join('\n\n');
}

/** What a quick pick shows of an item (VS Code's QuickPickItem, without importing vscode). */
export interface PickTexts {
  label: string;
  description?: string;
  detail?: string;
  kind?: number;
}

/**
 * A copy of a quick pick item that shows its texts as written: `$(…)` escaped, bounded, one line.
 * Separators (kind -1) render no icons: only bounded. Icons the extension means go in `iconPath`.
 */
export function plainPickItem<T extends PickTexts>(item: T): T {
  if (item.kind === -1) return { ...item, label: displayText(item.label, { max: PICK_LABEL_MAX }) };
  return {
    ...item,
    label: pickText(item.label, PICK_LABEL_MAX),
    description: item.description === undefined ? undefined : pickText(item.description, DESCRIPTION_MAX),
    detail: item.detail === undefined ? undefined : pickText(item.detail, PICK_DETAIL_MAX),
  };
}

/** A quick pick row is cut by VS Code with `…` anyway: the bound only keeps huge values out of the list. */
export const PICK_LABEL_MAX = 200;
export const PICK_DETAIL_MAX = 300;

/** A modal's detail: lines kept, each bounded (a 10,000-character name would fill the dialog). */
export function detailText(text: string, maxPerLine = PICK_DETAIL_MAX): string {
  return displayText(text, { keepLines: true })
    .split('\n')
    .map((line) => truncate(line, maxPerLine))
    .join('\n');
}
