// Every journey of the web app in real Chromium against the real server and
// the bundled real data: at desktop width and at 360 px, with axe (zero WCAG
// 2.2 A/AA violations), by keyboard alone, and with JavaScript off.
// Screenshots go to LGB_TEST_OUTPUT.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import AxeBuilder from "@axe-core/playwright";
import { DESKTOP, PHONE, RESTRICTED, USER, base, newPage, shot, start, stop } from "./fixture.mjs";

before(start, { timeout: 120_000 });
after(stop);

const LEEDS = "E08000035";
// Every page of every journey, with the text its main content must hold
// (without JavaScript too).
const PAGES = [
  { name: "home", path: "/", text: "How is your council doing?" },
  { name: "search", path: "/search?q=leeds", text: "Leeds" },
  { name: "councils", path: "/areas", text: "Metropolitan districts" },
  { name: "profile", path: `/areas/${LEEDS}?group=neighbours`, text: "Claimant Count" },
  { name: "outliers", path: `/areas/${LEEDS}/outliers?group=neighbours&threshold=1`, text: "What stands out" },
  { name: "compare", path: `/areas/${LEEDS}/compare?theme=housing&group=neighbours`, text: "Housing affordability" },
  { name: "measures", path: "/metrics", text: "Claimant Count" },
  { name: "metric", path: `/metrics/claimant-count?area=${LEEDS}&group=neighbours`, text: "Ranking" },
  { name: "reports", path: "/reports", text: "Waste" },
  { name: "report", path: `/reports/waste?area=${LEEDS}&group=neighbours`, text: "recycl" },
  { name: "about", path: "/about-data", text: "Files loaded" },
  { name: "not-found", path: "/areas/E99999999", text: "Page not found", status: 404 },
];

async function checkAxe(page, label) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`,
  );
  assert.deepEqual(summary, [], `axe violations on ${label}`);
}

describe("every page, desktop and 360 px", () => {
  const titles = new Set();
  for (const p of PAGES) {
    for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      test(`${p.name} at ${size}`, async () => {
        const page = await newPage({ viewport });
        try {
          const response = await page.goto(base + p.path, { waitUntil: "networkidle" });
          assert.equal(response.status(), p.status ?? 200);
          assert.match(await page.locator("main").innerText(), new RegExp(p.text, "i"));
          assert.equal(await page.locator("h1").count(), 1, "exactly one h1");
          assert.equal(await page.locator("a.govuk-skip-link[href='#main-content']").count(), 1);
          const title = await page.title();
          assert.match(title, / - lgbench$/);
          if (size === "desktop") {
            assert.ok(!titles.has(title), `title "${title}" is unique`);
            titles.add(title);
          }
          // Reflow: nothing wider than the screen (wide tables scroll in their own box).
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${size} viewport`);
          if (size === "phone") {
            // Tables of four or more columns are read row by row on a phone:
            // no column may be hidden off the side of its box.
            const clipped = await page.evaluate(() =>
              [...document.querySelectorAll(".app-table--stack")]
                .filter((t) => t.parentElement.scrollWidth > t.parentElement.clientWidth + 1)
                .map((t) => t.querySelector("caption")?.textContent.trim()),
            );
            assert.deepEqual(clipped, [], "stacked tables fit the phone screen");
          }
          await checkAxe(page, `${p.path} at ${size}`);
          // The browser reports the 404 page's own status as a console error.
          assert.deepEqual(page.problems.filter((m) => !(p.status && m.includes(`status of ${p.status}`))), []);
          await shot(page, `${p.name}-${size}`);
        } finally {
          await page.closeAll();
        }
      });
    }
  }
});

describe("search", () => {
  test("keyboard only: type, arrow to a suggestion, Enter opens the council", async () => {
    const page = await newPage();
    try {
      await page.goto(base + "/", { waitUntil: "networkidle" });
      // Tab from the top of the page: skip link, home link, navigation, then the search box.
      await page.keyboard.press("Tab");
      let focused = "";
      for (let i = 0; i < 12 && focused !== "search-q"; i++) {
        await page.keyboard.press("Tab");
        focused = await page.evaluate(() => document.activeElement?.id ?? "");
      }
      assert.equal(focused, "search-q", "the search box is reachable by Tab");
      await page.keyboard.type("leeds", { delay: 30 });
      const option = page.locator("#search-q__listbox li[role=option]", { hasText: "Leeds" }).first();
      await option.waitFor();
      assert.match(await option.innerText(), /Leeds/);
      const snapshot = await page.locator("#search-q__listbox").ariaSnapshot();
      assert.match(snapshot, /option "Leeds/);
      await shot(page, "search-autocomplete");
      await page.keyboard.press("ArrowDown");
      await Promise.all([page.waitForURL(`**/areas/${LEEDS}`), page.keyboard.press("Enter")]);
      assert.equal(await page.locator("h1").innerText(), "Leeds");
      assert.deepEqual(page.problems, []);
    } finally {
      await page.closeAll();
    }
  });

  test("finds a council by code, a former council, and a measure", async () => {
    const page = await newPage();
    try {
      const byCode = await (await page.request.get(`${base}/api/v1/search?q=${LEEDS}`)).json();
      assert.equal(byCode.items[0].id, LEEDS);
      const former = await (await page.request.get(`${base}/api/v1/search?q=aylesbury`)).json();
      assert.match(former.items[0].detail, /abolished.*now Buckinghamshire/);
      const metric = await (await page.request.get(`${base}/api/v1/search?q=recycl`)).json();
      assert.ok(metric.items.some((h) => h.kind === "metric"));
    } finally {
      await page.closeAll();
    }
  });
});

describe("without JavaScript", () => {
  test("search form, council profile, group picker and downloads all work", async () => {
    const page = await newPage({ javaScript: false, viewport: PHONE });
    try {
      await page.goto(base + "/");
      await page.fill("#search-q", "leeds");
      await Promise.all([page.waitForURL("**/search?q=leeds"), page.click("button:has-text('Search')")]);
      await Promise.all([page.waitForURL(`**/areas/${LEEDS}`), page.click(`main a[href='/areas/${LEEDS}']`)]);
      assert.match(await page.locator("main").innerText(), /Economy[\s\S]*Claimant Count/);
      await page.selectOption("#select-group", "neighbours");
      await Promise.all([page.waitForURL(`**/areas/${LEEDS}?group=neighbours`), page.click("button:has-text('Update')")]);
      assert.match(await page.locator("main").innerText(), /Nearest neighbours of Leeds/);
      await shot(page, "nojs-profile-phone");
      const href = await page.locator("a[href$='/data.csv?group=neighbours']").getAttribute("href");
      const csv = await (await page.request.get(base + href)).text();
      assert.match(csv.split("\r\n")[0], /^theme,metric_id,measure,.*,source,licence,attribution$/);
      await page.goto(`${base}/metrics/claimant-count?area=${LEEDS}&group=neighbours`);
      assert.ok(await page.locator("#ranking-table").isVisible());
      assert.ok(await page.locator("#trend-table").isVisible());
    } finally {
      await page.closeAll();
    }
  });
});

describe("group picker", () => {
  test("keyboard only: choose nearest neighbours and update", async () => {
    const page = await newPage();
    try {
      await page.goto(`${base}/areas/${LEEDS}`, { waitUntil: "networkidle" });
      await page.focus("#select-group");
      // Arrow keys change a focused <select> without opening it in headless Chromium.
      let value = await page.inputValue("#select-group");
      for (let i = 0; i < 8 && value !== "neighbours"; i++) {
        await page.keyboard.press("ArrowDown");
        value = await page.inputValue("#select-group");
      }
      assert.equal(value, "neighbours");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), "Update");
      await Promise.all([page.waitForURL(`**/areas/${LEEDS}?group=neighbours`), page.keyboard.press("Enter")]);
      assert.match(await page.locator("main").innerText(), /Compared with: Nearest neighbours of Leeds/);
    } finally {
      await page.closeAll();
    }
  });
});

describe("charts and map", () => {
  test("the metric page draws the ranking, trend and map from its tables' data", async () => {
    const page = await newPage();
    try {
      await page.goto(`${base}/metrics/claimant-count?area=${LEEDS}&group=neighbours`, { waitUntil: "networkidle" });
      await page.locator("[data-chart=ranking] svg").first().waitFor();
      await page.locator("[data-chart=trend] svg").first().waitFor();
      await page.locator("[data-map] svg path").first().waitFor();
      // Charts are hidden from assistive technology; their summary is text.
      assert.equal(await page.locator("[data-chart=ranking]").getAttribute("aria-hidden"), "true");
      const figure = await page.locator("figure:has([data-chart=trend])").ariaSnapshot();
      assert.match(figure, /figure "Between \d{4} and \d{4}, Leeds went from/);
      const rows = await page.locator("#ranking-table tbody tr").count();
      assert.equal(rows, 16, "Leeds and its 15 nearest neighbours");
      await shot(page, "metric-charts-desktop");
      assert.deepEqual(page.problems, []);
    } finally {
      await page.closeAll();
    }
  });

  test("compare draws one strip per measure", async () => {
    const page = await newPage({ viewport: PHONE });
    try {
      await page.goto(`${base}/areas/${LEEDS}/compare?theme=economy&group=neighbours`, { waitUntil: "networkidle" });
      await page.locator("[data-chart=strips] svg").first().waitFor();
      const strips = await page.locator("[data-chart=strips] svg").count();
      const rows = await page.locator("#compare-table tbody tr").count();
      assert.equal(strips, rows);
    } finally {
      await page.closeAll();
    }
  });
});

describe("downloads", () => {
  test("CSV, XLSX and JSON carry the page's state, source and licence", async () => {
    const page = await newPage();
    try {
      const q = `?area=${LEEDS}&group=neighbours`;
      const csv = await page.request.get(`${base}/metrics/claimant-count/data.csv${q}`);
      assert.equal(csv.status(), 200);
      assert.match(csv.headers()["content-type"], /^text\/csv/);
      assert.match(csv.headers()["content-disposition"], /lgbench-claimant-count-E08000035-neighbours-cy\d{4}\.csv/);
      const lines = (await csv.text()).trim().split("\r\n");
      assert.equal(lines.length, 17, "header and 16 councils");
      assert.match(lines[1], /Office for National Statistics,OGL-UK-3.0/);
      const xlsx = await page.request.get(`${base}/metrics/claimant-count/data.xlsx${q}`);
      assert.equal(xlsx.status(), 200);
      const bytes = await xlsx.body();
      assert.equal(bytes.subarray(0, 2).toString(), "PK", "an XLSX is a zip file");
      const json = await (await page.request.get(`${base}/metrics/claimant-count/data.json${q}`)).json();
      assert.equal(json.sources[0].licence, "OGL-UK-3.0");
      assert.equal(json.tables[0].rows.length, 16);
      assert.equal(json.tables[1].name, "Trend");
    } finally {
      await page.closeAll();
    }
  });
});

// Signing in: a measure restricted to Leeds is absent for anonymous visitors
// and present once its Leeds user signs in; the session cookie is HttpOnly
// and SameSite=Lax and appears only after sign-in; a wrong password, a forged
// form and sign-out behave; the sign-in, account and usage pages pass axe.
async function signIn(page, password = USER.password) {
  await page.goto(base + "/sign-in");
  await page.getByLabel("Email address").fill(USER.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForLoadState("networkidle");
}

describe("sign-in", () => {
  test("anonymous visitors see no trace of the restricted measure", async () => {
    const page = await newPage();
    try {
      for (const path of ["/metrics", `/metrics/${RESTRICTED.id}`, "/areas/E08000035", "/search?q=leeds+only"]) {
        const response = await page.goto(base + path);
        assert.ok(!(await page.content()).includes(RESTRICTED.title), `${path} mentions the restricted measure`);
        if (path.startsWith("/metrics/")) assert.equal(response.status(), 404);
      }
      assert.deepEqual(await page.context().cookies(), [], "no cookie before sign-in");
    } finally {
      await page.closeAll();
    }
  });

  test("the Leeds user signs in, sees the measure, and signs out", async () => {
    const page = await newPage();
    try {
      await page.goto(base + "/sign-in");
      await checkAxe(page, "sign-in");
      await signIn(page);
      assert.match(page.url(), /\/account$/);
      assert.match(await page.locator("main").innerText(), /Leeds/);
      await checkAxe(page, "account");
      await shot(page, "account");
      const [cookie] = await page.context().cookies();
      assert.equal(cookie.name, "lgb_session");
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, "Lax");
      const measure = await page.goto(base + `/metrics/${RESTRICTED.id}`);
      assert.equal(measure.status(), 200);
      assert.match(await page.locator("h1").innerText(), new RegExp(RESTRICTED.title, "i"));
      await page.goto(base + "/metrics");
      assert.ok((await page.content()).includes(RESTRICTED.title));
      await page.goto(base + "/admin/usage");
      assert.match(await page.locator("main").innerText(), /Registered users/);
      assert.match(await page.locator("main").innerText(), /signed in within 30 days/);
      await checkAxe(page, "usage");
      await page.getByRole("button", { name: "Sign out" }).first().click();
      await page.waitForLoadState("networkidle");
      assert.deepEqual(await page.context().cookies(), [], "sign-out clears the cookie");
      const after = await page.goto(base + `/metrics/${RESTRICTED.id}`);
      assert.equal(after.status(), 404);
    } finally {
      await page.closeAll();
    }
  });

  test("a wrong password is refused without a cookie, with and without JavaScript", async () => {
    for (const javaScript of [false, true]) {
      const page = await newPage({ javaScript });
      try {
        await signIn(page, "not the password at all");
        assert.match(await page.locator(".govuk-error-summary").innerText(), /not right/);
        assert.deepEqual(await page.context().cookies(), []);
        if (javaScript) await checkAxe(page, "sign-in error");
      } finally {
        await page.closeAll();
      }
    }
  });

  test("a sign-in form posted from another site is refused", async () => {
    const response = await fetch(base + "/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example" },
      body: `email=${encodeURIComponent(USER.email)}&password=${encodeURIComponent(USER.password)}`,
      redirect: "manual",
    });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get("set-cookie"), null);
  });
});

// The carbon calculators: the Leeds user enters a year of activity and waste
// by the form, sees the footprint by scope and category with its chart and
// tables, is refused a malformed template upload (rows and columns named,
// nothing saved), publishes, and finds Leeds ranked on the published measure.
// Every carbon page passes axe at desktop and 360 px.
describe("carbon calculators", () => {
  test("anonymous visitors are sent to sign in", async () => {
    const response = await fetch(base + "/carbon", { redirect: "manual" });
    assert.equal(response.status, 303);
    assert.match(response.headers.get("location"), /^\/sign-in\?next=/);
    const api = await fetch(base + `/api/v1/carbon/${LEEDS}/years`);
    assert.equal(api.status, 401);
  });

  test("enter a year, see the footprint, upload errors, publish, rank", async () => {
    const page = await newPage();
    try {
      await signIn(page);
      await page.goto(base + "/carbon", { waitUntil: "networkidle" });
      await checkAxe(page, "/carbon");
      await page.getByLabel("Enter or change a year").selectOption("fy2022-23");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(/\/carbon\/fy2022-23\/edit$/);
      await checkAxe(page, "/carbon/fy2022-23/edit");
      await shot(page, "carbon-edit-desktop");
      await page.getByLabel("Line 1 description").fill("Civic Hall gas");
      await page.getByLabel("Line 1 factor").selectOption("natural-gas-kwh");
      await page.getByLabel("Line 1 quantity").fill("250,000");
      await page.getByLabel("Line 2 category").selectOption("street-lighting");
      await page.getByLabel("Line 2 description").fill("Street lights");
      await page.getByLabel("Line 2 factor").selectOption("electricity");
      await page.getByLabel("Line 2 quantity").fill("1000000");
      await page.getByLabel("Waste line 1 stream").selectOption("Household residual waste");
      await page.getByLabel("Waste line 1 route").selectOption("landfill");
      await page.getByLabel("Waste line 1 tonnes").fill("10000");
      await page.getByRole("button", { name: "Save and calculate" }).click();
      await page.waitForURL(/\/carbon\/fy2022-23\?saved=1$/);
      await page.waitForLoadState("networkidle");
      // 2022 factors: 250,000 kWh x 0.18254 + 1,000,000 kWh x 0.19338 = 239.015 t.
      const main = await page.locator("main").innerText();
      assert.match(main, /239\.0 tCO2e/);
      assert.match(main, /2022 factors \(the reporting year's own\)/);
      assert.match(await page.locator("#by-scope").innerText(), /Scope 2\s+193\.4 tCO2e/);
      assert.match(await page.locator("#by-category").innerText(), /Street lighting\s+193\.4 tCO2e/);
      // 10,000 t x 446.20411 kg = 4,462.0 t.
      assert.match(await page.locator("main").innerText(), /4,462\.0 tCO2e/);
      await page.locator("[data-chart=bars] svg").first().waitFor();
      await checkAxe(page, "/carbon/fy2022-23");
      await shot(page, "carbon-footprint-desktop");
      assert.deepEqual(page.problems, []);

      // A malformed upload: every problem named by row and column, nothing saved.
      await page.goto(base + "/carbon/fy2022-23/edit", { waitUntil: "networkidle" });
      await page.locator("#activity-file").setInputFiles({
        name: "activity.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          "category,description,level_1,level_2,level_3,level_4,column_text,unit,quantity,market_factor,source_note,evidence_url\n" +
            "buildings,Depot gas,Fuels,Gaseous fuels,Natural gas,,,kWh (Gross CV),12a,,,\n" +
            "parks,Depot oil,Fuels,Liquid fuels,Gas oil,,,litres,100,,,\n",
        ),
      });
      await page.getByRole("button", { name: "Upload" }).click();
      await page.waitForLoadState("networkidle");
      const errors = await page.locator(".govuk-error-summary").innerText();
      assert.match(errors, /activity\.csv:2:9: quantity: '12a' is not a number/);
      assert.match(errors, /activity\.csv:3:1: category: unknown category 'parks'/);
      await checkAxe(page, "upload errors");
      await page.goto(base + "/carbon/fy2022-23", { waitUntil: "networkidle" });
      assert.match(await page.locator("main").innerText(), /239\.0 tCO2e/, "nothing saved");

      // Downloads carry the factor year and source.
      const csv = await page.request.get(`${base}/carbon/fy2022-23/data.csv`);
      assert.equal(csv.status(), 200);
      assert.match(await csv.text(), /2022 factors \(the reporting year's own\)/);
      const xlsx = await page.request.get(`${base}/carbon/fy2022-23/data.xlsx`);
      assert.equal((await xlsx.body()).subarray(0, 2).toString(), "PK");

      // Publish, then Leeds is ranked on the published measure.
      await page.getByRole("button", { name: "Publish 2022/23" }).click();
      await page.waitForURL(/published=1/);
      assert.match(await page.locator("main").innerText(), /Published \d{4}-\d{2}-\d{2}/);
      await page.goto(`${base}/metrics/carbon-footprint-total?area=${LEEDS}&group=neighbours`, { waitUntil: "networkidle" });
      assert.match(await page.locator("#ranking-table").innerText(), /Leeds/);
    } finally {
      await page.closeAll();
    }
  });

  test("the footprint page at 360 px", async () => {
    const page = await newPage({ viewport: PHONE });
    try {
      await signIn(page);
      await page.goto(base + "/carbon/fy2022-23", { waitUntil: "networkidle" });
      await page.locator("[data-chart=bars] svg").first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
      await checkAxe(page, "/carbon/fy2022-23 at 360 px");
      await shot(page, "carbon-footprint-phone");
      await page.goto(base + "/carbon/fy2022-23/edit", { waitUntil: "networkidle" });
      await checkAxe(page, "/carbon/fy2022-23/edit at 360 px");
      await shot(page, "carbon-edit-phone");
    } finally {
      await page.closeAll();
    }
  });
});
