// Builds small report fragments shaped like the PDF-to-text extraction: content lines separated by
// blank lines, a trailing space where a printed cell block ends, one leading space on a page's first line.
import { join } from 'node:path';
import type { BodyLine } from '../../ingest/row-assembler.ts';
import { locateBuild } from '../../store/generations.ts';

/** Lines as printed; `$` at the end of a fixture line stands for the trailing space that closes a block. */
export function bodyLines(printed: string[], firstLine = 1): BodyLine[] {
  return printed.map((p, i) => {
    const raw = p.endsWith('$') ? `${p.slice(0, -1)} ` : p;
    return { no: firstLine + 2 * i, text: raw.trim(), closes: /\s$/.test(raw), pageStart: /^ \S/.test(raw) };
  });
}

export function reportText(body: string[], opts: { department?: string; office?: string | null; ea?: string } = {}): string {
  const lines = [
    '   简称 ',
    '联非办 联合国驻非洲联盟办事处 ',
    '监督厅 内部监督事务厅 ',
    '  二. 资源使用情况* ',
    ` ${opts.department ?? 'A. 维持和平行动部'} `,
    ' 1. 成果预算编制框架 ',
    ...(opts.office === null ? [] : [` ${opts.office ?? '(a) 联合国驻非洲联盟办事处'} `]),
    `预期成绩 ${opts.ea ?? '1.1'}：向安全理事会提交报告的工作得到改进，使`,
    '其能够作出决定 ',
    '计划产出 ',
    '已完成 ',
    '(数目或是/否) 说明 ',
    '   ',
    ...body.map((p) => (p.endsWith('$') ? `${p.slice(0, -1)} ` : p)),
  ];
  return lines.join('\n \n');
}

/** A file of the build data/ currently serves (the generation data/CURRENT names, or the flat legacy layout). */
export function builtPath(dataDir: string, file: string): string {
  const build = locateBuild(dataDir);
  if (build.kind === 'none') throw new Error(`${dataDir}: ${build.why}`);
  return join(build.dir, file);
}
