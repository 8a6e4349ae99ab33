import { startServer, launchBrowser, signIn } from "/work/wt-a11y/e2e/lib/harness.mjs";
const server = await startServer();
const browser = await launchBrowser();
const [user, width, ...paths] = process.argv.slice(2);
const page = await (await browser.newContext({ viewport: { width: Number(width), height: 800 } })).newPage();
await signIn(page, server, user);
for (let path of paths) {
  if (path.includes("ID")) { await page.goto(server.url + "/dossiers"); path = path.replace("ID", await page.locator("table tbody tr td a").first().innerText()); }
  await page.goto(server.url + path);
  const wide = await page.evaluate(() => {
    const out = [];
    for (const e of document.querySelectorAll("body, body *")) {
      if (e.closest("header") || e.closest("table")) continue;
      const r = e.getBoundingClientRect();
      if (r.right > innerWidth + 1 || e.scrollWidth > innerWidth) out.push(e.tagName + "." + e.className + "#" + e.id + " right=" + r.right.toFixed(0) + " sw=" + e.scrollWidth + " cw=" + e.clientWidth + " " + (e.innerText||"").slice(0,30));
    }
    return out.slice(0, 25);
  });
  console.log(path, wide);
}
await browser.close(); await server.stop();
