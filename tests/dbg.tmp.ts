import { openReportEngine } from '/work/main/retrieval/index.ts';
const e = await openReportEngine({ log: () => {} });
for (const q of process.argv.slice(2)) {
  const u = e.understand(q);
  const a = await e.ask(q);
  console.log(JSON.stringify({ q, intent: u.intent, units: u.units, status: u.status, topic: u.topic }), '->', a.intent, a.total, a.rows.slice(0, 5).map((r) => r.line).join(','));
}
