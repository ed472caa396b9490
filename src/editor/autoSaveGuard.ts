// Which save VS Code is asking for. It calls a custom editor's save for Ctrl+S, File: Save, the close
// prompt and auto-save alike, and no setting can turn auto-save off for one custom editor (its working
// copy has no language). A stage must not be written to production at every pause in typing, so:
// - a save the user asked for here (Ctrl+S / Cmd+S in the editor, its Save buttons) is sent;
// - with auto-save off, every save is the user's (File: Save, the close prompt) and is sent;
// - a save that comes as auto-save comes (the window left; after a delay counted from the last edit)
//   is not sent: the edits stay, backed up, the tab unsaved;
// - any other save (File: Save from the menu while auto-save is on) is sent once the user confirms.
// No vscode import: unit tests drive it with a clock.

export type SaveKind = 'explicit' | 'auto' | 'ask';

export interface AutoSaveSettings {
  /** `files.autoSave`: off, afterDelay, onFocusChange, onWindowChange. */
  readonly mode: string;
  /** `files.autoSaveDelay`, ms. */
  readonly delayMs: number;
  readonly windowFocused: boolean;
}

/** An auto-save after a delay comes this long after VS Code's timer at the earliest (clock skew), and at the latest (a busy window). */
const EARLY_MS = 250;
const LATE_MS = 2_500;

export class AutoSaveGuard {
  /** Saves the user asked for, under way, by URI. */
  private readonly asked = new Map<string, number>();

  constructor(
    private readonly settings: () => AutoSaveSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The user asked to save `uri` now; `save` is VS Code's save, which calls classify. While it runs,
   * every save of `uri` is the user's: an auto-save racing it joins the same save, never sends twice.
   */
  async explicitly<T>(uri: string, save: () => PromiseLike<T>): Promise<T> {
    this.asked.set(uri, (this.asked.get(uri) ?? 0) + 1);
    try {
      return await save();
    } finally {
      // Only for this save: a request that found nothing to save must not let a later auto-save through.
      const n = (this.asked.get(uri) ?? 1) - 1;
      if (n) this.asked.set(uri, n);
      else this.asked.delete(uri);
    }
  }

  /** `lastChangeAt`: when the document last told VS Code of an edit (auto-save's delay runs from it). */
  classify(uri: string, lastChangeAt: number): SaveKind {
    if (this.asked.has(uri)) return 'explicit';
    const s = this.settings();
    if (s.mode === 'off') return 'explicit';
    // Leaving the window saves every dirty working copy (onWindowChange, onFocusChange); the user saves in a focused window.
    if (!s.windowFocused) return 'auto';
    if (s.mode === 'afterDelay') {
      const since = this.now() - lastChangeAt;
      if (since >= s.delayMs - EARLY_MS && since <= s.delayMs + LATE_MS) return 'auto';
    }
    return 'ask';
  }
}
