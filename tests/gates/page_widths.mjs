// How a page lays out at several widths, in Debian's headless Chromium: whether anything sticks out of the
// screen (scrollWidth against the viewport), whether the page's own styles applied (the h1's colour and
// the body's font size), and what the Content-Security-Policy refused.
// Usage: node tests/gates/page_widths.mjs URL WIDTH [WIDTH …]  -> JSON facts on stdout, one entry per width.
import { chromium } from "playwright-core";

const [url, ...widths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const facts = {};
try {
  for (const width of widths.map(Number)) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    const refused = [];
    page.on("console", (message) => {
      if (message.text().includes("Content Security Policy")) refused.push(message.text());
    });
    await page.goto(url, { waitUntil: "load" });
    facts[width] = {
      scrollWidth: await page.evaluate("document.documentElement.scrollWidth"),
      widest: await page.evaluate(`Math.max(...[...document.querySelectorAll("body *")].map(
        (e) => e.getBoundingClientRect().right))`),
      h1Color: await page.evaluate("getComputedStyle(document.querySelector('h1')).color"),
      bodyMaxWidth: await page.evaluate("getComputedStyle(document.body).maxWidth"),
      refused,
    };
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(facts));
