// Third-party libraries that only some commands need are imported through src/vendor/: each is built into a file
// of its own (dist/vendor/*.cjs) that loads on first use, so commands that never need it never read it. Only what
// the sources use is exported, so the build leaves the rest out.
export {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  stringify,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from "yaml";
