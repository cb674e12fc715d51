import type { Locator, Page } from 'playwright-core';

/**
 * The card of the first entity of `domain` that is available now, pinned by its entity id.
 *
 * Why pinned: a `.first()` of available cards is re-resolved at every use, and while simulated
 * devices come online one by one (a hub restart, a loaded machine) it can point at another card
 * between a click and the check of its result.
 */
export async function firstAvailableCard(page: Page, domain: string, timeout = 15_000): Promise<Locator> {
  const first = page.locator(`[data-entity-id^="${domain}."][data-available="true"]`).first();
  await first.waitFor({ timeout });
  return page.locator(`[data-entity-id="${await first.getAttribute('data-entity-id')}"]`);
}
