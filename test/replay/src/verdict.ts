import type { Vectors } from '@iotv1/conformance';

/** A release's disagreements with today's vectors, sorted by what they mean. */
export interface Verdict {
  /** The meaning lock broken: a code's meaning or action, a throw, a crash, a build that fails. The replay fails. */
  readonly broken: readonly string[];
  /** An edge case of the device rule that the release handles by the rule of its day. Reported, not failed. */
  readonly ruleChanges: readonly string[];
}

/** `[target] <vector id>: <finding>`, the runners' line for one vector. */
const VECTOR_LINE = /^\[[^\]]+\] (\S+): (.*)$/;

/**
 * Sorts the disagreements of a release (the runners' lines). On a code's own vector every field counts. On an
 * edge case (`code: null`) only a throw counts: those cases are today's rule, and a release predating a refinement
 * of it (how Retry-After dates are read, a number outside the code space, an ack status the contract lacks) is not
 * wrong for it. Over MQTT an ack carries no code, so a code added since has no class there: the action of such an
 * unknown answer is an edge case too. A line that names no vector (a build, a crash, a sanitizer) always counts.
 */
export function judge(lines: readonly string[], vectors: Vectors, releaseCodes: ReadonlySet<number>): Verdict {
  const codes = new Map<string, number | null>([...vectors.https, ...vectors.mqtt].map((vector) => [vector.id, vector.code]));
  const overMqtt = new Set(vectors.mqtt.map((vector) => vector.id));
  const isRuleChange = (line: string): boolean => {
    const [, id = '', finding = ''] = VECTOR_LINE.exec(line) ?? [];
    const code = codes.get(id);
    if (code === undefined || finding.startsWith('threw ')) return false;
    if (code === null) return true;
    return overMqtt.has(id) && !releaseCodes.has(code) && finding.startsWith('action is ');
  };
  return { broken: lines.filter((line) => !isRuleChange(line)), ruleChanges: lines.filter(isRuleChange) };
}
