// Turns the server's search form (a GET form to /search with input name=q)
// into GOV.UK accessible-autocomplete. The form still submits to /search when
// no suggestion is chosen; choosing one goes straight to its page.
import accessibleAutocomplete from "accessible-autocomplete";
import "accessible-autocomplete/dist/accessible-autocomplete.min.css";
import { debounce, inputValue, searchUrl, suggestionHtml, type SearchHit } from "./search";

export function enhanceSearch(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>("input[name=q]");
  const field = input?.parentElement;
  if (!input || !field) return;
  const label = form.querySelector("label");
  const hintId = input.getAttribute("aria-describedby") ?? "";
  const id = input.id;
  const value = input.value;
  input.remove();

  let controller: AbortController | undefined;
  const fetchHits = debounce((query: string, populate: (hits: SearchHit[]) => void) => {
    controller?.abort();
    controller = new AbortController();
    fetch(searchUrl(query), { signal: controller.signal, headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : { items: [] }))
      .then((body: { items: SearchHit[] }) => populate(body.items))
      .catch(() => undefined);
  }, 150);

  accessibleAutocomplete({
    element: field,
    id,
    name: "q",
    defaultValue: value,
    minLength: 2,
    confirmOnBlur: false,
    showNoOptionsFound: true,
    displayMenu: "overlay",
    source: (query: string, populate: (hits: SearchHit[]) => void) => fetchHits(query, populate),
    templates: { inputValue, suggestion: suggestionHtml },
    onConfirm: (hit: SearchHit | undefined) => {
      if (hit && typeof hit === "object") window.location.assign(hit.path);
    },
    tNoResults: () => "No council or measure found",
    tStatusQueryTooShort: (n: number) => `Type ${n} or more characters for results`,
    tAssistiveHint: () =>
      "When results are available use up and down arrows to review and enter to select. Touch device users, explore by touch or with swipe gestures.",
    menuAttributes: label?.id ? { "aria-labelledby": label.id } : {},
  });
  const created = form.querySelector<HTMLInputElement>(`#${CSS.escape(id)}`);
  if (created && hintId) created.setAttribute("aria-describedby", `${hintId} ${created.getAttribute("aria-describedby") ?? ""}`.trim());
  if (created) created.setAttribute("type", "search");
}
