// Issue 12 in Debian's Chromium, on SQLite (and on PostgreSQL with
// OPKOMST_E2E_PG): a partner refers a mother with contact consent and
// sharing consent for "status" only; the team lead finds her on the next
// meeting's agenda with the Opkomst+ hint and accepts her into Opkomst+
// with a worker (a decision without a worker first: the error next to the
// choice); the worker's caseload shows the first home visit to plan until
// she logs it; the partner sees "accepted, first home visit done" but not
// the worker's name nor anything of the dossier; after the team registers
// the withdrawal, the partner sees nothing new. Each new page state is
// checked with axe-core and at 1280, 390 and 320 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, signIn, signOut, shot } from "../lib/harness.mjs";
import { assertEveryWidth } from "../lib/a11y.mjs";

let server, browser;
before(async () => {
  server = await startServer(["--demo-dossiers", "60"]);
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

function isoDate(daysFromToday) {
  const d = new Date();
  d.setDate(d.getDate() + daysFromToday);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// The partner's line of one referral, by its number: the cells' texts.
async function partnerLine(page, id) {
  await page.goto(server.url + "/verwijzingen");
  const row = page.locator("table.referrals tbody tr").filter({ has: page.locator(`td:first-child:text-is("${id}")`) });
  assert.equal(await row.count(), 1, `referral ${id} on the partner's list`);
  return { texts: await row.locator("td").allInnerTexts(), html: await page.content() };
}

test("a partner's referral through the meeting to the first home visit, within her consent", async () => {
  const mother = "Xenia Quintelier", initials = "X.Q.";
  const today = isoDate(0);

  // 1. The partner (AZ Sint-Maarten) refers her: contact consent, sharing the status only.
  const partner = await newPage();
  await signIn(partner, server, "azsm");
  await partner.setViewportSize({ width: 390, height: 720 });
  await partner.goto(server.url + "/verwijzingen/nieuw");
  await assertEveryWidth(partner, "partner referral form", [390, 1280, 320]);
  await partner.fill("#naam", mother);
  await partner.fill("#telefoon", "0470 00 00 00");
  await partner.fill("#adres", "Voorbeeldstraat 1, Mechelen");
  await partner.fill("#taal", "nl");
  await partner.fill("#vermoedelijke_bevallingsdatum", isoDate(120));
  await partner.fill("#leeftijd", "21");
  await partner.check("input[name=alleenstaand]");
  await partner.check("input[name=reden_huisvesting]");
  await partner.selectOption("#toestemming_contact", "schriftelijk");
  await partner.check("input[name=delen_status]");
  await partner.fill("#delen_tot", isoDate(365));
  await partner.click("main form.card button[type=submit]");
  await partner.waitForURL(/\/verwijzingen\?bewaard=1/);
  const row = partner.locator("table.referrals tbody tr").filter({ hasText: initials });
  assert.equal(await row.count(), 1);
  const id = (await row.locator("td").first().innerText()).trim();
  assert.match(id, /^\d+$/);
  assert.match((await partnerLine(partner, id)).texts[3], /Nieuw/);
  await assertEveryWidth(partner, "partner list");
  await shot(partner, "intake-01-partner-lijst");

  // 2. The team lead opens the next meeting (today): she is on its agenda, with the hint.
  const lead = await newPage();
  await signIn(lead, server, "teamlead");
  await lead.goto(server.url + "/intake");
  await lead.fill("#datum", today);
  await lead.click("main form[action='/overleg'] button[type=submit]");
  await lead.waitForURL(new RegExp(`/overleg/${today}$`));
  const item = lead.locator(`#aanmelding-${id}`);
  assert.equal(await item.count(), 1, "the referral is on the meeting's agenda");
  assert.match(await item.locator("h3").innerText(), new RegExp(initials.replace(/\./g, "\\.")));
  assert.match(await item.locator("h3").innerText(), /AZ Sint-Maarten/);
  assert.ok(await item.locator(".hint").isVisible(), "the Opkomst+ hint is shown");
  assert.match(await item.locator(".hint").innerText(), /Opkomst\+/);
  await assertEveryWidth(lead, "meeting page");

  // Accepting without a worker: the meeting page again, the error next to the worker choice.
  await lead.selectOption(`#beslissing-${id}`, "opkomst_plus");
  await item.locator("button[type=submit]").click();
  await lead.waitForLoadState("load");
  const refused = lead.locator(`#aanmelding-${id}`);
  assert.match(await refused.locator("#fout-werker").innerText(), /kies een begeleider/);
  assert.equal(await refused.locator(`#werker-${id}`).getAttribute("aria-invalid"), "true");
  assert.equal(await refused.locator(`#beslissing-${id}`).inputValue(), "opkomst_plus", "the choice is kept");
  await assertEveryWidth(lead, "meeting page with a refused decision");
  await shot(lead, "intake-02-beslissing-fout");

  // With mw01 (her load beside the name), into Opkomst+.
  const option = refused.locator(`#werker-${id} option[value=mw01]`);
  assert.match(await option.innerText(), /\(\d+\/\d+/);
  await lead.selectOption(`#werker-${id}`, "mw01");
  await refused.locator("button[type=submit]").click();
  await lead.waitForURL(new RegExp(`/overleg/${today}#aanmelding-${id}$`));
  const decided = await lead.locator(`#aanmelding-${id}`).innerText();
  assert.match(decided, /Aanvaard: Opkomst\+/);
  const dossier = decided.match(/D\d{4}-[0-9A-F]{6}/)[0];
  await shot(lead, "intake-03-aanvaard");

  // 3. The worker: first home visit to plan, until she logs it.
  const worker = await newPage();
  await signIn(worker, server, "mw01");
  await worker.goto(server.url + "/caseload");
  const toPlan = worker.locator(`ul.first-visits a[href="/dossiers/${dossier}"]`);
  assert.equal(await toPlan.count(), 1, "the new dossier is a first home visit to plan");
  await assertEveryWidth(worker, "caseload with a first home visit to plan");
  await toPlan.click();
  await worker.waitForURL(new RegExp(`/dossiers/${dossier}$`));
  assert.match(await worker.locator("main").innerText(), new RegExp(mother));
  await worker.fill("#contact_date", today);
  await worker.selectOption("#kind", "huisbezoek");
  await worker.fill("#note", "kennismaking thuis");
  await worker.click(`main form[action$="/contacten"] button[type=submit]`);
  await worker.waitForURL(/\?bewaard=1/);
  await worker.goto(server.url + "/caseload");
  assert.equal(await worker.locator(`ul.first-visits a[href="/dossiers/${dossier}"]`).count(), 0);

  // 4. The partner: accepted, first home visit done; not the worker, nothing of the dossier.
  let seen = await partnerLine(partner, id);
  assert.match(seen.texts[3], /Aanvaard: Opkomst\+, eerste huisbezoek gebeurd/);
  assert.match(seen.texts[4], /niet gedeeld/, "the worker's name was not consented");
  assert.ok(!seen.texts.join(" ").includes("mw01"), "her line names the worker");
  for (const secret of ["Maatschappelijk werker 1", dossier, "kennismaking", "Voorbeeldstraat", "0470 00", mother])
    assert.ok(!seen.html.includes(secret), `the partner's page shows ${secret}`);
  await assertEveryWidth(partner, "partner list after the first home visit");
  await shot(partner, "intake-04-partner-aanvaard");
  for (const path of [`/dossiers/${dossier}`, "/dossiers", `/overleg/${today}`, "/intake", "/caseload"]) {
    const answer = await partner.goto(server.url + path);
    assert.equal(answer.status(), 403, `a partner opens ${path}`);
  }

  // 5. The team registers the withdrawal: the partner sees nothing new.
  await lead.goto(server.url + "/intake");
  await lead.locator(`form[action="/intake/${id}/intrekken"] button`).click();
  await lead.waitForURL(/\/intake$/);
  seen = await partnerLine(partner, id);
  assert.doesNotMatch(seen.texts[3], /Aanvaard/);
  assert.match(seen.texts[3], /niet gedeeld/);
  await shot(partner, "intake-05-partner-ingetrokken");

  for (const page of [partner, lead, worker]) assert.deepEqual(page.problems, []);
  await signOut(partner);
  assert.match(server.auditVerify(), /intact|in orde/);
  for (const page of [partner, lead, worker]) await page.context().close();
});
