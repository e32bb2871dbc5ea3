/**
 * Helpers for the seminar tests: the ways a student types a number, a number as a German
 * reader writes it, and the upper tail of chi-square with one degree of freedom (computed here,
 * independently of the module's statistics).
 */

/**
 * `x` with `decimals` decimals (default: as JavaScript prints it) and a decimal comma.
 * @example germanNumber(10.3) // => "10,3"
 */
export function germanNumber(x: number, decimals?: number): string {
  return (decimals === undefined ? String(x) : x.toFixed(decimals)).replace(".", ",");
}

/**
 * The ways a student types the number `x`: as a number, with a comma or a point, a minus sign,
 * a percent sign (not for a count), in quotes, with blanks.
 * @example typedVariants(10.3, false).includes("10,3 %") // => true
 */
export function typedVariants(x: number, isCount: boolean): unknown[] {
  const d = isCount ? 0 : 1;
  const comma = germanNumber(x, d);
  const point = x.toFixed(d);
  const variants: unknown[] = [x, comma, point, ` ${comma} `, `"${point}"`, comma.replace("-", "−")];
  if (!isCount) variants.push(`${comma} %`, `${point}%`);
  return variants;
}

/** The complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * P(χ²₁ ≥ x): the p-value of a chi-square statistic with one degree of freedom.
 * @example chiSquare1P(3.841458820694124) // => 0.05 (within 1e-7)
 */
export function chiSquare1P(x: number): number {
  return erfc(Math.sqrt(x / 2));
}
