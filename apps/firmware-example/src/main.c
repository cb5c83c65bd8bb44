/*
 * A device on the host: submits one feed-data message to an iot/v1 server over HTTPS and acts on the answer
 * through the generated header (never on magic numbers): retries after 4029/5003 honouring Retry-After, stops on
 * 4003, and treats a code it has never seen by its class.
 *
 * usage: firmware-example <base-url> <device-id> <token> <ca-file> <message-id>
 * exit:  0 stored, 2 usage or transport setup, 3 gave up, 4 request must change, 5 re-authenticate,
 *        6 still failing after the last attempt
 *
 * libcurl is the host's HTTPS stack; the response is read into a fixed buffer and tokenized with jsmn (no
 * allocation in this program), as firmware would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#define JSMN_STATIC
#include <jsmn.h>

#include "iotv1.h"

#define MAX_ATTEMPTS 5
#define BODY_CAPACITY 2048
#define MAX_TOKENS 64

typedef struct response {
  char body[BODY_CAPACITY];
  size_t length;
  long retry_after; /* seconds; -1 when the response had no Retry-After */
} response_t;

static size_t on_body(char *data, size_t size, size_t count, void *user) {
  response_t *response = (response_t *)user;
  size_t bytes = size * count;
  size_t room = sizeof response->body - 1 - response->length;
  size_t kept = bytes < room ? bytes : room;
  memcpy(response->body + response->length, data, kept);
  response->length += kept;
  response->body[response->length] = '\0';
  return bytes; /* a longer body is cut, not an error: the code comes first in every iot/v1 body */
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

static const char *action_name(iotv1_action_t action) {
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

static void sleep_seconds(long seconds) {
  struct timespec pause;
  pause.tv_sec = seconds;
  pause.tv_nsec = 0;
  nanosleep(&pause, NULL);
}

int main(int argc, char **argv) {
  static char url[512];
  static char body[256];
  static char authorization[256];
  static response_t response;
  static jsmn_parser parser;
  static jsmntok_t tokens[MAX_TOKENS];
  struct curl_slist *headers = NULL;
  CURL *curl;
  int attempt;

  if (argc != 6) {
    fprintf(stderr, "usage: %s <base-url> <device-id> <token> <ca-file> <message-id>\n", argv[0]);
    return 2;
  }
  snprintf(url, sizeof url, "%s/iot/v1/devices/%s/feed-data", argv[1], argv[2]);
  snprintf(authorization, sizeof authorization, "Authorization: Bearer %s", argv[3]);
  /* The same body, and so the same message_id, on every attempt: a retry can only ever be stored once. */
  snprintf(body, sizeof body, "{\"message_id\":\"%s\",\"readings\":[{\"feed\":\"temperature\",\"value\":21.5,\"unit\":\"Cel\"}]}", argv[5]);

  curl_global_init(CURL_GLOBAL_DEFAULT);
  curl = curl_easy_init();
  if (curl == NULL) {
    return 2;
  }
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, authorization);
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_CAINFO, argv[4]);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);

  for (attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    long http_status = 0;
    int has_code = 0;
    uint16_t code = IOTV1_CODE_NONE;
    int count;
    const jsmntok_t *value;
    iotv1_action_t action;

    response.length = 0;
    response.body[0] = '\0';
    response.retry_after = -1;
    if (curl_easy_perform(curl) == CURLE_OK) {
      curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http_status);
    }
    jsmn_init(&parser);
    count = jsmn_parse(&parser, response.body, response.length, tokens, MAX_TOKENS);
    value = count > 0 ? member(response.body, tokens, count, IOTV1_FIELD_CODE, IOTV1_FIELD_CODE_LEN) : NULL;
    if (value != NULL && value->type == JSMN_PRIMITIVE) {
      long parsed = strtol(response.body + value->start, NULL, 10);
      has_code = parsed > 0 && parsed <= 0xffff;
      code = (uint16_t)(has_code ? parsed : 0);
    }
    action = iotv1_handle_response((uint16_t)http_status, has_code, code);
    printf("attempt %d: HTTP %ld code %u -> %s", attempt, http_status, (unsigned)code, action_name(action));
    if (response.retry_after >= 0) {
      printf(" (Retry-After %ld)", response.retry_after);
    }
    printf("\n");
    fflush(stdout);

    switch (action) {
      case IOTV1_ACTION_SUCCESS:
        value = member(response.body, tokens, count, IOTV1_FIELD_STATUS, IOTV1_FIELD_STATUS_LEN);
        printf("stored: %.*s\n", value == NULL ? 0 : value->end - value->start, value == NULL ? "" : response.body + value->start);
        return 0;
      case IOTV1_ACTION_RETRY_LATER:
        if (attempt < MAX_ATTEMPTS) {
          sleep_seconds(response.retry_after >= 0 ? response.retry_after : (long)attempt);
        }
        break;
      case IOTV1_ACTION_FIX_REQUEST:
        printf("stop: the request must change\n");
        return 4;
      case IOTV1_ACTION_REAUTHENTICATE:
        printf("stop: re-authenticate\n");
        return 5;
      default:
        printf("stop: giving up\n");
        return 3;
    }
  }
  printf("stop: still failing after %d attempts\n", MAX_ATTEMPTS);
  return 6;
}
