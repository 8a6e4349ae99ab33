// Issue 11, the team lead's and the administrator's pages in the browser:
// the report's table picker, a bad table code and an implausible period
// next to their fields, downloads named by what they hold, the table of
// contents without overlap, the confirmation before disabling an account,
// and account errors without prefixes. Every new state at 1280, 390 and
// 320 px (axe-core, reflow, target size: e2e/lib/a11y.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, signIn, signOut } from "../lib/harness.mjs";
import { assertEveryWidth } from "../lib/a11y.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage() {
  const context = await browser.newContext({ locale: "nl-BE", viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  return context.newPage();
}

// The boxes of the table of contents' entries that overlap another's.
async function overlappingEntries(page) {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll(".report nav li")].map((li) => li.getBoundingClientRect());
    const marker = [...document.querySelectorAll(".report nav ol")].map((ol) => getComputedStyle(ol).listStyleType);
    const overlaps = [];
    for (let i = 0; i < boxes.length; ++i)
      for (let j = i + 1; j < boxes.length; ++j) {
        const a = boxes[i], b = boxes[j];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          overlaps.push(`${i} and ${j}`);
      }
    return { count: boxes.length, overlaps: overlaps.slice(0, 5), marker };
  });
}

test("team lead: the table picker, its errors, downloads and the table of contents", async () => {
  const page = await newPage();
  await signIn(page, server, "teamlead");
  await page.goto(server.url + "/rapporten?tabellen=T1");
  // Pick by part: open "Impact", tick T17 and F9's part too.
  await page.locator("fieldset.tables summary", { hasText: "Impact" }).click();
  await page.check("input[name=tabel_T17]");
  await page.locator("fieldset.tables summary", { hasText: "Figuren" }).click();
  await page.check("input[name=tabel_F9]");
  await assertEveryWidth(page, "rapport met tabelkiezer open");
  await page.locator("form.filters button[type=submit]").click();
  await page.waitForLoadState("load");
  const shown = await page.locator(".report section").evaluateAll((s) => s.map((e) => e.id));
  assert.deepEqual(shown, ["T1", "T17", "F9"]);
  const [download] = await Promise.all([page.waitForEvent("download"),
    page.getByRole("link", { name: "Excel (xlsx)", exact: true }).click()]);
  assert.match(download.suggestedFilename(), /^opkomst-rapport-\d{4}-\d{2}-\d{2}-T1-T17-F9-\d{8}T\d{4}\.xlsx$/);

  // A bad code from an old link: named next to the picker, the rest stays.
  const bad = await page.goto(server.url + "/rapporten?tabellen=T1,X99");
  assert.equal(bad.status(), 422);
  assert.match(await page.locator("#fout-tabellen").innerText(), /X99/);
  assert.ok(await page.locator(".downloads a").count() >= 3, "the downloads stay");
  await assertEveryWidth(page, "rapport met foute tabelcode");

  // A period that starts after it ends: refused at the field, not an all-zero report.
  const period = await page.goto(server.url + "/rapporten?van=2024-06-01&tot=2024-01-01");
  assert.equal(period.status(), 422);
  assert.match(await page.locator("#fout-van").innerText(), /2024-06-01/);
  assert.equal(await page.locator(".report").count(), 0);
  await assertEveryWidth(page, "rapport met onmogelijke periode");

  // The whole report's table of contents: no entry runs into another, at desktop and phone width.
  await page.goto(server.url + "/rapporten");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const toc = await overlappingEntries(page);
    assert.ok(toc.count >= 50, `${toc.count} entries`);
    assert.deepEqual(toc.overlaps, [], `table of contents at ${width} px`);
    assert.deepEqual([...new Set(toc.marker)], ["none"], "no list numbers beside the ids");
  }
  await page.context().close();
});

test("administrator: disabling asks first and says what happened; account errors at the field", async () => {
  const page = await newPage();
  await signIn(page, server, "beheerder");
  await page.goto(server.url + "/beheer/accounts");
  const row = page.locator("tr", { hasText: "mw08" });
  await row.getByRole("button", { name: "Uitschakelen" }).click();
  await page.waitForLoadState("load");
  assert.match(await page.locator("main").innerText(), /mw08/);
  await assertEveryWidth(page, "account uitschakelen bevestigen");
  await page.getByRole("button", { name: "Ja, uitschakelen" }).click();
  await page.waitForLoadState("load");
  assert.match(await page.locator(".notice").innerText(), /mw08: uitgeschakeld/);
  await assertEveryWidth(page, "account uitgeschakeld");
  // Enable it again for the other tests.
  await page.locator("tr", { hasText: "mw08" }).getByRole("button", { name: "Inschakelen" }).click();
  await page.waitForLoadState("load");
  assert.match(await page.locator(".notice").innerText(), /mw08: weer ingeschakeld/);

  await page.fill("#gebruikersnaam", "Foute Naam");
  await page.evaluate(() => document.querySelector("#gebruikersnaam").removeAttribute("pattern"));
  await page.locator("main form[action='/beheer/accounts'] button[type=submit]").click();
  await page.waitForLoadState("load");
  const error = await page.locator("#fout-gebruikersnaam").innerText();
  assert.match(error, /^'Foute Naam' is geen geldige gebruikersnaam/);
  await assertEveryWidth(page, "account met foute naam");
  await signOut(page);
  await page.context().close();
});
