import { closeSync, lstatSync, openSync, writeSync } from "node:fs";
import { shown } from "../core/shown.js";
import { InputError } from "./read-input.js";

/**
 * Writes files that are meant to be new: without `force`, an existing file (or a symbolic link) at any of the
 * paths stops the whole write before anything is written, and each file is created exclusively, so a file that
 * appears meanwhile is not replaced either.
 */
export function writeNewFiles(files: { path: string; text: string }[], force: boolean): void {
  if (!force) {
    const existing = files.filter(({ path }) => exists(path)).map(({ path }) => path);
    if (existing.length > 0) {
      throw new InputError(
        `${existing.map((p) => `"${shown(p)}"`).join(" and ")} already exist${existing.length === 1 ? "s" : ""}; choose another name, or add --force to replace ${existing.length === 1 ? "it" : "them"}`,
      );
    }
  }
  for (const { path, text } of files) {
    let fd: number;
    try {
      fd = openSync(path, force ? "w" : "wx", 0o644);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === "EEXIST"
          ? "it appeared meanwhile; add --force to replace it"
          : code === "ENOENT"
            ? "its folder does not exist"
            : code === "EACCES"
              ? "permission denied"
              : code === "EISDIR"
                ? "it is a folder"
                : (code ?? "unknown error");
      throw new InputError(`cannot write "${shown(path)}": ${why}`);
    }
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
