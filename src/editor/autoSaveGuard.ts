// Which save VS Code is asking for. It calls a custom editor's save for Ctrl+S, File: Save, the close
// prompt and auto-save alike, and no setting can turn auto-save off for one custom editor (its working
// copy has no language). A stage must not be written to production at every pause in typing, so:
// - a save the user asked for here (Ctrl+S / Cmd+S in the editor, its Save buttons) is sent;
// - with auto-save off, every save is the user's (File: Save, the close prompt) and is sent;
// - a save that comes as auto-save comes is not sent: the edits stay, backed up, the tab unsaved.
//   Leaving the window saves every dirty editor; after a delay, VS Code starts one timer at each change
//   it is told of (an edit, an undo, a dirty editor restored) and saves once when it runs out. So the
//   first save that comes at least the delay after such a change is that timer's, however late a busy
//   window makes it. A change that reaches VS Code late does not stop a timer already run out: the
//   previous change's save may still come just after it (typing again right at the delay);
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

/**
 * VS Code's timer may run out this much before ours counts the delay: it starts its own timer for an
 * undo or a restored editor before the extension hears of it, later on a busy machine.
 */
const earlyMs = (delayMs: number) => Math.min(delayMs / 2, 1000);

/** How long after a newer change the save of an older change's timer may still come. */
const RACE_MS = 3000;

/** A change VS Code may have started its timer at. */
interface Change {
  readonly at: number;
  /** When a newer change came: VS Code drops this one's timer once it hears of it. */
  readonly supersededAt?: number;
}

export class AutoSaveGuard {
  /** Saves the user asked for, under way, by URI. */
  private readonly asked = new Map<string, number>();
  /** The changes whose timers may still run out, by URI, oldest first, until their save has come. */
  private readonly timers = new Map<string, Change[]>();

  constructor(
    private readonly settings: () => AutoSaveSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** VS Code was told of a change (an edit, undo, redo, edits kept from before): it starts its auto-save timer again. */
  changed(uri: string): void {
    const at = this.now();
    const due = this.dueAfter();
    // A previous change old enough for its timer to run out stays a while: its save may be on the way.
    const kept = this.live(uri, at).map((c) => (c.supersededAt === undefined && at - c.at >= due ? { ...c, supersededAt: at } : c)).filter((c) => c.supersededAt !== undefined);
    this.timers.set(uri, [...kept, { at }]);
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
    const asked = this.asked.has(uri);
    // The timer's save, if this is it: counted once, whoever's save this is. The newest timer run out
    // is the one: the older ones' saves were dropped for it. The user's own save counts only a timer
    // surely run out (the full delay): one still running would come after it, and be taken for the user's.
    const now = this.now();
    const changes = this.live(uri, now);
    const after = asked ? s.delayMs : this.dueAfter();
    const last = changes.map((c) => now - c.at >= after).lastIndexOf(true);
    const timerDue = s.mode === 'afterDelay' && last >= 0;
    this.timers.set(uri, timerDue ? changes.slice(last + 1) : changes);
    if (asked) return 'explicit';
    if (s.mode === 'off') return 'explicit';
    // Leaving the window saves every dirty working copy (onWindowChange, onFocusChange); the user saves in a focused window.
    if (!s.windowFocused) return 'auto';
    return timerDue ? 'auto' : 'ask';
  }


  /** The changes of `uri` whose timer may still be running or its save on the way at `now`. */
  private live(uri: string, now: number): Change[] {
    return (this.timers.get(uri) ?? []).filter((c) => c.supersededAt === undefined || now - c.supersededAt <= RACE_MS);
  }

  private dueAfter(): number {
    const { delayMs } = this.settings();
    return delayMs - earlyMs(delayMs);
  }
}
