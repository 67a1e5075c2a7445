// Settings the e2e server runs with, shared with specs that need to know them (e.g. short TTLs).
export const e2eSettings: Record<string, string> = {};
