import { beforeEach, describe, expect, it, vi } from "vitest";

/** What reached the descriptor, and how the next writes behave: each entry takes at most that many bytes. */
const pipe = { received: [] as Buffer[], limits: [] as (number | "EAGAIN")[] };

vi.mock("node:fs", async (original) => ({
  ...(await original<typeof import("node:fs")>()),
  fstatSync: () => ({ isFIFO: () => true, isFile: () => false, isSocket: () => false, isCharacterDevice: () => false }),
  writeSync: (_fd: number, chunk: string | Uint8Array) => {
    const bytes = Buffer.from(chunk);
    const limit = pipe.limits.shift() ?? bytes.length;
    if (limit === "EAGAIN") throw Object.assign(new Error("EAGAIN: resource temporarily unavailable, write"), { code: "EAGAIN" });
    const taken = bytes.subarray(0, limit);
    pipe.received.push(taken);
    return taken.length;
  },
}));

const { fdOutput } = await import("../../src/io/fd-output.js");

describe("writing straight to a pipe", () => {
  beforeEach(() => {
    pipe.received = [];
    pipe.limits = [];
  });

  const text = "Retrieval-Augmented Generation → naïve ≠ 検索 🙂\n".repeat(50);
  const noStream = () => {
    throw new Error("a pipe needs no stream");
  };

  it("sends a text whole when the pipe takes it at once", () => {
    fdOutput(1, noStream).write(text);
    expect(pipe.received).toHaveLength(1);
    expect(Buffer.concat(pipe.received).toString("utf8")).toBe(text);
  });

  it("sends the rest of a text a full pipe took only part of, down to the byte, in the middle of a character too", () => {
    // 5 bytes end inside "→" (bytes 34-36 of the line); then a full pipe, then parts of varied sizes.
    pipe.limits = [35, "EAGAIN", 7, 1, 2, 1000];
    fdOutput(1, noStream).write(text);
    expect(Buffer.concat(pipe.received).toString("utf8")).toBe(text);
    expect(pipe.received.length).toBeGreaterThan(4);
  });

  it("sends bytes as they are, also in parts", () => {
    const bytes = Buffer.from(text);
    pipe.limits = ["EAGAIN", 100, 3];
    fdOutput(2, noStream).write(bytes);
    expect(Buffer.concat(pipe.received).equals(bytes)).toBe(true);
  });
});
