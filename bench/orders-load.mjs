// Order load for bench/orders.sh: POSTs ORDERS orders in batches of 1,000 to
// /api/admin/orders/batch over CONCURRENCY connections, spread over the customer ids in the file
// IDS (one per line), one to five items each with a payment, and prints one line: orders
// placed, seconds, orders per second. SKUS ("sku:price,sku:price", minor units) names the
// products to sell (default the three of bench/orders.sh).
import { readFileSync } from 'node:fs';

const base = process.env.BASE;
const token = process.env.TOKEN;
const total = Number(process.env.ORDERS || 1000000);
const concurrency = Number(process.env.CONCURRENCY || 2);
const ids = readFileSync(process.env.IDS, 'utf8').split('\n').filter(Boolean);
const catalog = (process.env.SKUS || 'bench-mug:1200,bench-lamp:4500,bench-book:2900')
  .split(',')
  .map((pair) => pair.split(':'));
const skus = catalog.map(([sku]) => sku);
const prices = Object.fromEntries(catalog.map(([sku, price]) => [sku, Number(price)]));

let next = 0;
let placed = 0;
function batch() {
  const items = [];
  for (let i = 0; i < 1000 && next < total; i++, next++) {
    const lines = [];
    let sum = 0;
    for (let k = 0; k < 1 + (next % 5); k++) {
      const sku = skus[(next + k) % skus.length];
      const quantity = 1 + ((next + k) % 3);
      lines.push({ sku, quantity });
      sum += prices[sku] * quantity;
    }
    const month = 1 + (next % 12);
    items.push({
      number: `B-${next}`,
      customer_id: ids[next % ids.length],
      items: lines,
      placed_at: `2026-${String(month).padStart(2, '0')}-${String(1 + (next % 28)).padStart(2, '0')}T10:00:00Z`,
      payments: [{ amount: sum, method: 'card' }],
    });
  }
  return items;
}

async function worker() {
  for (;;) {
    const items = batch();
    if (items.length === 0) return;
    const res = await fetch(`${base}/api/admin/orders/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items }),
    });
    if (res.status !== 200) throw new Error(`${res.status}: ${(await res.text()).slice(0, 500)}`);
    await res.arrayBuffer();
    placed += items.length;
  }
}

const t0 = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (performance.now() - t0) / 1000;
console.log(`${placed} orders in ${seconds.toFixed(1)} s: ${Math.round(placed / seconds)} orders/s`);
