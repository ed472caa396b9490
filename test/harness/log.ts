// The harness's progress lines: one callback type, and how long something took.
export type Log = (line: string) => void;

/** Seconds since `since`, for progress lines: "12.3 s". */
export const secs = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
