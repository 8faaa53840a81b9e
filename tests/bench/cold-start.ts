// Child process of the bench: load a built data/ dir and answer one question; print the time since start.
import { openReportEngine } from '../../app/open.ts';

const dataDir = process.argv[2];
const engine = await openReportEngine({ dataDir, log: () => {} });
const answer = await engine.ask('外勤支助部有多少产出低于计划？');
console.log(JSON.stringify({ total: answer.total, sinceProcessStartMs: performance.now() }));
