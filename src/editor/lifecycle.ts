// A base for objects that own what they registered (listeners, emitters, timers) and let it all go
// once, when they are disposed. No `vscode` here: its Disposables fit the shape, and the unit tests
// run without an editor.

/** Anything with a dispose(): vscode.Disposable, an event subscription, a timer wrapped in one. */
export interface DisposableLike {
  dispose(): unknown;
}

export abstract class Disposable implements DisposableLike {
  private owned: DisposableLike[] = [];
  private disposedOnce = false;

  /** Disposed once: later calls do nothing. What was registered goes last first (a listener before the emitter it listens to). */
  dispose(): void {
    if (this.disposedOnce) return;
    this.disposedOnce = true;
    const owned = this.owned;
    this.owned = [];
    for (const d of owned.reverse()) d.dispose();
  }

  protected get isDisposed(): boolean {
    return this.disposedOnce;
  }

  /** Kept until dispose(); registered after it, disposed at once (nothing outlives its owner). */
  protected register<T extends DisposableLike>(d: T): T {
    if (this.disposedOnce) d.dispose();
    else this.owned.push(d);
    return d;
  }
}
