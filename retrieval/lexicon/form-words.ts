// How people ask, as vocabulary by category: none of these words is ever a topic. Each category has several
// members and its own test (tests/retrieval/reading/form.test.ts); a word enters only as a member of a category.

/** Chinese asking words, by category. Single characters only where they never sit inside a content word. */
export const ZH_FORM_WORDS: Record<string, readonly string[]> = {
  politeness: ['请问', '请', '麻烦你', '麻烦', '帮我', '帮忙', '能不能', '能否', '可不可以', '可以', '劳驾', '谢谢', '一下', '看看', '看一下', '查查', '查一下', '告诉我', '给我个', '给我', '我想知道', '想知道', '想了解', '了解一下', '说说', '讲讲', '介绍', '简单'],
  document: ['这份报告', '整份报告', '整个报告', '全报告', '本报告', '该报告', '报告里面', '报告里', '报告中', '报告上', '报告显示', '报告说', '报告称', '报告为', '被报告', '报告了', '报告有', '报了', '文件中', '表格里', '表格中', '表里', '表中', '本期', '本报告期间', '报告期内', '报告期'],
  /** The table's own columns and how a cell is marked: 完成栏写"是", 说明里提到, 标为, 列为. */
  table: ['计划产出', '产出条目', '条目', '产出项', '产出', '完成栏', '已完成栏', '说明栏', '实际栏', '那一栏', '这一栏', '一栏', '栏里', '栏中', '那一列', '一列', '标为', '标的是', '被标为', '标记为', '标注为', '标注', '显示为', '记为', '列为', '被列为', '列了', '列出了', '算是', '属于', '写的是', '写着', '填的是', '说明为', '说明里', '说明中', '完成情况', '实际完成', '实际数', '计划数'],
  question: ['有多大', '多大', '有多高', '多高', '有多长', '多长', '是什么', '什么', '哪一个', '哪个', '有哪些', '是否', '有没有', '了没有', '没有呢', '了吗', '吗', '呢', '怎么样', '如何', '情况如何', '情况怎么样', '情况', '具体', '分别', '到底', '究竟', '呀', '啊', '吧'],
  structure: ['的', '了', '被', '一共有', '共有', '都有', '都是', '下面', '下的', '下有', '之下', '以下', '里面', '有关的', '有关', '关于', '相关的', '相关', '方面', '进行', '开展的', '情况为', '结果', '一项', '各有', '各自', '包括在内', '下属', '它们的', '它的', '把它', '因为', '由于', '是因为', '中有', '占了', '占'],
  summary: ['整体', '总体', '大致', '大概', '概括'],
  /** Turn-taking: thanks, "another question", "that's enough" — they frame a turn, never its subject. */
  discourse: ['好的', '好吧', '谢谢你', '多谢', '另外问一下', '另外问下', '另外', '顺便问一下', '顺便问下', '顺便', '换个问题', '还有个问题', '还有一个问题', '再问一下', '再问个', '新问题', '就行', '就好', '即可', '就可以', '那种', '这种', '那张', '这张'],
};

/** English asking phrases (function words are handled by the topic reader, so multi-word terms stay whole). */
export const EN_FORM_WORDS: Record<string, readonly string[]> = {
  politeness: ['please', 'pls', 'plz', 'kindly', 'could you', 'can you', 'would you', 'tell me', 'let me know', 'i want to know', "i'd like to know", 'i would like to know', 'i wonder', 'thanks', 'thank you', 'hey', 'hi', 'quick question', 'btw', 'just', 'quickly', 'roughly', 'exactly', 'actually'],
  /** "in the report", "this document": the report itself; "did DM report …" is a verb of asking. */
  document: ['in the report', 'in this report', 'the report', 'this report', 'the whole report', 'the entire report', 'this document', 'the document', 'the table', 'according to the report', 'report', 'reported', 'reports on'],
  table: ['marked', 'flagged', 'listed', 'labelled', 'labeled', 'recorded', 'shown', 'column', 'the completed column', 'status', 'outputs', 'output', 'items', 'deliverables', 'remarks', 'remark', 'explanation', 'explanations', 'notes', 'the remarks column'],
  /** Turn-taking: thanks, "separate question", "totally different" — they frame a turn, never its subject. */
  discourse: ['ok', 'okay', 'alright', 'great', 'cool', 'got it', 'separate question', 'another question', 'different question', 'new question', 'totally different', 'something else', 'one more', 'also', 'by the way', 'question'],
  /** Verbs of looking things up and quantifiers of asking: never the subject counted or listed. */
  asking: ['look', 'looking', 'if you look at', 'check', 'went', 'go', 'goes', 'got', 'get', 'single', 'everything', 'anything', 'every', 'each one', 'all of them', 'in total', 'overall', 'blame', 'blames', 'cite', 'cites', 'attribute', 'attributes', 'mention', 'mentions', 'say', 'says'],
};
