/*
 * A host program that drives the payload codecs of iotv1_json.c for test/codec.test.ts. One command per run, or
 * many through `batch`; every command prints one line of JSON:
 *
 *   decode <payload> [json]        the decoded struct as JSON (an optional member without its has_ flag is
 *                                  absent), or {"error":<code>}
 *   body [json]                    iotv1_body_code: {"has_code":<0|1>,"code":<code>}
 *   ack [json]                     iotv1_handle_feed_data_ack of the decoded ack: {"action":"<name>"}, or
 *                                  {"error":<code>}
 *   encode <payload> [key=value|reading ...]
 *                                  the encoder's result and what it wrote: {"result":<n>,"nul":<index of the
 *                                  first NUL, -1 when none>,"hex":"<the bytes before it>"}
 *   batch <file>                   each line one of the commands above, its words hex-encoded, each after an
 *                                  `x` (so that an empty word is `x`) and separated by one space
 *
 * Without [json] the input is read from stdin. The input is copied into a buffer of exactly its length (no NUL),
 * and the struct is filled with a pattern before decoding, so that AddressSanitizer catches any read beyond the
 * input and the printed struct shows any member the decoder left unset.
 *
 * Encoder inputs: device_status_report takes firmware_version=, uptime_s=, battery_pct=<units>/<scale> and
 * config_revision=; feed_data_submission takes message_id=, sent_at=, and per reading the word `reading` followed
 * by feed=, one of number=<units>/<scale>, string=, the word `string` alone (a string value that is NULL) or
 * boolean=<true|false>, then unit= and recorded_at=. An absent string is NULL. count=<n> sets readings_count
 * (readings beyond those given repeat the last one) and readings=null a NULL array. Both take capacity=<n>
 * (0 passes a NULL buffer; default 65536).
 */
/* getline, for the batch file. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iotv1_json.h"

/* What fills a struct before decoding: a member the decoder leaves unset shows as 0x55 bytes ("UUU..."). */
#define PATTERN 0x55

/* The most readings an encode command builds (the schema's maxItems is 500; the test goes one over). */
#define MOST_READINGS 600
/* The most words of one command: enough for every reading with all its members. */
#define MOST_WORDS (MOST_READINGS * 8)

/* One word of a command: bytes and length, since a batch word may hold a NUL. */
typedef struct word {
  const char *bytes;
  size_t length;
} word_t;

static void fail(const char *what) {
  fprintf(stderr, "codec_harness: %s\n", what);
  exit(2);
}

/* ---- printing JSON ---- */

/* A string of `length` bytes as JSON: what JSON must escape escaped, UTF-8 as it is. */
static void print_bytes(const char *text, size_t length) {
  size_t n;
  putchar('"');
  for (n = 0; n < length; n++) {
    unsigned char c = (unsigned char)text[n];
    if (c == '"' || c == '\\') {
      printf("\\%c", c);
    } else if (c < 0x20) {
      printf("\\u%04x", c);
    } else {
      putchar(c);
    }
  }
  putchar('"');
}

/* A decoded string buffer; one without a NUL (never written) prints as an object, which no string equals. */
static void print_buffer(const char *buffer, size_t size) {
  const char *nul = memchr(buffer, '\0', size);
  if (nul == NULL) {
    printf("{\"unterminated\":true}");
    return;
  }
  print_bytes(buffer, (size_t)(nul - buffer));
}

#define PRINT_STRING(buffer) print_buffer((buffer), sizeof(buffer))

static void print_device_config_response(const iotv1_device_config_response_t *value) {
  uint16_t n;
  printf("{\"code\":%ld,\"request_id\":", (long)value->code);
  PRINT_STRING(value->request_id);
  printf(",\"config\":{\"revision\":%ld,\"report_interval_s\":%ld,\"feeds\":[", (long)value->config.revision, (long)value->config.report_interval_s);
  for (n = 0; n < value->config.feeds_count; n++) {
    if (n > 0) {
      putchar(',');
    }
    PRINT_STRING(value->config.feeds[n]);
  }
  putchar(']');
  if (value->config.has_max_payload_bytes) {
    printf(",\"max_payload_bytes\":%ld", (long)value->config.max_payload_bytes);
  }
  printf("}}");
}

static void print_device_status_accepted(const iotv1_device_status_accepted_t *value) {
  printf("{\"code\":%ld,\"request_id\":", (long)value->code);
  PRINT_STRING(value->request_id);
  if (value->has_config_revision) {
    printf(",\"config_revision\":%ld", (long)value->config_revision);
  }
  putchar('}');
}

static void print_feed_data_accepted(const iotv1_feed_data_accepted_t *value) {
  printf("{\"code\":%ld,\"status\":", (long)value->code);
  PRINT_STRING(value->status);
  printf(",\"message_id\":");
  PRINT_STRING(value->message_id);
  printf(",\"request_id\":");
  PRINT_STRING(value->request_id);
  putchar('}');
}

/* error.message has no has_ flag: it prints as the decoder left it. */
static void print_feed_data_ack(const iotv1_feed_data_ack_t *value) {
  printf("{\"message_id\":");
  PRINT_STRING(value->message_id);
  printf(",\"status\":");
  PRINT_STRING(value->status);
  printf(",\"retryable\":%s", value->retryable ? "true" : "false");
  if (value->has_error) {
    printf(",\"error\":{\"type\":");
    PRINT_STRING(value->error.type);
    printf(",\"message\":");
    PRINT_STRING(value->error.message);
    putchar('}');
  }
  putchar('}');
}

/* error.details is checked and skipped by the decoder: not in the struct, so not printed. */
static void print_http_error_response(const iotv1_http_error_response_t *value) {
  printf("{\"code\":%ld,\"error\":{\"type\":", (long)value->code);
  PRINT_STRING(value->error.type);
  printf(",\"message\":");
  PRINT_STRING(value->error.message);
  printf("},\"request_id\":");
  PRINT_STRING(value->request_id);
  putchar('}');
}

/* ---- decoding ---- */

/* Decodes `json` with `decode` into a patterned struct of `type` and prints it with `print`. */
#define DECODE(type, decode, print)                                  \
  do {                                                               \
    type value;                                                      \
    int result;                                                      \
    memset(&value, PATTERN, sizeof value);                           \
    result = decode(json, length, &value);                           \
    if (result == IOTV1_JSON_OK) {                                   \
      print(&value);                                                 \
    } else {                                                         \
      printf("{\"error\":%d}", result);                              \
    }                                                                \
  } while (0)

static void decode(const char *payload, const char *json, size_t length) {
  if (strcmp(payload, "device_config_response") == 0) {
    DECODE(iotv1_device_config_response_t, iotv1_decode_device_config_response, print_device_config_response);
  } else if (strcmp(payload, "device_status_accepted") == 0) {
    DECODE(iotv1_device_status_accepted_t, iotv1_decode_device_status_accepted, print_device_status_accepted);
  } else if (strcmp(payload, "feed_data_accepted") == 0) {
    DECODE(iotv1_feed_data_accepted_t, iotv1_decode_feed_data_accepted, print_feed_data_accepted);
  } else if (strcmp(payload, "feed_data_ack") == 0) {
    DECODE(iotv1_feed_data_ack_t, iotv1_decode_feed_data_ack, print_feed_data_ack);
  } else if (strcmp(payload, "http_error_response") == 0) {
    DECODE(iotv1_http_error_response_t, iotv1_decode_http_error_response, print_http_error_response);
  } else {
    fail("no decoder of that payload");
  }
}

static void body(const char *json, size_t length) {
  uint16_t code = 0x5555u;
  int has_code = iotv1_body_code(json, length, &code);
  printf("{\"has_code\":%d,\"code\":%u}", has_code != 0, (unsigned)code);
}

static void ack(const char *json, size_t length) {
  /* In the order of iotv1_action_t. */
  static const char *const names[] = { "success", "retry_later", "fix_request", "reauthenticate", "give_up" };
  iotv1_feed_data_ack_t value;
  int result;
  iotv1_action_t action;
  memset(&value, PATTERN, sizeof value);
  result = iotv1_decode_feed_data_ack(json, length, &value);
  if (result != IOTV1_JSON_OK) {
    printf("{\"error\":%d}", result);
    return;
  }
  action = iotv1_handle_feed_data_ack(&value);
  if ((unsigned)action >= sizeof names / sizeof names[0]) {
    fail("an action outside iotv1_action_t");
  }
  printf("{\"action\":\"%s\"}", names[action]);
}

/* ---- encoding ---- */

/* The value of `key=` in `word`, or NULL when the word is another key. */
static const char *value_of(const word_t *word, const char *key) {
  size_t length = strlen(key);
  return word->length > length && memcmp(word->bytes, key, length) == 0 && word->bytes[length] == '=' ? word->bytes + length + 1 : NULL;
}

static long number_of(const char *text) {
  char *end;
  long value;
  errno = 0;
  value = strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0') {
    fail("not a number");
  }
  return value;
}

static iotv1_decimal_t decimal_of(const char *text) {
  iotv1_decimal_t decimal;
  const char *slash = strchr(text, '/');
  char units[32];
  if (slash == NULL || (size_t)(slash - text) >= sizeof units) {
    fail("a decimal is <units>/<scale>");
  }
  memcpy(units, text, (size_t)(slash - text));
  units[slash - text] = '\0';
  decimal.units = (int32_t)number_of(units);
  decimal.scale = (uint8_t)number_of(slash + 1);
  return decimal;
}

/* Runs the encoder into a buffer of exactly `capacity` bytes (NULL for 0), prefilled so that its NUL shows. */
static void print_encoded(long (*encode)(const void *, char *, size_t), const void *in, size_t capacity) {
  char *out = capacity == 0 ? NULL : malloc(capacity);
  long result;
  const char *nul;
  size_t n;
  if (out != NULL) {
    memset(out, '#', capacity);
  }
  result = encode(in, out, capacity);
  nul = out == NULL ? NULL : memchr(out, '\0', capacity);
  printf("{\"result\":%ld,\"nul\":%ld,\"hex\":\"", result, nul == NULL ? -1L : (long)(nul - out));
  for (n = 0; nul != NULL && out + n < nul; n++) {
    printf("%02x", (unsigned char)out[n]);
  }
  printf("\"}");
  free(out);
}

/* The encoders with a common signature for print_encoded. */
static long encode_device_status_report(const void *in, char *out, size_t capacity) {
  return iotv1_encode_device_status_report(in, out, capacity);
}

static long encode_feed_data_submission(const void *in, char *out, size_t capacity) {
  return iotv1_encode_feed_data_submission(in, out, capacity);
}

static void encode(const char *payload, const word_t *words, size_t count) {
  size_t capacity = 65536;
  size_t n;
  const char *value;
  if (strcmp(payload, "device_status_report") == 0) {
    iotv1_device_status_report_t report;
    memset(&report, 0, sizeof report);
    for (n = 0; n < count; n++) {
      if ((value = value_of(&words[n], "firmware_version")) != NULL) {
        report.firmware_version = value;
      } else if ((value = value_of(&words[n], "uptime_s")) != NULL) {
        report.uptime_s = (int32_t)number_of(value);
      } else if ((value = value_of(&words[n], "battery_pct")) != NULL) {
        report.has_battery_pct = 1;
        report.battery_pct = decimal_of(value);
      } else if ((value = value_of(&words[n], "config_revision")) != NULL) {
        report.has_config_revision = 1;
        report.config_revision = (int32_t)number_of(value);
      } else if ((value = value_of(&words[n], "capacity")) != NULL) {
        capacity = (size_t)number_of(value);
      } else {
        fail("not a member of device_status_report");
      }
    }
    print_encoded(encode_device_status_report, &report, capacity);
  } else if (strcmp(payload, "feed_data_submission") == 0) {
    static iotv1_reading_t readings[MOST_READINGS];
    iotv1_feed_data_submission_t submission;
    iotv1_reading_t *array;
    iotv1_reading_t *reading = NULL;
    size_t given = 0;
    long total = -1;
    int null_array = 0;
    memset(&submission, 0, sizeof submission);
    memset(readings, 0, sizeof readings);
    for (n = 0; n < count; n++) {
      if (words[n].length == 7 && memcmp(words[n].bytes, "reading", 7) == 0) {
        if (given == MOST_READINGS) {
          fail("too many readings");
        }
        reading = &readings[given++];
      } else if (reading != NULL && (value = value_of(&words[n], "feed")) != NULL) {
        reading->feed = value;
      } else if (reading != NULL && (value = value_of(&words[n], "number")) != NULL) {
        reading->value.kind = IOTV1_VALUE_NUMBER;
        reading->value.number = decimal_of(value);
      } else if (reading != NULL && (value = value_of(&words[n], "string")) != NULL) {
        reading->value.kind = IOTV1_VALUE_STRING;
        reading->value.string = value;
      } else if (reading != NULL && words[n].length == 6 && memcmp(words[n].bytes, "string", 6) == 0) {
        reading->value.kind = IOTV1_VALUE_STRING;
        reading->value.string = NULL;
      } else if (reading != NULL && (value = value_of(&words[n], "boolean")) != NULL) {
        reading->value.kind = IOTV1_VALUE_BOOLEAN;
        reading->value.boolean = strcmp(value, "true") == 0;
      } else if (reading != NULL && (value = value_of(&words[n], "unit")) != NULL) {
        reading->unit = value;
      } else if (reading != NULL && (value = value_of(&words[n], "recorded_at")) != NULL) {
        reading->recorded_at = value;
      } else if ((value = value_of(&words[n], "message_id")) != NULL) {
        submission.message_id = value;
      } else if ((value = value_of(&words[n], "sent_at")) != NULL) {
        submission.sent_at = value;
      } else if ((value = value_of(&words[n], "count")) != NULL) {
        total = number_of(value);
      } else if ((value = value_of(&words[n], "readings")) != NULL && strcmp(value, "null") == 0) {
        null_array = 1;
      } else if ((value = value_of(&words[n], "capacity")) != NULL) {
        capacity = (size_t)number_of(value);
      } else {
        fail("not a member of feed_data_submission");
      }
    }
    if (total < 0) {
      total = (long)given;
    }
    if (total > MOST_READINGS) {
      fail("too many readings");
    }
    /* Exactly `total` readings on the heap, so that a read past the count is caught. */
    array = malloc(total > 0 ? (size_t)total * sizeof *array : 1u);
    for (n = 0; n < (size_t)total; n++) {
      array[n] = readings[n < given ? n : given > 0 ? given - 1 : 0];
    }
    submission.readings_count = (uint16_t)total;
    submission.readings = null_array ? NULL : array;
    print_encoded(encode_feed_data_submission, &submission, capacity);
    free(array);
  } else {
    fail("no encoder of that payload");
  }
}

/* ---- commands ---- */

/* Reads all of stdin. */
static word_t read_stdin(void) {
  static char *bytes = NULL;
  size_t length = 0;
  size_t capacity = 0;
  size_t got;
  free(bytes);
  bytes = NULL;
  do {
    if (length == capacity) {
      capacity = capacity == 0 ? 4096 : capacity * 2;
      bytes = realloc(bytes, capacity);
      if (bytes == NULL) {
        fail("out of memory");
      }
    }
    got = fread(bytes + length, 1, capacity - length, stdin);
    length += got;
  } while (got > 0);
  return (word_t){ bytes, length };
}

/* Runs one command: words[0] its name. */
static void run(const word_t *words, size_t count) {
  const char *command = words[0].bytes;
  size_t needs = strcmp(command, "decode") == 0 || strcmp(command, "encode") == 0 ? 2 : 1;
  word_t input;
  char *json;
  if (count < needs) {
    fail("usage: decode <payload> [json] | body [json] | ack [json] | encode <payload> [key=value ...] | batch <file>");
  }
  if (strcmp(command, "encode") == 0) {
    encode(words[1].bytes, words + 2, count - 2);
    putchar('\n');
    return;
  }
  input = count > needs ? words[needs] : read_stdin();
  /* Exactly the input's bytes on the heap, no NUL after them. */
  json = malloc(input.length > 0 ? input.length : 1u);
  if (json == NULL) {
    fail("out of memory");
  }
  memcpy(json, input.bytes, input.length);
  if (strcmp(command, "decode") == 0) {
    decode(words[1].bytes, json, input.length);
  } else if (strcmp(command, "body") == 0) {
    body(json, input.length);
  } else if (strcmp(command, "ack") == 0) {
    ack(json, input.length);
  } else {
    fail("no such command");
  }
  putchar('\n');
  free(json);
}

static int hex_digit(int c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Each line a command of hex words; each word decoded in place (NUL-terminated too, for the names). */
static void batch(const char *path) {
  FILE *file = fopen(path, "rb");
  char *line = NULL;
  size_t size = 0;
  if (file == NULL) {
    fail("cannot open the batch file");
  }
  for (;;) {
    word_t words[MOST_WORDS];
    size_t count = 0;
    char *at;
    char *end;
    long got = (long)getline(&line, &size, file);
    if (got < 0) {
      break;
    }
    end = line + got;
    while (end > line && (end[-1] == '\n' || end[-1] == '\r')) {
      *--end = '\0';
    }
    for (at = line; at < end;) {
      char *write = at;
      char *start = at;
      if (*at++ != 'x' || count == sizeof words / sizeof words[0]) {
        fail("a batch word is x and hex digits");
      }
      for (; at < end && *at != ' '; at += 2) {
        int high = hex_digit((unsigned char)at[0]);
        int low = at + 1 < end ? hex_digit((unsigned char)at[1]) : -1;
        if (high < 0 || low < 0) {
          fail("a batch word is x and hex digits");
        }
        *write++ = (char)(high * 16 + low);
      }
      words[count].bytes = start;
      words[count].length = (size_t)(write - start);
      count++;
      *write = '\0';
      at++; /* the space */
    }
    if (count > 0) {
      run(words, count);
    }
  }
  free(line);
  fclose(file);
}

int main(int argc, char **argv) {
  word_t words[MOST_WORDS];
  int n;
  if (argc >= 3 && strcmp(argv[1], "batch") == 0) {
    batch(argv[2]);
    return 0;
  }
  if (argc < 2 || argc - 1 > (int)(sizeof words / sizeof words[0])) {
    fail("usage: decode <payload> [json] | body [json] | ack [json] | encode <payload> [key=value ...] | batch <file>");
  }
  for (n = 1; n < argc; n++) {
    words[n - 1].bytes = argv[n];
    words[n - 1].length = strlen(argv[n]);
  }
  run(words, (size_t)(argc - 1));
  return 0;
}
