// axe-core (WCAG 2.0/2.1 A and AA rules) on each page, in Debian's headless Chromium.
// Usage: node tests/gates/axe_check.mjs BASE_URL PATH...  -> JSON {path: [violation, ...]} on stdout.
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const [base, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const results = {};
try {
  for (const [width, height] of [[1280, 900], [360, 740]]) {  // a desktop and a phone
    // the portal forbids scripts it did not send (Content-Security-Policy): axe is let in, nothing else changes
    const page = await browser.newPage({ viewport: { width, height }, bypassCSP: true });
    for (const path of paths) {
      await page.goto(base + path, { waitUntil: "load" });
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const found = await window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return found.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
        }));
      });
      const key = `${path} @${width}px`;
      results[key] = violations;
    }
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
