import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { AdviseError } from "../core/errors.js";
import type { Profile } from "../core/parse-profile.js";
import { serialise } from "../render/serialise.js";
import { shown } from "../core/shown.js";
import { formatNumber } from "../core/parse-number.js";

export class SaveError extends AdviseError {}

/** The profile as the file's text; the file's name goes into the comment quoted, so it cannot add lines. */
export async function profileText(path: string, profile: Profile): Promise<string> {
  if (path.endsWith(".json")) return serialise("json", profile);
  // Large numbers as people write them (70b, 2m): each reads back as the same number.
  const readable = Object.fromEntries(
    Object.entries(profile).map(([id, value]) => [
      id,
      typeof value === "number" && /[kmbt]$/.test(formatNumber(value)) ? formatNumber(value) : value,
    ]),
  );
  return `# Answers for advise --profile ${JSON.stringify(basename(path))}\n${await serialise("yaml", readable)}`;
}

const lstatOrUndefined = (path: string): Stats | undefined => {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
};

/** Where a save to `path` writes: the path itself, or with --force, the file a symbolic link there points to. */
function destination(path: string, force: boolean): string {
  const stats = lstatOrUndefined(path);
  if (!stats?.isSymbolicLink() || !force) return path;
  return resolve(dirname(path), readlinkSync(path));
}

/**
 * Fails early, before any advice is printed, when --save could not write: no such folder, a folder in the way, or
 * a file (or a link, even a broken one) already there without --force.
 */
export function checkSaveTarget(path: string, force: boolean): void {
  const folder = dirname(resolve(path));
  let folderStats: Stats;
  try {
    folderStats = statSync(folder);
  } catch {
    throw new SaveError(`cannot save to "${shown(path)}": the folder ${shown(dirname(path))}/ does not exist`);
  }
  if (!folderStats.isDirectory())
    throw new SaveError(`cannot save to "${shown(path)}": ${shown(dirname(path))} is not a directory`);
  const stats = lstatOrUndefined(path);
  if (!stats) return;
  if (stats.isDirectory()) throw new SaveError(`cannot save to "${shown(path)}": it is a directory`);
  if (!force) {
    const what = stats.isSymbolicLink() ? "is a symbolic link" : "already exists";
    throw new SaveError(`"${shown(path)}" ${what}; pass --force to replace it, or choose another file`);
  }
}

/**
 * Writes a profile: to a temporary file beside the target, flushed, then moved into place, so an interruption
 * never leaves a partial file. Without --force the final name is created exclusively (a hard link, which fails if
 * anything is there): of two saves to one name, one wins and the other is refused, leaving the winner's file
 * whole. With --force an existing file is replaced and keeps its permissions; a symbolic link is written through.
 * Returns false when the user declined to overwrite.
 */
export async function saveProfile(
  path: string,
  profile: Profile,
  options: { force: boolean; confirmOverwrite?: (message: string) => Promise<boolean> },
): Promise<boolean> {
  let force = options.force;
  try {
    checkSaveTarget(path, force);
  } catch (error) {
    const exists = lstatOrUndefined(path) !== undefined && !lstatOrUndefined(path)!.isDirectory();
    if (!exists || !options.confirmOverwrite) throw error;
    if (!(await options.confirmOverwrite(`"${shown(path)}" exists. Replace it?`))) return false;
    force = true;
  }
  const target = destination(path, force);
  const existing = force ? lstatOrUndefined(target) : undefined;
  const text = await profileText(path, profile);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let created = false;
  let linking = false;
  try {
    const fd = openSync(temporary, "wx", 0o644);
    created = true;
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (existing?.isFile()) chmodSync(temporary, existing.mode & 0o7777);
    if (force) renameSync(temporary, target);
    else {
      linking = true;
      linkSync(temporary, target);
      rmSync(temporary, { force: true });
    }
  } catch (error) {
    // Remove only what this save created: the name may be taken by something else.
    if (created) rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (linking && code === "EEXIST")
      throw new SaveError(
        `"${shown(path)}" already exists (it appeared while saving); pass --force to replace it, or choose another file`,
      );
    const why: Record<string, string> = {
      EACCES: "permission denied",
      EPERM: "permission denied",
      EROFS: "the file system is read-only",
      ENOSPC: "the disk is full",
      ENOENT: "its folder cannot be written to",
      EISDIR: "it is a directory",
    };
    throw new SaveError(`cannot save to "${shown(path)}": ${why[code ?? ""] ?? code ?? (error as Error).message}`);
  }
  return true;
}
