// Group work and support money in Debian's Chromium (issue 13, "How it will
// be judged"), on SQLite, or PostgreSQL with OPKOMST_E2E_PG:
//  - a worker enrols a mother from her dossier, and one without a dossier
//    (the light registration, with its errors next to the fields);
//  - the facilitator signs in on a 390 px phone, sees only her groups,
//    records attendance in a few taps and opens the day's WhatsApp list;
//    she cannot open the dossier;
//  - a worker registers a grant inside the framework and one outside it,
//    which the team lead approves;
//  - the referral form's checkboxes on a phone: one per line, 44 px targets.
// Every new page state passes axe-core and reflows at 1280, 390 and 320 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, signIn, stepCounter, shot } from "../lib/harness.mjs";
import { assertEveryWidth } from "../lib/a11y.mjs";

let server, browser, dossier;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(viewport) {
  const context = await browser.newContext({ locale: "nl-BE", ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(String(e)));
  return page;
}

// The value of the <option> of `select` whose text contains `text`.
async function optionValue(page, select, text) {
  return page.locator(`${select} option`, { hasText: text }).first().getAttribute("value");
}

// Days from today as YYYY-MM-DD (UTC dates; the test runs well inside a day).
function isoDay(offset) {
  return new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
}

test("on a 390 px phone the referral form's checkboxes stand one per line, 44 px high", async () => {
  const page = await newPage({ width: 390, height: 844 });
  await signIn(page, server, "mw01");
  await page.goto(server.url + "/verwijzingen/nieuw");
  const boxes = await page.locator("main label:has(input[type=checkbox])").evaluateAll((labels) =>
    labels.map((l) => { const r = l.getBoundingClientRect(); return { top: r.top, left: r.left, height: r.height }; }));
  assert.ok(boxes.length >= 5, `${boxes.length} checkboxes`);
  for (const box of boxes) assert.ok(box.height >= 44, `a checkbox line is ${box.height} px high`);
  const tops = boxes.map((b) => Math.round(b.top));
  assert.equal(new Set(tops).size, tops.length, "two checkboxes share a line");
  await page.context().close();
});

test("a worker enrols a mother from her dossier and one without a dossier", async () => {
  const page = await newPage();
  await signIn(page, server, "mw01");
  await page.goto(server.url + "/dossiers/nieuw");
  await page.check("#traject-opkomst");
  await page.fill("#naam", "Lotte Janssens");
  await page.click("main form.card button[type=submit]");
  await page.waitForURL(/moment\/start/);
  dossier = page.url().match(/dossiers\/([^/]+)\/moment/)[1];

  await page.goto(`${server.url}/dossiers/${dossier}/groep`);
  await page.selectOption("#groep", await optionValue(page, "#groep", "Groep Herfst"));
  await page.fill("#voornaam", "Lotte");
  await page.selectOption("#kanaal", "whatsapp");
  await page.fill("#contact", "0470 11 22 33");
  await page.fill("#uitgerekend", isoDay(-20));
  await page.check("input[name=contact_ok]");
  await page.check("input[name=herinneringen_ok]");
  await page.click("main form button[type=submit]");
  await page.waitForURL(/groep\?bewaard=1/);
  assert.match(await page.locator("main").innerText(), /Groep Herfst/);

  // The light registration: a wrong contact is named next to its field.
  await page.goto(server.url + "/groepen/inschrijven");
  await assertEveryWidth(page, "light registration");
  await shot(page, "groups-01-light-form");
  const steps = stepCounter(page);
  await steps.fill(page.locator("#voornaam"), "Amal");
  await page.selectOption("#groep", await optionValue(page, "#groep", "Groep Herfst"));
  await steps.fill(page.locator("#contact"), "12");
  await steps.fill(page.locator("#uitgerekend"), isoDay(-25));
  await steps.check(page.locator("input[name=contact_ok]"));
  await steps.check(page.locator("input[name=herinneringen_ok]"));
  await steps.click(page.locator("main form button[type=submit]"));
  await page.waitForLoadState("load");
  const error = page.locator("#fout-contact");
  assert.match(await error.innerText(), /12/);
  assert.equal(await page.locator("#contact").getAttribute("aria-invalid"), "true");
  assert.equal(await page.locator("#voornaam").inputValue(), "Amal");  // kept
  await assertEveryWidth(page, "light registration with an error");
  await shot(page, "groups-02-light-error");
  await page.fill("#contact", "0470 44 55 66");
  await page.click("main form button[type=submit]");
  await page.waitForURL(/inschrijven\?bewaard=1/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the facilitator on a phone: her groups, attendance, the WhatsApp list, no dossier", async () => {
  assert.ok(dossier, "the enrolment test ran first");
  const page = await newPage({ width: 390, height: 844 });
  await signIn(page, server, "gb01");
  await page.waitForURL(/\/groepen$/);
  const list = await page.locator("main").innerText();
  assert.match(list, /Groep Herfst/);
  assert.match(list, /Groep Zomer/);
  assert.doesNotMatch(list, /Groep Lente/);  // gb02's
  await assertEveryWidth(page, "facilitator's groups", [390, 320]);
  await page.click("main a:has-text('Groep Herfst')");
  await page.waitForURL(/\/groepen\/\d+$/);
  const groupUrl = page.url();
  const groupText = await page.locator("main").innerText();
  assert.match(groupText, /Lotte/);
  assert.match(groupText, /Amal/);
  assert.doesNotMatch(groupText, /Janssens/);  // her first name only
  assert.ok(!groupText.includes(dossier), "no dossier id on her page");

  // Attendance of the last session held, in a few taps.
  const sessionLinks = page.locator("main table a[href*='/sessies/']");
  let held = null;
  for (let i = 0; i < (await sessionLinks.count()); i++) {
    const day = (await sessionLinks.nth(i).innerText()).trim();
    if (day <= isoDay(0)) held = await sessionLinks.nth(i).getAttribute("href");
  }
  assert.ok(held, "Groep Herfst has a session held");
  await page.goto(server.url + held);
  const steps = stepCounter(page);
  for (const name of ["Lotte", "Amal"]) {
    const fieldset = page.locator("main fieldset", { has: page.locator(`legend:text-is("${name}")`) });
    await steps.check(fieldset.locator("input[value=aanwezig]"));
  }
  await steps.click(page.locator("main form button[type=submit]").first());
  await page.waitForURL(/bewaard=1/);
  console.log(`attendance of two mothers: ${steps.counts.interactions} taps`);
  assert.ok(steps.counts.interactions <= 3);
  const lotte = page.locator("main fieldset", { has: page.locator('legend:text-is("Lotte")') });
  assert.ok(await lotte.locator("input[value=aanwezig]").isChecked());
  await assertEveryWidth(page, "attendance", [390, 320]);
  await shot(page, "groups-03-attendance");

  // Reminders planned for the new mothers; the day list of the day before the next session.
  await page.goto(groupUrl);
  // The group's own "plan reminders" (each mother's row has an on/off form too).
  await page.click(`main form[action='${new URL(groupUrl).pathname}/herinneringen'] button`);
  await page.waitForURL(groupUrl);
  let next = null;
  for (let i = 0; i < (await sessionLinks.count()); i++) {
    const day = (await sessionLinks.nth(i).innerText()).trim();
    if (!next && day >= isoDay(3)) next = day;
  }
  assert.ok(next, "Groep Herfst has a session ahead");
  await page.click("main a[href$='/dag']");
  await page.waitForURL(/\/dag$/);
  const dayBefore = new Date(Date.parse(next) - 86400000).toISOString().slice(0, 10);
  await page.fill("#datum", dayBefore);
  await page.click("main form.filters button");
  await page.waitForURL(/datum=/);
  const link = page.locator("main li", { hasText: "Lotte" }).locator("a.whatsapp");
  const href = await link.getAttribute("href");
  assert.match(href, /^https:\/\/wa\.me\/32470112233\?text=/);
  assert.match(decodeURIComponent(href.split("text=")[1]), /Lotte/);
  await assertEveryWidth(page, "WhatsApp day list", [390, 320]);
  await shot(page, "groups-04-day-list");

  // The dossier stays closed to her.
  const refused = await page.goto(`${server.url}/dossiers/${dossier}`);
  assert.ok([403, 404].includes(refused.status()), `dossier answered ${refused.status()}`);
  assert.doesNotMatch(await page.locator("main").innerText(), /Janssens/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a grant inside the framework, one outside it that the team lead approves", async () => {
  assert.ok(dossier, "the enrolment test ran first");
  const worker = await newPage();
  await signIn(worker, server, "mw01");
  const grants = `${server.url}/dossiers/${dossier}/steungeld`;
  await worker.goto(grants);
  await assertEveryWidth(worker, "grants of a dossier");
  await worker.selectOption("#item", await optionValue(worker, "#item", "winterjas"));
  await worker.fill("#bedrag", "45,00");
  await worker.fill("#reden", "Winter, geen jas");
  await worker.click("main form button[type=submit]");
  await worker.waitForURL(/status=toegekend/);
  await worker.selectOption("#item", "buiten");
  await worker.fill("#omschrijving", "Rijlessen");
  await worker.fill("#bedrag", "400");
  await worker.fill("#reden", "Werk vinden vraagt een rijbewijs");
  await worker.click("main form button[type=submit]");
  await worker.waitForURL(/status=aangevraagd/);

  const lead = await newPage();
  await signIn(lead, server, "teamlead");
  await lead.goto(server.url + "/steungeld");
  await assertEveryWidth(lead, "support money, requests waiting");
  const request = lead.locator("main div.card", { hasText: dossier }).filter({ hasText: "Rijlessen" });
  await request.locator("input[name=reden]").fill("Past bij het trajectplan");
  await request.locator("button[value=goedkeuren]").click();
  await lead.waitForURL(/\/steungeld$/);
  assert.equal(await lead.locator("main div.card", { hasText: dossier }).filter({ hasText: "Rijlessen" }).count(), 0);

  await worker.goto(grants);
  const rows = await worker.locator("main table tbody tr").allInnerTexts();
  assert.ok(rows.some((r) => /winterjas/i.test(r) && /toegekend/.test(r)), rows.join("\n"));
  assert.ok(rows.some((r) => /Rijlessen/.test(r) && /goedgekeurd/.test(r)), rows.join("\n"));
  await shot(worker, "groups-05-grants");
  assert.deepEqual([...worker.problems, ...lead.problems], []);
  await worker.context().close();
  await lead.context().close();
});
