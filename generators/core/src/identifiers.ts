/** Names of the spec that generated code spells as they are: operation ids and MQTT message names. */

/** An ASCII identifier of TypeScript and JavaScript (ECMAScript 2024, section 12.7). */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Reserved words of ECMAScript (section 12.7.2) and of its strict mode (section 13.1.1), which modules are in. */
const RESERVED_WORDS = new Set(
  [
    'await break case catch class const continue debugger default delete do else enum export extends false finally for',
    'function if import in instanceof new null return super switch this throw true try typeof var void while with yield',
    'arguments eval implements interface let package private protected public static',
  ].flatMap((line) => line.split(' ')),
);

/** Whether generated code can use `name` as a property name (`TOPICS.feedData`). */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Whether generated code can declare a function named `name`: an identifier that is not a reserved word. */
export function isBindingName(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED_WORDS.has(name);
}

/** How a message says what `isIdentifier` accepts. */
export const IDENTIFIER_RULE = 'letters, digits, "_" or "$", not a digit first';
