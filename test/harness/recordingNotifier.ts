// A Notifier for host tests: it records every message, copy, status and document instead of showing it.
import type { Notifier, ProgressOptions, TextDocumentToShow } from '../../src/ui/notifier';

export interface Shown {
  readonly kind: 'error' | 'info';
  readonly message: string;
  readonly actions: string[];
}

/** Records every message; `onError` picks a button of an error message (none by default). */
export class RecordingNotifier implements Notifier {
  readonly shown: Shown[] = [];
  /** What was put on the clipboard, in order (the real clipboard is left alone). */
  readonly copied: string[] = [];
  /** Status bar notes. */
  readonly statuses: string[] = [];
  /** Titles of the progress bars the tasks ran under (the tasks run, never cancelled). */
  readonly progressed: string[] = [];
  /** Documents opened in a tab (none is opened). */
  readonly documents: TextDocumentToShow[] = [];
  onError: (message: string, actions: string[]) => string | undefined = () => undefined;
  error(message: string, ...actions: string[]) {
    this.shown.push({ kind: 'error', message, actions });
    return Promise.resolve(this.onError(message, actions));
  }
  info(message: string, ...actions: string[]) {
    this.shown.push({ kind: 'info', message, actions });
    return Promise.resolve(undefined);
  }
  status(message: string) {
    this.statuses.push(message);
  }
  copy(text: string) {
    this.copied.push(text);
    return Promise.resolve();
  }
  progress<T>(title: string, task: (signal: AbortSignal, report: (message: string) => void) => Promise<T>, _options?: ProgressOptions): Promise<T> {
    this.progressed.push(title);
    return task(new AbortController().signal, () => {});
  }
  showDocument(doc: TextDocumentToShow) {
    this.documents.push(doc);
    return Promise.resolve();
  }
}
