import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { RefreshLockedError } from '../warehouse';

/**
 * One refresh at a time per SQLite file: an exclusive lock file beside it holding the owner's
 * pid. A lock left by a process that no longer exists is stale and taken over.
 */
export class RunLock {
  private held = false;

  constructor(private readonly path: string) {}

  acquire(runId: string): void {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const fd = openSync(this.path, 'wx');
        writeSync(fd, JSON.stringify({ pid: process.pid, runId }));
        closeSync(fd);
        this.held = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (!this.removeIfStale()) break;
      }
    }
    throw new RefreshLockedError(`another refresh is running (lock file ${this.path})`);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone: nothing to release.
    }
  }

  private removeIfStale(): boolean {
    let pid: number | undefined;
    try {
      pid = Number(JSON.parse(readFileSync(this.path, 'utf8')).pid);
    } catch {
      pid = undefined; // unreadable or half-written: treat as stale
    }
    if (pid && isAlive(pid)) return false;
    try {
      unlinkSync(this.path);
    } catch {
      // Another process removed it first.
    }
    return true;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
