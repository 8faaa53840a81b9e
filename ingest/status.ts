// Status flags come only from the report's own words: the 已完成 values and the 说明 text.
import { STATUS_FLAGS, type StatusFlag } from '../store/schema.ts';
import { valueNumber } from './value-tokens.ts';

const compact = (s: string) => s.replace(/\s+/g, '');

/** Something deferred to a later time: "被推迟到 2014-2015 年期间", "推迟至…", "延期"… */
const DEFERRED = /推迟|延期|延至|延后|推延|改期|顺延/;
/** …but "推迟到本报告期间举行" moved something *into* this period: not a postponement of this output. */
const MOVED_INTO_THIS_PERIOD = /(推迟|延期|延)(到|至)本(报告)?(所述)?期间/;
/** An output not yet done, scheduled for later: "计划在 2015 年 1 月前完成", "预计 2015 年完成", "将于…完成". */
const SCHEDULED_LATER =
  /(定于|计划|预计(将)?(在|于)?|将于|将在)[^。；，]{0,30}?(\d{4}年|\d{4}-\d{4}年|\d{4}\/\d{2}年|下一|今后|以后|晚些)[^。；]{0,30}?(完成|举行|推出|发布|印发|分发|定稿|启用|部署|实施|敲定|提交|召开|出版|交付|上线)/;
/** "已在 2012-2013 年期间完成": done before, not postponed. */
const ALREADY_DONE = /已(在|于)[^。；]{0,20}完成/;

/** "预计将提交给大会第七十届会议": an output due at a later session. */
const DUE_AT_LATER_SESSION = /(预计|计划|将于|将在|定于)[^。；]{0,20}(提交|提出|印发|审议)[^。；]{0,10}第[一二三四五六七八九十]+届会议/;
/** "时间安排调整到2014/15 年度": a schedule moved to a (later) year. */
const RESCHEDULED = /(调整|改|移|挪|顺延|延长)(到|至)\d{4}([\/-]\d{2,4})?年/;

export function isPostponed(text: string): boolean {
  const t = compact(text);
  if (RESCHEDULED.test(t) || DUE_AT_LATER_SESSION.test(t)) return true;
  const deferred = DEFERRED.test(t) && t.replace(new RegExp(MOVED_INTO_THIS_PERIOD, 'g'), '').match(DEFERRED) !== null;
  if (deferred) return true;
  const scheduled = SCHEDULED_LATER.exec(t);
  return scheduled !== null && !ALREADY_DONE.test(scheduled[0]);
}

export function statusFlags(values: readonly string[], explanation: string): StatusFlag[] {
  const t = compact(explanation);
  const flags = new Set<StatusFlag>();
  if (values.includes('是')) flags.add('completed');
  if (values.includes('否') || /未实现|未能实现|未完成|没有完成|未能完成/.test(t)) flags.add('not_completed');
  if (/高于计划|超出计划|多于计划/.test(t)) flags.add('above_plan');
  if (/低于计划|少于计划|未达到计划/.test(t)) flags.add('below_plan');
  if (isPostponed(t)) flags.add('postponed');
  // A number delivered with no word on the plan: the report says it was delivered, and nothing more (some such
  // rows deliver fewer or more than the planned text's number without comment), so no flag claims "as planned".
  if (flags.size === 0 && values.some((v) => valueNumber(v) !== null)) flags.add('delivered');
  // Report order of the enum, so equal sets serialise equally.
  const order = STATUS_FLAGS;
  return order.filter((f) => flags.has(f));
}
