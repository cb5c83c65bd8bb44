import type { Vectors } from '@iotv1/conformance';
import { runHttpsVectors, runMqttVectors } from '@iotv1/vector-runners';
import { runCReplay } from './c-replay.js';
import { expectationsFor } from './expectations.js';
import { runRegistryVectors } from './registry-replay.js';
import type { OpenRelease } from './release-api.js';
import type { BuiltRelease } from './releases.js';
import { runServerReplay } from './server-replay.js';
import { judge, type Verdict } from './verdict.js';

/** One part of a release that is replayed. Its lines name it as `[<tag> <id>]`. */
export interface ReplayTarget {
  readonly id: 'registry' | 'client-https' | 'client-mqtt' | 'c-header' | 'server';
  readonly name: string;
  readonly tools: readonly string[];
  /** Whether it meets today's reference server, which answers only with today's codes (else: the vectors alone). */
  readonly live: boolean;
  /** Whether the release has it (1.0.0 had only its registry). */
  has(release: BuiltRelease): boolean;
  /** Its disagreements with `vectors` (the release's expectations), as the vector runners write them. */
  run(release: OpenRelease, vectors: Vectors): Promise<string[]>;
}

const clientOf = (release: OpenRelease) => {
  if (release.client === null) throw new Error(`${release.built.tag} has no client`);
  return release.client;
};
const cHeaderOf = (release: OpenRelease) => {
  if (release.built.cHeader === null) throw new Error(`${release.built.tag} has no C header`);
  return release.built.cHeader;
};
const hasClient = (release: BuiltRelease): boolean => release.client !== null;

export const REPLAY_TARGETS: readonly ReplayTarget[] = [
  {
    id: 'registry',
    name: "registry (classify and the lookups) over today's code vectors",
    tools: [],
    live: false,
    has: () => true,
    run: (release, vectors) => Promise.resolve(runRegistryVectors(`${release.built.tag} registry`, release.registry, vectors)),
  },
  {
    id: 'client-https',
    name: "client over today's HTTPS vectors",
    tools: [],
    live: false,
    has: hasClient,
    run: (release, vectors) => runHttpsVectors(`${release.built.tag} client-https`, clientOf(release).https, vectors),
  },
  {
    id: 'client-mqtt',
    name: "client over today's MQTT vectors",
    tools: [],
    live: false,
    has: hasClient,
    run: (release, vectors) => runMqttVectors(`${release.built.tag} client-mqtt`, clientOf(release).mqtt, vectors),
  },
  {
    id: 'c-header',
    name: "C header over today's vectors (gcc, ASan and UBSan)",
    tools: ['gcc'],
    live: false,
    has: (release) => release.cHeader !== null,
    run: (release, vectors) => runCReplay(`${release.built.tag} c-header`, cHeaderOf(release), vectors),
  },
  {
    id: 'server',
    name: "client against today's reference server (HTTPS and MQTT)",
    tools: [],
    live: true,
    has: hasClient,
    run: (release, vectors) => runServerReplay(`${release.built.tag} server`, clientOf(release), vectors),
  },
];

export function replayTarget(id: ReplayTarget['id']): ReplayTarget {
  const target = REPLAY_TARGETS.find((candidate) => candidate.id === id);
  if (target === undefined) throw new Error(`no replay target ${id}`);
  return target;
}

/** Replays one target of a release against `vectors` (today's, or a doctored copy): its expectations derived, its lines judged. */
export async function replay(target: ReplayTarget, release: OpenRelease, vectors: Vectors): Promise<Verdict> {
  return judge(await target.run(release, expectationsFor(vectors, release.codes)), vectors, release.codes);
}
