/* The message and the endings both transports share (device.h says why they live here). */
#include "device.h"

#include <stdio.h>
#include <time.h>

long encode_message(const char *message_id, char *out, size_t capacity) {
  iotv1_reading_t reading;
  iotv1_feed_data_submission_t submission;
  long length;

  reading.feed = "temperature";
  reading.value.kind = IOTV1_VALUE_NUMBER;
  reading.value.number.units = 215; /* 21.5: units / 10^scale, no floating point */
  reading.value.number.scale = 1;
  reading.value.string = NULL;
  reading.value.boolean = 0;
  reading.unit = "Cel";
  reading.recorded_at = NULL;

  submission.message_id = message_id;
  submission.sent_at = NULL;
  submission.readings_count = 1;
  submission.readings = &reading;

  length = iotv1_encode_feed_data_submission(&submission, out, capacity);
  if (length < 0) {
    printf("stop: the message does not encode (%s)\n", json_result_name((int)length));
    return -1;
  }
  if ((size_t)length >= capacity) {
    printf("stop: the message needs %ld bytes, the buffer holds %lu\n", length + 1, (unsigned long)capacity);
    return -1;
  }
  return length;
}

const char *action_name(iotv1_action_t action) {
  switch (action) {
    case IOTV1_ACTION_SUCCESS:
      return "success";
    case IOTV1_ACTION_RETRY_LATER:
      return "retry_later";
    case IOTV1_ACTION_FIX_REQUEST:
      return "fix_request";
    case IOTV1_ACTION_REAUTHENTICATE:
      return "reauthenticate";
    default:
      return "give_up";
  }
}

const char *json_result_name(int result) {
  switch (result) {
    case IOTV1_JSON_OK:
      return "ok";
    case IOTV1_JSON_TRUNCATED:
      return "truncated";
    case IOTV1_JSON_MALFORMED:
      return "malformed";
    case IOTV1_JSON_TOO_DEEP:
      return "too deep";
    case IOTV1_JSON_WRONG_SIZE:
      return "wrong size";
    case IOTV1_JSON_OUT_OF_RANGE:
      return "out of range";
    case IOTV1_JSON_WRONG_TYPE:
      return "wrong type";
    case IOTV1_JSON_MISSING:
      return "missing member";
    case IOTV1_JSON_NUL_CHARACTER:
      return "NUL character";
    default:
      return "unknown error";
  }
}

int stop(iotv1_action_t action) {
  switch (action) {
    case IOTV1_ACTION_FIX_REQUEST:
      printf("stop: the request must change\n");
      return EXIT_FIX_REQUEST;
    case IOTV1_ACTION_REAUTHENTICATE:
      printf("stop: re-authenticate\n");
      return EXIT_REAUTHENTICATE;
    default:
      printf("stop: giving up\n");
      return EXIT_GAVE_UP;
  }
}

int still_failing(void) {
  printf("stop: still failing after %d attempts\n", MAX_ATTEMPTS);
  return EXIT_STILL_FAILING;
}

void sleep_seconds(long seconds) {
  struct timespec pause;
  pause.tv_sec = seconds;
  pause.tv_nsec = 0;
  nanosleep(&pause, NULL);
}
