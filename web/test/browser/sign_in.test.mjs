// Signing in, in real Chromium against the real server: a measure restricted
// to Leeds is absent for anonymous visitors and present once its Leeds user
// signs in; the session cookie is HttpOnly and SameSite=Lax and appears only
// after sign-in; a wrong password, a forged form and sign-out behave; the
// sign-in, account and usage pages pass axe. Shares the browser fixture.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import AxeBuilder from "@axe-core/playwright";
import { RESTRICTED, USER, base, newPage, shot, start, stop } from "./fixture.mjs";

before(start, { timeout: 180_000 });
after(stop);

async function checkAxe(page, label) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} -> ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  assert.deepEqual(summary, [], `axe violations on ${label}`);
}

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

  test("a wrong password is refused without a cookie, and works without JavaScript", async () => {
    const page = await newPage({ javaScript: false });
    try {
      await signIn(page, "not the password at all");
      assert.match(await page.locator(".govuk-error-summary").innerText(), /not right/);
      assert.deepEqual(await page.context().cookies(), []);
      await checkAxe(page, "sign-in error");
    } finally {
      await page.closeAll();
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
