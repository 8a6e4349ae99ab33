// Issue 16: the key figures as the council's one-page summary. The team
// lead opens /kerncijfers, prints it with Chromium's print-to-PDF (A4): it
// must be ONE page, every figure on it must carry its definition and the
// published value, and its charts an accessible name. The XLSX download of
// the same figures is a workbook.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { startServer, launchBrowser, signIn, artifacts } from "../lib/harness.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// Pages of a PDF: its page objects ("/Type /Page", not "/Type /Pages").
function pdfPages(bytes) {
  return (bytes.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
}

for (const language of ["nl", "en"]) {
  test(`the key-figures summary prints on one A4 page with every definition (${language})`, async () => {
    const context = await browser.newContext({ acceptDownloads: true, locale: "nl-BE" });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(String(e)));
    await signIn(page, server, "teamlead");
    if (language === "en") await page.goto(`${server.url}/taal/en`);
    await page.goto(`${server.url}/kerncijfers?peildatum=2023-09-30`);
    assert.equal(await page.locator("h1").innerText(), language === "en" ? "Key figures" : "Kerncijfers");
    await page.emulateMedia({ media: "print" });
    const sections = page.locator(".keyfigure");
    const count = await sections.count();
    assert.ok(count >= 8, `only ${count} figures on the page`);
    for (let i = 0; i < count; i++) {
      const section = sections.nth(i);
      assert.ok(await section.isVisible(), `figure ${i} is hidden in print`);
      const definition = section.locator(".definition");
      assert.ok(await definition.isVisible(), `figure ${i} has no visible definition`);
      assert.ok((await definition.innerText()).length > 60, `figure ${i}: definition too short`);
      assert.match(await section.innerText(), /2023-09-30/, `figure ${i}: no published value`);
      for (const svg of await section.locator("svg").all())
        assert.ok(((await svg.getAttribute("aria-label")) || "").length > 0, `figure ${i}: a chart without a name`);
    }
    assert.match(await page.locator(".keyfigures .asof").innerText(), /2023-09-30/, "no cut-off date on the summary");
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(path.join(artifacts, `kerncijfers-${language}.pdf`), pdf);
    assert.equal(pdfPages(pdf), 1, `the summary takes ${pdfPages(pdf)} A4 pages`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("the key figures download as an Excel workbook", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, server, "teamlead");
  await page.goto(`${server.url}/kerncijfers?peildatum=2023-09-30`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("a[href*='formaat=xlsx']")]);
  const file = path.join(artifacts, "kerncijfers.xlsx");
  await download.saveAs(file);
  assert.equal(readFileSync(file).subarray(0, 2).toString(), "PK", "not an xlsx (zip) file");
  await context.close();
});
