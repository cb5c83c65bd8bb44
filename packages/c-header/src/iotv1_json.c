/*
 * One JSON decoder and one JSON encoder, driven by the generated descriptions of the payloads
 * (gen/iotv1_payload_tables.h). Hand-written and the same for every spec: `pnpm generate` rewrites gen/ only.
 *
 * Written for flash first: the first error sticks in the reader or writer and ends the input (or the output), so
 * no call checks what the one before it returned. No division anywhere (Cortex-M0 has no divide instruction), no
 * heap, no stdio. The reader and the writer recurse only as deep as the schemas nest; what a decoder skips is
 * read without recursion.
 */
#include "iotv1.h"

/* The codecs read and write member names: with the strings compiled out there are none (a build lists this file anyway). */
#ifdef IOTV1_NO_STRINGS
typedef int iotv1_json_compiled_out_t; /* ISO C wants a declaration in every translation unit */
#else

#include "iotv1_json.h"

/* What a member is. */
enum {
  IOTV1_KIND_STRING = 0,
  IOTV1_KIND_INTEGER = 1,
  IOTV1_KIND_BOOLEAN = 2,
  IOTV1_KIND_OBJECT = 3,
  IOTV1_KIND_ARRAY = 4,
  /* An object whose members are not read (such as error.details): checked to be one, and skipped. */
  IOTV1_KIND_ANY_OBJECT = 5,
  IOTV1_KIND_DECIMAL = 6,
  /* An iotv1_value_t: a decimal, a string (bounds as STRING) or a boolean. Encoders only, like DECIMAL. */
  IOTV1_KIND_VALUE = 7
};

/* Bits of `kind` beside the kind itself. */
#define IOTV1_KIND_MASK 0x0fu
#define IOTV1_KIND_REQUIRED 0x80u
/* minLength or minItems 1. */
#define IOTV1_KIND_NON_EMPTY 0x40u
/* A string its pattern keeps ASCII: its buffer holds a byte per character, not four. */
#define IOTV1_KIND_ASCII 0x20u

/* No has_<member> flag or count. */
#define IOTV1_NO_FLAG 0xffu

/* Not from <stdint.h>: C++98 leaves its limit macros out. */
#define IOTV1_INT32_MAX ((int32_t)2147483647L)
#define IOTV1_INT32_MIN ((int32_t)(-2147483647L - 1))

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

/* The members of a struct of `size` bytes: `count` fields from index `first` of iotv1_fields. */
typedef struct iotv1_object {
  uint16_t size;
  uint8_t first;
  uint8_t count;
} iotv1_object_t;

typedef struct iotv1_range {
  int32_t min;
  int32_t max;
} iotv1_range_t;

static int iotv1_decode(unsigned object, const char *json, size_t length, void *out);
static long iotv1_encode(unsigned object, const void *in, char *out, size_t capacity);

#include "gen/iotv1_payload_tables.h"

#if !defined(IOTV1_PAYLOAD_TABLES_LAYOUT) || IOTV1_PAYLOAD_TABLES_LAYOUT != 2
#error "gen/iotv1_payload_tables.h has another layout than this iotv1_json.c: regenerate (pnpm generate) with the generator of this iotv1_json.c"
#endif

/* A member that points to a string (the encoders' strings and arrays). */
typedef const char *iotv1_text_t;

#define IOTV1_AT(base, offset, type) ((type *)(void *)((char *)(base) + (offset)))
#define IOTV1_CONST_AT(base, offset, type) ((const type *)(const void *)((const char *)(base) + (offset)))

/* The fewest characters or items: 1 when the schema says minLength or minItems 1. */
#define IOTV1_LEAST(field) (((field)->kind & IOTV1_KIND_NON_EMPTY) ? 1u : 0u)

/* The payload itself, as a member: the object of index `object`. */
static void iotv1_root_of(iotv1_field_t *root, unsigned object) {
  root->name = 0u;
  root->kind = IOTV1_KIND_OBJECT | IOTV1_KIND_REQUIRED;
  root->offset = 0u;
  root->max = 0u;
  root->flag = IOTV1_NO_FLAG;
  root->arg = (uint8_t)object;
}

static const uint32_t iotv1_powers_of_ten[10] = { 1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u };

/* ---- reading ---- */

typedef struct iotv1_reader {
  const char *at;
  const char *end;
  /* The first error; once set, the input is over. */
  int error;
  /* The member name being matched; longer than any, so that a longer key matches none. */
  char key[IOTV1_LONGEST_NAME + 2];
} iotv1_reader_t;

static void iotv1_fail(iotv1_reader_t *reader, int error) {
  if (reader->error == IOTV1_JSON_OK) {
    reader->error = error;
  }
  reader->at = reader->end;
}

/* The next byte, taken; 0 (with TRUNCATED) at the end. */
static int iotv1_next(iotv1_reader_t *reader) {
  if (reader->at == reader->end) {
    iotv1_fail(reader, IOTV1_JSON_TRUNCATED);
    return 0;
  }
  return (unsigned char)*reader->at++;
}

/* The next byte that is not white space, not taken; 0 at the end. */
static int iotv1_peek(iotv1_reader_t *reader) {
  while (reader->at != reader->end && (*reader->at == ' ' || *reader->at == '\t' || *reader->at == '\n' || *reader->at == '\r')) {
    reader->at++;
  }
  return reader->at == reader->end ? 0 : (unsigned char)*reader->at;
}

/* Takes `c` (after white space) when it comes next. */
static int iotv1_take(iotv1_reader_t *reader, int c) {
  if (iotv1_peek(reader) != c) {
    return 0;
  }
  reader->at++;
  return 1;
}

/* Takes `c`, which must come next: else the input ended, or it is not JSON. */
static void iotv1_expect(iotv1_reader_t *reader, int c) {
  if (!iotv1_take(reader, c)) {
    iotv1_fail(reader, reader->at == reader->end ? IOTV1_JSON_TRUNCATED : IOTV1_JSON_MALFORMED);
  }
}

/* The rest of the literal `word` (true, false, null) whose first letter was seen. */
static void iotv1_word(iotv1_reader_t *reader, const char *word) {
  while (*word != '\0' && iotv1_next(reader) == *word) {
    word++;
  }
  if (*word != '\0') {
    iotv1_fail(reader, IOTV1_JSON_MALFORMED);
  }
}

/* Four hex digits of a \u escape. */
static unsigned long iotv1_hex4(iotv1_reader_t *reader) {
  unsigned long value = 0u;
  int n;
  for (n = 0; n < 4; n++) {
    int c = iotv1_next(reader);
    int letter = c | 0x20; /* lower case, for letters */
    int digit = c >= '0' && c <= '9' ? c - '0' : letter >= 'a' && letter <= 'f' ? letter - 'a' + 10 : -1;
    if (digit < 0) {
      iotv1_fail(reader, IOTV1_JSON_MALFORMED);
    }
    value = value * 16u + (unsigned long)(digit & 0x0f);
  }
  return value;
}

/* One byte of a string into `buffer`, where there is room for it and the NUL. */
static void iotv1_store(char *buffer, size_t capacity, size_t *bytes, unsigned long byte) {
  if (*bytes + 1u < capacity) {
    buffer[*bytes] = (char)byte;
  }
  ++*bytes;
}

/*
 * A string after its opening quote, unescaped into `buffer` (`capacity` bytes, NUL included; 0 to only check it).
 * Returns the characters (code points) it holds; *bytes gets the bytes it needs without the NUL, also when they
 * did not fit. \u0000 is an error when `refuse_nul` (a C string cannot hold it).
 */
static unsigned long iotv1_string(iotv1_reader_t *reader, char *buffer, size_t capacity, int refuse_nul, size_t *bytes) {
  /* An escape's letter, then what it stands for. */
  static const char escapes[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
  unsigned long characters = 0u;
  *bytes = 0u;
  for (;;) {
    unsigned long point;
    int c = iotv1_next(reader);
    if (c == '"') {
      break;
    }
    if (c < 0x20) {
      iotv1_fail(reader, IOTV1_JSON_MALFORMED);
      break;
    }
    if (c != '\\') {
      /* UTF-8 as it comes is copied as it is: a continuation byte starts no character. */
      characters += (c & 0xc0) != 0x80;
      iotv1_store(buffer, capacity, bytes, (unsigned long)c);
      continue;
    }
    c = iotv1_next(reader);
    if (c == 'u') {
      point = iotv1_hex4(reader);
      if (point - 0xd800u < 0x400u) {
        /* A high surrogate: its low one must follow, as a \u escape of its own. */
        unsigned long low = 0x400u; /* none */
        if (iotv1_next(reader) == '\\' && iotv1_next(reader) == 'u') {
          low = iotv1_hex4(reader) - 0xdc00u;
        }
        point = low < 0x400u ? 0x10000u + ((point - 0xd800u) << 10) + low : 0xdc00u;
      }
      if (point - 0xdc00u < 0x400u) {
        iotv1_fail(reader, IOTV1_JSON_MALFORMED); /* a lone surrogate: no character of UTF-8 */
      }
      if (point == 0u && refuse_nul) {
        iotv1_fail(reader, IOTV1_JSON_NUL_CHARACTER);
      }
    } else {
      const char *escape = escapes;
      while (*escape != '\0' && *escape != c) {
        escape += 2;
      }
      if (*escape == '\0') {
        iotv1_fail(reader, IOTV1_JSON_MALFORMED);
        break;
      }
      point = (unsigned char)escape[1];
    }
    characters++;
    if (point < 0x80u) {
      iotv1_store(buffer, capacity, bytes, point);
    } else {
      /* The lead byte (0xc0, 0xe0 or 0xf0 with the top bits), then six bits per continuation byte. */
      int more = point < 0x800u ? 1 : point < 0x10000u ? 2 : 3;
      iotv1_store(buffer, capacity, bytes, ((0xff80u >> more) & 0xffu) | (point >> (6 * more)));
      while (more-- > 0) {
        iotv1_store(buffer, capacity, bytes, 0x80u | ((point >> (6 * more)) & 0x3fu));
      }
    }
  }
  if (capacity > 0u) {
    buffer[*bytes < capacity ? *bytes : capacity - 1u] = '\0';
  }
  return characters;
}

/*
 * A number (RFC 8259). Returns 1 with *value when it is an integer within int32_t, however written (2.0, 4e3 and
 * 4.029e3 are integers, as JSON Schema's integer has them): its digits gather in `units` without trailing zeros,
 * which only raise the exponent, so that a fraction is left over exactly when the exponent ends below zero.
 */
static int iotv1_number(iotv1_reader_t *reader, int32_t *value) {
  uint32_t units = 0u;
  long exponent = 0;
  long zeros = 0;
  long written = 0;
  int big = 0;
  int negative = reader->at != reader->end && *reader->at == '-';
  int sign = 1;
  int part;
  reader->at += negative;
  /* Part 0 the integer digits, 1 the fraction, 2 the exponent. */
  for (part = 0; part < 3; part++) {
    const char *start;
    if (part > 0) {
      if (reader->at == reader->end || (part == 1 ? *reader->at != '.' : (*reader->at | 0x20) != 'e')) {
        continue;
      }
      reader->at++;
      if (part == 2 && reader->at != reader->end && (*reader->at == '+' || *reader->at == '-')) {
        sign = *reader->at++ == '-' ? -1 : 1;
      }
    }
    start = reader->at;
    while (reader->at != reader->end && *reader->at >= '0' && *reader->at <= '9') {
      uint32_t digit = (uint32_t)(*reader->at++ - '0');
      if (part == 2) {
        written = written < 100000L ? written * 10 + (long)digit : written;
        continue;
      }
      exponent -= part; /* a digit of the fraction lowers the exponent */
      if (digit == 0u) {
        zeros++;
        continue;
      }
      /* A digit that is not zero: the zeros before it are digits too. */
      for (; zeros >= 0; zeros--) {
        big |= units > 214748364u;
        units = units * 10u + (zeros == 0 ? digit : 0u);
      }
      zeros = 0;
    }
    if (reader->at == start) {
      iotv1_fail(reader, reader->at == reader->end ? IOTV1_JSON_TRUNCATED : IOTV1_JSON_MALFORMED);
    } else if (part == 0 && reader->at - start > 1 && *start == '0') {
      iotv1_fail(reader, IOTV1_JSON_MALFORMED); /* digits after a leading zero */
    }
  }
  exponent = units == 0u ? 0 : exponent + zeros + sign * written;
  while (exponent > 0 && !big) {
    big = units > 214748364u;
    units *= 10u;
    exponent--;
  }
  if (big || exponent < 0 || units > 0x7fffffffu + (uint32_t)negative) {
    return 0;
  }
  *value = negative ? (int32_t)(0u - units) : (int32_t)units;
  return 1;
}

/*
 * Any value, checked and dropped, without recursion: each open array or object is a bit of `nesting` (1 for an
 * object, whose members' names are checked), at most IOTV1_JSON_MAX_DEPTH of them. So what a decoder does not read
 * costs no stack, however deep it nests.
 */
static void iotv1_skip(iotv1_reader_t *reader) {
  uint32_t nesting = 0u;
  unsigned depth = 0u;
  int member = 0;
  size_t bytes;
  int32_t ignored;
  do {
    int c;
    if (member) {
      iotv1_expect(reader, '"');
      iotv1_string(reader, NULL, 0u, 0, &bytes);
      iotv1_expect(reader, ':');
    }
    c = iotv1_peek(reader);
    if (c == '{' || c == '[') {
      reader->at++;
      if (depth == IOTV1_JSON_MAX_DEPTH) {
        iotv1_fail(reader, IOTV1_JSON_TOO_DEEP);
      } else if (!iotv1_take(reader, c + 2)) { /* '{' + 2 is '}', '[' + 2 is ']' */
        nesting = (nesting << 1) | (c == '{' ? 1u : 0u);
        depth++;
        member = c == '{';
        continue;
      }
    } else if (c == '"') {
      reader->at++;
      iotv1_string(reader, NULL, 0u, 0, &bytes);
    } else if (c == 't' || c == 'f' || c == 'n') {
      reader->at++;
      iotv1_word(reader, c == 't' ? "rue" : c == 'f' ? "alse" : "ull");
    } else {
      iotv1_number(reader, &ignored);
    }
    /* After a value: the next one, or the end of what holds it (and maybe of what holds that). */
    while (depth > 0u && !iotv1_take(reader, ',')) {
      iotv1_expect(reader, (nesting & 1u) ? '}' : ']');
      nesting >>= 1;
      depth--;
    }
    member = depth > 0u && (nesting & 1u);
  } while (depth > 0u);
}

static void iotv1_read_value(iotv1_reader_t *reader, const iotv1_field_t *field, char *at);

/* The member of `object` named by reader->key (`bytes` long), or NULL; its bit in *seen, its has_ flag set. */
static const iotv1_field_t *iotv1_member(iotv1_reader_t *reader, const iotv1_object_t *object, char *at, size_t bytes, uint32_t *seen) {
  unsigned n;
  for (n = 0u; object != NULL && n < object->count; n++) {
    const iotv1_field_t *member = &iotv1_fields[object->first + n];
    const char *name = iotv1_names + member->name;
    size_t same = 0u;
    while (name[same] != '\0' && name[same] == reader->key[same]) {
      same++;
    }
    if (same == bytes && name[same] == '\0') {
      *seen |= (uint32_t)1u << n;
      if (member->flag != IOTV1_NO_FLAG && (member->kind & IOTV1_KIND_MASK) != IOTV1_KIND_ARRAY) {
        at[member->flag] = 1; /* has_<member> */
      }
      return member;
    }
  }
  return NULL;
}

/*
 * An object or an array `field` describes (its first byte is `open`). Members it does not describe are skipped;
 * the recursion goes only as deep as the schemas nest.
 */
static void iotv1_container(iotv1_reader_t *reader, const iotv1_field_t *field, char *at, int open) {
  const iotv1_object_t *object = open == '{' ? &iotv1_objects[field->arg] : NULL;
  const iotv1_field_t *element = open == '[' ? &iotv1_fields[field->arg] : NULL;
  /* An array's count, in the struct that holds the array. */
  uint16_t *count = element == NULL ? NULL : IOTV1_AT(at - field->offset, field->flag, uint16_t);
  uint32_t seen = 0u;
  unsigned n;
  if (count != NULL) {
    *count = 0u; /* a member given twice is the last one, as JSON.parse reads it */
  }
  reader->at++;
  if (!iotv1_take(reader, open + 2)) { /* '{' + 2 is '}', '[' + 2 is ']' */
    do {
      if (object != NULL) {
        const iotv1_field_t *member;
        size_t bytes;
        iotv1_expect(reader, '"');
        iotv1_string(reader, reader->key, sizeof reader->key, 0, &bytes);
        iotv1_expect(reader, ':');
        member = iotv1_member(reader, object, at, bytes, &seen);
        if (member == NULL) {
          iotv1_skip(reader);
        } else {
          iotv1_read_value(reader, member, at + member->offset);
        }
      } else if (*count == field->max) {
        iotv1_fail(reader, IOTV1_JSON_WRONG_SIZE);
      } else {
        iotv1_read_value(reader, element, at + (size_t)(*count)++ * element->offset);
      }
    } while (iotv1_take(reader, ','));
    iotv1_expect(reader, open + 2);
  }
  for (n = 0u; object != NULL && n < object->count; n++) {
    if ((iotv1_fields[object->first + n].kind & IOTV1_KIND_REQUIRED) && !(seen & ((uint32_t)1u << n))) {
      iotv1_fail(reader, IOTV1_JSON_MISSING);
    }
  }
  if (element != NULL && *count < IOTV1_LEAST(field)) {
    iotv1_fail(reader, IOTV1_JSON_WRONG_SIZE);
  }
}

/* A string into the buffer at `at`, within `field`'s bounds. */
static void iotv1_string_value(iotv1_reader_t *reader, const iotv1_field_t *field, char *at, int first) {
  /* The buffer: `max` characters of UTF-8 (four bytes each, one when ASCII) and the NUL. */
  size_t capacity = ((size_t)field->max << ((field->kind & IOTV1_KIND_ASCII) ? 0 : 2)) + 1u;
  size_t bytes;
  unsigned long characters;
  (void)first;
  reader->at++;
  characters = iotv1_string(reader, at, capacity, 1, &bytes);
  if (bytes >= capacity || characters > field->max || characters < IOTV1_LEAST(field)) {
    iotv1_fail(reader, IOTV1_JSON_WRONG_SIZE);
  }
}

/* An integer into `at`, within `field`'s range. */
static void iotv1_integer_value(iotv1_reader_t *reader, const iotv1_field_t *field, char *at, int first) {
  int32_t number = 0;
  (void)first;
  if (!iotv1_number(reader, &number) || number < iotv1_ranges[field->arg].min || number > iotv1_ranges[field->arg].max) {
    iotv1_fail(reader, IOTV1_JSON_OUT_OF_RANGE);
  }
  *IOTV1_AT(at, 0, int32_t) = number;
}

/* true or false into `at`. */
static void iotv1_boolean_value(iotv1_reader_t *reader, const iotv1_field_t *field, char *at, int first) {
  (void)field;
  reader->at++;
  iotv1_word(reader, first == 't' ? "rue" : "alse");
  *IOTV1_AT(at, 0, int) = first == 't';
}

typedef void iotv1_value_reader_t(iotv1_reader_t *reader, const iotv1_field_t *field, char *at, int first);

/*
 * One value into `at` as `field` says. A value of another type than the field's is skipped, then refused; so
 * every JSON error is found before a type is judged.
 */
static void iotv1_read_value(iotv1_reader_t *reader, const iotv1_field_t *field, char *at) {
  /* How each JSON value starts, the kind of member that takes it, and what reads it; anything else is a number. */
  static const char starts[] = "{[\"tf";
  static const unsigned char takes[] = { IOTV1_KIND_OBJECT, IOTV1_KIND_ARRAY, IOTV1_KIND_STRING, IOTV1_KIND_BOOLEAN, IOTV1_KIND_BOOLEAN, IOTV1_KIND_INTEGER };
  /* Called through a table, so that the compiler keeps one copy of each (inlined, it copies them into each other). */
  static iotv1_value_reader_t *const readers[] = { iotv1_container, iotv1_container, iotv1_string_value, iotv1_boolean_value, iotv1_boolean_value, iotv1_integer_value };
  unsigned kind = field->kind & IOTV1_KIND_MASK;
  int c = iotv1_peek(reader);
  unsigned start = 0u;
  while (start < 5u && starts[start] != c) {
    start++;
  }
  /* null, and any value of another type, is no value of this member; an object whose members are not read is skipped. */
  if (c == 'n' || kind != takes[start] || kind == IOTV1_KIND_ANY_OBJECT) {
    iotv1_skip(reader);
    if (!(kind == IOTV1_KIND_ANY_OBJECT && start == 0u)) {
      iotv1_fail(reader, IOTV1_JSON_WRONG_TYPE);
    }
  } else {
    readers[start](reader, field, at, c);
  }
}

static int iotv1_decode(unsigned object, const char *json, size_t length, void *out) {
  iotv1_reader_t reader;
  iotv1_field_t root;
  unsigned n;
  if (json == NULL || out == NULL) {
    return IOTV1_JSON_MISSING;
  }
  /* Nothing is left over from before: absent members read as zero (strings empty), has_<member> and counts too. */
  for (n = 0u; n < iotv1_objects[object].size; n++) {
    ((char *)out)[n] = 0;
  }
  reader.at = json;
  reader.end = json + length;
  reader.error = IOTV1_JSON_OK;
  iotv1_root_of(&root, object);
  iotv1_read_value(&reader, &root, (char *)out);
  iotv1_peek(&reader);
  if (reader.at != reader.end) {
    iotv1_fail(&reader, IOTV1_JSON_MALFORMED); /* something after the value, a NUL too */
  }
  return reader.error;
}

/* ---- writing ---- */

typedef struct iotv1_writer {
  char *out;
  size_t capacity;
  size_t length;
  /* The first error in the input. */
  int error;
} iotv1_writer_t;

static void iotv1_put(iotv1_writer_t *writer, int c) {
  if (writer->length + 1u < writer->capacity) {
    writer->out[writer->length] = (char)c;
  }
  writer->length++;
}

static void iotv1_put_text(iotv1_writer_t *writer, const char *text) {
  while (*text != '\0') {
    iotv1_put(writer, *text++);
  }
}

static void iotv1_refuse(iotv1_writer_t *writer, int error) {
  if (writer->error == IOTV1_JSON_OK) {
    writer->error = error;
  }
}

/* A string with what JSON must escape escaped, within the characters `bounds` allows. */
static void iotv1_put_string(iotv1_writer_t *writer, const char *text, const iotv1_field_t *bounds) {
  unsigned long characters = 0u;
  if (text == NULL) {
    iotv1_refuse(writer, IOTV1_JSON_MISSING);
    return;
  }
  iotv1_put(writer, '"');
  for (; *text != '\0'; text++) {
    int c = (unsigned char)*text;
    characters += (c & 0xc0) != 0x80;
    if (c == '"' || c == '\\') {
      iotv1_put(writer, '\\');
    } else if (c < 0x20) {
      iotv1_put_text(writer, c < 0x10 ? "\\u000" : "\\u001");
      c = "0123456789abcdef"[c & 0x0f];
    }
    iotv1_put(writer, c);
  }
  iotv1_put(writer, '"');
  if (characters > bounds->max || characters < IOTV1_LEAST(bounds)) {
    iotv1_refuse(writer, IOTV1_JSON_WRONG_SIZE);
  }
}

/* units / 10^scale in decimal digits, within `range` (in whole units); no division. */
static void iotv1_put_number(iotv1_writer_t *writer, int32_t units, unsigned scale, const iotv1_range_t *range) {
  uint32_t rest = units < 0 ? 0u - (uint32_t)units : (uint32_t)units;
  int32_t low = range->min;
  int32_t high = range->max;
  int started = 0;
  int place;
  unsigned n;
  for (n = 0u; n < scale; n++) {
    /* The range in units of 10^-scale, saturating at the ends of int32_t. */
    low = low < -214748364L ? IOTV1_INT32_MIN : low * 10;
    high = high > 214748364L ? IOTV1_INT32_MAX : high * 10;
  }
  if (scale > 9u || units < low || units > high) {
    iotv1_refuse(writer, IOTV1_JSON_OUT_OF_RANGE);
  }
  if (units < 0) {
    iotv1_put(writer, '-');
  }
  for (place = 9; place >= 0; place--) {
    int digit = '0';
    while (rest >= iotv1_powers_of_ten[place]) {
      rest -= iotv1_powers_of_ten[place];
      digit++;
    }
    if (place == (int)scale - 1) {
      iotv1_put(writer, '.');
    }
    /* Leading zeros are left out, up to the units digit. */
    if (digit != '0' || started || place <= (int)scale) {
      iotv1_put(writer, digit);
      started = 1;
    }
  }
}

/* The value at `at` as `field` says. */
static void iotv1_emit(iotv1_writer_t *writer, const iotv1_field_t *field, const char *at) {
  const iotv1_value_t *value = IOTV1_CONST_AT(at, 0, iotv1_value_t);
  unsigned kind = field->kind & IOTV1_KIND_MASK;
  unsigned n;
  if (kind == IOTV1_KIND_VALUE) {
    kind = value->kind == IOTV1_VALUE_STRING ? IOTV1_KIND_STRING : value->kind == IOTV1_VALUE_NUMBER ? IOTV1_KIND_DECIMAL : IOTV1_KIND_BOOLEAN;
    at = kind == IOTV1_KIND_STRING ? (const char *)&value->string : kind == IOTV1_KIND_DECIMAL ? (const char *)&value->number : (const char *)&value->boolean;
  }
  if (kind == IOTV1_KIND_STRING) {
    iotv1_put_string(writer, *IOTV1_CONST_AT(at, 0, iotv1_text_t), field);
  } else if (kind == IOTV1_KIND_INTEGER || kind == IOTV1_KIND_DECIMAL) {
    const iotv1_decimal_t *decimal = IOTV1_CONST_AT(at, 0, iotv1_decimal_t);
    iotv1_put_number(writer, kind == IOTV1_KIND_INTEGER ? *IOTV1_CONST_AT(at, 0, int32_t) : decimal->units, kind == IOTV1_KIND_INTEGER ? 0u : decimal->scale,
                     &iotv1_ranges[field->arg]);
  } else if (kind == IOTV1_KIND_BOOLEAN) {
    iotv1_put_text(writer, *IOTV1_CONST_AT(at, 0, int) ? "true" : "false");
  } else if (kind == IOTV1_KIND_OBJECT) {
    const iotv1_object_t *object = &iotv1_objects[field->arg];
    int separator = '{';
    for (n = 0u; n < object->count; n++) {
      const iotv1_field_t *member = &iotv1_fields[object->first + n];
      /* An optional member is there when its string is given, or its has_<member> flag is set. */
      if (!(member->kind & IOTV1_KIND_REQUIRED) &&
          ((member->kind & IOTV1_KIND_MASK) == IOTV1_KIND_STRING ? *IOTV1_CONST_AT(at, member->offset, iotv1_text_t) == NULL : at[member->flag] == 0)) {
        continue;
      }
      iotv1_put(writer, separator);
      separator = ',';
      iotv1_put(writer, '"');
      iotv1_put_text(writer, iotv1_names + member->name);
      iotv1_put_text(writer, "\":");
      iotv1_emit(writer, member, at + member->offset);
    }
    if (separator == '{') {
      iotv1_put(writer, '{');
    }
    iotv1_put(writer, '}');
  } else { /* IOTV1_KIND_ARRAY */
    const iotv1_field_t *element = &iotv1_fields[field->arg];
    const char *item = *IOTV1_CONST_AT(at, 0, iotv1_text_t);
    uint16_t count = *IOTV1_CONST_AT(at - field->offset, field->flag, uint16_t);
    if (count > field->max || count < IOTV1_LEAST(field) || (item == NULL && count > 0u)) {
      iotv1_refuse(writer, IOTV1_JSON_WRONG_SIZE);
      count = 0u;
    }
    iotv1_put(writer, '[');
    for (n = 0u; n < count; n++) {
      if (n > 0u) {
        iotv1_put(writer, ',');
      }
      iotv1_emit(writer, element, item + (size_t)n * element->offset);
    }
    iotv1_put(writer, ']');
  }
}

static long iotv1_encode(unsigned object, const void *in, char *out, size_t capacity) {
  iotv1_writer_t writer;
  iotv1_field_t root;
  if (in == NULL) {
    return IOTV1_JSON_MISSING;
  }
  writer.out = out;
  writer.capacity = out == NULL ? 0u : capacity;
  writer.length = 0u;
  writer.error = IOTV1_JSON_OK;
  iotv1_root_of(&root, object);
  iotv1_emit(&writer, &root, (const char *)in);
  if (writer.capacity > 0u) {
    /* Refused input leaves an empty string: nothing that looks like a payload. */
    writer.out[writer.error != IOTV1_JSON_OK ? 0u : writer.length < writer.capacity ? writer.length : writer.capacity - 1u] = '\0';
  }
  return writer.error != IOTV1_JSON_OK ? writer.error : (long)writer.length;
}

/* ---- the rule's reading of a body, and of an acknowledgement ---- */

int iotv1_body_code(const char *body, size_t length, uint16_t *code) {
  iotv1_body_t read;
  int has_code = iotv1_decode(IOTV1_BODY_OBJECT, body, length, &read) == IOTV1_JSON_OK && read.has_code;
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
  const char *type = ack->has_error ? ack->error.type : "";
  return iotv1_handle_ack(ack->status, iotv1_length(ack->status), ack->retryable, type, iotv1_length(type));
}

#endif /* IOTV1_NO_STRINGS */
