/*
 * The conformance vectors on the host: every code vector through the lookups, every answer vector through
 * iotv1_handle_response, every MQTT vector through iotv1_handle_ack where the header has it. Built against any release's iotv1.h / iotv1.c (the vectors use only what every release
 * has). Prints one line per disagreement, naming the vector; the exit status is the number of them, capped.
 */
#include <stdio.h>
#include <string.h>

#include "iotv1.h"
#include "iotv1_conformance.h"

static int disagreements = 0;

static void expect_int(const char *id, const char *what, long got, long wanted) {
  if (got != wanted) {
    disagreements++;
    printf("%s: %s is %ld, the vector says %ld\n", id, what, got, wanted);
  }
}

/* iotv1_action_t's names, in its order. */
static const char *const action_names[] = {"success", "retry_later", "fix_request", "reauthenticate", "give_up"};

static void expect_action(const char *id, iotv1_action_t got, iotv1_action_t wanted) {
  if (got != wanted) {
    disagreements++;
    printf("%s: action is %s, the vector says %s\n", id, action_names[got], action_names[wanted]);
  }
}

static void run_code_vectors(void) {
  size_t i;
  for (i = 0; i < IOTV1_CODE_VECTOR_COUNT; i++) {
    const iotv1_code_vector_t *v = &iotv1_code_vectors[i];
    expect_int(v->id, "category", (long)iotv1_category(v->code), (long)v->category);
    expect_action(v->id, iotv1_action(v->code), v->action);
    expect_int(v->id, "retryable", (long)(iotv1_is_retryable(v->code) != 0), (long)(v->retryable != 0));
    expect_int(v->id, "http status", (long)iotv1_http_status(v->code), (long)v->http_status);
    if (v->http_fallback) {
      expect_int(v->id, "code for its http status", (long)iotv1_code_for_http_status(v->http_status), (long)v->code);
    }
#ifndef IOTV1_NO_STRINGS
    {
      const char *type = iotv1_error_type(v->code);
      if ((type == NULL) != (v->error_type == NULL) || (type != NULL && strcmp(type, v->error_type) != 0)) {
        disagreements++;
        printf("%s: error type is %s, the vector says %s\n", v->id, type == NULL ? "none" : type, v->error_type == NULL ? "none" : v->error_type);
      }
      if (v->error_type != NULL) {
        expect_int(v->id, "code of its error type", (long)iotv1_code_from_error_type(v->error_type, strlen(v->error_type)), (long)v->code);
      }
    }
#endif
  }
}

static void run_answer_vectors(void) {
  size_t i;
  for (i = 0; i < IOTV1_ANSWER_VECTOR_COUNT; i++) {
    const iotv1_answer_vector_t *v = &iotv1_answer_vectors[i];
    expect_action(v->id, iotv1_handle_response(v->http_status, v->has_code, v->code), v->action);
  }
}

/* The MQTT vectors through iotv1_handle_ack; 0 where the header has no ack rule (a release before it, or no strings). */
static unsigned long run_ack_vectors(void) {
#ifdef IOTV1_ACK_RULE
  size_t i;
  for (i = 0; i < IOTV1_ACK_VECTOR_COUNT; i++) {
    const iotv1_ack_vector_t *v = &iotv1_ack_vectors[i];
    size_t status_length = v->status == NULL ? 0u : strlen(v->status);
    size_t type_length = v->error_type == NULL ? 0u : strlen(v->error_type);
    expect_action(v->id, iotv1_handle_ack(v->status, status_length, v->retryable, v->error_type, type_length), v->action);
  }
  return (unsigned long)IOTV1_ACK_VECTOR_COUNT;
#else
  return 0ul;
#endif
}

int main(void) {
  unsigned long acks;
  run_code_vectors();
  run_answer_vectors();
  acks = run_ack_vectors();
  printf("conformance %s: %lu code vectors, %lu answer vectors, %lu ack vectors, %d disagreement(s)\n", IOTV1_CONFORMANCE_VERSION,
         (unsigned long)IOTV1_CODE_VECTOR_COUNT, (unsigned long)IOTV1_ANSWER_VECTOR_COUNT, acks, disagreements);
  return disagreements > 100 ? 100 : disagreements;
}
