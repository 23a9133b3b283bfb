import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../core/issues.js';
import { cause, onInterrupt } from './output.js';

/** A folder to write: its name and its files' names and contents (text, or bytes in parts). */
export interface Packet {
  name: string;
  files: ReadonlyArray<readonly [string, string | readonly Uint8Array[]]>;
}

/** Where packets go, checked before anything is audited: a name, and a folder or nothing yet. */
export function packetFolder(output: string, cwd: string): string {
  if (output.trim() === '') throw new UsageError('-o needs a folder name (got an empty one)');
  const root = resolve(cwd, output);
  let st;
  try {
    st = statSync(root, { throwIfNoEntry: false });
  } catch (err) {
    throw new UsageError(`cannot write the claim packets to ${output}: ${cause(err)} — nothing was written`);
  }
  if (st && !st.isDirectory())
    throw new UsageError(
      `-o ${output} is a file: claim writes its packets into a folder — name a folder, e.g. -o claims`,
    );
  return root;
}

/**
 * Packets written whole or not at all: every folder is made in a hidden
 * staging folder beside its place and renamed into it once all are written.
 * A packet already there is never replaced; a failure leaves nothing behind
 * (not even the -o folder, when this run made it).
 */
export async function writePackets(output: string, packets: readonly Packet[], cwd: string): Promise<string[]> {
  if (output.trim() === '') throw new UsageError('-o needs a folder name (got an empty one)');
  const root = resolve(cwd, output);
  const st = statSync(root, { throwIfNoEntry: false });
  if (st && !st.isDirectory())
    throw new UsageError(
      `-o ${output} is a file: claim writes its packets into a folder — name a folder, e.g. -o claims`,
    );
  for (const p of packets)
    if (existsSync(join(root, p.name)))
      throw new UsageError(
        `${join(output, p.name)} exists: a claim packet is never replaced — move it away, or choose another -o`,
      );
  if (packets.length === 0) return [];
  let made: string | null = null;
  let staging: string | null = null;
  const placed: string[] = [];
  const undo = () => {
    for (const dir of placed) rmSync(dir, { recursive: true, force: true });
    if (staging !== null) rmSync(staging, { recursive: true, force: true });
    if (made !== null && existsSync(made)) rmSync(made, { recursive: true, force: true });
  };
  // Interrupted (Ctrl-C, a cron timeout) between two files, the run removes what it wrote before it ends.
  const release = onInterrupt(undo);
  try {
    made = makeDirs(root);
    staging = mkdtempSync(join(root, '.claim-'));
    for (const p of packets) {
      mkdirSync(join(staging, p.name));
      for (const [file, content] of p.files) {
        writeNew(join(staging, p.name, file), content);
        await new Promise((next) => setImmediate(next));
      }
    }
    for (const p of packets) {
      renameSync(join(staging, p.name), join(root, p.name));
      placed.push(join(root, p.name));
    }
    return packets.map((p) => join(output, p.name));
  } catch (err) {
    undo();
    if (typeof (err as NodeJS.ErrnoException).code === 'string')
      throw new UsageError(`cannot write the claim packets to ${output}: ${cause(err)} — nothing was written`);
    throw err;
  } finally {
    release();
    if (staging !== null && existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}

/** A new file, from text or from bytes in parts (a large calculation.json is never one string). */
function writeNew(path: string, content: string | readonly Uint8Array[]): void {
  if (typeof content === 'string') return writeFileSync(path, content, { flag: 'wx' });
  const fd = openSync(path, 'wx');
  try {
    for (const part of content) writeSync(fd, part);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes `dir` and its missing parents one level at a time, and returns the topmost it made (null: none).
 * Node 20's recursive mkdir spins for ever where a parent refuses a child with ENOENT (/proc): one level at
 * a time, that refusal is an error like any other — and the levels made before it are removed.
 */
function makeDirs(dir: string): string | null {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.push(d);
  const top = missing.length > 0 ? missing[missing.length - 1]! : null;
  try {
    for (let i = missing.length - 1; i >= 0; i--) mkdirSync(missing[i]!);
  } catch (err) {
    if (top !== null) rmSync(top, { recursive: true, force: true });
    throw err;
  }
  return top;
}
