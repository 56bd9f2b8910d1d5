// Loaded on first use from dist/vendor/inquirer.cjs; see src/vendor/yaml.ts. One file for the three prompts, which
// share Inquirer's core.
export { default as confirm } from "@inquirer/confirm";
export { default as input } from "@inquirer/input";
export { default as select } from "@inquirer/select";
