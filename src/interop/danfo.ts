/**
 * A pandas-style view for people who know pandas: an Arquero table as a danfo.js DataFrame.
 * danfojs-node is heavy (TensorFlow.js), so it is loaded only when this is called.
 */
import type { ColumnTable } from "arquero";

/** The part of a danfo.js DataFrame this module promises. */
export interface DataFrameLike {
  shape: number[];
  columns: string[];
  print(): void;
  toJSON(): unknown;
}

/**
 * Converts a table to a danfo.js DataFrame (columns in the table's order).
 * @example (await toDataFrame(aq.table({ a: [1, 2] }))).shape // => [2, 1]
 */
export async function toDataFrame(table: ColumnTable): Promise<DataFrameLike> {
  const danfo = (await import("danfojs-node")) as unknown as {
    DataFrame: new (data: Record<string, unknown[]>, options?: { columns: string[] }) => DataFrameLike;
  };
  const names = table.columnNames();
  const data = Object.fromEntries(names.map((n) => [n, Array.from(table.array(n) as ArrayLike<unknown>)]));
  return new danfo.DataFrame(data, { columns: names });
}
