// Issue 11, the worker's forms, in Debian's Chromium: a contact edited and
// removed (after a confirmation), the birth form with the child's birth
// date and the premature warning, the end that closes the dossier, errors
// that take the focus, and the printable family summary (printed forms
// show their values). axe-core and the reflow checks on every new state.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, signIn, shot } from "../lib/harness.mjs";
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

const isoDay = (offsetDays) => new Date(Date.now() + offsetDays * 86400000).toISOString().slice(0, 10);

async function newPage() {
  const context = await browser.newContext({ locale: "nl-BE", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(String(e)));
  return page;
}

// A new dossier of today, due in 30 days; its id.
async function newDossier(page) {
  await page.goto(server.url + "/dossiers/nieuw");
  await page.check("#traject-opkomst");
  await page.fill("#due_date", isoDay(30));
  await page.click("main form.card button[type=submit]");
  await page.waitForURL(/moment\/start/);
  return page.url().match(/dossiers\/([^/]+)\/moment/)[1];
}

const focusedId = (page) => page.evaluate(() => document.activeElement?.id || "");

test("required fields are marked, and the focus goes to the first error", async () => {
  const page = await newPage();
  await signIn(page, server, "mw01");
  await page.goto(server.url + "/dossiers/nieuw");
  assert.equal(await page.locator("#veld-traject").getAttribute("aria-required"), "true");
  assert.ok((await page.locator("label[for=start_date] .required").count()) === 1);
  await page.fill("#mother_age", "twintig");
  await page.click("main form.card button[type=submit]");
  await page.waitForLoadState("load");
  // The track is missing (first), the age holds letters: both refused, the age kept.
  assert.match(await focusedId(page), /^traject-/);
  assert.equal(await page.inputValue("#mother_age"), "twintig");
  assert.match(await page.locator("#fout-mother_age").innerText(), /geen geheel getal/);
  await assertEveryWidth(page, "nieuw dossier: letters in een getal");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a contact is corrected, then removed after a confirmation", async () => {
  const page = await newPage();
  await signIn(page, server, "mw01");
  const id = await newDossier(page);
  await page.goto(`${server.url}/dossiers/${id}`);
  await page.selectOption("#kind", "telefoon");
  await page.fill("#note", "Belde over de kinderbijslag");
  await page.locator("form[action$='/contacten'] button").click();
  await page.waitForURL(/bewaard=1/);
  await page.locator("#contacten table a").first().click();
  await page.waitForURL(/contacten\/\d+$/);
  const contactUrl = page.url();
  await assertEveryWidth(page, "contact wijzigen");
  // Too long: refused next to the note, kept, and the focus on it.
  await page.fill("#note", "x".repeat(2001));
  await page.click("main form.card button[type=submit]");
  await page.waitForLoadState("load");
  assert.equal(await focusedId(page), "note");
  assert.equal((await page.inputValue("#note")).length, 2001);
  await assertEveryWidth(page, "contact: notitie te lang");
  await page.fill("#note", "Belde over het Groeipakket");
  await page.click("main form.card button[type=submit]");
  await page.waitForURL(/bewaard=1/);
  assert.match(await page.locator("#contacten").innerText(), /Groeipakket/);
  assert.doesNotMatch(await page.locator("#contacten").innerText(), /kinderbijslag/);
  // Removing asks first.
  await page.goto(contactUrl);
  await page.locator("a.danger").click();
  await page.waitForURL(/verwijderen$/);
  await assertEveryWidth(page, "contact verwijderen?");
  await page.locator("button.danger").click();
  await page.waitForURL(/verwijderd=1/);
  assert.doesNotMatch(await page.locator("#contacten").innerText(), /Groeipakket/);
  await assertEveryWidth(page, "contact verwijderd");
  await shot(page, "forms-01-contact-verwijderd");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the birth form stores the birth date, warning first for a premature birth", async () => {
  const page = await newPage();
  await signIn(page, server, "mw01");
  const id = await newDossier(page);
  await page.goto(`${server.url}/dossiers/${id}/moment/birth`);
  // Every section link leads to a section of this form.
  for (const href of await page.locator("nav.groups a").evaluateAll((links) => links.map((a) => a.hash)))
    assert.equal(await page.locator(href).count(), 1, href);
  await page.fill("#child_birth_date", isoDay(0));  // 30 days before the due date
  await page.locator("form.registration button[type=submit]").click();
  await page.waitForLoadState("load");
  assert.match(await page.locator("#waarschuwingen").innerText(), /vroeggeboorte/);
  assert.equal(await focusedId(page), "waarschuwingen");
  await assertEveryWidth(page, "geboorte: waarschuwing");
  await shot(page, "forms-02-vroeggeboorte");
  await page.check("#bevestigd");
  await page.locator("form.registration button[type=submit]").click();
  await page.waitForURL(/bewaard=1/);
  assert.match(await page.locator("dl.facts").first().innerText(), new RegExp(`Geboortedatum kind\\s+${isoDay(0)}`));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("registering the end closes the dossier; the family summary prints", async () => {
  const page = await newPage();
  await signIn(page, server, "mw01");
  const id = await newDossier(page);
  await page.goto(`${server.url}/dossiers/${id}/moment/end`);
  assert.equal(await page.inputValue("#end_date"), isoDay(0));
  await page.locator("form.registration button[type=submit]").click();
  await page.waitForLoadState("load");
  assert.match(await page.locator("#waarschuwingen").innerText(), /8 weken/);
  await assertEveryWidth(page, "einde: waarschuwing");
  await page.check("#bevestigd");
  await page.locator("form.registration button[type=submit]").click();
  await page.waitForURL(/bewaard=1/);
  assert.match(await page.locator("dl.facts").first().innerText(), new RegExp(`Einddatum\\s+${isoDay(0)}`));
  // The summary, linked from the dossier, at phone width.
  await page.locator("a[href$='/overzicht']").click();
  await page.waitForURL(/overzicht$/);
  assert.match(await page.locator("main").innerText(), /afgesloten op/);
  await page.setViewportSize({ width: 390, height: 720 });
  await shot(page, "forms-03-gezinsoverzicht-390");
  await assertEveryWidth(page, "gezinsoverzicht", [390, 320, 1280]);
  // Printed: no buttons or navigation; a printed form shows its values.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("button[data-print]").isVisible(), false);
  assert.equal(await page.locator("header").isVisible(), false);
  await page.goto(`${server.url}/dossiers/${id}/moment/end`);
  assert.equal(await page.locator("form.registration").isVisible(), true);
  assert.equal(await page.locator("#end_date").isVisible(), true);
  assert.equal(await page.locator("form.registration button[type=submit]").isVisible(), false);
  await page.emulateMedia({ media: null });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
