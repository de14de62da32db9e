import { describe, expect, test } from "vitest";
import { classOf, formatValue, quantileBreaks } from "../../src/lib/format";

describe("formatValue", () => {
  test("uses the metric's decimals, separators and unit", () => {
    expect(formatValue(4.25, 1, "%")).toBe("4.3%");
    expect(formatValue(85237, 0, "count")).toBe("85,237");
    expect(formatValue(1234.5, 2, "£ per head")).toBe("£1,234.50");
    expect(formatValue(-3, 0, "£")).toBe("-£3");
  });
});

describe("quantileBreaks", () => {
  test("splits values into classes of equal size", () => {
    expect(quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 5)).toEqual([3, 5, 7, 9]);
  });
  test("drops repeated breaks when many values are equal", () => {
    expect(quantileBreaks([1, 1, 1, 1, 1, 1, 2], 5)).toEqual([]);
  });
  test("ignores non-finite values and copes with none", () => {
    expect(quantileBreaks([NaN, Infinity], 5)).toEqual([]);
    expect(quantileBreaks([], 5)).toEqual([]);
  });
  test("classOf puts each value in its class", () => {
    const breaks = [3, 5, 7, 9];
    expect([1, 3, 4, 9, 11].map((v) => classOf(v, breaks))).toEqual([0, 1, 1, 4, 4]);
  });
});
