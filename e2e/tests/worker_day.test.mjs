// Issue 11 part A in Debian's Chromium: a registration survives an idle
// session without losing an answer, a busy form keeps its session, and a
// family is found by her name (steps until her dossier is open).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, signIn, stepCounter, shot } from "../lib/harness.mjs";

const idleSeconds = 8;  // short, so that the test waits seconds, not minutes
let server, browser;
before(async () => {
  server = await startServer(["--session-idle", String(idleSeconds)]);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage() {
  const context = await browser.newContext({ locale: "nl-BE" });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(String(e)));
  return page;
}

// A new dossier with a name; the start form is open afterwards.
async function newDossier(page, name) {
  await page.goto(server.url + "/dossiers/nieuw");
  await page.check("#traject-opkomst");
  await page.fill("#naam", name);
  await page.click("main form.card button[type=submit]");
  await page.waitForURL(/moment\/start/);
  return page.url().match(/dossiers\/([^/]+)\/moment/)[1];
}

async function answerRadios(page, count, pauseMs = 0) {
  const questions = page.locator("form.registration fieldset.radio");
  assert.ok((await questions.count()) >= count);
  for (let i = 0; i < count; i++) {
    await questions.nth(i).locator("input[type=radio]").first().check();
    if (pauseMs) await page.waitForTimeout(pauseMs);
  }
}

async function checkedAnswers(page, id) {
  await page.goto(`${server.url}/dossiers/${id}/moment/start`);
  return page.locator("form.registration fieldset.radio input[type=radio]:checked").count();
}

test("20 answers survive an expired idle session", async () => {
  const page = await newPage();
  await signIn(page, server, "mw01");
  const id = await newDossier(page, "Sara El Amrani");
  await answerRadios(page, 20);
  // She talks with the mother, touching nothing, well past the idle limit.
  await page.waitForTimeout((idleSeconds * 2 + 6) * 1000);
  await page.click("form.registration button[type=submit]");
  await page.waitForURL(/aanmelden/);
  assert.match(await page.locator("main").innerText(), /niet verloren/);
  await shot(page, "wd-01-sessie-verlopen");
  // Signing in again on the page she was sent to carries the save on.
  await signIn(page, server, "mw01", { here: true });
  await page.waitForURL(new RegExp(`/dossiers/${id}\\?bewaard=1`));
  assert.equal(await checkedAnswers(page, id), 20);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a busy form keeps its session past the idle limit", async () => {
  const page = await newPage();
  await signIn(page, server, "mw01");
  const id = await newDossier(page, "Zoë Peeters");
  // One answer every 2 seconds for more than twice the idle limit.
  await answerRadios(page, 10, 2000);
  await page.click("form.registration button[type=submit]");
  await page.waitForURL(new RegExp(`/dossiers/${id}\\?bewaard=1`));
  assert.equal(await checkedAnswers(page, id), 10);
  await page.context().close();
});

test("a family is found by her name: steps until her dossier is open", async () => {
  const page = await newPage();
  await signIn(page, server, "mw01");
  const id = await newDossier(page, "Fatima Öztürk");
  await page.goto(server.url + "/caseload");
  const steps = stepCounter(page);
  await steps.fill(page.locator("main input[name=zoek]"), "ozturk");
  await steps.click(page.locator("main form[role=search] button[type=submit]"));
  await page.waitForURL(new RegExp(`/dossiers/${id}$`));
  assert.match(await page.locator("main").innerText(), /Fatima Öztürk/);
  console.log(`search by name: ${steps.counts.interactions} steps, ${steps.counts.pageLoads} page loads`);
  assert.ok(steps.counts.interactions <= 2);
  await page.context().close();
});
