import { describe, expect, test, vi } from "vitest";
import { debounce, escapeHtml, inputValue, searchUrl, suggestionHtml, type SearchHit } from "../../src/lib/search";

const leeds: SearchHit = {
  kind: "area",
  id: "E08000035",
  label: "Leeds",
  detail: "Metropolitan district, Yorkshire and The Humber",
  path: "/areas/E08000035",
  current: true,
};

describe("search helpers", () => {
  test("asks the public API with the query encoded", () => {
    expect(searchUrl(" king's lynn ")).toBe("/api/v1/search?q=king's%20lynn&limit=10");
  });
  test("escapes every piece of data in a suggestion", () => {
    const evil = { ...leeds, label: "<img src=x onerror=alert(1)>", detail: '"&' };
    const html = suggestionHtml(evil);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&quot;&amp;");
    expect(escapeHtml("a'b")).toBe("a&#39;b");
  });
  test("shows the code of a council, not of a measure", () => {
    expect(suggestionHtml(leeds)).toContain("E08000035");
    expect(suggestionHtml({ ...leeds, kind: "metric", id: "claimant-count" })).not.toContain("claimant-count");
    expect(inputValue(leeds)).toBe("Leeds");
    expect(inputValue(undefined)).toBe("");
  });
  test("debounce calls once with the latest arguments", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 100);
    d("a");
    d("b");
    vi.advanceTimersByTime(99);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledExactlyOnceWith("b");
    vi.useRealTimers();
  });
});
