/*
 * iot/v1 payloads for firmware: a decoder for every payload a device receives and an encoder for every payload it
 * sends, generated from the spec's schemas (gen/iotv1_payloads.h has the structs and functions). No heap, no stdio,
 * no recursion beyond the schemas' own nesting; plain C89 like iotv1.h. Compile src/iotv1_json.c beside
 * src/iotv1.c. The codecs read and write member names, so they need the strings: not under IOTV1_NO_STRINGS.
 *
 * Decoders take `length` bytes of JSON (no NUL needed) in any member order, skip members they do not know, unescape
 * strings (\u escapes and surrogate pairs to UTF-8) into the struct's fixed buffers, check every number against
 * its schema's range, and set has_<member> for each optional member. They return IOTV1_JSON_OK or what went
 * wrong; after an error the struct holds nothing to rely on.
 *
 * Encoders write into the caller's buffer and return, like snprintf, the length of the whole payload (without
 * the NUL they always add when capacity > 0): the payload is complete only when that is less than `capacity`.
 * Input a schema refuses (a string beyond its maxLength, a number outside its range, a required string that is
 * NULL) returns what is wrong instead, and the buffer holds an empty string.
 *
 * Hand-written and the same for every spec; what the spec defines comes from gen/ (written by `pnpm generate`).
 */
#ifndef IOTV1_JSON_H
#define IOTV1_JSON_H

#include "iotv1.h"

#ifdef IOTV1_NO_STRINGS
#error "iotv1_json.h reads and writes member names: it needs the strings (do not define IOTV1_NO_STRINGS)"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* What a decoder or an encoder found wrong; IOTV1_JSON_OK (0) when nothing. */
typedef enum iotv1_json_result {
  IOTV1_JSON_OK = 0,
  /* The input ended inside a value. */
  IOTV1_JSON_TRUNCATED = -1,
  /* The input is not JSON (RFC 8259), or holds a lone UTF-16 surrogate (\ud800 without its pair). */
  IOTV1_JSON_MALFORMED = -2,
  /* Members the decoder skips are nested deeper than IOTV1_JSON_MAX_DEPTH. */
  IOTV1_JSON_TOO_DEEP = -3,
  /* A string or an array beyond its schema's maxLength or maxItems (or short of its minLength or minItems). */
  IOTV1_JSON_WRONG_SIZE = -4,
  /* A number outside its schema's range, or a fraction where the schema wants an integer. */
  IOTV1_JSON_OUT_OF_RANGE = -5,
  /* A member of another JSON type than its schema's. */
  IOTV1_JSON_WRONG_TYPE = -6,
  /* A required member is absent (or, to an encoder, a required string is NULL). */
  IOTV1_JSON_MISSING = -7,
  /* A string holds U+0000 (\u0000), which a C string cannot. */
  IOTV1_JSON_NUL_CHARACTER = -8
} iotv1_json_result_t;

/* How deep the values a decoder skips (such as error.details) may nest; they cost no stack. */
#define IOTV1_JSON_MAX_DEPTH 32

/* A number as firmware holds one without floating point: units / 10^scale (21.5 is { 215, 1 }); scale 0-9. */
typedef struct iotv1_decimal {
  int32_t units;
  uint8_t scale;
} iotv1_decimal_t;

/* Which member of an iotv1_value_t holds the value. */
typedef enum iotv1_value_kind {
  IOTV1_VALUE_NUMBER = 0,
  IOTV1_VALUE_STRING = 1,
  IOTV1_VALUE_BOOLEAN = 2
} iotv1_value_kind_t;

/* A value a schema allows to be a number, a string or a boolean. */
typedef struct iotv1_value {
  iotv1_value_kind_t kind;
  iotv1_decimal_t number;
  const char *string;
  int boolean;
} iotv1_value_t;

#include "gen/iotv1_payloads.h"

/*
 * The top-level code of an HTTPS body as the device handling rule reads it: nonzero when the body is a JSON object
 * whose `code` is an integer within int32_t (other members of any type are skipped), which goes with *code straight
 * into iotv1_handle_response. An integer outside 0-65535 is outside the code space: *code is then IOTV1_CODE_NONE.
 * One beyond int32_t reads as no code; the rule treats both alike (the HTTP status decides).
 */
int iotv1_body_code(const char *body, size_t length, uint16_t *code);

/* The device handling rule (iotv1_handle_ack) for a decoded acknowledgement. */
iotv1_action_t iotv1_handle_feed_data_ack(const iotv1_feed_data_ack_t *ack);

#ifdef __cplusplus
}
#endif

#endif /* IOTV1_JSON_H */
