#!/usr/bin/env node
// Start-up benchmark: every command is timed alternately with bare `node -e 0` (the floor) in the same run, and
// reported as a ratio of medians, so a busy or slow machine moves both sides alike; the spread of the ratios of
// the pairs (each run over the floor run just before it) shows how far a single number can be trusted. Not a test:
// run it with `npm run bench` (which builds first). Options: --runs N (default 25), --json, --node PATH (the same
// benchmark run again by another Node binary, against that Node's own floor).
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin/advise.cjs");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 25;
const asJson = args.includes("--json");
const otherNode = args.includes("--node") ? args[args.indexOf("--node") + 1] : undefined;
const work = mkdtempSync(join(tmpdir(), "advise-bench-"));
const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", COLUMNS: "80" };

const FLAGS = [
  "--need",
  "knowledge",
  "--knowledge-freshness",
  "frequent",
  "--corpus-tokens",
  "2m",
  "--labeled-examples",
  "0",
  "--budget-usd",
  "50k",
  "--queries-per-day",
  "20k",
  "--latency",
  "interactive",
  "--citations",
  "--error-cost",
  "medium",
  "--data-sensitivity",
  "public",
  "--deployment",
  "hosted-api",
  "--ml-expertise",
  "none",
  "--timeline",
  "weeks",
];
const profileFile = join(work, "profile.yaml");
writeFileSync(
  profileFile,
  "need: knowledge\nknowledge-freshness: frequent\ncorpus-tokens: 2m\ncitations: true\nlatency: interactive\n",
);
const COMMANDS = {
  "advise table": [bin, "table"],
  "advise recommend (12+ flags) --format json": [bin, "recommend", ...FLAGS, "--format", "json"],
  "advise --help": [bin, "--help"],
  // Not targets: the paths that load the YAML parser, and the schema library as well.
  "advise --profile FILE.yaml --format json": [bin, "--profile", profileFile, "--format", "json"],
  "advise --rules examples/acme-rules.yaml table": [bin, "--rules", join(root, "examples/acme-rules.yaml"), "table"],
};
const FLOOR = ["-e", "0"];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Output goes to a pipe that this script reads, as when a script runs `advise ... | jq`.
function time(argv) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { env, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 26 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

// Peak memory: a preloaded module records the process's own maxRSS when it exits.
const rssProbe = join(work, "rss-probe.mjs");
writeFileSync(
  rssProbe,
  `import { writeFileSync } from "node:fs";\nprocess.on("exit", () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n`,
);
function peakRss(argv) {
  const file = join(work, "rss.txt");
  spawnSync(process.execPath, ["--import", rssProbe, ...argv], {
    env: { ...env, BENCH_RSS_FILE: file },
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 1 << 30,
  });
  return Number(readFileSync(file, "utf8"));
}

/** Time until the first question is on screen, in a pseudo-terminal; the floor is `node -e 0` in the same terminal. */
function ptyTime(command, until) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn("script", ["-qfec", `stty cols 80 rows 30; exec ${command}`, "/dev/null"], {
      env: { ...env, TERM: "xterm" },
    });
    let seen = "";
    let elapsed;
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      if (elapsed === undefined && until && until.test(seen)) {
        elapsed = Number(process.hrtime.bigint() - start) / 1e6;
        // Ctrl-C, as a person would: advise ends itself (killing script would leave it running a while longer,
        // slowing whatever is timed next), and it is killed only if it does not.
        child.stdin.write("\u0003");
        setTimeout(() => child.kill("SIGKILL"), 2000).unref();
      }
    });
    // Resolved once the terminal is gone, so that the next run does not start while this one is being torn down.
    child.on("close", () => {
      if (until && elapsed === undefined) reject(new Error(`no ${until} in: ${seen}`));
      else resolve(elapsed ?? Number(process.hrtime.bigint() - start) / 1e6);
    });
  });
}

const results = [];
// Round-robin: each round times every command, each right after its own floor run, so a machine that gets
// busier or quieter during the benchmark moves every command and its floor alike.
const timings = Object.fromEntries(Object.keys(COMMANDS).map((name) => [name, { floor: [], command: [] }]));
for (const argv of Object.values(COMMANDS)) time(argv); // warm the file cache once
for (let i = 0; i < runs; i++) {
  for (const [name, argv] of Object.entries(COMMANDS)) {
    timings[name].floor.push(time(FLOOR));
    timings[name].command.push(time(argv));
  }
}
for (const [name, { floor, command }] of Object.entries(timings)) {
  const pairs = command.map((ms, i) => ms / floor[i]).sort((a, b) => a - b);
  const quartile = (q) => pairs[Math.min(pairs.length - 1, Math.floor(q * pairs.length))];
  results.push({
    name,
    medianMs: median(command),
    floorMs: median(floor),
    ratio: median(command) / median(floor),
    pairRatios: { q1: quartile(0.25), q3: quartile(0.75) },
  });
}
{
  // In a terminal, as a person runs them: the first question; the table, drawn in the terminal; a script's JSON
  // sent to a file while standard error stays on the terminal. Not targets; the floor is node -e 0 there too.
  const inTerminal = {
    "first interactive question (pty)": [`${process.execPath} ${bin}`, /\(1\/\d+\)/],
    "advise table in a terminal (pty)": [`${process.execPath} ${bin} table`],
    "advise recommend --format json > file, in a terminal (pty)": [
      `${process.execPath} ${bin} recommend ${FLAGS.join(" ")} --format json > /dev/null`,
    ],
  };
  const times = Object.fromEntries(Object.keys(inTerminal).map((name) => [name, { floor: [], command: [] }]));
  for (let i = 0; i < Math.max(5, Math.floor(runs / 2)); i++) {
    for (const [name, [command, until]] of Object.entries(inTerminal)) {
      times[name].floor.push(await ptyTime(`${process.execPath} -e 0`));
      times[name].command.push(await ptyTime(command, until));
    }
  }
  for (const [name, { floor, command }] of Object.entries(times))
    results.push({ name, medianMs: median(command), floorMs: median(floor), ratio: median(command) / median(floor) });
}
const memory = {
  floorKb: peakRss(FLOOR),
  tableKb: peakRss(COMMANDS["advise table"]),
  recommendKb: peakRss(COMMANDS["advise recommend (12+ flags) --format json"]),
};
memory.ratio = Math.max(memory.tableKb, memory.recommendKb) / memory.floorKb;

let batch = null;
const batchFile = join(work, "profiles.jsonl");
const help = spawnSync(process.execPath, [bin, "recommend", "--help"], { env, encoding: "utf8" });
if (help.stdout.includes("--batch")) {
  const count = 100_000;
  const lines = [];
  const needs = ["knowledge", "behavior", "task-skill", "knowledge-and-behavior", "foundation", "unclear"];
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        need: needs[i % needs.length],
        "labeled-examples": (i * 37) % 20000,
        "budget-usd": (i * 101) % 2e6,
        citations: i % 2 === 0,
        "queries-per-day": (i * 7919) % 3e6,
      }),
    );
  }
  writeFileSync(batchFile, `${lines.join("\n")}\n`);
  const floorArgv = [
    "-e",
    `const t=require("fs").readFileSync(${JSON.stringify(batchFile)},"utf8").split("\\n");let n=0;for(const l of t) if(l) { JSON.parse(l); n++ } process.stdout.write(String(n))`,
  ];
  const batchArgv = [bin, "recommend", "--batch", batchFile];
  // The output (about 70 MB) goes to a pipe that this script reads as it comes, as `advise --batch ... | grep`
  // would, and, to tell advise's own share from the reader's, to /dev/null. Alternated with the floor.
  const discard = openSync("/dev/null", "w");
  const timed = (argv, stdout) =>
    new Promise((resolve, reject) => {
      const start = process.hrtime.bigint();
      const child = spawn(process.execPath, argv, { env, stdio: ["ignore", stdout, "ignore"] });
      child.stdout?.on("data", () => {});
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0
          ? resolve(Number(process.hrtime.bigint() - start) / 1e6)
          : reject(new Error(`${argv.join(" ")} exited ${code}`)),
      );
    });
  const floors = [];
  const piped = [];
  const discarded = [];
  for (let i = 0; i < Math.max(5, Math.floor(runs / 5)); i++) {
    floors.push(await timed(floorArgv, "pipe"));
    piped.push(await timed(batchArgv, "pipe"));
    discarded.push(await timed(batchArgv, discard));
  }
  closeSync(discard);
  const [floorMs, ms, discardedMs] = [median(floors), median(piped), median(discarded)];
  const rss = peakRss(batchArgv);
  batch = {
    profiles: count,
    ms,
    floorMs,
    profilesPerSecond: Math.round((count / ms) * 1000),
    ratio: ms / floorMs,
    discardedMs,
    discardedRatio: discardedMs / floorMs,
    peakRssKb: rss,
  };
}
rmSync(work, { recursive: true, force: true });

if (asJson) {
  process.stdout.write(`${JSON.stringify({ runs, node: process.version, results, memory, batch }, null, 2)}\n`);
} else {
  console.log(
    `advise start-up on Node ${process.version}, ${runs} alternating runs each, ratio = median(command) / median(node -e 0)`,
  );
  const width = Math.max(...results.map((x) => x.name.length));
  for (const r of results) {
    const spread = r.pairRatios
      ? `; middle half of the pairs ${r.pairRatios.q1.toFixed(2)}–${r.pairRatios.q3.toFixed(2)}×`
      : "";
    console.log(
      `  ${r.name.padEnd(width)} ${r.ratio.toFixed(2)}×  (${r.medianMs.toFixed(1)} ms vs ${r.floorMs.toFixed(1)} ms${spread})`,
    );
  }
  console.log(
    `  peak memory: ${memory.ratio.toFixed(2)}× bare node (node ${memory.floorKb} KB, table ${memory.tableKb} KB, recommend ${memory.recommendKb} KB)`,
  );
  if (batch) {
    console.log(
      `  batch: ${batch.profiles} profiles in ${batch.ms.toFixed(0)} ms to a pipe, ${batch.profilesPerSecond}/s, ${batch.ratio.toFixed(2)}× the read+parse floor (${batch.floorMs.toFixed(0)} ms), peak ${batch.peakRssKb} KB`,
    );
    console.log(
      `         output discarded (/dev/null): ${batch.discardedMs.toFixed(0)} ms, ${batch.discardedRatio.toFixed(2)}× the floor`,
    );
  } else console.log("  batch: not measured (recommend --batch is not available)");
}

if (otherNode) {
  // The same script under the other Node, without --node, so its figures are against that Node's floor.
  const rest = args.filter((arg, i) => arg !== "--node" && args[i - 1] !== "--node");
  if (!asJson) console.log(`\nThe same with ${otherNode}:`);
  const other = spawnSync(otherNode, [fileURLToPath(import.meta.url), ...rest], { stdio: "inherit" });
  process.exitCode = other.status ?? 1;
}
