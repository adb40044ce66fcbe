// Where the text of a page sits before and after the web font arrives, in Debian's headless Chromium.
// Usage: node tests/gates/font_swap.mjs BASE_URL WIDTH PATH FAMILY...
// For each FAMILY (a font-family value, or "web" for the theme's own stack with Noto Sans loaded), the page
// is drawn with the web fonts refused (FAMILY only) or loaded ("web"); the answer, as JSON on stdout, gives
// per FAMILY the page's height and the top and height of every block of text in <main>.
import { chromium } from "playwright-core";

const [base, width, path, ...families] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
});
const results = {};
try {
  for (const family of families) {
    const context = await browser.newContext({ viewport: { width: Number(width), height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    if (family !== "web") {
      await page.route(/\.woff2$/, (route) => route.abort());
    }
    await page.goto(base + path, { waitUntil: "load" });
    if (family !== "web") {
      await page.addStyleTag({ content: `body { font-family: ${family} !important; }` });
    }
    results[family] = await page.evaluate(async () => {
      await document.fonts.ready;
      const blocks = [...document.querySelectorAll("main h1, main h2, main h3, main p, main li, main tr, main dt, main dd")];
      return {
        height: document.documentElement.scrollHeight,
        used: [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family),
        blocks: blocks.map((b) => {
          const box = b.getBoundingClientRect();
          return [Math.round(box.top + window.scrollY), Math.round(box.height)];
        }),
      };
    });
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
