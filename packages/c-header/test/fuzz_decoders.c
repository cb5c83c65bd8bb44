/*
 * A libFuzzer target for the decoders of iotv1_json.c (test/fuzz.test.ts builds it with
 * -fsanitize=fuzzer,address,undefined): every input goes through every decoder and iotv1_body_code, as the bytes
 * a device receives, without a NUL after them. Besides AddressSanitizer and UndefinedBehaviorSanitizer, what a
 * decoder accepts must hold to its struct's promises: strings NUL-terminated in their buffers, counts within
 * their arrays, flags 0 or 1, numbers within the schema's range, an action iotv1_action_t has. It encodes nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "iotv1_json.h"

/* What fills a struct before decoding, so that a string the decoder claims but never wrote has no NUL. */
#define PATTERN 0x55

/* A broken promise: stop here, so that libFuzzer keeps the input as a crash. */
#define CHECK(condition) \
  do {                   \
    if (!(condition)) {  \
      abort();           \
    }                    \
  } while (0)

#define TERMINATED(buffer) CHECK(memchr((buffer), '\0', sizeof(buffer)) != NULL)
#define FLAG(flag) CHECK((flag) == 0u || (flag) == 1u)
#define WITHIN(value, min, max) CHECK((value) >= (min) && (value) <= (max))

static void device_config_response(const char *json, size_t length) {
  iotv1_device_config_response_t value;
  uint16_t n;
  memset(&value, PATTERN, sizeof value);
  if (iotv1_decode_device_config_response(json, length, &value) != IOTV1_JSON_OK) {
    return;
  }
  CHECK(value.code == 2000);
  TERMINATED(value.request_id);
  CHECK(value.request_id[0] != '\0');
  WITHIN(value.config.revision, 1, INT32_MAX);
  WITHIN(value.config.report_interval_s, 1, 86400);
  CHECK(value.config.feeds_count <= 16u);
  for (n = 0; n < value.config.feeds_count; n++) {
    TERMINATED(value.config.feeds[n]);
  }
  FLAG(value.config.has_max_payload_bytes);
  if (value.config.has_max_payload_bytes) {
    WITHIN(value.config.max_payload_bytes, 256, INT32_MAX);
  }
}

static void device_status_accepted(const char *json, size_t length) {
  iotv1_device_status_accepted_t value;
  memset(&value, PATTERN, sizeof value);
  if (iotv1_decode_device_status_accepted(json, length, &value) != IOTV1_JSON_OK) {
    return;
  }
  CHECK(value.code == 2000);
  TERMINATED(value.request_id);
  FLAG(value.has_config_revision);
  if (value.has_config_revision) {
    WITHIN(value.config_revision, 1, INT32_MAX);
  }
}

static void feed_data_accepted(const char *json, size_t length) {
  iotv1_feed_data_accepted_t value;
  memset(&value, PATTERN, sizeof value);
  if (iotv1_decode_feed_data_accepted(json, length, &value) != IOTV1_JSON_OK) {
    return;
  }
  CHECK(value.code == 2000);
  TERMINATED(value.status);
  TERMINATED(value.message_id);
  TERMINATED(value.request_id);
}

static void feed_data_ack(const char *json, size_t length) {
  iotv1_feed_data_ack_t value;
  iotv1_action_t action;
  memset(&value, PATTERN, sizeof value);
  if (iotv1_decode_feed_data_ack(json, length, &value) != IOTV1_JSON_OK) {
    return;
  }
  TERMINATED(value.message_id);
  TERMINATED(value.status);
  FLAG((unsigned)value.retryable);
  FLAG(value.has_error);
  if (value.has_error) {
    TERMINATED(value.error.type);
    /* error.message has no has_ flag and is left as it was when absent: codec.test.ts holds that apart. */
  }
  action = iotv1_handle_feed_data_ack(&value);
  CHECK((unsigned)action <= (unsigned)IOTV1_ACTION_GIVE_UP);
}

static void http_error_response(const char *json, size_t length) {
  iotv1_http_error_response_t value;
  memset(&value, PATTERN, sizeof value);
  if (iotv1_decode_http_error_response(json, length, &value) != IOTV1_JSON_OK) {
    return;
  }
  TERMINATED(value.error.type);
  TERMINATED(value.error.message);
  TERMINATED(value.request_id);
}

static void body_code(const char *json, size_t length) {
  uint16_t code = 0x5555u;
  int has_code = iotv1_body_code(json, length, &code);
  CHECK(has_code == 0 || has_code == 1);
  CHECK(has_code || code == IOTV1_CODE_NONE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* A copy of exactly `size` bytes: libFuzzer's own buffer is as tight, but this keeps it so for any driver. */
  char *json = malloc(size > 0 ? size : 1u);
  if (json == NULL) {
    return 0;
  }
  if (size > 0) {
    memcpy(json, data, size);
  }
#ifdef IOTV1_FUZZ_TARGET
  IOTV1_FUZZ_TARGET(json, size); /* one decoder per build: the coverage libFuzzer steers by is that decoder's */
#else
  device_config_response(json, size);
  device_status_accepted(json, size);
  feed_data_accepted(json, size);
  feed_data_ack(json, size);
  http_error_response(json, size);
  body_code(json, size);
#endif
  free(json);
  return 0;
}
