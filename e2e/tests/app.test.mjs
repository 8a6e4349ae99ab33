// The web application in Debian's Chromium, as its users use it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { startServer, launchBrowser, signIn, signOut, shot, stepCounter, artifacts } from "../lib/harness.mjs";

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
  const context = await browser.newContext({ acceptDownloads: true, locale: "nl-BE" });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  page.problems = problems;
  return page;
}

test("sign-in shows the caseload, sign-out ends the session", async () => {
  const page = await newPage();
  await page.goto(server.url + "/");
  await page.waitForURL(/aanmelden/);
  await shot(page, "01-aanmelden");
  await signIn(page, server, "mw01");
  await page.waitForURL(/caseload/);
  assert.match(await page.locator("h1").innerText(), /Mijn caseload/);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "__Host-opkomst");
  assert.ok(session, "session cookie set");
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, "Strict");
  await shot(page, "02-caseload-werker");
  // English as the second language, remembered for the session.
  await page.getByRole("link", { name: "English" }).click();
  await page.waitForURL(/caseload/);
  assert.match(await page.locator("h1").innerText(), /My caseload/);
  await page.goto(server.url + "/dossiers/nieuw");
  assert.match(await page.locator("main").innerText(), /Create dossier and register the start/);
  await shot(page, "02b-new-dossier-english");
  await page.getByRole("link", { name: "Nederlands" }).click();
  await page.waitForURL(/caseload/);
  assert.match(await page.locator("h1").innerText(), /Mijn caseload/);
  await signOut(page);
  await page.goto(server.url + "/caseload");
  await page.waitForURL(/aanmelden/);
  assert.deepEqual(page.problems, [], "no console errors (CSP would report here)");
  await page.context().close();
});

test("role boundaries: another worker's dossier, a researcher, an administrator", async () => {
  const page = await newPage();
  await signIn(page, server, "mw02");
  // A dossier of mw02 from the search, then mw01 tries to open it by URL.
  await page.goto(server.url + "/dossiers");
  const own = await page.locator("table tbody tr td a").first().innerText();
  await signOut(page);
  await signIn(page, server, "mw01");
  const response = await page.goto(`${server.url}/dossiers/${own}`);
  // Answered as a number that does not exist: nothing learnt about other caseloads.
  assert.equal(response.status(), 404);
  assert.match(await page.locator("h1").innerText(), /Dossier niet gevonden/);
  await shot(page, "03-geweigerd");
  await signOut(page);

  await signIn(page, server, "onderzoeker");
  await page.waitForURL(/rapporten/);
  assert.equal((await page.goto(`${server.url}/dossiers/${own}`)).status(), 403);
  assert.equal((await page.goto(`${server.url}/dossiers`)).status(), 403);
  assert.equal((await page.goto(`${server.url}/caseload`)).status(), 403);
  await signOut(page);

  await signIn(page, server, "beheerder");
  await page.waitForURL(/beheer\/accounts/);
  await shot(page, "04-beheer-accounts");
  assert.equal((await page.goto(`${server.url}/dossiers/${own}`)).status(), 403);
  assert.equal((await page.goto(`${server.url}/rapporten`)).status(), 403);
  await signOut(page);
  await page.context().close();
});

// Dates relative to today (the server's, UTC): a new dossier starts today.
const isoDay = (offsetDays) => new Date(Date.now() + offsetDays * 86400000).toISOString().slice(0, 10);

test("a worker registers a dossier from start to end, with indicator scores", async () => {
  const page = await newPage();
  await signIn(page, server, "mw01");
  const steps = stepCounter(page);
  // Typical start: a pregnant woman referred by the hospital.
  await steps.click(page.getByRole("link", { name: "Nieuw dossier" }));
  await shot(page, "05-nieuw-dossier");
  await steps.check(page.locator("#traject-opkomst"));
  await steps.fill(page.locator("#due_date"), isoDay(20));
  await steps.fill(page.locator("#mother_age"), "27");
  await steps.check(page.locator("#pregnant_at_start-ja"));
  await steps.check(page.locator("#first_pregnancy-ja"));
  await steps.fill(page.locator("#referrer"), "Ziekenhuis");
  await steps.check(page.locator("#referrer_type-extern"));
  const dossierFieldsTyped = 7;
  await steps.click(page.locator("main button[type=submit]"));
  await page.waitForURL(/moment\/start/);
  const dossierId = page.url().match(/dossiers\/([^/]+)\/moment/)[1];
  await shot(page, "06-registratie-start");
  // Every question of the start form gets one answer: one click each.
  const questions = page.locator("form.registration fieldset.radio");
  const count = await questions.count();
  for (let i = 0; i < count; i++) await steps.check(questions.nth(i).locator("input[type=radio]").first());
  const numbers = page.locator("form.registration input[inputmode=numeric]");
  for (let i = 0; i < (await numbers.count()); i++) await steps.fill(numbers.nth(i), "1");
  await steps.click(page.locator("form.registration button[type=submit]"));
  await page.waitForURL(new RegExp(`/dossiers/${dossierId}\\?bewaard=1`));
  const answered = count + (await numbers.count());
  await shot(page, "07-dossier");

  // What the spreadsheet needed for the same start: one cell per value
  // typed here, plus the cells opkomst fills itself (dossier_id, mother_id,
  // trajectory_number, social_worker, start_date, measured_on).
  const spreadsheetCells = dossierFieldsTyped + answered + 6;
  const figures = { case: "typical start registration (Opkomst, pregnant, hospital referral)",
                    opkomst_interactions: steps.counts.interactions, opkomst_page_loads: steps.counts.pageLoads,
                    spreadsheet_cells: spreadsheetCells, questions_answered: answered };
  writeFileSync(path.join(artifacts, "steps.json"), JSON.stringify(figures, null, 2) + "\n");
  assert.ok(steps.counts.interactions < spreadsheetCells,
            `opkomst ${steps.counts.interactions} interactions vs spreadsheet ${spreadsheetCells} cells`);

  // Birth: prefilled from the start; the child's birth date is asked.
  await page.goto(`${server.url}/dossiers/${dossierId}/moment/birth`);
  await shot(page, "08-registratie-geboorte");
  await page.fill("#child_birth_date", isoDay(0));
  await page.locator("form.registration button[type=submit]").click();
  await page.waitForURL(/bewaard=1/);
  // End: prefilled; one answer marked onbekend with one click. An end on
  // the day of the start is a warning to confirm (e2e/tests/forms.test.mjs).
  await page.goto(`${server.url}/dossiers/${dossierId}/moment/end`);
  assert.match(await page.locator(".notice").first().innerText(), /Vooraf ingevuld/);
  await page.locator("label.choice.special input[value=onbekend]").first().check();
  await page.locator("form.registration button[type=submit]").click();
  await page.check("#bevestigd");
  await page.locator("form.registration button[type=submit]").click();
  await page.waitForURL(/bewaard=1/);
  assert.equal(await page.locator("ul.moments .badge.done").count(), 3, "start, birth and end registered");

  // Indicators: measurement 1 and 2, then the radar and the change.
  for (const [n, value] of [[1, "2"], [2, "4"]]) {
    await page.goto(`${server.url}/dossiers/${dossierId}/indicatoren/${n}`);
    const groups = page.locator("form.scores fieldset.radio");
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).locator(`input[value="${value}"]`).check();
    await groups.nth(0).locator('input[value="nvt"]').check();
    await page.locator("form.scores button[type=submit]").click();
    await page.waitForURL(/bewaard=1/);
  }
  assert.equal(await page.locator("svg").count() >= 1, true, "radar chart shown");
  assert.match(await page.locator("main").innerText(), /\+2/);
  await shot(page, "09-indicatoren");

  // A contact in the log, and closing the dossier.
  await page.goto(`${server.url}/dossiers/${dossierId}`);
  await page.selectOption("#kind", "huisbezoek");
  await page.fill("#note", "Eerste huisbezoek, baby-uitzet besproken");
  await page.locator("form[action$='/contacten'] button").click();
  await page.waitForURL(/bewaard=1/);
  assert.match(await page.locator("main").innerText(), /Eerste huisbezoek/);
  await page.fill("#end_date", isoDay(0));
  await page.locator("form[action$='" + dossierId + "#wijzigen'] button").click();
  await page.waitForURL(/bewaard=1/);
  assert.deepEqual(page.problems, []);
  await page.context().close();

  // The team lead sees the access history of that dossier, pseudonymously.
  const lead = await newPage();
  await signIn(lead, server, "teamlead");
  await shot(lead, "10-caseload-teamlead");
  await lead.goto(`${server.url}/dossiers/${dossierId}`);
  assert.equal(await lead.locator(".identity").count(), 0, "no identifying details for the lead");
  await lead.goto(`${server.url}/dossiers/${dossierId}/historiek`);
  const history = await lead.locator("main table").innerText();
  // Actions in words, never their codes (issue 11).
  for (const action of ["Dossier aangemaakt", "Meetmoment geregistreerd", "Indicatoren gescoord", "Contact toegevoegd"])
    assert.ok(history.includes(action), `${action} in the history`);
  assert.doesNotMatch(history, /dossier\.aanmaken|moment\.registreren/);
  await shot(lead, "11-historiek");
  await lead.context().close();
});

test("the report page with filters, and its downloads", async () => {
  const page = await newPage();
  await signIn(page, server, "teamlead");
  await page.goto(server.url + "/rapporten");
  // The tables are ticked in the picker, part by part (no codes to type).
  for (const [part, ids] of [["Bereik", ["T1", "T2"]], ["Impact", ["T17"]], ["Figuren", ["F9"]]]) {
    await page.locator("fieldset.tables summary", { hasText: part }).click();
    for (const id of ids) await page.check(`input[name=tabel_${id}]`);
  }
  await page.locator("form.filters button[type=submit]").click();
  await page.waitForLoadState("load");
  assert.ok((await page.locator(".report section").count()) >= 3);
  assert.ok((await page.locator(".report svg").count()) >= 1, "figures as SVG");
  await shot(page, "12-rapporten");
  for (const format of ["csv", "xlsx"]) {
    const [download] = await Promise.all([page.waitForEvent("download"),
      page.getByRole("link", { name: format === "csv" ? "CSV voor Excel (puntkomma)" : "Excel (xlsx)", exact: true }).click()]);
    const file = path.join(artifacts, `rapport.${format}`);
    await download.saveAs(file);
    const bytes = readFileSync(file);
    // Named by what it holds; the CSV for Excel: byte order mark and semicolons.
    assert.match(download.suggestedFilename(), /^opkomst-rapport-\d{4}-\d{2}-\d{2}-T1-T2-T17-F9-\d{8}T\d{4}\./);
    if (format === "csv") assert.match(bytes.toString(), /^\ufeffT1\. [^\n]*\n;Opkomst\+;Opkomst;Totaal\n/);
    if (format === "csv") assert.match(bytes.toString(), /Opkomst\+/);
    else assert.equal(bytes.subarray(0, 2).toString(), "PK", "xlsx is a zip");
  }
  // A bad date is named next to its field.
  await page.goto(server.url + "/rapporten?peildatum=2023-02-30");
  assert.match(await page.locator("#fout-peildatum").innerText(), /2023-02-30/);
  await page.context().close();
});

test("a forged form post without the CSRF token is refused", async () => {
  const page = await newPage();
  await signIn(page, server, "mw01");
  await page.goto(server.url + "/dossiers?status=lopend");
  const id = await page.locator("table tbody tr td a").first().innerText();
  // Same cookies, no token: what a forged cross-site form would send.
  const forged = await page.request.post(`${server.url}/dossiers/${id}/contacten`, {
    form: { contact_date: "2026-11-01", kind: "telefoon", note: "vervalst" }, maxRedirects: 0 });
  assert.equal(forged.status(), 403);
  await page.goto(`${server.url}/dossiers/${id}`);
  assert.doesNotMatch(await page.locator("main").innerText(), /vervalst/);
  await page.context().close();
});

test("five wrong passwords lock the account", async () => {
  const page = await newPage();
  for (let i = 0; i < 5; i++) {
    await page.goto(server.url + "/aanmelden");
    await page.fill("#gebruikersnaam", "mw02");
    await page.fill("#wachtwoord", `verkeerd wachtwoord ${i}`);
    await page.click("main button[type=submit]");
    await page.waitForLoadState("load");
  }
  await page.goto(server.url + "/aanmelden");
  await page.fill("#gebruikersnaam", "mw02");
  await page.fill("#wachtwoord", server.accounts.mw02.password);
  await page.click("main button[type=submit]");
  await page.waitForLoadState("load");
  assert.match(page.url(), /aanmelden/);
  assert.match(await page.locator("[role=alert]").innerText(), /Aanmelden mislukt/);
  await shot(page, "13-geblokkeerd");
  await page.context().close();
});

test("the audit log holds every access of these tests and its chain verifies", async () => {
  const out = server.auditVerify();
  assert.match(out, /auditketen in orde: \d+ rijen/);
  const rows = Number(out.match(/(\d+) rijen/)[1]);
  assert.ok(rows > 20, `${rows} audit rows`);
});
