import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = fileURLToPath(new URL("../../bin/advise.cjs", import.meta.url));
/** The date every run is told is today (ADVISE_TODAY), so that what the cost sketch says of its prices is fixed. */
export const TODAY = "2026-11-30";

export interface CliRun {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs the built binary as a user would, with a fixed width and no colour unless the test says otherwise. */
export function runCli(
  args: string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 15_000,
    // Large enough for the output of a big batch (the default is 1 MB).
    maxBuffer: 1 << 26,
    // A fixed date, so that what the cost sketch says of its prices does not change with the day the tests run.
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      COLUMNS: "80",
      NO_COLOR: "1",
      ADVISE_TODAY: TODAY,
      ...options.env,
    },
  });
  // A run that timed out or outgrew the buffer would otherwise look like a short, successful one.
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

/** The golden-file form: the command line, exit code, stdout and stderr, reviewed in diffs. */
export function golden(args: string[], run: CliRun): string {
  return [
    `$ advise ${args.join(" ")}`,
    `Exit code: ${run.code}`,
    "--- stdout",
    run.stdout.trimEnd(),
    "--- stderr",
    run.stderr.trimEnd(),
    "",
  ].join("\n");
}
