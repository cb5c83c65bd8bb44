export { loadContract, withContract } from './contract.js';
export { ContractError, type Diagnostic, formatDiagnostic } from './diagnostic.js';
export * from './kit.js';
