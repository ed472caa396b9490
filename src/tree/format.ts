import * as vscode from 'vscode';
import { DESCRIPTION_MAX, displayText, LABEL_MAX, markdownText, TOOLTIP_MAX } from '../model/displayText';

// Tree rows show a string label and description as text (no icons: VS Code's tree renders `$(…)`
// only in a MarkdownString label with supportThemeIcons), so they need no escaping, only bounds.

/** A tree row's label from AWS text: one line, at most LABEL_MAX characters (the tooltip has more). */
export function treeLabel(text: string): string {
  return displayText(text, { max: LABEL_MAX });
}

/** A tree row's description from AWS text. */
export function treeDescription(text: string): string {
  return displayText(text, { max: DESCRIPTION_MAX });
}

/**
 * A tooltip built only from text: untrusted, no HTML, no icons, and every value escaped, so
 * names and descriptions from AWS show as written (up to TOOLTIP_MAX characters each).
 */
export class Tooltip {
  readonly md = new vscode.MarkdownString('', false);
  constructor() {
    this.md.isTrusted = false;
    this.md.supportHtml = false;
    this.md.supportThemeIcons = false;
  }
  /** A paragraph: `Label: value`, the label in bold when given. */
  line(text: string, bold?: string): this {
    // An empty bold would be `****`, a horizontal rule.
    const head = bold ? markdownText(displayText(bold, { max: TOOLTIP_MAX })) : '';
    if (head) this.md.appendMarkdown(`**${head}**`);
    if (head && text) this.md.appendMarkdown(' ');
    if (text) this.md.appendMarkdown(markdownText(text, TOOLTIP_MAX));
    this.md.appendMarkdown('\n\n');
    return this;
  }
}
