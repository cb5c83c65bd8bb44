/** One reason a value does not match its schema. */
export interface ValidationIssue {
    /** JSON pointer to the offending value (for a missing property: where it should be). */
    readonly pointer: string;
    /** The JSON Schema keyword that failed, for example `required` or `maxLength`. */
    readonly keyword: string;
    readonly message: string;
}
/** Typed data, or the issues that kept it from being valid. */
export type Validated<T> = {
    readonly ok: true;
    readonly value: T;
} | {
    readonly ok: false;
    readonly issues: readonly ValidationIssue[];
};
/** The shape of a precompiled (Ajv standalone) validate function. */
export interface CompiledValidator {
    (data: unknown): boolean;
    errors?: readonly CompiledError[] | null;
}
interface CompiledError {
    readonly instancePath: string;
    readonly keyword: string;
    readonly params: Readonly<Record<string, unknown>>;
    readonly message?: string;
}
/** The valid outcome: the data itself, now typed. */
export declare function valid<T>(data: unknown): Validated<T>;
/** The invalid outcome of `validate`'s last call, whose errors Ajv has just set. */
export declare function invalid(validate: CompiledValidator): Validated<never>;
export {};
//# sourceMappingURL=result.d.ts.map