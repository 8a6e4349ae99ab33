// Every page of every role, in each state a user meets (filled, empty,
// refused, with errors, the report), at 1280, 390 and 320 px: axe-core finds
// no WCAG 2.1 A/AA violation, the page never scrolls sideways, and no
// interactive target is under 24 x 24 px (e2e/lib/a11y.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, signIn, signOut } from "../lib/harness.mjs";
import { assertEveryWidth, assertAccessible } from "../lib/a11y.mjs";

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
  const context = await browser.newContext({ locale: "nl-BE", viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

// Opens a page, checks the status it answers with, and checks it at every width.
async function visit(page, path, label, status = 200) {
  const response = await page.goto(server.url + path);
  if (status !== null) assert.equal(response.status(), status, `${label}: ${path}`);
  await assertEveryWidth(page, label);
}

async function firstDossierOf(page) {
  await page.goto(server.url + "/dossiers");
  return page.locator("table tbody tr td a").first().innerText();
}

test("signed out: sign-in page, its error, the activation page", async () => {
  const page = await newPage();
  await visit(page, "/aanmelden", "aanmelden");
  await page.fill("#gebruikersnaam", "mw01");
  await page.fill("#wachtwoord", "geen goed wachtwoord");
  await page.click("main button[type=submit]");
  await assertEveryWidth(page, "aanmelden fout");
  await visit(page, "/activeren", "activeren", (await page.request.get(server.url + "/activeren")).status());
  await page.context().close();
});

test("worker: caseload, search, new dossier, every moment, indicators, errors", async () => {
  const page = await newPage();
  await signIn(page, server, "mw01");
  await visit(page, "/caseload", "caseload");
  await visit(page, "/dossiers", "dossiers");
  await visit(page, "/dossiers?zoek=ZZZZ-geen", "dossiers leeg");
  await visit(page, "/dossiers/nieuw", "nieuw dossier");
  await page.locator("main form button[type=submit]").click();
  await assertEveryWidth(page, "nieuw dossier met fouten");
  const id = await firstDossierOf(page);
  await visit(page, `/dossiers/${id}`, "dossier");
  for (const moment of ["start", "birth", "end"]) await visit(page, `/dossiers/${id}/moment/${moment}`, moment);
  // A date in the future: the form comes back with its error.
  await page.goto(`${server.url}/dossiers/${id}/moment/start`);
  await page.fill("#measured_on", "2099-01-01");
  await page.locator("form.registration button[type=submit]").click();
  await page.waitForLoadState("load");
  await assertEveryWidth(page, "start met fout");
  for (const n of [1, 2, 3]) await visit(page, `/dossiers/${id}/indicatoren/${n}`, `indicatoren ${n}`);
  await visit(page, "/account", "account");
  await visit(page, "/bestaat-niet", "niet gevonden", 404);
  await signOut(page);
  // Another worker's dossier: answered as a missing one.
  await signIn(page, server, "mw02");
  await visit(page, `/dossiers/${id}`, "van een ander", 404);
  await page.context().close();
});

test("worker in English: the same pages, the Dutch report part marked", async () => {
  const page = await newPage();
  await signIn(page, server, "mw01");
  await page.goto(server.url + "/taal/en");
  await visit(page, "/caseload", "caseload en");
  const id = await firstDossierOf(page);
  await visit(page, `/dossiers/${id}`, "dossier en");
  await visit(page, `/dossiers/${id}/moment/start`, "start en");
  await visit(page, `/dossiers/${id}/indicatoren/1`, "indicators en");
  await page.goto(server.url + "/taal/nl");
  await page.context().close();
});

test("team lead: team caseload, report with and without errors, key figures, history, confirmations", async () => {
  const page = await newPage();
  await signIn(page, server, "teamlead");
  await visit(page, "/caseload", "caseload teamleider");
  await visit(page, "/dossiers?status=lopend", "dossiers teamleider");
  const id = await firstDossierOf(page);
  await visit(page, `/dossiers/${id}/historiek`, "historiek");
  await visit(page, "/rapporten", "rapport");
  await visit(page, "/rapporten?peildatum=2023-02-30", "rapport met fout", 422);
  await visit(page, "/kerncijfers", "kerncijfers");
  await visit(page, "/team/accounts", "bevestigen");
  await visit(page, "/team/indicatoren", "indicatorensets");
  // In English, the Dutch report is marked lang="nl".
  await page.goto(server.url + "/taal/en");
  await page.goto(server.url + "/rapporten?tabellen=T1,F9");
  assert.equal(await page.locator("div.report").getAttribute("lang"), "nl");
  await assertAccessible(page, "report in English");
  await page.goto(server.url + "/taal/nl");
  await page.context().close();
});

test("researcher and administrator", async () => {
  const page = await newPage();
  await signIn(page, server, "onderzoeker");
  // A researcher sees whole quarters only: the page may answer with its refusal (422).
  await visit(page, "/rapporten", "rapport onderzoeker", null);
  await visit(page, "/kerncijfers", "kerncijfers onderzoeker", null);
  await signOut(page);
  await signIn(page, server, "beheerder");
  await visit(page, "/beheer/accounts", "accounts");
  await page.locator("main form[action='/beheer/accounts'] button[type=submit]").first().click();
  await page.waitForLoadState("load");
  await assertEveryWidth(page, "account aanmaken met fouten");
  await page.context().close();
});
