// Stands in for @inquirer/external-editor (see tsup.config.ts): it is only used by the editor prompt, which
// advise never shows, and it bundles iconv-lite, about 500 KB that the questionnaire would otherwise load.
export function editAsync() {
  throw new Error("the editor prompt is not available in advise");
}
export function edit() {
  throw new Error("the editor prompt is not available in advise");
}
