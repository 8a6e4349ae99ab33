// Accessibility checks any browser test can call on the page it has open:
//   await assertAccessible(page, "caseload");          axe-core, WCAG 2.1 A/AA
//   await assertReflows(page, "caseload");             no sideways scroll, targets >= 24 x 24 px
// axe-core comes from npm (devDependency). Its source is evaluated in the
// page over the DevTools protocol, which a Content-Security-Policy without
// 'unsafe-inline' does not block (a <script> tag would be refused).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// Every violation of WCAG 2.1 A/AA that axe-core finds on the page as it is now.
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")), count: v.nodes.length,
    }));
  }, wcagTags);
}

export async function assertAccessible(page, label) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${label} (${page.url()}): axe-core finds ${JSON.stringify(violations, null, 1)}`);
}

// Sideways scroll of the page, and interactive targets smaller than 24 x 24
// CSS px (WCAG 2.5.8), except links inside running text (the inline
// exception) and what is hidden.
export async function reflowProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const scroller = document.scrollingElement;
    if (scroller.scrollWidth > window.innerWidth)
      problems.push(`page scrolls sideways: ${scroller.scrollWidth} > ${window.innerWidth}`);
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";
    for (const element of document.querySelectorAll(selector)) {
      const style = getComputedStyle(element);
      if (style.visibility === "hidden" || element.closest("[hidden], [aria-hidden=true]")) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;  // not rendered (display: none)
      if (element.matches(".skip")) continue;  // the skip link is off screen until focused
      if (element.tagName === "A" && style.display === "inline" && element.closest("p, li, td, dd")) continue;
      if (box.width < 24 || box.height < 24) {
        const name = (element.innerText || element.value || element.name || element.id || "").trim().slice(0, 30);
        problems.push(`${element.tagName.toLowerCase()} "${name}" is ${box.width.toFixed(0)} x ${box.height.toFixed(0)} px`);
      }
      if (box.right > window.innerWidth + 1 && !element.closest("table, header nav, nav.groups"))
        problems.push(`${element.tagName.toLowerCase()} reaches past the right edge (${box.right.toFixed(0)} px)`);
    }
    return problems.slice(0, 20);
  });
}

export async function assertReflows(page, label) {
  const problems = await reflowProblems(page);
  assert.deepEqual(problems, [], `${label} at ${page.viewportSize()?.width} px (${page.url()})`);
}

// The page's resize handlers (app.js makes a table that scrolls inside itself
// focusable) run on the frame after a resize: check after two frames, as a
// user would, not in between.
async function settled(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

// Both checks at each width (desktop, tablet, phone): the page is reloaded
// only by the resize, not navigated, so a POST's answer can be checked too.
export async function assertEveryWidth(page, label, widths = [1280, 390, 320]) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: width >= 768 ? 900 : 720 });
    await settled(page);
    await assertReflows(page, label);
    await assertAccessible(page, `${label} at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
