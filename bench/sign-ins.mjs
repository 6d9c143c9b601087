// Sign-in load for bench/sign-ins.sh: POSTs /api/store/login at RATE per second for SECONDS,
// rotating through the shoppers whose addresses are in the file EMAILS (password
// "bench password 42"),
// and prints one line: how many sign-ins were made, how many succeeded, p50 and p99 latency.
// Each sign-in is on a fresh connection, as a browser's would be.
const base = process.env.BASE;
const rate = Number(process.env.RATE || 20);
const seconds = Number(process.env.SECONDS || 10);
const emails = (await import('node:fs'))
  .readFileSync(process.env.EMAILS, 'utf8')
  .split('\n')
  .filter(Boolean);

const latencies = [];
let ok = 0;
let sent = 0;
const pending = [];
const start = performance.now();
await new Promise((resolve) => {
  const timer = setInterval(() => {
    if (performance.now() - start >= seconds * 1000) {
      clearInterval(timer);
      resolve();
      return;
    }
    const email = emails[sent++ % emails.length];
    const t0 = performance.now();
    pending.push(
      fetch(`${base}/api/store/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ email, password: 'bench password 42' }),
      })
        .then(async (r) => {
          await r.arrayBuffer();
          latencies.push(performance.now() - t0);
          if (r.status === 200) ok++;
        })
        .catch(() => latencies.push(performance.now() - t0)),
    );
  }, 1000 / rate);
});
await Promise.all(pending);
latencies.sort((a, b) => a - b);
const pct = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
console.log(
  `sign-ins: ${sent} sent (${(sent / seconds).toFixed(1)}/s), ${ok} signed in, ` +
    `p50 ${pct(0.5).toFixed(1)} ms, p99 ${pct(0.99).toFixed(1)} ms`,
);
