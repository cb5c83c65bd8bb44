import type { SecurityScheme, Server, SpecInfo } from '@iotv1/generator-kit';
import { isRecord, recordAt, stringAt } from '@iotv1/generator-kit';
import type { SpecFiles } from './spec-files.js';

/** Title, description, servers (Server Object, section 4.8.5) and security schemes of the OpenAPI document. */
export function readHttpInfo(files: SpecFiles): SpecInfo & { securitySchemes: SecurityScheme[] } {
  const doc = files.openapi.data;
  const servers = isRecord(doc) && Array.isArray(doc.servers) ? doc.servers : [];
  const schemes = recordAt(recordAt(doc, 'components'), 'securitySchemes');
  return {
    ...titleAndDescription(doc),
    servers: servers.filter(isRecord).map((server, i) => ({
      name: stringAt(server, 'description') || `server ${i + 1}`,
      url: stringAt(server, 'url'),
      protocol: stringAt(server, 'url').split(':')[0] ?? '',
      description: stringAt(server, 'description'),
    })),
    securitySchemes: Object.entries(schemes)
      .map(([name, scheme]) => {
        const resolved = files.follow(scheme, files.openapi, '').value;
        return { name, type: stringAt(resolved, 'type'), scheme: stringAt(resolved, 'scheme'), description: stringAt(resolved, 'description') };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Title, description and servers (AsyncAPI 3 Servers Object) of the AsyncAPI document. */
export function readMqttInfo(files: SpecFiles): SpecInfo {
  const doc = files.asyncapi.data;
  const servers: Server[] = Object.entries(recordAt(doc, 'servers')).map(([name, server]) => {
    const resolved = files.follow(server, files.asyncapi, '').value;
    return { name, url: stringAt(resolved, 'host'), protocol: stringAt(resolved, 'protocol'), description: stringAt(resolved, 'description') };
  });
  return { ...titleAndDescription(doc), servers: servers.sort((a, b) => a.name.localeCompare(b.name)) };
}

function titleAndDescription(doc: unknown): { title: string; description: string } {
  const info = recordAt(doc, 'info');
  return { title: stringAt(info, 'title'), description: stringAt(info, 'description') };
}
