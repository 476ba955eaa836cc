/**
 * The dashboard in a real browser: Debian's headless Chromium (or CHROMIUM_PATH), driven by
 * playwright-core. A developer issues a card through the client and sees the SMS arrive without
 * a reload, copies the OTP from the page and confirms the card with it, sees a refused request's
 * explanation unfolded, and sets a fault in the page's form and sees it answered. The page is
 * saved as test-results/dashboard.png (1280×800) and test-results/dashboard-phone.png (390 wide).
 * Without a browser the test is skipped, and says so on the console.
 */
import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunningMock } from "../../src/mock/index.js";
import { signJws } from "../../src/signing/index.js";
import { clientOf, ISSUE, MERCHANT, otpOf, send, startTestMock } from "./helpers.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const present = existsSync(CHROMIUM);
if (!present)
  console.warn(
    `SKIPPED: the dashboard's browser test needs Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );
const ARTIFACTS = "test-results";

let mock: RunningMock;
let browser: Browser;
beforeAll(async () => {
  if (!present) return;
  mock = await startTestMock({ mode: "stateful" });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
});
afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

async function openDashboard(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: mock.url });
  const page = await context.newPage();
  await page.goto(`${mock.url}/__dashboard`);
  await page.locator("body[data-ready=true]").waitFor();
  await expect.poll(() => page.locator("#live").textContent()).toBe("live");
  return page;
}

test.skipIf(!present)(
  "issue, read the SMS, copy the OTP, confirm; a refusal explained; a fault set and answered",
  async () => {
    const page = await openDashboard(1280, 800);
    const client = clientOf(mock);

    const issued = await client.issueCard(ISSUE);
    if (!issued.ok) throw new Error(issued.error.message);
    const cardId = issued.data.card_id;
    const sms = page.locator("#sms li.sms").first();
    await expect.poll(() => sms.locator(".otp").textContent()).toBe(await otpOf(mock, cardId));

    await sms.getByRole("button", { name: "Copy" }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(await client.activateCard({ card_id: cardId, otp: copied })).toMatchObject({
      ok: true,
      data: { card_status: 2 },
    });
    await expect.poll(() => page.locator("#cards tr").first().textContent()).toContain("Activated");

    const body = JSON.stringify({ card_id: cardId });
    const jws = signJws({
      method: "POST",
      uri: "/v5/cards/card_status?lang=en",
      authId: MERCHANT.authId,
      body,
      secret: MERCHANT.secret,
    });
    await send(mock, "/v5/cards/card_status", body, { sign: false, headers: { "x-jws-signature": jws } });
    const refusal = page.locator("#journal details[data-outcome=refused][open] .explanation").first();
    await expect
      .poll(() => refusal.textContent())
      .toBe(
        'the JWS uri does not match the request path: the JWS header\'s uri is "/v5/cards/card_status?lang=en", ' +
          'the request path is "/v5/cards/card_status"; likely cause: a query string in uri (send the path alone)',
      );

    await page.selectOption("#fault-operation", "issueCard");
    await page.selectOption("#fault-status", "-5");
    await page.fill("#fault-times", "1");
    await page.click("#fault-form button[type=submit]");
    await expect.poll(() => page.locator("#faults li").first().textContent()).toContain("issueCard → -5");
    expect(await client.issueCard(ISSUE)).toMatchObject({ ok: false, error: { code: -5, name: "CardIssueFailed" } });
    await expect.poll(() => page.locator("#journal li").first().textContent()).toContain("HTTP 200 status -5");
    await expect.poll(() => page.locator("#faults li").first().textContent()).toBe("No faults set.");

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/dashboard.png` });
    await page.context().close();

    const phone = await openDashboard(390, 844);
    await phone.screenshot({ path: `${ARTIFACTS}/dashboard-phone.png`, fullPage: true });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.context().close();
  },
);
