/*
 * Feed data over HTTPS: POST the encoded message, read the answer's code with iotv1_body_code, act on it with
 * iotv1_handle_response (retry after 4029/5003 honouring Retry-After, stop on 4003, an unknown code by its class),
 * and read a success body with the generated decoder. libcurl is the host's HTTPS stack; the response goes into a
 * fixed buffer (no allocation in this program), as firmware would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "device.h"

/* Larger than any body of the contract without error.details; a longer body is cut (see on_body). */
#define BODY_CAPACITY 4096
#define MESSAGE_CAPACITY 512

typedef struct response {
  char body[BODY_CAPACITY];
  size_t length;
  long retry_after; /* seconds; -1 when the response had no Retry-After */
} response_t;

static size_t on_body(char *data, size_t size, size_t count, void *user) {
  response_t *response = (response_t *)user;
  size_t bytes = size * count;
  size_t room = sizeof response->body - response->length;
  size_t kept = bytes < room ? bytes : room;
  memcpy(response->body + response->length, data, kept);
  response->length += kept;
  /* A cut body is not an error: it no longer decodes, so it reads as a body without a code and the rule goes by
   * the HTTP status, which every code of the registry has. */
  return bytes;
}

static size_t on_header(char *line, size_t size, size_t count, void *user) {
  response_t *response = (response_t *)user;
  size_t bytes = size * count;
  if (bytes > IOTV1_HEADER_RETRY_AFTER_LEN + 1 && strncasecmp(line, IOTV1_HEADER_RETRY_AFTER, IOTV1_HEADER_RETRY_AFTER_LEN) == 0 &&
      line[IOTV1_HEADER_RETRY_AFTER_LEN] == ':') {
    response->retry_after = strtol(line + IOTV1_HEADER_RETRY_AFTER_LEN + 1, NULL, 10);
  }
  return bytes;
}

/* The success line: the status the generated decoder read from the body. */
static void print_stored(const response_t *response) {
  static iotv1_feed_data_accepted_t accepted;
  int result = iotv1_decode_feed_data_accepted(response->body, response->length, &accepted);
  if (result == IOTV1_JSON_OK) {
    printf("stored: %s\n", accepted.status);
  } else {
    /* The rule already said success (the code is 2000); only the rest of the body is off the contract. */
    printf("stored: (the body does not decode: %s)\n", json_result_name(result));
  }
}

/* Sends the prepared request until the rule says stop; the exit code. */
static int attempts(CURL *curl) {
  static response_t response;
  int attempt;

  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
  for (attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    long http_status = 0;
    uint16_t code = IOTV1_CODE_NONE;
    int has_code;
    iotv1_action_t action;

    response.length = 0;
    response.retry_after = -1;
    if (curl_easy_perform(curl) == CURLE_OK) {
      curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http_status);
    }
    has_code = iotv1_body_code(response.body, response.length, &code);
    action = iotv1_handle_response((uint16_t)http_status, has_code, code);
    printf("attempt %d: HTTP %ld code %u -> %s", attempt, http_status, (unsigned)code, action_name(action));
    if (response.retry_after >= 0) {
      printf(" (Retry-After %ld)", response.retry_after);
    }
    printf("\n");
    fflush(stdout);

    if (action == IOTV1_ACTION_SUCCESS) {
      print_stored(&response);
      return EXIT_STORED;
    }
    if (action != IOTV1_ACTION_RETRY_LATER) {
      return stop(action);
    }
    if (attempt < MAX_ATTEMPTS) {
      sleep_seconds(response.retry_after >= 0 ? response.retry_after : (long)attempt);
    }
  }
  return still_failing();
}

int run_https(const device_args_t *args) {
  static char url[512];
  static char authorization[256];
  static char message[MESSAGE_CAPACITY];
  struct curl_slist *headers = NULL;
  CURL *curl;
  long message_length;
  int result;

  if ((size_t)snprintf(url, sizeof url, "%s/iot/v1/devices/%s/feed-data", args->url, args->device_id) >= sizeof url ||
      (size_t)snprintf(authorization, sizeof authorization, "Authorization: Bearer %s", args->token) >= sizeof authorization) {
    fprintf(stderr, "the URL or the token is too long\n");
    return EXIT_SETUP;
  }
  message_length = encode_message(args->message_id, message, sizeof message);
  if (message_length < 0) {
    return EXIT_FIX_REQUEST;
  }

  curl_global_init(CURL_GLOBAL_DEFAULT);
  curl = curl_easy_init();
  if (curl == NULL) {
    return EXIT_SETUP;
  }
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, authorization);
  curl_easy_setopt(curl, CURLOPT_URL, url);
  if (args->ca_file != NULL) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, args->ca_file);
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, message);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, message_length);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  result = attempts(curl);
  curl_easy_cleanup(curl);
  curl_slist_free_all(headers);
  curl_global_cleanup();
  return result;
}
