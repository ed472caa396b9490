// Which save VS Code is asking for. It calls a custom editor's save for Ctrl+S, File: Save, the close
// prompt and auto-save alike, and no setting can turn auto-save off for one custom editor (its working
// copy has no language). A stage must not be written to production at every pause in typing, so:
// - a save the user asked for here (Ctrl+S / Cmd+S in the editor, its Save buttons) is sent;
// - with auto-save off, every save is the user's (File: Save, the close prompt) and is sent;
// - a save that comes as auto-save comes is not sent: the edits stay, backed up, the tab unsaved.
//   Leaving the window saves every dirty editor; after a delay, VS Code starts one timer at each change
//   it is told of (an edit, an undo) and saves once when it runs out. So the first save that comes
//   at least the delay after such a change is that timer's, however late a busy window makes it;
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

/** VS Code's timer may run out this much before ours counts the delay (the change reaches it after we tell it). */
const EARLY_MS = 250;

export class AutoSaveGuard {
  /** Saves the user asked for, under way, by URI. */
  private readonly asked = new Map<string, number>();
  /** When VS Code last started its auto-save timer for a URI, until that timer's save has come. */
  private readonly timers = new Map<string, number>();

  constructor(
    private readonly settings: () => AutoSaveSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** VS Code was told of a change (an edit, undo, redo, edits kept from before): it starts its auto-save timer again. */
  changed(uri: string): void {
    this.timers.set(uri, this.now());
  }

  /** The document is saved or reverted: VS Code drops its timer. */
  clean(uri: string): void {
    this.timers.delete(uri);
  }

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

  /** Whether the user asked for a save of `uri` that is under way. */
  isAsked(uri: string): boolean {
    return this.asked.has(uri);
  }

  classify(uri: string): SaveKind {
    const s = this.settings();
    // The timer's save, if this is it: counted once, whoever's save this is.
    const started = this.timers.get(uri);
    const timerDue = s.mode === 'afterDelay' && started !== undefined && this.now() - started >= s.delayMs - EARLY_MS;
    if (timerDue) this.timers.delete(uri);
    if (this.asked.has(uri)) return 'explicit';
    if (s.mode === 'off') return 'explicit';
    // Leaving the window saves every dirty working copy (onWindowChange, onFocusChange); the user saves in a focused window.
    if (!s.windowFocused) return 'auto';
    return timerDue ? 'auto' : 'ask';
  }
}
