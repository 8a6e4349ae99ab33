// Session expiry on a server started with a short idle limit.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, signIn, shot } from "../lib/harness.mjs";

let server, browser;
before(async () => {
  server = await startServer(["--session-idle", "2", "--demo-dossiers", "20"]);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("an idle session expires and a form post then asks to sign in again", async () => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, server, "mw01");
  await page.waitForURL(/caseload/);
  await new Promise((r) => setTimeout(r, 3500));
  await page.goto(server.url + "/caseload");
  await page.waitForURL(/aanmelden\?terug=%2Fcaseload/);
  await shot(page, "14-sessie-verlopen");
});
