// The ingest stage's typed boundary: what one parsed output row looks like in data/rows.json.
// Everything downstream (retrieval, bot) reads records through these schemas and types only.
import { z } from 'zod';

/**
 * What the report says of an output, in the report's terms (docs/status.md states the rule). `delivered`: the
 * 已完成 column gives a number and the 说明 says neither above nor below plan, nor that it was not done or
 * postponed — the report claims no more than that it was delivered, so neither does the bot.
 */
export const STATUS_FLAGS = ['completed', 'delivered', 'not_completed', 'above_plan', 'below_plan', 'postponed'] as const;
export const StatusFlagSchema = z.enum(STATUS_FLAGS);
export type StatusFlag = z.infer<typeof StatusFlagSchema>;

export const CodedNameSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
});
export type CodedName = z.infer<typeof CodedNameSchema>;

export const AccomplishmentSchema = z.object({
  /** "1.1", "2.3" … as printed after 预期成绩. */
  code: z.string().regex(/^\d+(\.\d+)*$/),
  text: z.string(),
});
export type Accomplishment = z.infer<typeof AccomplishmentSchema>;

export const ActualValueSchema = z.object({
  /** As printed, thousands-separator spaces removed ("2 702" -> "2702"); also 是 / 否. */
  value: z.string().min(1),
  /** Numeric reading of value (percentages as their number), null for 是/否 and other text. */
  number: z.number().nullable(),
  /** The 说明 text that names this value ("每月报告"), if the report gives one. */
  label: z.string().nullable(),
});
export type ActualValue = z.infer<typeof ActualValueSchema>;

export const OutputRecordSchema = z.object({
  /** Stable, readable id: department, office, accomplishment and ordinal, e.g. "A-a-1.1-03". */
  id: z.string().regex(/^[A-Z](-[a-z])?-\d+(\.\d+)*-\d{2,}$/),
  /** 1-based line of the seed file where the planned text starts. */
  line: z.number().int().positive(),
  /** 1-based line of the seed file where the row ends. */
  lineEnd: z.number().int().positive(),
  department: CodedNameSchema,
  office: CodedNameSchema.nullable(),
  accomplishment: AccomplishmentSchema,
  /** The whole 计划产出 cell, wrapped lines joined. */
  planned: z.string().min(1),
  actual: z.array(ActualValueSchema),
  /** The 说明 cell less the value labels: the explanations. */
  remarks: z.string(),
  status: z.array(StatusFlagSchema),
});
export type OutputRecord = z.infer<typeof OutputRecordSchema>;

export const RowsFileSchema = z.array(OutputRecordSchema);

export const GlossarySchema = z.array(
  z.object({
    abbreviation: z.string().min(1),
    fullName: z.string().min(1),
  }),
);
export type Glossary = z.infer<typeof GlossarySchema>;
