import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { AdviseError } from "../core/errors.js";
import type { Profile } from "../core/parse-profile.js";
import { serialise } from "../render/serialise.js";

export class SaveError extends AdviseError {}

async function profileText(path: string, profile: Profile): Promise<string> {
  if (path.endsWith(".json")) return serialise("json", profile);
  return `# Answers for \`advise --profile ${basename(path)}\`\n${await serialise("yaml", profile)}`;
}

/** Fails early, before any advice is printed, when --save could not write without overwriting. */
export function checkSaveTarget(path: string, force: boolean): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) throw new SaveError(`cannot save to "${path}": it is a directory`);
  if (!force) throw new SaveError(`"${path}" already exists; pass --force to overwrite it, or choose another file`);
}

/**
 * Writes a profile atomically: to a temporary file beside the target, flushed, then renamed over it, so an
 * interruption never leaves a partial file. An existing file is replaced only with --force or a yes.
 * Returns false when the user declined to overwrite.
 */
export async function saveProfile(
  path: string,
  profile: Profile,
  options: { force: boolean; confirmOverwrite?: (message: string) => Promise<boolean> },
): Promise<boolean> {
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new SaveError(`cannot save to "${path}": it is a directory`);
    if (!options.force) {
      if (!options.confirmOverwrite) throw new SaveError(`"${path}" already exists; pass --force to overwrite it, or choose another file`);
      if (!(await options.confirmOverwrite(`"${path}" exists. Overwrite it?`))) return false;
    }
  }
  const text = await profileText(path, profile);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let created = false;
  try {
    const fd = openSync(temporary, "wx", 0o644);
    created = true;
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    // Remove only what this save created: the name may be taken by something else.
    if (created) rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new SaveError(`cannot save to "${path}" (${code ?? (error as Error).message})`);
  }
  return true;
}
