export { createProgram, main } from './main';
export type { CommandRegistration } from './commands/registry';
