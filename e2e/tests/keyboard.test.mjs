// A start registration with the keyboard only: Tab, Space and Enter (and
// digits in the number fields), no mouse. The skip link leads into the page;
// every question is reached and answered; no focused field hides under the
// sticky group links or the sticky save bar; Enter saves.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, signIn } from "../lib/harness.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

function isoDay(offset) {
  const d = new Date(Date.now() + offset * 86400000);
  return d.toISOString().slice(0, 10);
}

// What has the focus, and whether a sticky bar covers it.
async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    const box = e.getBoundingClientRect();
    const covered = [];
    for (const bar of document.querySelectorAll("nav.groups, .actions")) {
      if (getComputedStyle(bar).position !== "sticky" || bar.contains(e)) continue;
      const b = bar.getBoundingClientRect();
      if (box.bottom > b.top + 1 && box.top < b.bottom - 1) covered.push(bar.className);
    }
    const group = e.type === "radio" ? e.form?.querySelectorAll(`input[name="${e.name}"]:checked`).length : 0;
    return {
      tag: e.tagName, type: e.type || "", name: e.name || e.className || "", value: e.value ?? "",
      numeric: e.inputMode === "numeric",
      groupAnswered: group > 0, inForm: !!e.closest("form.registration"),
      submit: e.matches("form.registration button[type=submit]"), covered,
    };
  });
}

test("the start moment, registered with Tab, Space and Enter only", async () => {
  const context = await browser.newContext({ locale: "nl-BE", viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page, server, "mw01");
  // The dossier itself is the setup; the start registration is the test.
  await page.goto(server.url + "/dossiers/nieuw");
  await page.check("#traject-opkomst");
  await page.fill("#due_date", isoDay(30));
  await page.fill("#mother_age", "24");
  await page.check("#pregnant_at_start-ja");
  await page.check("#first_pregnancy-nee");
  await page.fill("#referrer", "CAW");
  await page.check("#referrer_type-extern");
  await page.locator("main button[type=submit]").click();
  await page.waitForURL(/moment\/start/);
  const dossierId = page.url().match(/dossiers\/([^/]+)\/moment/)[1];

  // The first Tab reaches the skip link; Enter moves into the content.
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).name, "skip");
  await page.keyboard.press("Enter");
  let answered = 0, numbers = 0, presses = 0;
  const hidden = [];
  for (;;) {
    assert.ok(++presses < 1500, "the save button is reached with Tab");
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now.covered.length) hidden.push(`${now.tag} ${now.name} under ${now.covered.join(",")}`);
    if (!now.inForm) continue;
    if (now.type === "radio" && !now.groupAnswered) {
      await page.keyboard.press("Space");
      answered += 1;
    } else if (now.numeric && now.value === "") {  // a number: text with a numeric keyboard
      await page.keyboard.type("1");
      numbers += 1;
    } else if (now.submit) {
      break;
    }
  }
  assert.deepEqual(hidden, [], "no focused field under a sticky bar");
  const questions = await page.locator("form.registration fieldset.radio").count();
  assert.equal(answered, questions, "every question answered from the keyboard");
  await Promise.all([page.waitForURL(new RegExp(`/dossiers/${dossierId}\\?bewaard=1`)), page.keyboard.press("Enter")]);
  // Stored: the dossier says the start is registered, and the form shows the answers.
  assert.match(await page.locator("ul.moments").innerText(), /geregistreerd op/);
  await page.goto(`${server.url}/dossiers/${dossierId}/moment/start`);
  assert.equal(await page.locator("form.registration fieldset.radio input[type=radio]:checked").count(), questions);
  await context.close();
});
