// A member of staff at the editor (`invoke editor`), in Debian's headless Chromium: a Quyết định with an
// attachment and a căn cứ chosen among the portal's documents (a wrong number refused first, by the form), a news
// item citing it, and a question answered, each saved through the forms; then the preview shows the document's
// page. Usage: node tests/gates/editor.mjs BASE_URL ATTACHMENT_PDF  -> JSON facts on stdout.
import { chromium } from "playwright-core";

const [base, attachment] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--lang=vi-VN"],
});
const facts = { errors: [] };
let page = null;
try {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  page = await context.newPage();
  page.on("pageerror", (e) => e && e.message && facts.errors.push(e.message));
  const input = (name) => page.locator(`[id^="${name}-field-"]`).first();
  // The whole value at once, then read back: typed key by key on a busy machine, Decap's controlled inputs
  // lose characters now and then (a title came out as "…chuyêông vụ" in a full run).
  const write = async (name, text) => {
    const box = input(name);
    for (let attempt = 0; attempt < 5; attempt++) {
      await box.fill(text);
      if ((await box.inputValue()) === text) return;
      await page.waitForTimeout(200);
    }
    throw new Error(`the field ${name} would not keep ${JSON.stringify(text)}: ${await box.inputValue()}`);
  };
  const choose = async (name, typed, option = typed) => {
    await input(name).click();
    await page.keyboard.type(typed);
    // react-select's options, loaded as they are typed (a relation asks the backend for its documents)
    await page.locator('[id*="-option-"]').filter({ hasText: option }).first().click();
  };
  const body = async (text) => {
    await page.locator('[data-slate-editor="true"]').first().click();
    await page.keyboard.type(text);
  };
  const publish = async () => {
    await page.getByRole("button", { name: "Công bố" }).first().click();
    await page.getByText("Công bố ngay").click();
  };
  const saved = async () => {
    // the entry's own address once the backend has written the file
    await page.waitForURL(/\/entries\//, { timeout: 30000 });
    await page.getByText("Thay đổi chưa được lưu", { exact: false }).waitFor({ state: "detached", timeout: 30000 });
    return decodeURIComponent(page.url().split("/entries/")[1]);
  };

  await page.goto(base + "/quan-tri/", { waitUntil: "load" });
  facts.language = await page.locator("html").getAttribute("lang");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.locator("a[href$='#/collections/van-ban']").first().waitFor();
  facts.collections = await page.locator("nav a[href*='#/collections/'], aside a[href*='#/collections/']").allInnerTexts();

  // ---------------------------------------------------------------- a Quyết định
  await page.goto(base + "/quan-tri/#/collections/van-ban/new", { waitUntil: "load" });
  await write("title", "Quy chế quản lý, sử dụng chữ ký số chuyên dùng công vụ");
  await write("number", "88 QĐ STTTT");
  await choose("doc_type", "Quyết định");
  await choose("issuer", "Sở Thông tin và Truyền thông tỉnh");
  await input("issued").fill("2026-12-01");
  await publish();
  await page.waitForTimeout(800);
  const shown = await page.evaluate(() => document.body.innerText);
  facts.wrongNumber = shown.split("\n").filter((line) => /khớp với mẫu/i.test(line));
  facts.stillUnsaved = !page.url().includes("/entries/");

  await write("number", "88/QĐ-STTTT");
  await choose("based_on", "15/CT", "15/CT-TTg ngày 22/05/2012");
  await page.getByRole("button", { name: /tệp đính kèm/i }).click();
  await page.getByRole("button", { name: "Chọn một tập tin" }).click();
  await page.locator('input[type="file"]').setInputFiles(attachment);
  await page.getByRole("button", { name: "Lấy những cái đã chọn" }).click(); // the upload is chosen already
  await page.locator('[id^="title-field-"]').last().fill("Toàn văn Quyết định");
  await body("Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý, sử dụng chữ ký số chuyên dùng công vụ.");
  await publish();
  const started = Date.now();
  facts.document = await saved();

  // the preview pane's page: the portal rebuilt from the saved file
  const preview = await context.newPage();
  facts.previewSeconds = null;
  const documentFile = "van-ban/" + facts.document + ".md";
  while (Date.now() - started < 120000) {
    await preview.goto(base + "/quan-tri/trang?tep=" + encodeURIComponent(documentFile), { waitUntil: "load" });
    facts.previewHeadings = await preview.locator("h1").allInnerTexts();
    if (facts.previewHeadings.some((t) => t.includes("chữ ký số chuyên dùng"))) {
      facts.previewSeconds = (Date.now() - started) / 1000;
      facts.previewUrl = new URL(preview.url()).pathname;
      break;
    }
    await preview.waitForTimeout(500);
  }
  await preview.close();

  // ---------------------------------------------------------------- a news item citing it
  await page.goto(base + "/quan-tri/#/collections/tin-tuc-chuyen-doi-so/new", { waitUntil: "load" });
  await write("title", "Sở ban hành quy chế sử dụng chữ ký số chuyên dùng");
  await input("date").fill("2026-12-02T09:30");
  await body("Ngày 01/12/2026, Sở đã ban hành Quyết định số 88/QĐ-STTTT ngày 01/12/2026 về quy chế sử dụng chữ ký số.");
  await publish();
  facts.news = await saved();

  // ---------------------------------------------------------------- a question answered
  await page.goto(base + "/quan-tri/#/collections/hoi-dap/new", { waitUntil: "load" });
  await write("title", "Cán bộ nghỉ hưu có phải nộp lại chứng thư số không?");
  await write("question", "Tôi sắp nghỉ hưu. Chứng thư số cơ quan cấp cho tôi có phải nộp lại không?");
  await input("asked").fill("2026-11-20");
  await input("answered").fill("2026-11-25");
  await write("answered_by", "Phòng Bưu chính, Viễn thông và Công nghệ thông tin");
  await body("Có. Trước khi nghỉ hưu, cán bộ đề nghị thu hồi chứng thư số theo Quyết định số 88/QĐ-STTTT.");
  await publish();
  facts.question = await saved();
  await context.close();
} catch (error) {
  // what the browser showed when it went wrong, for whoever reads the failing test
  if (page) {
    facts.shown = (await page.evaluate(() => document.body.innerText).catch(() => "")).slice(0, 3000);
    await page.screenshot({ path: process.env.FAILURE_SHOT || "editor-failure.png" }).catch(() => {});
  }
  process.stderr.write(JSON.stringify(facts) + "\n");
  throw error;
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(facts));
