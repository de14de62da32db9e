// Search as you type: the pure parts (URLs, suggestion markup, throttling),
// kept apart from the DOM so they can be unit-tested.

export interface SearchHit {
  kind: "area" | "metric";
  id: string;
  label: string;
  detail: string;
  path: string;
  current: boolean;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// The public API the autocomplete asks (the same one external users call).
export function searchUrl(query: string, limit = 10): string {
  return `/api/v1/search?q=${encodeURIComponent(query.trim())}&limit=${limit}`;
}

// accessible-autocomplete inserts suggestion templates as HTML, so every
// piece of data is escaped here (its README's own AJAX example was fixed for
// HTML injection).
export function suggestionHtml(hit: SearchHit | string | undefined): string {
  if (!hit) return "";
  if (typeof hit === "string") return escapeHtml(hit);
  const code = hit.kind === "area" ? ` <span class="app-code">${escapeHtml(hit.id)}</span>` : "";
  return `<strong>${escapeHtml(hit.label)}</strong>${code}<br><span class="app-suggestion-detail">${escapeHtml(hit.detail)}</span>`;
}

export function inputValue(hit: SearchHit | string | undefined): string {
  if (!hit) return "";
  return typeof hit === "string" ? hit : hit.label;
}

// Calls fn at most once per wait ms with the latest arguments; earlier
// pending calls are dropped.
export function debounce<A extends unknown[]>(fn: (...args: A) => void, wait: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, wait);
  };
}
