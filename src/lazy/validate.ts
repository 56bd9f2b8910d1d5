// Loaded only to read YAML or validate a rules file: the YAML parser and zod stay off the common path, where
// the built-in rules arrive as JSON validated at build time.
export { checkRulesText, loadRules } from "../core/load-rules.js";
export { mergeRules } from "../core/merge-rules.js";
export { readDocument } from "../core/read-document.js";
export { rulesJsonSchema } from "../core/rules-json-schema.js";
export { checkScenarioText, runScenario, ScenarioFileSchema } from "../core/scenarios.js";
