import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { codeFrame } from "./code-frame.js";
import type { Problem } from "./errors.js";

import { MAX_ALIASES, MAX_INPUT_BYTES } from "./limits.js";

/** The parser recurses per level of nesting; a document nested thousands deep exhausts the stack. */
function tooDeep(error: unknown): string | undefined {
  return error instanceof RangeError || /call stack/i.test(String((error as Error)?.message)) ? "the document is nested too deeply to read" : undefined;
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
  const at = (offset: number, message: string, lineCounter: LineCounter, hint?: string): Problem => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, message, hint, frame: codeFrame(text, line, col) };
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
    document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
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
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    return { problems: [{ file, message: tooDeep(error) ?? `cannot read: ${(error as Error).message}` }] };
  }
  const locate = (path: readonly (string | number)[], key?: string): Problem => {
    let node: unknown = document.contents;
    let last: Node | undefined = document.contents ?? undefined;
    for (const segment of [...path, ...(key === undefined ? [] : [key])]) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
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
