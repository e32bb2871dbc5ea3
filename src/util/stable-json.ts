/**
 * JSON with sorted object keys and a trailing newline, so equal data give byte-identical files.
 */

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as object).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}

/**
 * Serialises with sorted keys, 1-space indent, non-finite numbers as null, and a final newline.
 * @example stableJson({ b: 1, a: [NaN] }) // => '{\n "a": [\n  null\n ],\n "b": 1\n}\n'
 */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 1)}\n`;
}
