import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { saveProfile } from "../../src/io/save-profile.js";
import { tempDir } from "../helpers.js";

const folder = () => tempDir("advise-save-unit-");

describe("saveProfile", () => {
  it("keeps the existing file whole when the new one cannot be written", async () => {
    const dir = folder();
    const target = join(dir, "answers.yaml");
    writeFileSync(target, "need: behavior\n");
    // Occupy the temporary file's name so that writing it fails half-way through the save.
    mkdirSync(join(dir, `.answers.yaml.${process.pid}.tmp`));
    await expect(saveProfile(target, { need: "knowledge" }, { force: true })).rejects.toThrow(/cannot save/);
    expect(readFileSync(target, "utf8")).toBe("need: behavior\n");
  });

  it("asks before replacing a file, and keeps it on a no", async () => {
    const dir = folder();
    const target = join(dir, "answers.json");
    writeFileSync(target, "{}\n");
    const asked: string[] = [];
    const saved = await saveProfile(
      target,
      { need: "knowledge" },
      { force: false, confirmOverwrite: async (message) => (asked.push(message), false) },
    );
    expect(saved).toBe(false);
    expect(asked).toEqual([`"${target}" exists. Replace it?`]);
    expect(readFileSync(target, "utf8")).toBe("{}\n");
    expect(await saveProfile(target, { need: "knowledge" }, { force: false, confirmOverwrite: async () => true })).toBe(
      true,
    );
    expect(JSON.parse(readFileSync(target, "utf8"))).toEqual({ need: "knowledge" });
    expect(readdirSync(dir)).toEqual(["answers.json"]);
  });
});
