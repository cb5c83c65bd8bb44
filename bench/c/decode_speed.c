/*
 * Host throughput of decoding the bodies a device receives (bench/src/firmware-speed.ts builds and runs this):
 *   iotv1        the generated decoders (packages/c-header/src/iotv1_json.c) into their structs;
 *   jsmn         jsmn_parse alone (Debian's libjsmn-dev, header-only, JSMN_STATIC): tokens, nothing read out;
 *   jsmn_extract jsmn_parse, then every member the iotv1 struct holds read out of the tokens by hand, with the
 *                firmware example's jsmn lookup (member() below): strings copied as they are (no unescaping),
 *                integers by strtol (no range checks), into the same structs.
 *
 * usage: decode_speed <most calls> <most milliseconds> <rounds>
 * Each round times every (body, method) pair in turn, in batches of calls, until either bound is reached (after
 * one untimed round, to warm caches and clocks), and prints one JSON object: { "bodies": [ { "name", "bytes", "methods": { <method>: [ { "calls", "seconds" } ] } } ] }.
 * Exits 1 (before timing) if a method cannot read a body.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define JSMN_STATIC
#include <jsmn.h>

#include "iotv1_json.h"

#define MAX_TOKENS 128
#define BATCH 64

/* The 4022 example of spec/openapi.yaml (components.responses.ValidationFailed), details and all. */
static const char http_error_response[] =
  "{\"code\":4022,\"error\":{\"type\":\"validation_failed\",\"message\":\"body does not match the schema\","
  "\"details\":{\"issues\":[{\"pointer\":\"/readings\",\"keyword\":\"minItems\",\"message\":\"must NOT have fewer than 1 items\"}]}},"
  "\"request_id\":\"req_8a9b0c1d\"}";

/* The DeviceConfigResponse example of spec/schemas/device-config.schema.json with its most feeds (16). */
static const char device_config_response[] =
  "{\"code\":2000,\"request_id\":\"req_1b2c3d4e\",\"config\":{\"revision\":7,\"report_interval_s\":60,\"feeds\":["
  "\"temperature\",\"humidity\",\"pressure\",\"door.open\",\"window.open\",\"battery.voltage\",\"battery.pct\",\"rssi\","
  "\"co2_ppm\",\"voc_index\",\"pm2_5\",\"pm10\",\"light.lux\",\"motion\",\"water.leak\",\"supply.voltage\"],"
  "\"max_payload_bytes\":65536}}";

/* The rejected FeedDataAck example of spec/schemas/feed-data-ack.schema.json (the one with an error). */
static const char feed_data_ack[] =
  "{\"message_id\":\"01J9Z3V8Q6W2T5Y7K4M1N0P8R4\",\"status\":\"rejected\",\"retryable\":true,"
  "\"error\":{\"type\":\"rate_limited\",\"message\":\"rate limit exceeded\"}}";

static volatile long sink;

static iotv1_http_error_response_t error_out;
static iotv1_device_config_response_t config_out;
static iotv1_feed_data_ack_t ack_out;
static jsmn_parser parser;
static jsmntok_t tokens[MAX_TOKENS];

/* ---- from apps/firmware-example/src/main.c as commit ee80b0a wrote it (the jsmn member lookup), unchanged ---- */

static int key_is(const char *json, const jsmntok_t *token, const char *key, size_t length) {
  return token->type == JSMN_STRING && (size_t)(token->end - token->start) == length && strncmp(json + token->start, key, length) == 0;
}

/* The top-level member `key` of the body, or NULL (jsmn tokens, no allocation). */
static const jsmntok_t *member(const char *json, const jsmntok_t *tokens, int count, const char *key, size_t length) {
  int i = 1;
  int remaining = count > 0 && tokens[0].type == JSMN_OBJECT ? tokens[0].size : 0;
  for (; remaining > 0 && i + 1 < count; remaining--) {
    int next = i + 2;
    if (key_is(json, &tokens[i], key, length)) {
      return &tokens[i + 1];
    }
    /* skip the value's nested tokens */
    while (next < count && tokens[next].start < tokens[i + 1].end) {
      next++;
    }
    i = next;
  }
  return NULL;
}

/* ---- the rest of the hand-written extraction, in the same style ---- */

/* A member of the object at `object` (a token of `tokens`): member() with that object as its first token. */
static const jsmntok_t *member_of(const char *json, const jsmntok_t *object, int count, const char *key) {
  if (object == NULL || object->type != JSMN_OBJECT) {
    return NULL;
  }
  return member(json, object, count - (int)(object - tokens), key, strlen(key));
}

static int copy_string(const char *json, const jsmntok_t *token, char *buffer, size_t capacity) {
  size_t length;
  if (token == NULL || token->type != JSMN_STRING) {
    return 0;
  }
  length = (size_t)(token->end - token->start);
  if (length >= capacity) {
    return 0;
  }
  memcpy(buffer, json + token->start, length);
  buffer[length] = '\0';
  return 1;
}

static int read_long(const char *json, const jsmntok_t *token, int32_t *value) {
  if (token == NULL || token->type != JSMN_PRIMITIVE) {
    return 0;
  }
  *value = (int32_t)strtol(json + token->start, NULL, 10);
  return 1;
}

static int tokenize(const char *json, size_t length) {
  jsmn_init(&parser);
  return jsmn_parse(&parser, json, length, tokens, MAX_TOKENS);
}

static int extract_http_error_response(const char *json, size_t length) {
  int count = tokenize(json, length);
  const jsmntok_t *error;
  if (count <= 0) {
    return 0;
  }
  error = member_of(json, tokens, count, "error");
  return read_long(json, member_of(json, tokens, count, "code"), &error_out.code) &&
         copy_string(json, member_of(json, error, count, "type"), error_out.error.type, sizeof error_out.error.type) &&
         copy_string(json, member_of(json, error, count, "message"), error_out.error.message, sizeof error_out.error.message) &&
         copy_string(json, member_of(json, tokens, count, "request_id"), error_out.request_id, sizeof error_out.request_id);
}

static int extract_device_config_response(const char *json, size_t length) {
  int count = tokenize(json, length);
  const jsmntok_t *config;
  const jsmntok_t *feeds;
  const jsmntok_t *max;
  int n;
  if (count <= 0) {
    return 0;
  }
  config = member_of(json, tokens, count, "config");
  feeds = member_of(json, config, count, "feeds");
  if (!read_long(json, member_of(json, tokens, count, "code"), &config_out.code) ||
      !copy_string(json, member_of(json, tokens, count, "request_id"), config_out.request_id, sizeof config_out.request_id) ||
      !read_long(json, member_of(json, config, count, "revision"), &config_out.config.revision) ||
      !read_long(json, member_of(json, config, count, "report_interval_s"), &config_out.config.report_interval_s) || feeds == NULL ||
      feeds->type != JSMN_ARRAY || feeds->size > 16) {
    return 0;
  }
  for (n = 0; n < feeds->size; n++) {
    if (!copy_string(json, feeds + 1 + n, config_out.config.feeds[n], sizeof config_out.config.feeds[n])) {
      return 0; /* an item that is not a string (strings have no nested tokens) */
    }
  }
  config_out.config.feeds_count = (uint16_t)feeds->size;
  max = member_of(json, config, count, "max_payload_bytes");
  config_out.config.has_max_payload_bytes = (unsigned char)(max != NULL && read_long(json, max, &config_out.config.max_payload_bytes));
  return 1;
}

static int extract_feed_data_ack(const char *json, size_t length) {
  int count = tokenize(json, length);
  const jsmntok_t *retryable;
  const jsmntok_t *error;
  if (count <= 0) {
    return 0;
  }
  retryable = member_of(json, tokens, count, "retryable");
  if (!copy_string(json, member_of(json, tokens, count, "message_id"), ack_out.message_id, sizeof ack_out.message_id) ||
      !copy_string(json, member_of(json, tokens, count, "status"), ack_out.status, sizeof ack_out.status) || retryable == NULL ||
      retryable->type != JSMN_PRIMITIVE) {
    return 0;
  }
  ack_out.retryable = json[retryable->start] == 't';
  error = member_of(json, tokens, count, "error");
  ack_out.has_error = (unsigned char)(error != NULL);
  if (error != NULL) {
    ack_out.error.message[0] = '\0';
    copy_string(json, member_of(json, error, count, "message"), ack_out.error.message, sizeof ack_out.error.message);
    return copy_string(json, member_of(json, error, count, "type"), ack_out.error.type, sizeof ack_out.error.type);
  }
  return 1;
}

/* ---- the methods: each returns nonzero when it read the body ---- */

static int iotv1_http_error_response(const char *json, size_t length) {
  int ok = iotv1_decode_http_error_response(json, length, &error_out) == IOTV1_JSON_OK;
  sink += error_out.code + error_out.request_id[0];
  return ok;
}

static int iotv1_device_config_response(const char *json, size_t length) {
  int ok = iotv1_decode_device_config_response(json, length, &config_out) == IOTV1_JSON_OK;
  sink += config_out.config.feeds_count + config_out.config.feeds[15][0];
  return ok;
}

static int iotv1_feed_data_ack(const char *json, size_t length) {
  int ok = iotv1_decode_feed_data_ack(json, length, &ack_out) == IOTV1_JSON_OK;
  sink += ack_out.retryable + ack_out.error.type[0];
  return ok;
}

static int jsmn_only(const char *json, size_t length) {
  int count = tokenize(json, length);
  sink += count + tokens[count > 0 ? count - 1 : 0].end;
  return count > 0;
}

static int jsmn_http_error_response(const char *json, size_t length) {
  int ok = extract_http_error_response(json, length);
  sink += error_out.code + error_out.request_id[0];
  return ok;
}

static int jsmn_device_config_response(const char *json, size_t length) {
  int ok = extract_device_config_response(json, length);
  sink += config_out.config.feeds_count + config_out.config.feeds[15][0];
  return ok;
}

static int jsmn_feed_data_ack(const char *json, size_t length) {
  int ok = extract_feed_data_ack(json, length);
  sink += ack_out.retryable + ack_out.error.type[0];
  return ok;
}

typedef int (*method_t)(const char *json, size_t length);

typedef struct body {
  const char *name;
  const char *json;
  size_t length;
  method_t methods[3];
} body_t;

static const char *const method_names[3] = { "iotv1", "jsmn", "jsmn_extract" };

static double now(void) {
  struct timespec time;
  clock_gettime(CLOCK_MONOTONIC, &time);
  return (double)time.tv_sec + (double)time.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  static body_t bodies[3] = {
    { "HttpErrorResponse (the 4022 example, with details)", http_error_response, sizeof http_error_response - 1,
      { iotv1_http_error_response, jsmn_only, jsmn_http_error_response } },
    { "DeviceConfigResponse (16 feeds)", device_config_response, sizeof device_config_response - 1,
      { iotv1_device_config_response, jsmn_only, jsmn_device_config_response } },
    { "FeedDataAck (rejected, with error)", feed_data_ack, sizeof feed_data_ack - 1, { iotv1_feed_data_ack, jsmn_only, jsmn_feed_data_ack } },
  };
  static long calls[3][3][64];
  static double seconds[3][3][64];
  long most_calls;
  double most_seconds;
  int rounds;
  int round;
  int b;
  int m;
  if (argc != 4) {
    fprintf(stderr, "usage: %s <most calls> <most milliseconds> <rounds (1-64)>\n", argv[0]);
    return 2;
  }
  most_calls = strtol(argv[1], NULL, 10);
  most_seconds = strtod(argv[2], NULL) / 1000.0;
  rounds = (int)strtol(argv[3], NULL, 10);
  if (most_calls < 1 || most_seconds <= 0.0 || rounds < 1 || rounds > 64) {
    fprintf(stderr, "%s: calls and milliseconds must be positive, rounds 1-64\n", argv[0]);
    return 2;
  }
  for (b = 0; b < 3; b++) {
    for (m = 0; m < 3; m++) {
      if (!bodies[b].methods[m](bodies[b].json, bodies[b].length)) {
        fprintf(stderr, "%s: %s cannot read %s\n", argv[0], method_names[m], bodies[b].name);
        return 1;
      }
    }
  }
  if (ack_out.retryable != 1 || config_out.config.feeds_count != 16 || error_out.code != 4022) {
    fprintf(stderr, "%s: a body read back wrong\n", argv[0]);
    return 1;
  }
  for (round = -1; round < rounds; round++) {
    for (b = 0; b < 3; b++) {
      for (m = 0; m < 3; m++) {
        const body_t *body = &bodies[b];
        method_t method = body->methods[m];
        long done = 0;
        double start = now();
        double elapsed = 0.0;
        while (done < most_calls && elapsed < most_seconds) {
          int n;
          for (n = 0; n < BATCH && done < most_calls; n++, done++) {
            method(body->json, body->length);
          }
          elapsed = now() - start;
        }
        if (round >= 0) {
          calls[b][m][round] = done;
          seconds[b][m][round] = elapsed;
        }
      }
    }
  }
  printf("{\"bodies\":[");
  for (b = 0; b < 3; b++) {
    printf("%s{\"name\":\"%s\",\"bytes\":%lu,\"methods\":{", b > 0 ? "," : "", bodies[b].name, (unsigned long)bodies[b].length);
    for (m = 0; m < 3; m++) {
      printf("%s\"%s\":[", m > 0 ? "," : "", method_names[m]);
      for (round = 0; round < rounds; round++) {
        printf("%s{\"calls\":%ld,\"seconds\":%.9f}", round > 0 ? "," : "", calls[b][m][round], seconds[b][m][round]);
      }
      printf("]");
    }
    printf("}}");
  }
  printf("]}\n");
  return 0;
}
