import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRules } from "../../src/core/load-rules.js";
import { BIN, ROOT, runCli } from "./run-cli.js";
import { tempDir } from "../helpers.js";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function folderSize(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.size;
  return readdirSync(path).reduce((sum, name) => sum + folderSize(join(path, name)), 0);
}

/** The files under dist/ that Node has read when the command ends, reported by a module preloaded with -r. */
function loadedFiles(args: string[]): string[] {
  const probe = join(tempDir("advise-probe-"), "probe.cjs");
  writeFileSync(
    probe,
    'process.on("exit", () => process.stderr.write("\\nLOADED " + JSON.stringify(Object.keys(require.cache)) + "\\n"));\n',
  );
  const run = spawnSync(process.execPath, ["-r", probe, BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    input: "",
  });
  const line = run.stderr.split("\n").find((l) => l.startsWith("LOADED "));
  expect(line, run.stderr).toBeDefined();
  return (JSON.parse(line!.slice("LOADED ".length)) as string[])
    .filter((file) => file.startsWith(join(ROOT, "dist")))
    .map((file) => relative(join(ROOT, "dist"), file));
}

describe("the package", () => {
  it("starts without the schema library, the YAML parser or the prompts: they load only where needed", () => {
    expect(loadedFiles(["table"])).toEqual(["cli.cjs"]);
    expect(loadedFiles(["recommend", "--need", "knowledge", "--format", "json"])).toEqual(["cli.cjs"]);
    expect(loadedFiles(["recommend", "--need", "knowledge", "--format", "yaml"])).toEqual([
      "cli.cjs",
      join("vendor", "yaml.cjs"),
    ]);
    expect(loadedFiles(["rules", "validate", join(ROOT, "examples/acme-rules.yaml")]).sort()).toEqual([
      "cli.cjs",
      join("vendor", "yaml.cjs"),
      join("vendor", "zod.cjs"),
    ]);
  });

  it("builds in rules equal to the validated YAML", () => {
    const run = runCli(["rules", "show", "--format", "json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(
      JSON.parse(JSON.stringify(loadRules(readFileSync(join(ROOT, "rules/default.yaml"), "utf8")))),
    );
  });

  it("packs only what runs, installs from the tarball into an empty folder, and `npx advise table` works", () => {
    const work = tempDir("advise-pack-");
    const packed = JSON.parse(
      execFileSync(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", work], {
        cwd: ROOT,
        encoding: "utf8",
      }),
    );
    const files: string[] = packed[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain("bin/advise.cjs");
    expect(files).toContain("dist/cli.cjs");
    expect(files).toContain("dist/vendor/inquirer.cjs");
    expect(files.filter((f) => /^(src|test|scripts)\//.test(f) || f.endsWith(".ts"))).toEqual([]);

    const project = join(work, "project");
    execFileSync("mkdir", ["-p", project]);
    writeFileSync(join(project, "package.json"), '{ "name": "try-advise", "private": true }\n');
    execFileSync(npm, ["install", "--no-audit", "--no-fund", "--offline", join(work, packed[0].filename)], {
      cwd: project,
      encoding: "utf8",
    });
    const run = spawnSync("npx", ["--no-install", "advise", "table"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", COLUMNS: "80" },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Pre-Training[\s\S]*Retrieval-Augmented/);
    const installed = folderSize(join(project, "node_modules"));
    expect(installed).toBeLessThan(3 * 1024 * 1024);
    console.log(
      `tarball ${packed[0].size} bytes, unpacked ${packed[0].unpackedSize} bytes, installed footprint ${installed} bytes`,
    );

    // As the README says to install it for use anywhere: globally, from the tarball (here into a prefix of its own).
    const prefix = join(work, "global");
    execFileSync(
      npm,
      ["install", "-g", "--prefix", prefix, "--no-audit", "--no-fund", "--offline", join(work, packed[0].filename)],
      { encoding: "utf8" },
    );
    const global = spawnSync(join(prefix, "bin", "advise"), ["table", "--format", "json"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(global.stderr).toBe("");
    expect(JSON.parse(global.stdout).approaches).toHaveLength(4);
  }, 120_000);
});
