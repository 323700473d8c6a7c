// Runs autocannon in its own process (so the load generator does not share the harness's event
// loop) and prints one JSON line. usage: node autocannon-child.mjs URL API_KEY CONNECTIONS SECONDS
import autocannon from "autocannon";

const [url, key, connections, seconds] = process.argv.slice(2);
const r = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  headers: { authorization: `Bearer ${key}` },
  timeout: 30,
});
const cpu = process.cpuUsage();
console.log(
  JSON.stringify({
    p50_ms: r.latency.p50,
    p90_ms: r.latency.p90,
    p99_ms: r.latency.p99,
    max_ms: r.latency.max,
    mean_ms: r.latency.average,
    requests_per_s: r.requests.average,
    requests_total: r.requests.total,
    non_2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    loadgen_cpu_s: Math.round(((cpu.user + cpu.system) / 1e6) * 10) / 10,
  }),
);
