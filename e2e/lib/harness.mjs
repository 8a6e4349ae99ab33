// Starts `opkomst serve --demo` on a fresh database and a free port, reads
// the demo accounts from its console, and launches Debian's Chromium.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const binary = process.env.OPKOMST_BIN || path.resolve("../build/opkomst");
export const artifacts = path.resolve(process.env.OPKOMST_E2E_ARTIFACTS || "artifacts");
mkdirSync(artifacts, { recursive: true });

let serverCount = 0;

export async function startServer(extraArgs = []) {
  const dir = mkdtempSync(path.join(tmpdir(), "opkomst-e2e-"));
  let db = `sqlite:${dir}/e2e.db`;
  if (process.env.OPKOMST_E2E_PG) {
    // A fresh database on the test server, dropped when the server stops.
    const name = `opkomst_e2e_${process.pid}_${++serverCount}`;
    execFileSync("psql", ["-q", process.env.OPKOMST_E2E_PG, "-c", `CREATE DATABASE ${name}`]);
    db = process.env.OPKOMST_E2E_PG.replace(/\/[^/]*$/, `/${name}`);
  }
  // Every browser of the suite signs in from 127.0.0.1: the per-address
  // brake (10 a minute by default; tested in tests/web/signin_test.cc) is
  // raised so that the suite's own sign-ins are not braked.
  const args = ["serve", "--db", db, "--key-file", `${dir}/e2e.key`, "--demo", "--demo-dossiers", "300",
                "--port", "0", "--sign-in-limit", "1000", ...extraArgs];
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr.on("data", (d) => { output += d; });
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60000);
    child.stdout.on("data", (d) => {
      output += d;
      const m = output.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const accounts = {};
  for (const line of output.split("\n")) {
    const m = line.match(/^\s+(\S+)\s+(\S+)\s+(demo-[0-9a-f]+)(?:\s+TOTP[- ](?:geheim|secret)\s+([A-Z2-7]+))?/i);
    if (m) accounts[m[2]] = { role: m[1], password: m[3], totp: m[4] };
  }
  return {
    url: `http://127.0.0.1:${ready}`, db, dir, accounts, child,
    totp(secret) { return execFileSync(binary, ["totp", secret]).toString().trim(); },
    auditVerify() { return execFileSync(binary, ["audit", "verify", "--db", db]).toString(); },
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.on("exit", r));
      if (db.startsWith("postgres"))
        execFileSync("psql", ["-q", process.env.OPKOMST_E2E_PG, "-c", `DROP DATABASE ${db.split("/").pop()} WITH (FORCE)`]);
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
}

// Counts what the user does: clicks, fields typed or chosen, and page loads.
export function stepCounter(page) {
  const counts = { interactions: 0, pageLoads: 0 };
  page.on("load", () => { counts.pageLoads += 1; });
  return {
    counts,
    async click(locator) { counts.interactions += 1; await locator.click(); },
    async fill(locator, value) { counts.interactions += 1; await locator.fill(value); },
    async check(locator) { counts.interactions += 1; await locator.check(); },
  };
}

// `here`: sign in on the sign-in page already open (which may carry where
// to go next), instead of opening it.
export async function signIn(page, server, username, { here = false } = {}) {
  const account = server.accounts[username];
  if (!here) await page.goto(`${server.url}/aanmelden`);
  await page.fill("#gebruikersnaam", username);
  await page.fill("#wachtwoord", account.password);
  await page.click("main button[type=submit]");
  if (account.totp) {
    await page.waitForURL(/aanmelden\/code/);
    await page.fill("#code", server.totp(account.totp));
    await page.click("main button[type=submit]");
  }
  await page.waitForLoadState("load");
}

export async function signOut(page) {
  await page.click("header form button");
  await page.waitForURL(/aanmelden/);
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}
