import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from "../vendor/yaml.js";
import { codeFrame } from "./code-frame.js";
import type { Problem } from "./errors.js";

import { MAX_ALIASES, MAX_INPUT_BYTES } from "./limits.js";

/** The parser recurses per level of nesting; a document nested thousands deep exhausts the stack. */
function tooDeep(error: unknown): string | undefined {
  return error instanceof RangeError || /call stack/i.test(String((error as Error)?.message))
    ? "the document is nested too deeply to read"
    : undefined;
}

export interface ParsedDocument {
  value: unknown;
  /** Where a path inside the document sits, for messages; undefined when it cannot be found. */
  locate(path: readonly (string | number)[], key?: string): Problem;
}

/**
 * Parses YAML or JSON text safely: duplicate keys are errors, alias expansion is bounded, `__proto__` stays an
 * ordinary key, and every problem comes back with its line, column and a code frame.
 */
export function readDocument(text: string, file: string | undefined): { doc?: ParsedDocument; problems: Problem[] } {
  // Split once, when the first frame is made: a file with thousands of problems must not be split for each.
  let lines: string[] | undefined;
  const at = (offset: number, message: string, lineCounter: LineCounter, hint?: string): Problem => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, message, hint, frame: codeFrame((lines ??= text.split(/\r?\n/)), line, col) };
  };
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_INPUT_BYTES) {
    return { problems: [{ file, message: `the file is ${bytes} bytes; at most ${MAX_INPUT_BYTES} are read` }] };
  }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === "") {
    return { problems: [{ file, message: "the file is empty; expected a YAML or JSON mapping" }] };
  }
  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
    // yaml's own uniqueKeys compares every key with every other; duplicateKeys() does it with a set.
    document = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  } catch (error) {
    return { problems: [{ file, message: tooDeep(error) ?? `cannot parse: ${(error as Error).message}` }] };
  }
  if (document.errors.length > 0) {
    return {
      problems: document.errors.map((error) => {
        const message = tooDeep(error) ?? error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
        return at(error.pos[0], message, lineCounter);
      }),
    };
  }
  let duplicates: Problem[];
  try {
    duplicates = duplicateKeys(document).map(({ offset, key }) =>
      at(offset, `the key "${key}" appears twice in this mapping; keep one`, lineCounter),
    );
  } catch (error) {
    return { problems: [{ file, message: tooDeep(error) ?? `cannot read: ${(error as Error).message}` }] };
  }
  if (duplicates.length > 0) return { problems: duplicates };
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    return { problems: [{ file, message: tooDeep(error) ?? `cannot read: ${(error as Error).message}` }] };
  }
  // Each mapping's keys are indexed when a path first goes through it: a file with thousands of problems looks up
  // thousands of keys.
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items)
        if (isPair(item) && isScalar(item.key) && !index.has(String(item.key.value)))
          index.set(String(item.key.value), item);
      indexes.set(map, index);
    }
    return index.get(key);
  };
  const locate = (path: readonly (string | number)[], key?: string): Problem => {
    let node: unknown = document.contents;
    let last: Node | undefined = document.contents ?? undefined;
    for (const segment of [...path, ...(key === undefined ? [] : [key])]) {
      if (isMap(node)) {
        const pair = pairOf(node as YAMLMap, String(segment));
        if (!pair) break;
        if (segment === key) {
          last = pair.key as Node;
          break;
        }
        node = pair.value;
        last = (pair.value as Node | null) ?? (pair.key as Node);
      } else if (isSeq(node) && typeof segment === "number") {
        node = node.items[segment];
        last = (node as Node | undefined) ?? last;
      } else break;
    }
    const offset = last?.range?.[0];
    if (offset === undefined) return { file, message: "" };
    return at(offset, "", lineCounter);
  };
  return { doc: { value, locate }, problems: [] };
}

/** Keys given twice in one mapping, with where the second one is. */
function duplicateKeys(document: Document.Parsed): { offset: number; key: string }[] {
  const found: { offset: number; key: string }[] = [];
  visit(document, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const item of map.items) {
        if (!isScalar(item.key)) continue;
        const key = String(item.key.value);
        if (seen.has(key)) found.push({ offset: item.key.range?.[0] ?? 0, key });
        seen.add(key);
      }
    },
  });
  return found;
}
