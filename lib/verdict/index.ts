export type { Verdict, VerdictStatus } from './types.js';
export { judge, skipVerdict, type JudgeOptions } from './judge.js';
