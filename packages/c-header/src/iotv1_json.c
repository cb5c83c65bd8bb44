/*
 * One JSON decoder and one JSON encoder, driven by the generated descriptions of the payloads
 * (gen/iotv1_payload_tables.h). Hand-written and the same for every spec: `pnpm generate` rewrites gen/ only.
 * No division anywhere (Cortex-M0 has no divide instruction), no heap, no stdio; recursion only into the nested
 * objects the schemas describe, so its depth is fixed by the tables.
 */
#include "iotv1.h"

/* The codecs read and write member names: with the strings compiled out there are none (a build lists this file anyway). */
#ifdef IOTV1_NO_STRINGS
typedef int iotv1_json_compiled_out_t; /* ISO C wants a declaration in every translation unit */
#else

#include "iotv1_json.h"

/* What a member is. Decoders read STRING, INTEGER, BOOLEAN, OBJECT, ARRAY and ANY_OBJECT; encoders write all but ANY_OBJECT. */
enum {
  IOTV1_KIND_STRING = 0,
  IOTV1_KIND_INTEGER = 1,
  IOTV1_KIND_BOOLEAN = 2,
  IOTV1_KIND_OBJECT = 3,
  IOTV1_KIND_ARRAY = 4,
  /* An object whose members are not read (such as error.details): checked to be one, and skipped. */
  IOTV1_KIND_ANY_OBJECT = 5,
  IOTV1_KIND_DECIMAL = 6,
  /* An iotv1_value_t: a decimal, a string (bounds as STRING) or a boolean. */
  IOTV1_KIND_VALUE = 7
};

/* Not from <stdint.h>: C++98 leaves its limit macros out. */
#define IOTV1_INT32_MAX ((int32_t)2147483647L)
#define IOTV1_INT32_MIN ((int32_t)(-2147483647L - 1))

/* Bits of `kind` beside the kind itself. */
#define IOTV1_KIND_MASK 0x0fu
#define IOTV1_KIND_REQUIRED 0x80u
/* minLength or minItems 1. */
#define IOTV1_KIND_NON_EMPTY 0x40u
/* A string its pattern keeps ASCII: its buffer holds a byte per character, not four. */
#define IOTV1_KIND_ASCII 0x20u

/* No has_<member> flag or count. */
#define IOTV1_NO_FLAG 0xffu

/*
 * One member of an object, or the element of an array, in eight bytes. `max`: for STRING and VALUE the most
 * characters, for ARRAY the most items. `arg`: for INTEGER, DECIMAL and VALUE the index in iotv1_ranges, for OBJECT
 * the index in iotv1_objects, for ARRAY the index of its element in iotv1_fields. `flag`: the offset of the
 * has_<member> flag, or of an array's uint16_t count (the generator puts them first in a struct). For an element,
 * `offset` is its size. A decoded string's buffer holds `max` characters of UTF-8 and the NUL.
 */
typedef struct iotv1_field {
  uint8_t name;
  uint8_t kind;
  uint16_t offset;
  uint16_t max;
  uint8_t flag;
  uint8_t arg;
} iotv1_field_t;

/* The members of an object: `count` fields from index `first` of iotv1_fields. */
typedef struct iotv1_object {
  uint8_t first;
  uint8_t count;
} iotv1_object_t;

typedef struct iotv1_range {
  int32_t min;
  int32_t max;
} iotv1_range_t;

typedef struct iotv1_reader {
  const char *at;
  const char *end;
} iotv1_reader_t;

typedef struct iotv1_writer {
  char *out;
  size_t capacity;
  size_t length;
} iotv1_writer_t;

static int iotv1_decode(const iotv1_object_t *object, const char *json, size_t length, void *out);
static long iotv1_encode(const iotv1_object_t *object, const void *in, char *out, size_t capacity);

#include "gen/iotv1_payload_tables.h"

#if !defined(IOTV1_PAYLOAD_TABLES_LAYOUT) || IOTV1_PAYLOAD_TABLES_LAYOUT != 1
#error "gen/iotv1_payload_tables.h has another layout than this iotv1_json.c: regenerate (pnpm generate) with the generator of this iotv1_json.c"
#endif

#define IOTV1_MEMBER(base, offset, type) ((type *)(void *)((char *)(base) + (offset)))
/* A member that points to a string (the encoders' strings and arrays). */
typedef const char *iotv1_text_t;
#define IOTV1_CONST_MEMBER(base, offset, type) ((const type *)(const void *)((const char *)(base) + (offset)))

static const uint32_t iotv1_powers_of_ten[10] = { 1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u };

/* ---- reading ---- */

/* The next byte that is not white space, without taking it; 0 at the end of the input. */
static int iotv1_peek(iotv1_reader_t *reader) {
  while (reader->at != reader->end) {
    unsigned char c = (unsigned char)*reader->at;
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      return c;
    }
    reader->at++;
  }
  return 0;
}

/* Takes `c` (after white space) when it comes next. */
static int iotv1_take(iotv1_reader_t *reader, int c) {
  if (iotv1_peek(reader) != c) {
    return 0;
  }
  reader->at++;
  return 1;
}

/* What an unexpected byte means: the input ended, or it is not JSON. */
static int iotv1_unexpected(const iotv1_reader_t *reader) {
  return reader->at == reader->end ? IOTV1_JSON_TRUNCATED : IOTV1_JSON_MALFORMED;
}

/* Four hex digits of a \u escape. */
static long iotv1_hex4(iotv1_reader_t *reader) {
  long value = 0;
  int n;
  for (n = 0; n < 4; n++) {
    int c;
    if (reader->at == reader->end) {
      return IOTV1_JSON_TRUNCATED;
    }
    c = (unsigned char)*reader->at++;
    c = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
    if (c < 0) {
      return IOTV1_JSON_MALFORMED;
    }
    value = value * 16 + c;
  }
  return value;
}

/*
 * A string after its opening quote, unescaped into `buffer` (`capacity` bytes, NUL included; NULL to only check
 * it). Returns the characters (code points) it holds, or an error (\u0000 is one when `refuse_nul`); *size gets
 * the bytes it needs without the NUL, also when they did not fit (then `buffer` holds what did).
 */
static long iotv1_read_string(iotv1_reader_t *reader, char *buffer, size_t capacity, size_t *size, int refuse_nul) {
  size_t bytes = 0;
  long characters = 0;
  for (;;) {
    unsigned long point;
    int count;
    int c;
    if (reader->at == reader->end) {
      return IOTV1_JSON_TRUNCATED;
    }
    c = (unsigned char)*reader->at++;
    if (c == '"') {
      break;
    }
    if (c < 0x20) {
      return IOTV1_JSON_MALFORMED;
    }
    point = (unsigned long)c;
    count = 1;
    if (c == '\\') {
      long unit;
      if (reader->at == reader->end) {
        return IOTV1_JSON_TRUNCATED;
      }
      c = (unsigned char)*reader->at++;
      switch (c) {
        case '"':
        case '\\':
        case '/':
          point = (unsigned long)c;
          break;
        case 'b':
          point = '\b';
          break;
        case 'f':
          point = '\f';
          break;
        case 'n':
          point = '\n';
          break;
        case 'r':
          point = '\r';
          break;
        case 't':
          point = '\t';
          break;
        case 'u':
          unit = iotv1_hex4(reader);
          if (unit < 0) {
            return unit;
          }
          if (unit >= 0xdc00 && unit <= 0xdfff) {
            return IOTV1_JSON_MALFORMED; /* a low surrogate without its high one */
          }
          if (unit >= 0xd800 && unit <= 0xdbff) {
            long low;
            if (reader->end - reader->at < 2) {
              return IOTV1_JSON_TRUNCATED;
            }
            if (reader->at[0] != '\\' || reader->at[1] != 'u') {
              return IOTV1_JSON_MALFORMED;
            }
            reader->at += 2;
            low = iotv1_hex4(reader);
            if (low < 0) {
              return low;
            }
            if (low < 0xdc00 || low > 0xdfff) {
              return IOTV1_JSON_MALFORMED;
            }
            unit = 0x10000L + ((unit - 0xd800L) << 10) + (low - 0xdc00L);
          }
          if (unit == 0 && refuse_nul) {
            return IOTV1_JSON_NUL_CHARACTER;
          }
          point = (unsigned long)unit;
          count = point < 0x80u ? 1 : point < 0x800u ? 2 : point < 0x10000u ? 3 : 4;
          break;
        default:
          return IOTV1_JSON_MALFORMED;
      }
    }
    /* UTF-8 as it comes is copied as it is: a continuation byte starts no character. */
    if ((point & 0xc0u) != 0x80u || count > 1) {
      characters++;
    }
    if (buffer != NULL) {
      /* The lead byte, then six bits per continuation byte. */
      static const unsigned char lead[5] = { 0u, 0u, 0xc0u, 0xe0u, 0xf0u };
      int n;
      for (n = count - 1; n >= 0; n--) {
        size_t at = bytes + (size_t)(count - 1 - n);
        unsigned bits = (unsigned)(point >> (6 * n));
        if (at + 1u < capacity) {
          buffer[at] = (char)(count == 1 ? bits : n == count - 1 ? (lead[count] | bits) : (0x80u | (bits & 0x3fu)));
        }
      }
    }
    bytes += (size_t)count;
  }
  if (buffer != NULL && capacity > 0u) {
    buffer[bytes < capacity ? bytes : capacity - 1u] = '\0';
  }
  *size = bytes;
  return characters;
}

/*
 * A number, as an integer when it is one (21, -3, 2.0, 4e3, 45e-1 is not): its digits gather in `units` without
 * trailing zeros, which only raise the exponent. Fractions and integers beyond int32_t are out of range.
 */
static int iotv1_read_integer(iotv1_reader_t *reader, int32_t *value) {
  uint32_t units = 0u;
  long exponent = 0;
  long zeros = 0;
  int negative = 0;
  int leading_zero = 0;
  int too_big = 0;
  int part;
  if (reader->at != reader->end && *reader->at == '-') {
    negative = 1;
    reader->at++;
  }
  /* Part 0 the integer digits, 1 the fraction, 2 the exponent. */
  for (part = 0; part < 3; part++) {
    int exponent_negative = 0;
    long exponent_digits = 0;
    int count = 0;
    if (part == 1) {
      if (reader->at == reader->end || *reader->at != '.') {
        continue;
      }
      reader->at++;
    } else if (part == 2) {
      if (reader->at == reader->end || (*reader->at | 0x20) != 'e') {
        break;
      }
      reader->at++;
      if (reader->at != reader->end && (*reader->at == '+' || *reader->at == '-')) {
        exponent_negative = *reader->at++ == '-';
      }
    }
    while (reader->at != reader->end && *reader->at >= '0' && *reader->at <= '9') {
      unsigned digit = (unsigned)(*reader->at++ - '0');
      count++;
      if (part == 2) {
        if (exponent_digits < 100000L) {
          exponent_digits = exponent_digits * 10 + (long)digit;
        }
        continue;
      }
      if (part == 0 && leading_zero) {
        return IOTV1_JSON_MALFORMED; /* digits after a leading zero */
      }
      leading_zero = part == 0 && count == 1 && digit == 0u;
      if (part == 1) {
        exponent--;
      }
      if (digit == 0u) {
        zeros++;
        continue;
      }
      /* A nonzero digit: the zeros before it are digits too. */
      for (; zeros >= 0; zeros--) {
        if (units > 214748364u) {
          too_big = 1; /* beyond int32_t whatever follows; units itself may wrap */
        }
        units = units * 10u + (zeros == 0 ? digit : 0u);
      }
      zeros = 0;
    }
    if (count == 0) {
      return iotv1_unexpected(reader);
    }
    if (part == 2) {
      exponent += exponent_negative ? -exponent_digits : exponent_digits;
    }
  }
  if (units == 0u) {
    *value = 0;
    return IOTV1_JSON_OK;
  }
  exponent += zeros;
  if (exponent < 0 || too_big || exponent > 9) {
    return IOTV1_JSON_OUT_OF_RANGE;
  }
  while (exponent-- > 0) {
    if (units > 214748364u) {
      return IOTV1_JSON_OUT_OF_RANGE;
    }
    units *= 10u;
  }
  if (units > (negative ? 0x80000000u : 0x7fffffffu)) {
    return IOTV1_JSON_OUT_OF_RANGE;
  }
  *value = negative ? (int32_t)(0u - units) : (int32_t)units;
  return IOTV1_JSON_OK;
}

/* Takes the literal `word` (true, false, null) whose first letter was seen. */
static int iotv1_read_word(iotv1_reader_t *reader, const char *word) {
  for (; *word != '\0'; word++, reader->at++) {
    if (reader->at == reader->end) {
      return IOTV1_JSON_TRUNCATED;
    }
    if (*reader->at != *word) {
      return IOTV1_JSON_MALFORMED;
    }
  }
  return IOTV1_JSON_OK;
}

/*
 * Any value, checked and skipped, without recursion: the open arrays and objects are one bit each in `nesting`
 * (1 for an object), so that a member name is expected where it must come.
 */
static int iotv1_skip(iotv1_reader_t *reader) {
  uint32_t nesting = 0u;
  int depth = 0;
  int member = 0;
  for (;;) {
    int result = IOTV1_JSON_OK;
    size_t size;
    int c;
    if (member) {
      if (!iotv1_take(reader, '"')) {
        return iotv1_unexpected(reader);
      }
      result = (int)iotv1_read_string(reader, NULL, 0u, &size, 0);
      if (result < 0) {
        return result;
      }
      if (!iotv1_take(reader, ':')) {
        return iotv1_unexpected(reader);
      }
    }
    c = iotv1_peek(reader);
    if (c == '{' || c == '[') {
      reader->at++;
      if (depth == IOTV1_JSON_MAX_DEPTH) {
        return IOTV1_JSON_TOO_DEEP;
      }
      if (!iotv1_take(reader, c + 2)) { /* '{' + 2 is '}', '[' + 2 is ']' */
        nesting = (nesting << 1) | (c == '{' ? 1u : 0u);
        depth++;
        member = c == '{';
        continue;
      }
    } else if (c == '"') {
      reader->at++;
      result = (int)iotv1_read_string(reader, NULL, 0u, &size, 0);
    } else if (c == 't') {
      result = iotv1_read_word(reader, "true");
    } else if (c == 'f') {
      result = iotv1_read_word(reader, "false");
    } else if (c == 'n') {
      result = iotv1_read_word(reader, "null");
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      int32_t ignored;
      result = iotv1_read_integer(reader, &ignored);
      if (result == IOTV1_JSON_OUT_OF_RANGE) {
        result = IOTV1_JSON_OK; /* any number may be skipped */
      }
    } else {
      return iotv1_unexpected(reader);
    }
    if (result < 0) {
      return result;
    }
    /* After a value: the next member or item, or the end of what holds it. */
    for (;;) {
      if (depth == 0) {
        return IOTV1_JSON_OK;
      }
      if (iotv1_take(reader, ',')) {
        member = (int)(nesting & 1u);
        break;
      }
      if (!iotv1_take(reader, (nesting & 1u) ? '}' : ']')) {
        return iotv1_unexpected(reader);
      }
      nesting >>= 1;
      depth--;
    }
  }
}

/* A value of another type than `field` wants: WRONG_TYPE when it is JSON, else what is wrong with it. */
static int iotv1_wrong_type(iotv1_reader_t *reader) {
  int result = iotv1_skip(reader);
  return result < 0 ? result : IOTV1_JSON_WRONG_TYPE;
}

static int iotv1_decode_object(iotv1_reader_t *reader, const iotv1_object_t *object, char *base);

/* The fewest characters or items: 1 when the schema says minLength or minItems 1. */
static long iotv1_least(const iotv1_field_t *field) {
  return (field->kind & IOTV1_KIND_NON_EMPTY) ? 1 : 0;
}

/* The buffer of a decoded string: `max` characters of UTF-8 (four bytes each, one when ASCII) and the NUL. */
static size_t iotv1_capacity(const iotv1_field_t *field) {
  return ((size_t)field->max << ((field->kind & IOTV1_KIND_ASCII) ? 0 : 2)) + 1u;
}

/* The value of `field` into `at`. */
static int iotv1_decode_value(iotv1_reader_t *reader, const iotv1_field_t *field, char *at) {
  int c = iotv1_peek(reader);
  int kind = field->kind & IOTV1_KIND_MASK;
  size_t capacity = iotv1_capacity(field);
  long characters;
  size_t size;
  int result;
  switch (kind) {
    case IOTV1_KIND_STRING:
      if (c != '"') {
        return iotv1_wrong_type(reader);
      }
      reader->at++;
      characters = iotv1_read_string(reader, at, capacity, &size, 1);
      if (characters < 0) {
        return (int)characters;
      }
      return size >= capacity || characters > (long)field->max || characters < iotv1_least(field) ? IOTV1_JSON_WRONG_SIZE : IOTV1_JSON_OK;
    case IOTV1_KIND_INTEGER:
      if (c != '-' && (c < '0' || c > '9')) {
        return iotv1_wrong_type(reader);
      }
      result = iotv1_read_integer(reader, IOTV1_MEMBER(at, 0, int32_t));
      if (result == IOTV1_JSON_OK && (*IOTV1_MEMBER(at, 0, int32_t) < iotv1_ranges[field->arg].min || *IOTV1_MEMBER(at, 0, int32_t) > iotv1_ranges[field->arg].max)) {
        result = IOTV1_JSON_OUT_OF_RANGE;
      }
      return result;
    case IOTV1_KIND_BOOLEAN:
      if (c != 't' && c != 'f') {
        return iotv1_wrong_type(reader);
      }
      *IOTV1_MEMBER(at, 0, int) = c == 't';
      return iotv1_read_word(reader, c == 't' ? "true" : "false");
    case IOTV1_KIND_OBJECT:
      return c == '{' ? iotv1_decode_object(reader, &iotv1_objects[field->arg], at) : iotv1_wrong_type(reader);
    case IOTV1_KIND_ANY_OBJECT:
      return c == '{' ? iotv1_skip(reader) : iotv1_wrong_type(reader);
    default: { /* IOTV1_KIND_ARRAY */
      const iotv1_field_t *element = &iotv1_fields[field->arg];
      uint16_t *count = IOTV1_MEMBER(at - field->offset, field->flag, uint16_t);
      if (c != '[') {
        return iotv1_wrong_type(reader);
      }
      reader->at++;
      if (!iotv1_take(reader, ']')) {
        do {
          if (*count == field->max) {
            return IOTV1_JSON_WRONG_SIZE;
          }
          result = iotv1_decode_value(reader, element, at + (size_t)*count * element->offset);
          if (result < 0) {
            return result;
          }
          ++*count;
        } while (iotv1_take(reader, ','));
        if (!iotv1_take(reader, ']')) {
          return iotv1_unexpected(reader);
        }
      }
      return *count < iotv1_least(field) ? IOTV1_JSON_WRONG_SIZE : IOTV1_JSON_OK;
    }
  }
}

/* The members of `object` into the struct at `base`; the reader stands before its '{'. */
static int iotv1_decode_object(iotv1_reader_t *reader, const iotv1_object_t *object, char *base) {
  const iotv1_field_t *fields = &iotv1_fields[object->first];
  uint32_t seen = 0u;
  unsigned n;
  for (n = 0u; n < object->count; n++) {
    if (fields[n].flag != IOTV1_NO_FLAG) {
      /* A has_<member> flag, or an array's count. */
      if ((fields[n].kind & IOTV1_KIND_MASK) == IOTV1_KIND_ARRAY) {
        *IOTV1_MEMBER(base, fields[n].flag, uint16_t) = 0u;
      } else {
        *IOTV1_MEMBER(base, fields[n].flag, unsigned char) = 0u;
      }
    }
  }
  reader->at++; /* the '{' */
  if (!iotv1_take(reader, '}')) {
    do {
      /* Longer than any member name, so that a longer key matches none. */
      char key[IOTV1_LONGEST_NAME + 2];
      size_t size;
      long result;
      if (!iotv1_take(reader, '"')) {
        return iotv1_unexpected(reader);
      }
      result = iotv1_read_string(reader, key, sizeof key, &size, 0);
      if (result < 0) {
        return (int)result;
      }
      if (!iotv1_take(reader, ':')) {
        return iotv1_unexpected(reader);
      }
      for (n = 0u; n < object->count; n++) {
        const char *name = iotv1_names + fields[n].name;
        size_t at = 0u;
        while (at < size && name[at] == key[at] && name[at] != '\0') {
          at++;
        }
        if (at == size && name[at] == '\0') {
          break;
        }
      }
      if (n == object->count) {
        result = iotv1_skip(reader);
      } else {
        result = iotv1_decode_value(reader, &fields[n], base + fields[n].offset);
        seen |= (uint32_t)1u << n;
        if (fields[n].flag != IOTV1_NO_FLAG && (fields[n].kind & IOTV1_KIND_MASK) != IOTV1_KIND_ARRAY) {
          *IOTV1_MEMBER(base, fields[n].flag, unsigned char) = 1u;
        }
      }
      if (result < 0) {
        return (int)result;
      }
    } while (iotv1_take(reader, ','));
    if (!iotv1_take(reader, '}')) {
      return iotv1_unexpected(reader);
    }
  }
  for (n = 0u; n < object->count; n++) {
    if ((fields[n].kind & IOTV1_KIND_REQUIRED) && !(seen & ((uint32_t)1u << n))) {
      return IOTV1_JSON_MISSING;
    }
  }
  return IOTV1_JSON_OK;
}

static int iotv1_decode(const iotv1_object_t *object, const char *json, size_t length, void *out) {
  iotv1_reader_t reader;
  int result;
  if (json == NULL || out == NULL) {
    return IOTV1_JSON_MISSING;
  }
  reader.at = json;
  reader.end = json + length;
  if (iotv1_peek(&reader) != '{') {
    return reader.at == reader.end ? IOTV1_JSON_TRUNCATED : iotv1_wrong_type(&reader);
  }
  result = iotv1_decode_object(&reader, object, (char *)out);
  if (result == IOTV1_JSON_OK && iotv1_peek(&reader) != 0) {
    result = IOTV1_JSON_MALFORMED; /* something after the value */
  }
  return result;
}

/* ---- writing ---- */

static void iotv1_put(iotv1_writer_t *writer, char c) {
  if (writer->length + 1u < writer->capacity) {
    writer->out[writer->length] = c;
  }
  writer->length++;
}

static void iotv1_put_text(iotv1_writer_t *writer, const char *text) {
  while (*text != '\0') {
    iotv1_put(writer, *text++);
  }
}

/* A string with what JSON must escape escaped; the characters it holds, or an error when `bounds` refuse them. */
static int iotv1_put_string(iotv1_writer_t *writer, const char *text, const iotv1_field_t *bounds) {
  long characters = 0;
  if (text == NULL) {
    return IOTV1_JSON_MISSING;
  }
  iotv1_put(writer, '"');
  for (; *text != '\0'; text++) {
    unsigned char c = (unsigned char)*text;
    if ((c & 0xc0u) != 0x80u) {
      characters++;
    }
    if (c == '"' || c == '\\') {
      iotv1_put(writer, '\\');
    } else if (c < 0x20u) {
      iotv1_put_text(writer, "\\u00");
      iotv1_put(writer, (char)('0' + (c >> 4)));
      c = (unsigned char)"0123456789abcdef"[c & 0x0fu];
    }
    iotv1_put(writer, (char)c);
  }
  iotv1_put(writer, '"');
  return characters > (long)bounds->max || characters < iotv1_least(bounds) ? IOTV1_JSON_WRONG_SIZE : IOTV1_JSON_OK;
}

/* units / 10^scale in decimal digits, within `range` (units scaled); no division. */
static int iotv1_put_number(iotv1_writer_t *writer, int32_t units, unsigned scale, const iotv1_range_t *range) {
  uint32_t rest = units < 0 ? 0u - (uint32_t)units : (uint32_t)units;
  int32_t low = range->min;
  int32_t high = range->max;
  int started = 0;
  int place;
  unsigned n;
  if (scale > 9u) {
    return IOTV1_JSON_OUT_OF_RANGE;
  }
  for (n = 0u; n < scale; n++) {
    /* The range in units of 10^-scale, saturating at the ends of int32_t. */
    low = low < -214748364L ? IOTV1_INT32_MIN : low * 10;
    high = high > 214748364L ? IOTV1_INT32_MAX : high * 10;
  }
  if (units < low || units > high) {
    return IOTV1_JSON_OUT_OF_RANGE;
  }
  if (units < 0) {
    iotv1_put(writer, '-');
  }
  for (place = 9; place >= 0; place--) {
    char digit = '0';
    while (rest >= iotv1_powers_of_ten[place]) {
      rest -= iotv1_powers_of_ten[place];
      digit++;
    }
    if (place == (int)scale - 1) {
      iotv1_put(writer, '.');
    }
    if (digit != '0' || started || place <= (int)scale) {
      iotv1_put(writer, digit);
      started = 1;
    }
  }
  return IOTV1_JSON_OK;
}

static int iotv1_encode_object(iotv1_writer_t *writer, const iotv1_object_t *object, const char *base);

static int iotv1_encode_value(iotv1_writer_t *writer, const iotv1_field_t *field, const char *at) {
  const iotv1_value_t *value = IOTV1_CONST_MEMBER(at, 0, iotv1_value_t);
  const iotv1_decimal_t *decimal = IOTV1_CONST_MEMBER(at, 0, iotv1_decimal_t);
  int kind = field->kind & IOTV1_KIND_MASK;
  if (kind == IOTV1_KIND_VALUE) {
    if (value->kind == IOTV1_VALUE_STRING) {
      return iotv1_put_string(writer, value->string, field);
    }
    if (value->kind != IOTV1_VALUE_NUMBER) {
      kind = IOTV1_KIND_BOOLEAN;
      at = (const char *)&value->boolean;
    }
    decimal = &value->number;
  }
  switch (kind) {
    case IOTV1_KIND_STRING:
      return iotv1_put_string(writer, *IOTV1_CONST_MEMBER(at, 0, iotv1_text_t), field);
    case IOTV1_KIND_INTEGER:
      return iotv1_put_number(writer, *IOTV1_CONST_MEMBER(at, 0, int32_t), 0u, &iotv1_ranges[field->arg]);
    case IOTV1_KIND_BOOLEAN:
      iotv1_put_text(writer, *IOTV1_CONST_MEMBER(at, 0, int) ? "true" : "false");
      return IOTV1_JSON_OK;
    case IOTV1_KIND_OBJECT:
      return iotv1_encode_object(writer, &iotv1_objects[field->arg], at);
    case IOTV1_KIND_ARRAY: {
      const iotv1_field_t *element = &iotv1_fields[field->arg];
      const char *item = *IOTV1_CONST_MEMBER(at, 0, iotv1_text_t);
      uint16_t count = *IOTV1_CONST_MEMBER(at - field->offset, field->flag, uint16_t);
      uint16_t n;
      if (count > field->max || count < iotv1_least(field) || (item == NULL && count > 0u)) {
        return IOTV1_JSON_WRONG_SIZE;
      }
      iotv1_put(writer, '[');
      for (n = 0u; n < count; n++, item += element->offset) {
        int result;
        if (n > 0u) {
          iotv1_put(writer, ',');
        }
        result = iotv1_encode_value(writer, element, item);
        if (result < 0) {
          return result;
        }
      }
      iotv1_put(writer, ']');
      return IOTV1_JSON_OK;
    }
    default: /* IOTV1_KIND_DECIMAL, and the number of a VALUE */
      return iotv1_put_number(writer, decimal->units, decimal->scale, &iotv1_ranges[field->arg]);
  }
}

/* The members of `object` that are there: required ones, optional ones with their flag set or a string given. */
static int iotv1_encode_object(iotv1_writer_t *writer, const iotv1_object_t *object, const char *base) {
  const iotv1_field_t *field = &iotv1_fields[object->first];
  const iotv1_field_t *end = field + object->count;
  char separator = '{';
  for (; field != end; field++) {
    const char *at = base + field->offset;
    int result;
    if (!(field->kind & IOTV1_KIND_REQUIRED)) {
      int kind = field->kind & IOTV1_KIND_MASK;
      int absent = kind == IOTV1_KIND_STRING ? *IOTV1_CONST_MEMBER(at, 0, iotv1_text_t) == NULL : *IOTV1_CONST_MEMBER(base, field->flag, unsigned char) == 0u;
      if (absent) {
        continue;
      }
    }
    iotv1_put(writer, separator);
    separator = ',';
    iotv1_put(writer, '"');
    iotv1_put_text(writer, iotv1_names + field->name);
    iotv1_put_text(writer, "\":");
    result = iotv1_encode_value(writer, field, at);
    if (result < 0) {
      return result;
    }
  }
  if (separator == '{') {
    iotv1_put(writer, '{');
  }
  iotv1_put(writer, '}');
  return IOTV1_JSON_OK;
}

static long iotv1_encode(const iotv1_object_t *object, const void *in, char *out, size_t capacity) {
  iotv1_writer_t writer;
  int result;
  writer.out = out;
  writer.capacity = out == NULL ? 0u : capacity;
  writer.length = 0u;
  if (in == NULL) {
    return IOTV1_JSON_MISSING;
  }
  result = iotv1_encode_object(&writer, object, (const char *)in);
  if (writer.capacity > 0u) {
    writer.out[writer.length < writer.capacity ? writer.length : writer.capacity - 1u] = '\0';
  }
  return result < 0 ? result : (long)writer.length;
}

/* ---- the rule's reading of a body ---- */

int iotv1_body_code(const char *body, size_t length, uint16_t *code) {
  iotv1_body_t read;
  int has_code = iotv1_decode(&iotv1_objects[IOTV1_BODY_OBJECT], body, length, &read) == IOTV1_JSON_OK && read.has_code;
  *code = (uint16_t)(has_code && read.code >= 0 && read.code <= 0xffff ? read.code : IOTV1_CODE_NONE);
  return has_code;
}

/* The bytes of a NUL-terminated string. */
static size_t iotv1_length(const char *text) {
  const char *end = text;
  while (*end != '\0') {
    end++;
  }
  return (size_t)(end - text);
}

iotv1_action_t iotv1_handle_feed_data_ack(const iotv1_feed_data_ack_t *ack) {
  const char *type = ack->has_error ? ack->error.type : NULL;
  return iotv1_handle_ack(ack->status, iotv1_length(ack->status), ack->retryable, type, type == NULL ? 0u : iotv1_length(type));
}

#endif /* IOTV1_NO_STRINGS */
