/** The part of jStat's API this project uses (jstat ships no types). */
declare module "jstat" {
  interface ContinuousDistribution {
    cdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
    pdf(x: number, ...params: number[]): number;
  }
  const jStat: {
    normal: ContinuousDistribution;
    chisquare: ContinuousDistribution;
    studentt: ContinuousDistribution;
    gammaln(x: number): number;
    factorialln(n: number): number;
    combinationln(n: number, k: number): number;
  };
  export default jStat;
}
