/** `@iotv1/generator-core`: the spec loader and checker. What it builds, the Contract Model, is `@iotv1/generator-kit`'s. */
export { ContractCache, loadContract, withContract } from './contract.js';
