/**
 * The benchmark's targets and how a result is judged against them, plus the plain-text tables
 * the benchmark prints.
 */

/** One target: a measured value, the bound it must keep, and whether it did. */
export interface TargetResult {
  label: string;
  /** null when the measurement was skipped or could not be taken. */
  value: number | null;
  unit: "ms" | "MB" | "×" | "";
  /** "max": value ≤ bound; "min": value ≥ bound. */
  kind: "max" | "min";
  bound: number;
  status: "met" | "missed" | "not measured";
  /** The machine's 1-minute load average while it was measured (other work skews every time). */
  load?: number;
}

/**
 * Judges a value against a bound.
 * @param load - the 1-minute load average while the value was measured, shown beside it.
 * @example target("report, warm", 2100, "ms", "max", 3000).status // => "met"
 */
export function target(
  label: string,
  value: number | null | undefined,
  unit: TargetResult["unit"],
  kind: "max" | "min",
  bound: number,
  load?: number,
): TargetResult {
  const v = value === undefined || value === null || Number.isNaN(value) ? null : value;
  const ok = v !== null && (kind === "max" ? v <= bound : v >= bound);
  return {
    label,
    value: v,
    unit,
    kind,
    bound,
    status: v === null ? "not measured" : ok ? "met" : "missed",
    ...(load === undefined || v === null ? {} : { load }),
  };
}

/**
 * A number with its unit as people read it: seconds with one decimal above 1 s.
 * @example show(2140, "ms") // => "2.1 s"
 */
export function show(value: number | null, unit: TargetResult["unit"]): string {
  if (value === null) return "–";
  if (unit === "ms") return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
  if (unit === "MB") return value < 10 ? `${value.toFixed(2)} MB` : `${Math.round(value)} MB`;
  if (unit === "×") return `${value.toFixed(2)}×`;
  return String(value);
}

/**
 * A plain-text table with a header rule; columns are padded to their widest cell, numbers
 * (cells starting with a digit) right-aligned.
 * @example textTable([["a", "b"], ["1", "2"]]) // => "a  b\n-  -\n1  2\n"
 */
export function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => [...(r[j] ?? "")].length)));
  const pad = (cell: string, j: number) => {
    const gap = " ".repeat(widths[j]! - [...cell].length);
    return /^[\d–]/.test(cell) && j > 0 ? gap + cell : cell + gap;
  };
  const line = (r: string[]) => r.map(pad).join("  ").trimEnd();
  return `${[line(rows[0]!), line(widths.map((w) => "-".repeat(w))), ...rows.slice(1).map(line)].join("\n")}\n`;
}

/**
 * The table of targets: measurement, value, target, status, and the load average it was taken at.
 * @example targetTable([target("x", 1, "ms", "max", 2, 0.5)]) // => "measurement  value  target  status  load\n…"
 */
export function targetTable(results: TargetResult[]): string {
  return textTable([
    ["measurement", "value", "target", "status", "load"],
    ...results.map((r) => [
      r.label,
      show(r.value, r.unit),
      `${r.kind === "max" ? "≤" : "≥"} ${show(r.bound, r.unit)}`,
      r.status,
      r.load === undefined ? "–" : r.load.toFixed(2),
    ]),
  ]);
}
