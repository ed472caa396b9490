// Messages to a webview page, held until the page has said `ready`: VS Code may drop a message
// posted while the page is still loading (a CI run saw the stage editor stay at "Loading the
// stage…" when its form was posted before). No `vscode` here, so it is unit-tested alone.
import type { DisposableLike } from './lifecycle';

export class ReadyQueue<T> implements DisposableLike {
  private send: ((message: T) => void) | undefined;
  private ready = false;
  private waiting: T[] = [];

  /** Sent now if the page listens, else kept, in order, for its `ready`. */
  post(message: T): void {
    if (this.ready && this.send) this.send(message);
    else this.waiting.push(message);
  }

  /** A new page: it hears nothing until it says ready (what waits is kept for it). */
  connect(send: (message: T) => void): void {
    this.send = send;
    this.ready = false;
  }

  /** The page is gone: messages wait for the next one. */
  disconnect(): void {
    this.send = undefined;
    this.ready = false;
  }

  /**
   * The page said `ready`: what waited goes now, in order. Returns true when this page had said it
   * before: a page made again (VS Code reloads a webview's frame), which lost what it was sent.
   */
  markReady(): boolean {
    const send = this.send;
    if (!send) return false;
    const again = this.ready;
    this.ready = true;
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach(send);
    return again;
  }

  /** How many messages wait for the page. */
  get pending(): number {
    return this.waiting.length;
  }

  dispose(): void {
    this.disconnect();
    this.waiting = [];
  }
}
