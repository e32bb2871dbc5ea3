/**
 * The identified set as the tables of data/ASSUMPTIONS.md ("The identified set"): one row per
 * claim with its ranges, the statements of its sentence, the readings of the text that change a
 * verdict and the assumptions a robust statement rests on; one row per verbal order. Written
 * from identified.json, so the document says what the shipped file says
 * (test/verify/identified-markdown.test.ts compares them).
 */
import type { ClaimSpec } from "../data/claims-file.js";
import { loadCodebook, type Codebook } from "../data/codebook.js";
import type { IdentifiedRange, RobustVerdict } from "../stats/identified/identified-range.js";
import type { IdentifiedSet } from "../stats/identified/identified-set.js";
import { identifiedCells, pText } from "./identified-text.js";

const VERDICTS: readonly RobustVerdict[] = ["robust", "depends", "fails"];

/** A statement's short name in the table: "claim", "differ", or the pair "large–medium". */
const statementName = (id: string) => id.replace(/^pair:/, "").replace("-", "–");

/** The statements of a sentence with their verdicts ("" for a claim that is one statement). */
function statementsCell(r: IdentifiedRange): string {
  if (r.statements.length < 2) return "";
  return r.statements.map((s) => `${statementName(s.id)} ${s.verdict}`).join("; ");
}

/** Each reading of the text under which a statement's verdict changes: "literal-70: fails". */
function readingsCell(r: IdentifiedRange): string {
  const out: string[] = [];
  for (const t of r.textReadings ?? []) {
    const changed = r.statements.filter(
      (s) => (t.statements.find((x) => x.id === s.id)?.verdict ?? t.verdict) !== s.verdict,
    );
    if (!changed.length) continue;
    const single = r.statements.length === 1;
    const list = changed.map((s) => {
      const v = t.statements.find((x) => x.id === s.id)?.verdict ?? t.verdict;
      return single ? v : `${statementName(s.id)} ${v}`;
    });
    out.push(`${t.reading}: ${list.join(", ")}`);
  }
  return out.join("; ");
}

/** For each robust statement, the assumptions it needs: "differ only with shared-base (p ≥ 0.42)". */
function assumptionsCell(r: IdentifiedRange): string {
  const checks = (r.assumptions ?? []).filter((a) => a.applies);
  const robust = r.statements.filter((s) => s.verdict === "robust");
  if (!robust.length) return "";
  if (!checks.length) return "none applies";
  return robust
    .map((s) => {
      const only = checks.filter((a) => a.without[s.id] !== undefined && a.without[s.id] !== "robust");
      const pOf = (a: (typeof checks)[number]) =>
        a.pMax === null ? "" : ` (p ${a.pMaxAttained ? "≥ " : "up to "}${pText(a.pMax, "en")})`;
      const text = only.length ? `only with ${only.map((a) => a.id + pOf(a)).join(", ")}` : "also without each";
      return r.statements.length === 1 ? text : `${statementName(s.id)} ${text}`;
    })
    .join("; ");
}

/**
 * The claims table with a line of counts, and the orders table, in English with the JSON codes.
 * @example identifiedMarkdown(set, loadClaims()).claims.split("\n")[0] // => "| claim | test | p over the identified set | …"
 */
export function identifiedMarkdown(
  set: IdentifiedSet,
  claims: readonly ClaimSpec[],
  cb: Codebook = loadCodebook(),
): { claims: string; orders: string } {
  const lines = [
    "| claim | test | p over the identified set | share difference (pp) | verdict | statements of the sentence | readings that change a verdict | assumptions a robust statement needs |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const c of claims) {
    const r = set.claims[c.id];
    if (!r) continue;
    const cells = identifiedCells(r, "en", cb);
    const verdict = r.verdict + (r.certain ? "" : " (not proven)");
    lines.push(
      `| \`${c.id}\` | ${c.test} | ${cells.p} | ${cells.effect} | ${verdict} | ${statementsCell(r)} | ${readingsCell(r)} | ${assumptionsCell(r)} |`,
    );
  }
  const all = Object.values(set.claims);
  const count = (v: RobustVerdict) => all.filter((r) => r.verdict === v).length;
  lines.push("", `${all.length} claims: ${VERDICTS.map((v) => `${count(v)} ${v}`).join(", ")}.`);
  const orders = ["| order | verdict | smallest margin (pp) | judged by |", "|---|---|---|---|"];
  for (const id of Object.keys(set.orders).sort()) {
    const o = set.orders[id]!;
    const margin = o.marginMin === null ? "" : `${o.marginMin > 0 ? "+" : ""}${o.marginMin.toFixed(1)}`;
    orders.push(`| \`${id}\` | ${o.verdict} | ${margin} | ${o.method} |`);
  }
  return { claims: lines.join("\n"), orders: orders.join("\n") };
}
