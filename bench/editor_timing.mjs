// How long the staff editor takes with a large archive (invoke bench --editor), in Debian's headless Chromium:
// the list of Văn bản after logging in, one document opened, a relation's options after typing.
// Usage: node bench/editor_timing.mjs BASE_URL  -> JSON on stdout (milliseconds).
import { chromium } from "playwright-core";

const [base] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const facts = {};
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: "vi-VN" });
  const since = () => { const t = Date.now(); return () => Date.now() - t; };
  await page.goto(base + "/quan-tri/", { waitUntil: "load" });
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  let took = since();
  await page.goto(base + "/quan-tri/#/collections/van-ban", { waitUntil: "load" });
  const entries = page.locator('a[href*="#/collections/van-ban/entries/"]');
  await entries.first().waitFor({ timeout: 600000 });
  facts.list_ms = took();
  facts.listed = await entries.count();
  took = since();
  await entries.first().click();
  await page.waitForFunction(() => {
    const box = document.querySelector('[id^="title-field-"]');
    return box && box.value;
  }, null, { timeout: 600000 });
  facts.open_ms = took();
  await page.goto(base + "/quan-tri/#/collections/van-ban/new", { waitUntil: "load" });
  await page.locator('[id^="based_on-field-"]').first().click();
  took = since();
  await page.keyboard.type("15/");
  await page.locator('[id*="-option-"]').first().waitFor({ timeout: 600000 });
  facts.relation_ms = took();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(facts));
