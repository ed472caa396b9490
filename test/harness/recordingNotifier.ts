// A Notifier for host tests: it records every message instead of showing it.
import type { Notifier } from '../../src/ui/notifier';

export interface Shown {
  readonly kind: 'error' | 'info';
  readonly message: string;
  readonly actions: string[];
}

/** Records every message; `onError` picks a button of an error message (none by default). */
export class RecordingNotifier implements Notifier {
  readonly shown: Shown[] = [];
  onError: (message: string, actions: string[]) => string | undefined = () => undefined;
  error(message: string, ...actions: string[]) {
    this.shown.push({ kind: 'error', message, actions });
    return Promise.resolve(this.onError(message, actions));
  }
  info(message: string, ...actions: string[]) {
    this.shown.push({ kind: 'info', message, actions });
    return Promise.resolve(undefined);
  }
}
