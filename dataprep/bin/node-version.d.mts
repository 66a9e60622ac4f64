// Types of node-version.mjs (plain JavaScript: the bin runs before any build) for the tests.
export function enginesRange(): string;
export function satisfiesCaret(version: string, range: string): boolean;
export function describeRange(range: string): string;
export function unsupportedNode(version?: string, execPath?: string, range?: string): string | null;
