// The shapes of names, for telling a name the report does not have ("政治事务部", "UNDP", "Afghanistan") from
// phrasing. Categories with many members; whether the report has a name is decided by its rows, not here.

/** Chinese organisational suffixes: a name ending in one names a unit or an organisation. */
export const ZH_ORG_SUFFIX = /[\u4e00-\u9fff]{1,12}?(事务部|部|事务厅|厅|署|司|办公室|办事处|委员会|理事会|组织|特派团|基金会|基金|银行|联盟|中心|学院|法院|法庭)$/;
/** Generic words that end like an organisation but name none ("总部" is the Headquarters the report speaks of). */
export const ZH_ORG_GENERIC = /^(各|每个|所有|全|该|本|这个|那个|哪个|哪些|其他|相关|有关|下属|内|外|局|全部|总部|部门|部分|内部|外部|干部|头部|东部|西部|南部|北部|中部)/;
/** Latin words that head a unit's name ("Department of Political Affairs", "Office for Disarmament Affairs"). */
export const EN_UNIT_HEAD = /\b(department|office|division|section|service|unit|secretariat|mission|committee|commission|council|bureau|agency|programme|program|fund|centre|center|court|tribunal|board|panel|team|force|organi[sz]ation|union|bank)\b/i;

/** Countries and regions users ask about, zh and en (the rows decide whether the report speaks of one). */
export const PLACES = [
  '阿富汗', '伊拉克', '叙利亚', '黎巴嫩', '以色列', '巴勒斯坦', '也门', '利比亚', '埃及', '苏丹', '南苏丹', '索马里', '马里', '刚果', '刚果民主共和国',
  '中非共和国', '科特迪瓦', '利比里亚', '塞拉利昂', '海地', '塞浦路斯', '科索沃', '西撒哈拉', '达尔富尔', '东帝汶', '乌克兰', '俄罗斯', '中国', '美国',
  '英国', '法国', '日本', '印度', '巴基斯坦', '孟加拉国', '尼泊尔', '埃塞俄比亚', '肯尼亚', '乌干达', '卢旺达', '布隆迪', '尼日利亚', '乍得', '格鲁吉亚',
  '非洲', '欧洲', '亚洲', '中东', '拉丁美洲',
  'afghanistan', 'iraq', 'syria', 'lebanon', 'israel', 'palestine', 'yemen', 'libya', 'egypt', 'sudan', 'south sudan', 'somalia', 'mali', 'congo',
  'central african republic', "cote d'ivoire", 'liberia', 'sierra leone', 'haiti', 'cyprus', 'kosovo', 'western sahara', 'darfur', 'timor-leste',
  'ukraine', 'russia', 'china', 'united states', 'usa', 'uk', 'france', 'japan', 'india', 'pakistan', 'bangladesh', 'nepal', 'ethiopia', 'kenya',
  'uganda', 'rwanda', 'burundi', 'nigeria', 'chad', 'georgia', 'africa', 'europe', 'asia', 'middle east', 'latin america',
];

/** The symbol the report's own footnote gives for the report it belongs to: naming it names the report itself. */
export const REPORT_SYMBOLS: readonly string[] = ['A/69/653'];
