// Loaded only when questions are asked: @inquirer/prompts is the heaviest dependency.
export { askQuestions } from "../prompt/questionnaire.js";
export { inquirerAsker } from "../prompt/inquirer-asker.js";
