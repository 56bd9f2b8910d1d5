// Stands in for chalk's bundled supports-color (see tsup.config.ts): advise decides colour itself
// (src/io/terminal.ts) and gives chalk an explicit level, so the detection, and the node:tty and node:net
// modules it loads at start-up, are never needed.
const supportsColor = { stdout: false, stderr: false };
export default supportsColor;
