// Error text for people: no stack traces, no request ids, the SDK's message or name.

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number }; code?: string };
    if (e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message)) {
      return `Cannot reach the API Gateway endpoint (connection refused). Is it running? ${e.message}`;
    }
    const status = e.$metadata?.httpStatusCode;
    const message = e.message && e.message !== 'UnknownError' ? e.message : e.name;
    return status ? `${message} (${e.name}, HTTP ${status})` : message;
  }
  return String(error);
}

export function isCancellation(error: unknown): boolean {
  return error instanceof Error && (error.name === 'CancelledError' || error.name === 'Canceled');
}
