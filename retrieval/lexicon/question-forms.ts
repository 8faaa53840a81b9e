// How users phrase the *form* of a question — rankings, shares, comparisons, the whole report, negation,
// exclusion, follow-ups — as data, each pattern general vocabulary. The measure recogniser
// (reading/recognisers/measure.ts) turns them into mentions, so "最多" or "percentage" is never a topic.
import type { StatusFlag } from '../../store/schema.ts';

/** A superlative asks for a ranking; the direction is in the word. */
export const RANK_MOST = /最多|最高|最大|居首|排第一|\b(the )?most\b|\bhighest\b|\blargest\b|\bgreatest\b|\bbiggest\b|\bleading\b/gi;
export const RANK_FEWEST = /最少|最低|最小|垫底|\bfewest\b|\bleast\b|\blowest\b|\bsmallest\b/gi;
export const RANK_WORDS = /排名|排行|排序|名列|\brank(ed|ing|ings)?\b|\btop\s+\d+\b|前\s*[一二两三四五六七八九十\d]+\s*(名|个|位)?/gi;
/** "top 3", "前三": a limit on the ranking. */
export const TOP_N = /\btop\s+(\d+)\b|前\s*([一二两三四五六七八九十\d]+)\s*(?:名|个|位)?/i;

/** Which level a ranking or breakdown groups by: offices (司/厅/办公室 …) or departments (部门 …). */
export const GROUP_OFFICE = /(哪个|哪一个|哪些|哪几个|各个?|每个|按)\s*(司|厅|办公室|办事处|科|处|office|division)|\b(which|what|each|every|per|by)\s+(office|division|section|service)s?\b|\b(office|division)s?\s+(of|in|within)\b/i;
export const GROUP_DEPARTMENT = /(哪个|哪一个|哪些|哪几个|各个?|每个|按|分)\s*(部门|部|单位|实体|机构)|\b(which|what|each|every|per|by)\s+(department|entity|entities|unit|organi[sz]ation)s?\b/i;
export const GROUP_STATUS = /按状态|各(种|个)?状态|\bby status\b|\bper status\b|\beach status\b/i;

/** A share: part over whole. */
export const SHARE = /比例|百分比|百分之几|百分之多少|百分率|占比|所占|占多少|几成|多大比重|比重|(完成|达成)率|\bshare\b|\bpercent(age)?s?\b|\bproportion\b|\bfraction\b|\bratio\b|\bwhat part\b|%|％/gi;

/** A comparison: units side by side. */
export const COMPARE = /比较|对比|相比|比一下|比一比|对照|(?:跟|和|与|同)[^，,。？?]{1,24}?比(?!计划|预期|原定|例|重|率)(?:较|一下|一比|起来|呢)?|\bcompar(e|ed|ing|ison)\b|\bvs\.?(?=\s|$)|\bversus\b|\bside by side\b|\bagainst each other\b/gi;
/**
 * What to cut of a comparison before the question is read: the comparison words, and of "跟外勤人事司比呢"
 * only 跟 and 比呢 — the unit between them is what is compared.
 */
export const COMPARE_CUT = /比较|对比|相比|比一下|比一比|对照|(?:^|(?<=[\s，,。；;:：]))(?:那|那么)?(?:跟|和|与|同)(?=[^，,。？?]{1,24}?比(?!计划|预期|原定|例|重|率))|(?<=\S)比(?:较|一下|一比|起来)?(?=\s*呢|\s*$|\s*[？?。])|\bcompar(e|ed|ing|ison)\b|\bvs\.?(?=\s|$)|\bversus\b|\bside by side\b|\bagainst each other\b|哪个(更|比较)?(多|少)|谁(更)?(多|少)|更多|更少/gi;
/** "how many … each" with several units: a comparison as well. */
export const EACH = /各自|分别|各有|各几|各多少|哪个(更|比较)?(多|少)|谁(更)?(多|少)|更多|更少|\beach\b|\brespectively\b|\bwhich (one|of (the|these) (two|three)|of them) (had|has|have|got)\b/i;

/** The whole report, as a summary. */
export const SUMMARY = /(整个|整份|全|这份|本)报告(的)?(概况|概览|总结|摘要|汇总|总体情况)|总体情况|总结一下|汇总|概要|\bsummar(y|ise|ize|ising|izing)\b|\boverview\b|\bbig picture\b|\bat a glance\b/i;
/** Words that say "across the whole report", so no unit is carried over in a follow-up. */
export const WHOLE_REPORT = /整个报告|整份报告|全报告|所有部门|全部部门|各部门|总体|全部产出|所有产出|\b(whole|entire) report\b|\ball (departments|offices|outputs)\b|\boverall\b|\bin total\b|\bacross the report\b/i;

/** Negators directly before a status word ("没有推迟", "not postponed"). */
export const NEGATOR_BEFORE_ZH = /(没有被?|没被|未被?|并未|并没有|不是|并非|非|不)(说是?|说|标为|标明|显示为?|提到|写明|注明|被|是?因为|由于)?$/;
export const NEGATOR_BEFORE_EN = /\b(not|never|weren't|wasn't|aren't|isn't|haven't|hasn't|without being|no longer)\s+(been\s+|being\s+)?$/i;
/** Status flags that can be negated by a separate word (未完成 is its own flag). */
export const NEGATABLE: readonly StatusFlag[] = ['postponed', 'above_plan', 'below_plan'];

/** Exclusion of a unit or status: "除了管理部", "管理部以外", "except DM", "other than DFS". */
export const EXCEPT_BEFORE = /(除了|除去|除|不包括|不含|不算|排除)\s*$|\b(except( for)?|excluding|other than|apart from|besides|outside( of)?|not in|but not)\s+(the\s+)?$/i;
export const EXCEPT_AFTER = /^\s*(以外|之外|外|除外)/;

/** Statuses joined by "and" ("both not completed and postponed", "既未完成又推迟"). */
export const BOTH = /\bboth\b|同时|既|并且|而且|且|又|\bas well as\b|\band also\b|\bat the same time\b/i;

/** Money and other quantities the report does not give: it lists outputs, not budgets or posts. */
export const NOT_IN_REPORT = [
  /多少钱|花了多少|花费|开支|批款|(支出|费用|成本|经费)[^？?。，、和]{0,4}(是|为|有)?多少|支出(了|是|为)?多少|经费|汇率|\bexchange[- ]rates?\b|(预算|拨款|资金|费用|成本|金额|数额)(总额|总数)?(是|为|有)?多少|多少(美元|经费|资金|预算)|美元|\bhow much (money|did|does|was|were|is|has|have)\b|\bspen[dt]\b|\bspending\b|\bexpenditures?\b|\bhow much [^?]{0,40}\bcost|\bwhat (did|does|was|were|is) [^?]{0,40}\bcost|\b(the|total|overall|actual) costs? of\b|\bdollars?\b|\bUSD\b|\$\s?\d|\bbudget(ed)? (amount|figure|total|level)s?\b|\b(total|overall|annual|approved|whole) budget\b|\b(what|how (big|large)) (was|is|were|are) (the |its |their )?budget\b|\bhow big was the budget\b|\bfunding (level|amount)s?\b|\bappropriations?\b/i,
  /空缺率|出缺率|员额(数|数量)?(是|有)?多少|多少(个)?员额|职位空缺|\bvacanc(y|ies)( rates?)?\b|\bhow many posts\b|\bstaffing (levels?|table)\b|\bheadcount\b/i,
  /部队人数|兵力|部署了?(多少|几)|多少(名)?(士兵|军人|维和人员|部队|军事人员|警察人员|军警人员)|死亡人数|\bhow many (troops|soldiers|peacekeepers|uniformed personnel)\b|\btroop (numbers|strength|levels)\b/i,
  /(上|下)一?(个)?(财政)?(年度|期间|周期)(的|里|中)|去年|前年|明年的|\b(last|previous|prior|next) (fiscal )?(year|period|biennium)'?s?\b/i,
];

/** Where a postponed output went: a later period named as a destination, not asked about. */
export const DESTINATION_PERIOD = /(推到|推迟到|推迟至|延至|延到|延期到|挪到|转到|到|至)\s*(下一?个?|以后的?|今后的?|明年的?)\s*(财政)?(年度|期间|财政期间|周期|阶段)|\b(to|until|into|till|for)\s+(the\s+|a\s+)?(next|following|later|subsequent)\s+(fiscal\s+)?(year|period|biennium|cycle)\b/gi;

/** The question places itself in this report ("in this report", "本报告"): another period it names is context. */
export const THIS_REPORT = /\b(in|from|of) (this|the) report\b|本报告|这份报告|报告中|报告里|\bthis period\b/i;

/** Follow-up markers. */
export const NARROW = /其中|这些|这中间|这里面|里面|当中|上述|以上|只看|仅看|只要|只列|只算|仅限|\bof (them|these|those)\b|\bamong (them|these|those)\b|\bonly (those|the ones|ones)\b|\bjust (those|the ones)\b|\bwhich of (them|these|those)\b|\bof which\b|\bonly\b.*\b(in|of|from|for)\b|\bjust\b.*\b(in|of|from|for)\b/i;
export const SWITCH = /^(那么?|那|还有|再看看?|换成|改成|同样|一样)|呢\s*[？?]?\s*$|^\s*(and|what about|how about|same for|the same for|the same|now|ok(ay)?,?|also|then)\b|\b(the same|same question|same thing)\b|\bwhat about\b|\bhow about\b/i;
export const ANAPHORA = /其中|它们|他们|这些|那些|这个|那个|这项|那项|上述|它|该|此|其|\b(them|these|those|they|it|its|their|that|this one|that one)\b/i;
/** A question with a subject of its own ("…产出…", "outputs") stands alone unless it points back. */
export const SUBJECT_NOUN = /产出|成果|\boutputs?\b|\bdeliverables?\b|\bitems?\b/i;
/** Adding a status to the last answer's ("把低于计划的也加上", "include the postponed ones too"): or, not and. */
export const ADD = /也加上|加上|也算上|也包括|一并|\b(also include|include|add|plus|as well|too)\b/i;
/** Coordinators between names in a list ("except DPKO and DFS", "除了维和部和外勤部"). */
export const LIST_JOIN = /^\s*(and|or|,|、|，|和|与|及|以及|或)\s*(the\s+)?$/i;
export const COMBINE = /加起来|合起来|合计|加在一起|一共多少|总共多少|总计|\b(combined|together|altogether|in total|add(ed)?( (them|these|those|both|the two|it))? up|sum|total)\b/i;
/** The words of COMBINE that only ever ask to add up ("total" also frames ordinary counts, so it stays). */
export const COMBINE_WORDS = /加起来|合起来|加在一起|\b(combined|together|altogether|add(ed)?( (them|these|those|both|the two|it))? up)\b/gi;
export const EXPLAIN = /为什么|为何|什么原因|原因是什么|原因|怎么回事|怎么会|\bwhy\b|\bhow come\b|\breason(s)?\b|\bexplain\b|\bexplanation\b/i;
export const RESET = /^\s*(\/reset|重新开始|重来|新问题|清除上下文|new question|start over|reset|new topic|forget (it|that))\s*[。.!！]?\s*$/i;
export const HOW_MANY_FOLLOW = /多少|几项|几个|\bhow many\b|\bcount\b|\bnumber\b/i;

/** "the second one", "第二个", "#3": which of the rows just shown. */
const ORDINALS_EN: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, last: -1 };
const ZH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

export function ordinalIn(text: string): number | null {
  const en = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\b(?=\s+(one|output|row|item|of them|on the list)|\s*[?.]|$)/i.exec(text);
  if (en) return ORDINALS_EN[en[1]!.toLowerCase()]!;
  const num = /\b(?:no\.?|number|#)\s*(\d{1,2})\b|\b(\d{1,2})(?:st|nd|rd|th)\b/i.exec(text);
  if (num) return Number(num[1] ?? num[2]);
  const zh = /第\s*([一二两三四五六七八九十]|\d{1,2})\s*(个|项|条|行)?/.exec(text);
  if (zh) return ZH_DIGITS[zh[1]!] ?? Number(zh[1]);
  if (/最后一(个|项|条)/.test(text)) return -1;
  return null;
}

export function topN(text: string): number | null {
  const m = TOP_N.exec(text);
  if (!m) return null;
  const raw = m[1] ?? m[2]!;
  return /^\d+$/.test(raw) ? Number(raw) : (ZH_DIGITS[raw] ?? null);
}
