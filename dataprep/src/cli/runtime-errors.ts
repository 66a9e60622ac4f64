/**
 * Errors of the runtime rather than of the job: a native module built for another Node, or a
 * Node without node:sqlite. Node's own message for the first is several lines whose last one
 * (the `npm rebuild` hint) main's one-line rule would drop; this words each in one line that
 * says which Node was expected, which one ran, and what to run.
 */

/** NODE_MODULE_VERSION (the native-module ABI) of each Node major this job may meet. */
const ABI_NODE_MAJOR: Record<number, number> = { 108: 18, 115: 20, 120: 21, 127: 22, 131: 23, 137: 24, 141: 25, 147: 26 };

const nodeOfAbi = (abi: number) => (ABI_NODE_MAJOR[abi] ? `Node ${ABI_NODE_MAJOR[abi]}` : `another Node`);

const SUPPORTED_NODE = 'Node 22 (22.13 or later) or Node 24';

/** One line for a runtime error, or null when the error is the job's own. */
export function runtimeProblem(error: unknown, node: { version: string; execPath: string } = process): string | null {
  const message = error instanceof Error ? error.message : String(error);
  const abi = /NODE_MODULE_VERSION (\d+)[\s\S]*?NODE_MODULE_VERSION (\d+)/.exec(message);
  if (abi) {
    const module = /'([^'\n]+\.node)'/.exec(message)?.[1] ?? 'a native module';
    const built = Number(abi[1]);
    return `${module} was built for ${nodeOfAbi(built)} (NODE_MODULE_VERSION ${built}), but this is Node ${node.version} ` +
      `(${node.execPath}): run "npm rebuild" (or "npm ci") with this Node, or run ppoc-prep with the Node it was built for`;
  }
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ERR_UNKNOWN_BUILTIN_MODULE' && /node:sqlite|\bsqlite\b/.test(message)) {
    return `this Node (${node.version}, ${node.execPath}) has no node:sqlite: ppoc-prep needs ${SUPPORTED_NODE}; ` +
      'run it through npm ("npx ppoc-prep …"), which uses the project\'s own Node 24, or install Node 24 LTS';
  }
  return null;
}
