import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireTools, runTool, spawnTool } from '@iotv1/test-tools';
import { afterAll, describe, it } from 'vitest';

/**
 * The library as the build systems firmware teams use take it: the CMake package (`cmake --install`, then
 * `find_package(iotv1 CONFIG)` from a project outside the repository) and `add_subdirectory`, and the manifests of
 * ESP-IDF, Zephyr, Arduino and PlatformIO. None of those SDKs is installed here: their manifests are read against
 * their documented schemas, and the CMake files ESP-IDF and Zephyr read are run by CMake with stubs of the SDK
 * functions they call, which build what they were given.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'iotv1-packaging-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** How long one CMake step or built program may run. */
const BOUND = { boundMs: 90_000 } as const;
/** A test that configures and builds more than one CMake project. */
const BUILDS = 180_000;

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();
const isDirectory = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

/** The contract version, as the generated header holds it (`IOTV1_SPEC_VERSION`). */
function specVersion(): string {
  const match = /^#define IOTV1_SPEC_VERSION "([^"]+)"$/m.exec(read('src/gen/iotv1_version.h'));
  if (match === null) throw new Error('src/gen/iotv1_version.h defines no IOTV1_SPEC_VERSION');
  return match[1]!;
}

/** `key=value` lines (Arduino's library.properties); `#` comments and blank lines skipped. */
function properties(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const at = line.indexOf('=');
    if (at < 1) throw new Error(`not a key=value line: ${line}`);
    entries.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return entries;
}

type Yaml = string | readonly string[] | { readonly [key: string]: Yaml };

/**
 * The YAML our manifests use, and nothing more: nested mappings by indentation, plain or double-quoted scalars,
 * lists of scalars, `#` comments. Anything else throws, so that a manifest grown past it fails here, not misread.
 * (The `yaml` package does not resolve from this package, and nothing is installed for a test.)
 */
function yamlLite(text: string): { [key: string]: Yaml } {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/\s+#.*$|^#.*$/, ''))
    .filter((line) => line.trim() !== '');
  const scalar = (raw: string): string => {
    const value = raw.trim();
    if (value.startsWith('"')) {
      if (!/^"[^"\\]*"$/.test(value)) throw new Error(`unsupported quoted scalar: ${value}`);
      return value.slice(1, -1);
    }
    if (/^['&*!|>{[]/.test(value)) throw new Error(`unsupported YAML: ${value}`);
    return value;
  };
  let at = 0;
  const indent = (line: string): number => line.length - line.trimStart().length;
  const block = (depth: number): Yaml => {
    if (lines[at]!.trimStart().startsWith('- ')) {
      const items: string[] = [];
      while (at < lines.length && indent(lines[at]!) === depth && lines[at]!.trimStart().startsWith('- '))
        items.push(scalar(lines[at++]!.trimStart().slice(2)));
      return items;
    }
    const mapping: { [key: string]: Yaml } = {};
    while (at < lines.length && indent(lines[at]!) === depth) {
      const match = /^([A-Za-z0-9_.-]+):(?:\s+(.*))?$/.exec(lines[at]!.trim());
      if (match === null) throw new Error(`unsupported YAML line: ${lines[at]}`);
      const [, key, value] = match;
      if (key! in mapping) throw new Error(`duplicate key: ${key}`);
      at++;
      if (value !== undefined) mapping[key!] = scalar(value);
      else if (at < lines.length && indent(lines[at]!) > depth) mapping[key!] = block(indent(lines[at]!));
      else throw new Error(`empty value for ${key}`);
    }
    if (at < lines.length && indent(lines[at]!) > depth) throw new Error(`unexpected indentation: ${lines[at]}`);
    return mapping;
  };
  const document = block(0);
  if (at !== lines.length || typeof document === 'string' || Array.isArray(document)) throw new Error('not a YAML mapping');
  return document as { [key: string]: Yaml };
}

const SEMVER = /^\d+\.\d+\.\d+$/;

/** A program calling the API; it prints what the consumer tests compare. */
const MAIN_C = `#include <stdio.h>
#include "iotv1.h"
#ifndef IOTV1_NO_STRINGS
#include "iotv1_json.h"
#endif
int main(void) {
  printf("version %s\\n", IOTV1_SPEC_VERSION);
  printf("rate limited: action %d\\n", (int)iotv1_handle_response(429u, 1, IOTV1_CODE_RATE_LIMITED));
  printf("no code on 401: code %u\\n", (unsigned)iotv1_code_for_http_status(401u));
  printf("4029: http %u\\n", (unsigned)iotv1_http_status(IOTV1_CODE_RATE_LIMITED));
#ifdef IOTV1_NO_STRINGS
  printf("strings: off\\n");
#else
  {
    static const char ack[] = "{\\"status\\":\\"rejected\\",\\"retryable\\":true,\\"message_id\\":\\"m-1\\",\\"error\\":{\\"type\\":\\"rate_limited\\"}}";
    iotv1_feed_data_ack_t decoded;
    int result = iotv1_decode_feed_data_ack(ack, sizeof ack - 1, &decoded);
    printf("strings: %s\\n", iotv1_error_type(IOTV1_CODE_RATE_LIMITED));
    printf("ack: %d %s action %d\\n", result, decoded.error.type, (int)iotv1_handle_feed_data_ack(&decoded));
  }
#endif
  return 0;
}
`;

/** What MAIN_C prints, with or without the error-type strings. */
const expected = (strings: boolean): string =>
  [
    `version ${specVersion()}`,
    'rate limited: action 1', // IOTV1_ACTION_RETRY_LATER
    'no code on 401: code 4001', // IOTV1_CODE_UNAUTHORIZED
    '4029: http 429',
    `strings: ${strings ? 'rate_limited' : 'off'}`,
    ...(strings ? ['ack: 0 rate_limited action 1'] : []), // the payload codecs, which need the strings
    '',
  ].join('\n');

/** A fresh directory under the suite's temporary one (outside the repository), with `files` written in it. */
function project(name: string, files: Record<string, string>): string {
  const directory = join(out, name);
  mkdirSync(directory);
  for (const [file, content] of Object.entries(files)) writeFileSync(join(directory, file), content);
  return directory;
}

/** Configures, builds and runs `program` of a CMake project; its output, and the build directory. */
async function buildAndRun(source: string, program: string, args: readonly string[] = []): Promise<{ output: string; build: string }> {
  const build = join(source, 'build');
  await runTool('cmake', ['-S', source, '-B', build, ...args], BOUND);
  await runTool('cmake', ['--build', build], BOUND);
  return { output: await runTool(join(build, program), [], BOUND), build };
}

/** `cmake -S c-header`, build and `cmake --install` to a prefix of its own, once per option set. */
const installs = new Map<string, Promise<string>>();
function install(options: readonly string[]): Promise<string> {
  const key = options.join(' ');
  let prefix = installs.get(key);
  if (prefix === undefined) {
    prefix = (async () => {
      const name = `install${installs.size}`;
      const build = join(out, name, 'build');
      const at = join(out, name, 'prefix');
      // LIBDIR fixed to lib: GNUInstallDirs would pick lib64 on some distributions.
      await runTool('cmake', ['-S', ROOT, '-B', build, '-DCMAKE_INSTALL_LIBDIR=lib', ...options], BOUND);
      await runTool('cmake', ['--build', build], BOUND);
      await runTool('cmake', ['--install', build, '--prefix', at], BOUND);
      return at;
    })();
    installs.set(key, prefix);
  }
  return prefix;
}

/** A consumer of the installed package: `find_package(iotv1 <major.minor> CONFIG REQUIRED)`, linking iotv1::iotv1. */
const CONSUMER = (): string => {
  const [major, minor] = specVersion().split('.');
  return [
    'cmake_minimum_required(VERSION 3.13)',
    'project(device C)',
    `find_package(iotv1 ${major}.${minor} CONFIG REQUIRED)`,
    'add_executable(device main.c)',
    'target_link_libraries(device PRIVATE iotv1::iotv1)',
    '',
  ].join('\n');
};

describe.concurrent('CMake: the installed package and add_subdirectory', () => {
  it('cmake --install lays out headers, library and package config; find_package(iotv1 CONFIG) from outside the repository links iotv1::iotv1 and runs', {
    timeout: BUILDS,
  }, async (context) => {
    const { expect } = context;
    requireTools(context, 'cmake', 'gcc');
    const prefix = await install([]);
    for (const file of [
      'include/iotv1/iotv1.h',
      'include/iotv1/iotv1_json.h',
      'include/iotv1/gen/iotv1_version.h',
      'include/iotv1/gen/iotv1_registry.h',
      'lib/libiotv1.a',
      'lib/cmake/iotv1/iotv1Config.cmake',
      'lib/cmake/iotv1/iotv1ConfigVersion.cmake',
      'lib/cmake/iotv1/iotv1Targets.cmake',
    ]) {
      expect(isFile(join(prefix, file)), file).toBe(true);
    }
    // Every header iotv1.h and iotv1_json.h include is installed beside them.
    for (const [, included] of (read('src/iotv1.h') + read('src/iotv1_json.h')).matchAll(/^#include "([^"]+)"/gm)) {
      expect(isFile(join(prefix, 'include/iotv1', included!)), included).toBe(true);
    }
    const consumer = project('find-package', { 'CMakeLists.txt': CONSUMER(), 'main.c': MAIN_C });
    const { output, build } = await buildAndRun(consumer, 'device', [`-DCMAKE_PREFIX_PATH=${prefix}`]);
    expect(output).toBe(expected(true));
    // The installed package was used, not anything else on the machine.
    expect(readFileSync(join(build, 'CMakeCache.txt'), 'utf8')).toContain(`iotv1_DIR:PATH=${join(prefix, 'lib/cmake/iotv1')}`);
  });

  it('the package config accepts the same major version only (a major version is a contract break)', { timeout: BUILDS }, async (context) => {
    requireTools(context, 'cmake', 'gcc');
    const prefix = await install([]);
    const [major = 0, minor = 0] = specVersion().split('.').map(Number);
    const probe = project('version-probe', {
      'CMakeLists.txt': `cmake_minimum_required(VERSION 3.13)\nproject(probe NONE)\nfind_package(iotv1 \${WANT} CONFIG)\nmessage(STATUS "iotv1 \${WANT}: found=\${iotv1_FOUND} version=\${iotv1_VERSION}")\n`,
    });
    const ask = async (want: string): Promise<{ found: boolean; stdout: string; stderr: string }> => {
      const build = join(probe, `build-${want}`);
      const result = await spawnTool('cmake', ['-S', probe, '-B', build, `-DWANT=${want}`, `-DCMAKE_PREFIX_PATH=${prefix}`], BOUND);
      context.expect(result.status, result.stderr).toBe(0);
      return { found: result.stdout.includes(`iotv1 ${want}: found=1 version=${specVersion()}`), stdout: result.stdout, stderr: result.stderr };
    };
    const next = await ask(`${major + 1}.0`);
    context.expect(next.found, next.stdout).toBe(false);
    // CMake names the version it found and refused.
    context.expect(next.stderr).toContain(`version: ${specVersion()}`);
    // A consumer written for an older major version does not get this one either (AnyNewerVersion would give it).
    if (major > 0) context.expect((await ask(`${major - 1}.9`)).found).toBe(false);
    context.expect((await ask(`${major}.${minor + 1}`)).found).toBe(false);
    context.expect((await ask(`${major}.0`)).found).toBe(true);
    context.expect((await ask(`${major}.${minor}`)).found).toBe(true);
  });

  it('-DIOTV1_NO_STRINGS=ON at install is exported with iotv1::iotv1: the consumer compiles without the strings', { timeout: BUILDS }, async (context) => {
    requireTools(context, 'cmake', 'gcc');
    const prefix = await install(['-DIOTV1_NO_STRINGS=ON']);
    context.expect(readFileSync(join(prefix, 'lib/cmake/iotv1/iotv1Targets.cmake'), 'utf8')).toMatch(/INTERFACE_COMPILE_DEFINITIONS "IOTV1_NO_STRINGS"/);
    const consumer = project('find-package-no-strings', { 'CMakeLists.txt': CONSUMER(), 'main.c': MAIN_C });
    context.expect((await buildAndRun(consumer, 'device', [`-DCMAKE_PREFIX_PATH=${prefix}`])).output).toBe(expected(false));
  });

  it('add_subdirectory: a project links the iotv1::iotv1 alias, and gets no install rules of iotv1', { timeout: BUILDS }, async (context) => {
    requireTools(context, 'cmake', 'gcc');
    const consumer = project('add-subdirectory', {
      'CMakeLists.txt': `cmake_minimum_required(VERSION 3.13)\nproject(device C)\nadd_subdirectory(${JSON.stringify(ROOT)} iotv1)\nadd_executable(device main.c)\ntarget_link_libraries(device PRIVATE iotv1::iotv1)\n`,
      'main.c': MAIN_C,
    });
    const { output, build } = await buildAndRun(consumer, 'device');
    context.expect(output).toBe(expected(true));
    context.expect(existsSync(join(build, 'iotv1/iotv1Config.cmake'))).toBe(false);
  });
});

describe('manifests, against their documented schemas', () => {
  it('every manifest carries the contract version (src/gen/iotv1_version.h), as package.json does', ({ expect }) => {
    const version = specVersion();
    expect(version).toMatch(SEMVER);
    expect({
      'package.json': (JSON.parse(read('package.json')) as { version: string }).version,
      'library.json': (JSON.parse(read('library.json')) as { version: string }).version,
      'library.properties': properties(read('library.properties')).get('version'),
      'idf_component.yml': yamlLite(read('idf_component.yml')).version,
    }).toEqual({ 'package.json': version, 'library.json': version, 'library.properties': version, 'idf_component.yml': version });
  });

  it('package.json ships every packaging file', ({ expect }) => {
    const files = (JSON.parse(read('package.json')) as { files: string[] }).files;
    expect(files).toEqual(expect.arrayContaining(['src', 'CMakeLists.txt', 'library.json', 'library.properties', 'idf_component.yml', 'zephyr', 'README.md']));
    for (const file of files) expect(existsSync(join(ROOT, file)), file).toBe(true);
  });

  it('Arduino: library.properties has every field of library specification 1.5, and src/ holds the header named after it', ({ expect }) => {
    const library = properties(read('library.properties'));
    for (const field of ['name', 'version', 'author', 'maintainer', 'sentence', 'paragraph', 'category', 'url', 'architectures']) {
      expect(library.get(field), field).toMatch(/\S/);
    }
    // Name: letters, numbers, spaces, underscores, dots and dashes, starting with a letter or number.
    expect(library.get('name')).toMatch(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/);
    expect(library.get('version')).toMatch(SEMVER);
    expect(['Display', 'Communication', 'Signal Input/Output', 'Sensors', 'Device Control', 'Timing', 'Data Storage', 'Data Processing', 'Other']).toContain(
      library.get('category'),
    );
    expect(library.get('url')).toMatch(/^https:\/\//);
    expect(library.get('architectures')).toBe('*');
    // The recursive layout (1.5): sources under src/, with a header named after the library.
    expect(isFile(join(ROOT, 'src', `${library.get('name')}.h`))).toBe(true);
    expect(isFile(join(ROOT, 'src/iotv1.c'))).toBe(true);
    for (const header of (library.get('includes') ?? '').split(',').filter((name) => name !== '')) {
      expect(isFile(join(ROOT, 'src', header.trim())), header).toBe(true);
    }
  });

  it('PlatformIO: library.json names its build dirs, what it exports and its repository, all there', ({ expect }) => {
    const manifest = JSON.parse(read('library.json')) as {
      name: string;
      license: string;
      repository: { type: string; url: string };
      export: { include: string[] };
      build: { srcDir: string; includeDir: string };
    };
    expect(manifest).toMatchObject({ name: 'iotv1', build: { srcDir: 'src', includeDir: 'src' }, repository: { type: 'git' } });
    expect(manifest.license).toBe((JSON.parse(read('package.json')) as { license: string }).license);
    expect(manifest.repository.url).toMatch(/^https:\/\/.+\.git$/);
    expect(isDirectory(join(ROOT, manifest.build.srcDir))).toBe(true);
    expect(isFile(join(ROOT, manifest.build.includeDir, 'iotv1.h'))).toBe(true);
    // Only what consumers need: the sources and headers, the manifest, the README.
    expect(manifest.export.include).toEqual(expect.arrayContaining(['src', 'library.json']));
    for (const path of manifest.export.include) {
      expect(existsSync(join(ROOT, path)), path).toBe(true);
      expect(path).not.toMatch(/^(test|node_modules)/);
    }
  });

  it('ESP-IDF: idf_component.yml holds documented keys only, with version, description, url and license', ({ expect }) => {
    const manifest = yamlLite(read('idf_component.yml'));
    const documented = [
      'version',
      'maintainers',
      'description',
      'license',
      'url',
      'repository',
      'repository_info',
      'documentation',
      'issues',
      'discussion',
      'tags',
      'targets',
      'dependencies',
      'files',
      'examples',
    ];
    for (const key of Object.keys(manifest)) expect(documented, key).toContain(key);
    expect(manifest).toMatchObject({
      version: expect.stringMatching(SEMVER),
      description: expect.stringMatching(/\S/),
      url: expect.stringMatching(/^https:\/\//),
    });
    // An SPDX identifier, the package's.
    expect(manifest.license).toBe((JSON.parse(read('package.json')) as { license: string }).license);
    if (manifest.targets !== undefined) expect(manifest.targets).toEqual(expect.arrayContaining([expect.stringMatching(/^esp32/)]));
    // The component's build file is the folder's CMakeLists.txt.
    expect(read('CMakeLists.txt')).toContain('idf_component_register(');
  });

  it('Zephyr: zephyr/module.yml names its CMake dir and Kconfig file (relative to the module root), both there', ({ expect }) => {
    const manifest = yamlLite(read('zephyr/module.yml'));
    expect(manifest).toMatchObject({ name: 'iotv1', build: { cmake: 'zephyr', kconfig: 'zephyr/Kconfig' } });
    const build = manifest.build as { cmake: string; kconfig: string };
    expect(isFile(join(ROOT, build.cmake, 'CMakeLists.txt'))).toBe(true);
    const kconfig = readFileSync(join(ROOT, build.kconfig), 'utf8');
    expect(kconfig).toMatch(/^config IOTV1\n\tbool "iot\/v1 response codes"$/m);
    expect(kconfig).toMatch(/^config IOTV1_NO_STRINGS\n\tbool "[^"]+"\n\tdepends on IOTV1$/m);
  });
});

/** Prints `<tag>=<absolute path>` for each of `list`'s items, relative paths resolved against `base`. */
const RECORD = `function(record tag base)
  foreach(item \${ARGN})
    get_filename_component(path "\${item}" ABSOLUTE BASE_DIR "\${base}")
    message(STATUS "\${tag}=\${path}")
  endforeach()
endfunction()
`;

/** The sources every build compiles: the rule and the payload codecs. */
const SOURCES = [join(ROOT, 'src/iotv1.c'), join(ROOT, 'src/iotv1_json.c')];

/** The `<tag>=` lines `record` printed. */
const recorded = (stdout: string, tag: string): string[] => [...stdout.matchAll(new RegExp(`^-- ${tag}=(.*)$`, 'gm'))].map((match) => match[1]!);

describe.concurrent('ESP-IDF and Zephyr CMake files, run with stubs of the SDK functions', () => {
  it('ESP-IDF requirements pass (cmake -P, include of CMakeLists.txt): idf_component_register gets the source and include dir, and the file returns there', async (context) => {
    requireTools(context, 'cmake');
    // As ESP-IDF's component_get_requirements.cmake: a macro that records and returns from the included file.
    const script = join(project('idf-early', {}), 'expand.cmake');
    writeFileSync(
      script,
      `${RECORD}macro(idf_component_register)\n  cmake_parse_arguments(_ "" "" "SRCS;INCLUDE_DIRS" \${ARGN})\n  record(SRC "\${CMAKE_CURRENT_LIST_DIR}" \${__SRCS})\n  record(INCLUDE "\${CMAKE_CURRENT_LIST_DIR}" \${__INCLUDE_DIRS})\n  return()\nendmacro()\nset(IOTV1_NO_STRINGS ON)\ninclude(${JSON.stringify(join(ROOT, 'CMakeLists.txt'))})\nmessage(STATUS "expanded")\n`,
    );
    const stdout = await runTool('cmake', ['-P', script], BOUND);
    context.expect(recorded(stdout, 'SRC')).toEqual(SOURCES);
    context.expect(recorded(stdout, 'INCLUDE')).toEqual([join(ROOT, 'src')]);
    context.expect(stdout).toContain('-- expanded');
  });

  it.for([false, true])(
    'ESP-IDF build pass (add_subdirectory, ESP_PLATFORM, IOTV1_NO_STRINGS %s): the component builds from what it registered, and an app links it',
    { timeout: BUILDS },
    async (noStrings, context) => {
      requireTools(context, 'cmake', 'gcc');
      const stub = project(`idf-build-${noStrings}`, {
        'CMakeLists.txt': `cmake_minimum_required(VERSION 3.13)
project(idf_app C)
${RECORD}function(idf_component_register)
  cmake_parse_arguments(ARG "" "" "SRCS;INCLUDE_DIRS" \${ARGN})
  record(SRC "\${CMAKE_CURRENT_SOURCE_DIR}" \${ARG_SRCS})
  record(INCLUDE "\${CMAKE_CURRENT_SOURCE_DIR}" \${ARG_INCLUDE_DIRS})
  set(sources)
  foreach(source \${ARG_SRCS})
    list(APPEND sources "\${CMAKE_CURRENT_SOURCE_DIR}/\${source}")
  endforeach()
  set(includes)
  foreach(include \${ARG_INCLUDE_DIRS})
    list(APPEND includes "\${CMAKE_CURRENT_SOURCE_DIR}/\${include}")
  endforeach()
  add_library(\${COMPONENT_LIB} STATIC \${sources})
  target_include_directories(\${COMPONENT_LIB} PUBLIC \${includes})
endfunction()
set(ESP_PLATFORM 1)
set(COMPONENT_LIB __idf_iotv1)
set(IOTV1_NO_STRINGS ${noStrings ? 'ON' : 'OFF'})
add_subdirectory(${JSON.stringify(ROOT)} iotv1)
if(TARGET iotv1)
  message(FATAL_ERROR "the plain CMake project ran under ESP-IDF")
endif()
add_executable(app main.c)
target_link_libraries(app PRIVATE __idf_iotv1)
`,
        'main.c': MAIN_C,
      });
      const build = join(stub, 'build');
      const stdout = await runTool('cmake', ['-S', stub, '-B', build], BOUND);
      context.expect(recorded(stdout, 'SRC')).toEqual(SOURCES);
      context.expect(recorded(stdout, 'INCLUDE')).toEqual([join(ROOT, 'src')]);
      for (const path of [...recorded(stdout, 'SRC'), ...recorded(stdout, 'INCLUDE')]) context.expect(existsSync(path), path).toBe(true);
      await runTool('cmake', ['--build', build], BOUND);
      context.expect(await runTool(join(build, 'app'), [], BOUND)).toBe(expected(!noStrings));
    },
  );

  it.for<readonly [string, readonly string[]]>([
    ['CONFIG_IOTV1=y', ['-DCONFIG_IOTV1=y']],
    ['CONFIG_IOTV1=y CONFIG_IOTV1_NO_STRINGS=y', ['-DCONFIG_IOTV1=y', '-DCONFIG_IOTV1_NO_STRINGS=y']],
    ['CONFIG_IOTV1 unset', []],
  ])(
    'Zephyr (add_subdirectory of zephyr/, %s): the library gets iotv1.c and src/, and an app links it',
    { timeout: BUILDS },
    async ([name, configs], context) => {
      requireTools(context, 'cmake', 'gcc');
      const enabled = configs.length > 0;
      const stub = project(`zephyr-${name.replace(/\W+/g, '_')}`, {
        'CMakeLists.txt': `cmake_minimum_required(VERSION 3.13)
project(zephyr_app C)
${RECORD}add_library(zephyr_interface INTERFACE)
macro(zephyr_library)
  set(ZEPHYR_CURRENT_LIBRARY modules__iotv1)
  add_library(\${ZEPHYR_CURRENT_LIBRARY} STATIC)
  message(STATUS "LIBRARY=\${ZEPHYR_CURRENT_LIBRARY}")
endmacro()
function(zephyr_library_sources)
  record(SOURCE "\${CMAKE_CURRENT_SOURCE_DIR}" \${ARGN})
  target_sources(\${ZEPHYR_CURRENT_LIBRARY} PRIVATE \${ARGN})
endfunction()
function(zephyr_include_directories)
  record(INCLUDE "\${CMAKE_CURRENT_SOURCE_DIR}" \${ARGN})
  foreach(dir \${ARGN})
    get_filename_component(path "\${dir}" ABSOLUTE BASE_DIR "\${CMAKE_CURRENT_SOURCE_DIR}")
    target_include_directories(zephyr_interface INTERFACE "\${path}")
  endforeach()
endfunction()
function(zephyr_compile_definitions)
  message(STATUS "DEFINE=\${ARGN}")
  target_compile_definitions(zephyr_interface INTERFACE \${ARGN})
endfunction()
add_subdirectory(${JSON.stringify(join(ROOT, 'zephyr'))} iotv1)
add_executable(app main.c)
target_link_libraries(app PRIVATE zephyr_interface)
if(TARGET modules__iotv1)
  # As Zephyr: its libraries build with zephyr_interface, and the app links them.
  target_link_libraries(modules__iotv1 PRIVATE zephyr_interface)
  target_link_libraries(app PRIVATE modules__iotv1)
endif()
`,
        // Without CONFIG_IOTV1 nothing is built: the app does not include iotv1.h.
        'main.c': enabled ? MAIN_C : 'int main(void) { return 0; }\n',
      });
      const build = join(stub, 'build');
      const stdout = await runTool('cmake', ['-S', stub, '-B', build, ...configs], BOUND);
      if (!enabled) {
        context.expect(recorded(stdout, 'LIBRARY')).toEqual([]);
        context.expect(recorded(stdout, 'SOURCE')).toEqual([]);
        return;
      }
      context.expect(recorded(stdout, 'LIBRARY')).toEqual(['modules__iotv1']);
      context.expect(recorded(stdout, 'SOURCE')).toEqual(SOURCES);
      context.expect(recorded(stdout, 'INCLUDE')).toEqual([join(ROOT, 'src')]);
      for (const path of [...recorded(stdout, 'SOURCE'), ...recorded(stdout, 'INCLUDE')]) context.expect(existsSync(path), path).toBe(true);
      const noStrings = configs.includes('-DCONFIG_IOTV1_NO_STRINGS=y');
      context.expect(recorded(stdout, 'DEFINE')).toEqual(noStrings ? ['IOTV1_NO_STRINGS'] : []);
      await runTool('cmake', ['--build', build], BOUND);
      context.expect(await runTool(join(build, 'app'), [], BOUND)).toBe(expected(!noStrings));
    },
  );
});
