import { strict as assert } from "node:assert";
import { parseAnswer } from "../../src/seminar/answer.js";

const value = (typed: unknown) => parseAnswer(typed).value;

describe("an answer as a student types it", () => {
  it("reads a number with a decimal comma or point, a percent sign, quotes and spaces", () => {
    for (const typed of [
      "10,3",
      "10.3",
      " 10,3 ",
      "10,3 %",
      "10.3%",
      '"10.3"',
      "„10,3“",
      "10,3 Prozentpunkte",
      "10,3 pp",
    ])
      assert.equal(value(typed), 10.3, typed);
    assert.equal(parseAnswer("10,3 %").percent, true);
    assert.equal(parseAnswer("10,3").percent, false);
    assert.equal(value(10.3), 10.3);
  });

  it("reads a negative number with a hyphen, a minus sign or a dash", () => {
    for (const typed of ["-23,4", "−23,4", "–23,4", "- 23.4"]) assert.equal(value(typed), -23.4, typed);
  });

  it("evaluates a calculation of numbers with + − × / and brackets", () => {
    assert.ok(Math.abs(value("45,8 − 35,5")! - 10.3) < 1e-9);
    assert.ok(Math.abs(value("(45.8 - 35.5)")! - 10.3) < 1e-9);
    assert.equal(value("59/59"), 1);
    assert.ok(Math.abs(value("2 * 0,5 + 1")! - 2) < 1e-12);
  });

  it("reads scientific notation, also written as ·10^-5 or with superscripts", () => {
    for (const typed of ["7e-5", "7E-5", "7·10^-5", "7 × 10^(-5)", "7·10⁻⁵", "0,00007"])
      assert.ok(Math.abs(value(typed)! - 7e-5) < 1e-15, typed);
  });

  it("reads German and English thousands separators only together with a decimal separator", () => {
    assert.equal(value("1.323,5"), 1323.5);
    assert.equal(value("1,323.5"), 1323.5);
  });

  it("reads yes and no in German and English, as words or booleans, beside a number", () => {
    for (const typed of ["ja", "Ja.", "yes", "true", "wahr", true])
      assert.equal(parseAnswer(typed).yesNo, true, String(typed));
    for (const typed of ["nein", "No", "false", "falsch", false])
      assert.equal(parseAnswer(typed).yesNo, false, String(typed));
    const p = parseAnswer("nein, p = 0,45");
    assert.deepEqual([p.yesNo, p.value], [false, 0.45]);
    assert.equal(parseAnswer("n = 139").yesNo, null, "a variable name n is not a no");
  });

  it("reads a bound such as p < 0,001", () => {
    const p = parseAnswer("ja, p < 0,001");
    assert.deepEqual([p.yesNo, p.bound, p.value], [true, "<", 0.001]);
    assert.equal(parseAnswer("p ≤ 0,05").bound, "<");
    assert.equal(parseAnswer("10,3").bound, null);
  });

  it("reads a single letter as a choice, with brackets or a word before it", () => {
    for (const typed of ["b", "B", "(b)", "b)", "b.", "Antwort b", "answer (b)"])
      assert.equal(parseAnswer(typed).letter, "b", typed);
    assert.equal(parseAnswer("ab").letter, null);
    assert.equal(parseAnswer("10").letter, null);
  });

  it("counts the decimals typed, for the rounding hint", () => {
    assert.equal(parseAnswer("10").decimals, 0);
    assert.equal(parseAnswer("10,30").decimals, 2);
    assert.equal(parseAnswer("45,8 - 35,5").decimals, null, "a calculation has no typed decimals");
  });

  it("treats nothing, an empty string and blanks as no answer", () => {
    for (const typed of [null, undefined, "", "   ", '""']) assert.equal(parseAnswer(typed).empty, true, String(typed));
    assert.equal(parseAnswer("weiß nicht").value, null);
    assert.equal(parseAnswer("weiß nicht").empty, false);
  });
});
