// Discord rendering as plain JSON (no discord.js types): answers, rows, the source view and help, each page
// within Discord's limits. The pieces live in present/discord/; this module is their one import path.
export * from './discord/limits.ts';
export * from './discord/answer.ts';
export * from './discord/help.ts';
export { STATUS_WORDS, statusWord, statusBilingual } from './labels.ts';
