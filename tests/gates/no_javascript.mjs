// What a reader with JavaScript off gets on a phone (360 px), in Debian's headless Chromium: the documents
// table fits the screen, the menu opens from its button, and the filter form, filled and sent, answers.
// Usage: node tests/gates/no_javascript.mjs BASE_URL TYPE  -> JSON facts on stdout.
import { chromium } from "playwright-core";

const [base, type] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const facts = {};
try {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + "/gioi-thieu/", { waitUntil: "load" });
  facts.printButtonHidden = await page.locator("button[data-print]").isHidden();  // print.js did not run
  await page.goto(base + "/van-ban/", { waitUntil: "load" });
  facts.pageWidth = await page.evaluate("document.documentElement.scrollWidth");
  const rows = page.locator("table.documents-table tbody tr");
  facts.rows = await rows.count();
  const row = await rows.first().boundingBox();
  facts.firstRow = row && { x: Math.round(row.x), width: Math.round(row.width) };
  facts.menuVisibleBefore = await page.locator("#site-nav-list").isVisible();
  await page.locator("label[for=site-nav-toggle]").click();
  facts.menuVisibleAfter = await page.locator("#site-nav-list").isVisible();
  await page.locator("#filter-loai").selectOption({ label: type });
  await Promise.all([page.waitForURL(/\/tim-kiem\//), page.locator("form.document-filter button[type=submit]").click()]);
  facts.url = page.url();
  facts.hits = await page.locator("ol.search-hits li.search-hit").allInnerTexts();
  facts.chosen = await page.locator("select[name=type] option:checked").innerText();
  await context.close();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(facts));
