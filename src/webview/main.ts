// The webview bundle: the stage editors will live here. For now it only announces readiness.
declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

acquireVsCodeApi().postMessage({ type: 'ready' });
