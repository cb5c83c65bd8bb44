import type { Duplex } from 'node:stream';

/** An MQTT fixed header is a type byte and a remaining length of at most 4 bytes (MQTT 3.1.1, 2.2.3). */
const MAX_LENGTH_BYTES = 4;

/**
 * Destroys `conn` as soon as a packet's fixed header announces more than `limitOf()` bytes, before its body is
 * read: the broker's parser buffers a whole packet, so the header is the last point where its size is free to refuse.
 * It watches the bytes the broker reads (a `data` listener beside the broker's `readable` one sees each chunk as
 * `read()` returns it) and never buffers them itself.
 */
export function limitPacketSize(conn: Duplex, limitOf: () => number): void {
  let bodyLeft = 0; // bytes of the current packet's body still to skip
  let lengthBytes = -1; // -1: waiting for a type byte; else remaining-length bytes read so far
  let length = 0;
  conn.on('data', (chunk: Buffer) => {
    for (let i = 0; i < chunk.length; ) {
      if (bodyLeft > 0) {
        const skipped = Math.min(bodyLeft, chunk.length - i);
        bodyLeft -= skipped;
        i += skipped;
        continue;
      }
      const byte = chunk[i++]!;
      if (lengthBytes === -1) {
        lengthBytes = 0;
        length = 0;
        continue;
      }
      length += (byte & 0x7f) * 128 ** lengthBytes++;
      if ((byte & 0x80) !== 0) {
        if (lengthBytes < MAX_LENGTH_BYTES) continue;
        conn.destroy(); // a fifth length byte: not MQTT
        return;
      }
      if (1 + lengthBytes + length > limitOf()) {
        conn.destroy();
        return;
      }
      bodyLeft = length;
      lengthBytes = -1;
    }
  });
}
