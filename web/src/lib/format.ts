// Number formatting for charts, matching the server's tables (the same
// decimals, thousands separators, "%" after and "£" before).

export function formatValue(value: number, decimals: number, unit: string): string {
  const fixed = value.toLocaleString("en-GB", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  if (unit === "%") return `${fixed}%`;
  if (unit.startsWith("£")) return value < 0 ? `-£${fixed.slice(1)}` : `£${fixed}`;
  return fixed;
}

// Class breaks for a choropleth: k quantile classes of the sorted values,
// de-duplicated (fewer classes when many values are equal).
export function quantileBreaks(values: number[], k = 5): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) {
    const h = (sorted.length - 1) * (i / k);
    const lo = Math.floor(h);
    const v = sorted[lo] + (h - lo) * ((sorted[lo + 1] ?? sorted[lo]) - sorted[lo]);
    if (breaks.length === 0 || v > breaks[breaks.length - 1]) breaks.push(v);
  }
  return breaks.filter((b) => b > sorted[0] && b <= sorted[sorted.length - 1]);
}

// Index of the class a value falls in, given ascending breaks.
export function classOf(value: number, breaks: number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]) i++;
  return i;
}

// Reads a JSON block the server put beside a chart.
export function readJson<T>(id: string | null | undefined): T | undefined {
  if (!id) return undefined;
  const el = document.getElementById(id);
  if (!el?.textContent) return undefined;
  try {
    return JSON.parse(el.textContent) as T;
  } catch {
    return undefined;
  }
}
