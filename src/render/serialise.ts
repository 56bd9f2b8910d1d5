/** One JSON or YAML document; the YAML writer loads only when asked for. */
export async function serialise(format: "json" | "yaml", data: unknown): Promise<string> {
  if (format === "json") return `${JSON.stringify(data, null, 2)}\n`;
  const { renderYaml } = await import("./yaml.js");
  return renderYaml(data);
}
